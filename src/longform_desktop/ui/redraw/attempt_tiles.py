"""Attempts as thumbnails: a tile per attempt (its picture, its score and date) that opens
it on click and offers export and delete on right-click. Thumbnails are cached by
attempt, last change and theme, so refreshing the panel redraws only what changed."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from longform_desktop.core.drawing import DrawingFormatError, load_drawing
from longform_desktop.storage.drawings import Attempt
from longform_desktop.storage.reviews import parse_utc
from longform_desktop.ui.theme import current_theme

from .compare_marks import rating_name
from .drawing_picture import drawing_image
from .score_chart import score_colour, short_date

THUMB = QSize(96, 64)
_CACHE: OrderedDict[tuple, QImage] = OrderedDict()
_CACHE_SIZE = 200


def thumbnail(attempt: Attempt, size: QSize = THUMB, dpr: float = 1.0) -> QImage:
    """The attempt's picture: its drawing fitted, or its photo for a paper sketch."""
    theme = current_theme()
    scene = attempt.scene if attempt.kind == "canvas" else ""
    key = (attempt.id, attempt.updated, scene, theme.dark, size.width(), size.height(), dpr)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    if attempt.kind == "paper":
        image = _photo_thumbnail(attempt.photo or b"", size, dpr, QColor(theme.background))
    else:
        try:
            image = drawing_image(load_drawing(attempt.scene), size, theme, dpr)
        except DrawingFormatError:
            image = QImage(size * dpr, QImage.Format.Format_ARGB32)
            image.fill(QColor(theme.background))
    _CACHE[key] = image
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return image


def _photo_thumbnail(data: bytes, size: QSize, dpr: float, background: QColor) -> QImage:
    image = QImage(size * dpr, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(dpr)
    image.fill(background)
    photo = QImage.fromData(data)
    if not photo.isNull():
        keep, smooth = (
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        fitted = photo.scaled(size * dpr, keep, smooth)
        fitted.setDevicePixelRatio(dpr)
        painter = QPainter(image)
        x = (size.width() - fitted.width() / dpr) / 2
        y = (size.height() - fitted.height() / dpr) / 2
        painter.drawImage(int(x), int(y), fitted)
        painter.end()
    return image


def tile_words(attempt: Attempt) -> tuple[str, str]:
    """The tile's caption and tooltip."""
    when = parse_utc(attempt.started)
    date = short_date(when)
    minutes = round(attempt.duration_s / 60)
    spent = f" · {minutes} min" if minutes else ""
    if attempt.diagram is None:
        return f"Drawing · {date}", f"Free drawing of {date}. Click to open it."
    paper = "Paper · " if attempt.kind == "paper" else ""
    if attempt.score is None:
        doing = "tick its checklist" if attempt.kind == "paper" else "go on drawing"
        return f"{paper}Unfinished", f"Started {date}{spent}, not scored yet. Click to {doing}."
    rating = rating_name(attempt.score)
    tip = f"{paper}{date}{spent}: scored {attempt.score} ({rating}). Click to compare again."
    return f"{paper}{attempt.score} · {date}", tip


class AttemptTile(QToolButton):
    open_requested = Signal(str)  # attempt id
    export_requested = Signal(str, str)  # attempt id, "png" | "svg" | "json" | "photo"
    delete_requested = Signal(str)

    def __init__(self, attempt: Attempt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attempt = attempt
        self.setObjectName("attemptTile")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setIconSize(THUMB)
        dpr = self.devicePixelRatioF()
        self.setIcon(QIcon(QPixmap.fromImage(thumbnail(attempt, THUMB, dpr))))
        caption, tip = tile_words(attempt)
        self.setText(caption)
        self.setToolTip(tip)
        self.setAccessibleName(f"Attempt: {caption}")
        if attempt.score is not None:
            colour = score_colour(attempt.score).name()
            self.setStyleSheet(f"QToolButton#attemptTile {{ color: {colour}; font-weight: 600; }}")
        self.clicked.connect(lambda: self.open_requested.emit(attempt.id))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def menu(self) -> QMenu:
        menu = QMenu(self)
        aid = self.attempt.id
        menu.addAction("Open").triggered.connect(lambda: self.open_requested.emit(aid))
        menu.addSeparator()
        if self.attempt.kind == "paper":
            save = menu.addAction("Save the Photo…")
            save.triggered.connect(lambda: self.export_requested.emit(aid, "photo"))
        else:
            for kind, text in (("png", "PNG"), ("svg", "SVG"), ("json", "Drawing File (JSON)")):
                action = menu.addAction(f"Export as {text}…")
                action.triggered.connect(lambda _=False, k=kind: self.export_requested.emit(aid, k))
        menu.addSeparator()
        menu.addAction("Delete…").triggered.connect(lambda: self.delete_requested.emit(aid))
        return menu

    def _menu(self, pos: QPoint) -> None:
        menu = self.menu()
        menu.exec(self.mapToGlobal(pos))
        menu.deleteLater()
