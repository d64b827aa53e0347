"""A drawing as a picture, drawn by the canvas's own scene (so it looks exactly like the
canvas, marks included) without the canvas's grid, toolbar or scroll bars: the attempt
in the compare view, the thumbnails of the Redraws panel, and PNG/SVG exports of stored
attempts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from longform_desktop.core.drawing import Drawing
from longform_desktop.ui.theme import Theme, current_theme

from . import export
from .document import DrawingDocument
from .scene import DrawingScene

MAX_SCALE = 1.0  # a drawing is never shown larger than it was drawn


def scene_for(drawing: Drawing, theme: Theme | None = None) -> DrawingScene:
    """An offscreen scene showing ``drawing`` (read-only) in ``theme``."""
    document = DrawingDocument(drawing)
    scene = DrawingScene(document, document)  # the scene keeps its document alive
    scene.set_read_only(True)
    scene.set_theme(theme or current_theme())
    return scene


def drawing_image(
    drawing: Drawing, size: QSize, theme: Theme | None = None, device_pixel_ratio: float = 1.0
) -> QImage:
    """The whole drawing fitted into ``size`` (a thumbnail)."""
    return export.render_image(scene_for(drawing, theme), size, device_pixel_ratio)


def write_picture(drawing: Drawing, path: str | Path, kind: str) -> Path:
    """A stored drawing as a PNG or SVG file, in the current theme."""
    scene = scene_for(drawing)
    if kind == "svg":
        return export.write_svg(scene, path, drawing.diagram or "Drawing")
    return export.write_png(scene, path)


class DrawingPicture(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene: DrawingScene | None = None
        self.setMinimumSize(180, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Your drawing with marks")

    def set_drawing(self, drawing: Drawing, marks: dict[str, str] | None = None) -> None:
        if self.scene is not None:
            self.scene.document.deleteLater()
        self.scene = scene_for(drawing)
        self.scene.set_marks(marks or {})
        self.update()

    def set_marks(self, marks: dict[str, str]) -> None:
        if self.scene is not None:
            self.scene.set_marks(marks)
            self.update()

    def source_rect(self) -> QRectF:
        return export.drawing_rect(self.scene) if self.scene is not None else QRectF()

    def target_rect(self) -> QRectF:
        """Where the drawing lands in the widget: fitted, centred, never enlarged."""
        source = self.source_rect()
        if source.isEmpty():
            return QRectF()
        scale = min(self.width() / source.width(), self.height() / source.height(), MAX_SCALE)
        w, h = source.width() * scale, source.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        theme = current_theme()
        if self.scene is not None and self.scene.colours.theme != theme:
            self.scene.set_theme(theme)
        painter.fillRect(self.rect(), QColor(theme.background))
        if self.scene is not None:
            painter.setRenderHints(
                QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
            )
            self.scene.render(
                painter, self.target_rect(), self.source_rect(), Qt.AspectRatioMode.KeepAspectRatio
            )
        painter.end()
