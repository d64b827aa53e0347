"""The page of the reader: a QTextBrowser that keeps text at a reading measure of
about 72 characters while diagrams, drawn in the page, break out to the page width.
"""

from __future__ import annotations

import math
from typing import TypeVar

from PySide6.QtCore import QPoint, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QResizeEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextTable,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from longform_desktop.ui.diagram_painter import render_image
from longform_desktop.ui.theme import Typography, current_theme

from . import code_fit
from .highlights import HighlightLayers
from .local_images import LocalImages

# The reading measure, in characters of the body font (the preferences' "line width"):
# a column MEASURE_CHARS * MEASURE_FACTOR alphabet-average characters wide. Measured on
# the bundled deep dives (median characters per line of running text): narrow 54,
# normal about 66, wide 84; the column at "normal" is as wide as before it followed
# the font (534 px at 100% in DejaVu Sans).
LINE_WIDTHS = {"narrow": 60, "normal": 72, "wide": 90}
FormatT = TypeVar("FormatT", QTextBlockFormat, QTextFrameFormat)
MEASURE_CHARS = LINE_WIDTHS["normal"]
MEASURE_FACTOR = 0.88
FRAME_MARGIN = 24
FIGURE_MAX = 1000  # widest a diagram is drawn, in logical pixels at 100% zoom


class ReaderBrowser(QTextBrowser):
    """QTextBrowser that keeps text at a reading measure while figures break out of it.

    Prose, code and tables sit in a centred column about 72 characters wide; reference
    diagrams may use the whole page width, because a five-column diagram squeezed into
    the text column would shrink its labels below legibility. The column is made by
    insetting every top-level block and table (the root frame itself stays wide).
    """

    layout_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setObjectName("reader")
        self.layers = HighlightLayers(self)
        self.diagrams: dict = {}
        self.images = LocalImages()  # the page's own images, only from its folder
        self._zoom = 1.0
        self.typography = Typography()
        self.measure_chars = MEASURE_CHARS
        self._inset: int | None = None
        self._base_margins: dict[tuple[str, int], tuple[float, float]] = {}
        self._code: dict[int, code_fit.CodeBlock] = {}  # by the code table's first position
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(120)
        self._resize_timer.timeout.connect(self.refresh_layout)

    def body_font(self, zoom: float | None = None) -> QFont:
        """The font the page sets its prose in, at ``zoom`` (by default the page's)."""
        font = QFont(self.font())
        if self.typography.family:
            font.setFamilies([self.typography.family])
        font.setPointSizeF(self.typography.size * (self._zoom if zoom is None else zoom))
        return font

    def column_width(self) -> int:
        metrics = QFontMetricsF(self.body_font())
        char_w = metrics.horizontalAdvance("abcdefghijklmnopqrstuvwxyz") / 26
        return int(min(self.page_width(), self.measure_chars * char_w * MEASURE_FACTOR))

    def page_width(self) -> int:
        # A deep dive is always taller than the window: leave room for the vertical
        # scroll bar even before it appears, or the first layout is a bar's width too
        # wide and shows a horizontal scroll bar until the re-layout.
        bar = self.verticalScrollBar()
        reserve = 0 if bar.isVisible() else bar.sizeHint().width()
        return max(200, self.viewport().width() - reserve - 2 * FRAME_MARGIN)

    def figure_width(self) -> int:
        """Diagrams: as wide as the page allows, never narrower than the text column."""
        return max(self.column_width(), min(self.page_width(), int(FIGURE_MAX * self._zoom)))

    def set_zoom(self, zoom: float) -> None:
        self._zoom = zoom

    def reset_measure(self) -> None:
        """Forget what we know of the document's blocks (call after setHtml)."""
        self._inset = None
        self._base_margins.clear()
        self._code.clear()

    def apply_measure(self, force: bool = False) -> None:
        doc = self.document()
        root = doc.rootFrame()
        fmt = root.frameFormat()
        if int(fmt.leftMargin()) != FRAME_MARGIN:
            fmt.setLeftMargin(FRAME_MARGIN)
            fmt.setRightMargin(FRAME_MARGIN)
            fmt.setTopMargin(28)
            fmt.setBottomMargin(48)
            root.setFrameFormat(fmt)
        inset = max(0, (self.page_width() - self.column_width()) // 2)
        if inset == self._inset and not force:
            return
        self._inset = inset
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        it = root.begin()
        while not it.atEnd():
            # Ask for the block first: PySide6 6.12's currentFrame() returns None with a
            # bad reference count when the item is a block, which aborts the interpreter.
            block = it.currentBlock()
            if block.isValid():
                if not _is_figure(block):
                    cursor.setPosition(block.position())
                    cursor.setBlockFormat(
                        self._with_inset(block.blockFormat(), ("block", block.position()), inset)
                    )
            else:
                frame = it.currentFrame()
                frame_inset = inset
                if isinstance(frame, QTextTable):
                    code = self._code_block(frame)
                    if code is not None:
                        frame_inset = self._fit_code(frame, code, cursor)
                frame.setFrameFormat(
                    self._with_inset(
                        frame.frameFormat(), ("frame", frame.firstPosition()), frame_inset
                    )
                )
            it += 1
        cursor.endEditBlock()

    # --- code blocks: never wrapped when they can be fitted (code_fit.py) -------------
    def _code_block(self, table: QTextTable) -> code_fit.CodeBlock | None:
        """The measurements of a code table, or None if ``table`` is not one (remembered:
        a block that had to wrap no longer looks like code)."""
        key = table.firstPosition()
        if key not in self._code:
            if not code_fit.is_code_table(table):
                return None
            self._code[key] = code_fit.measure(table)
        return self._code[key]

    def _fit_code(self, table: QTextTable, code: code_fit.CodeBlock, cursor: QTextCursor) -> int:
        """Give a code table the width its longest line needs, from the text column up to
        the figure width, and fit the code to it; returns the table's side inset."""
        width = self.column_width()
        if code.padded > width:
            width = max(width, min(self.figure_width(), math.ceil(code.padded)))
        code_fit.fit(table, code, width, cursor)
        return max(0, (self.page_width() - width) // 2)

    def _with_inset(self, fmt: FormatT, key: tuple[str, int], inset: int) -> FormatT:
        """``fmt`` (a block or frame format) with ``inset`` added to the side margins it
        had when the document was set."""
        left, right = self._base_margins.setdefault(key, (fmt.leftMargin(), fmt.rightMargin()))
        fmt.setLeftMargin(left + inset)
        fmt.setRightMargin(right + inset)
        return fmt

    def add_diagram_resources(self) -> None:
        width, dpr, theme = self.figure_width(), self.devicePixelRatioF(), current_theme()
        for diagram_id, diagram in self.diagrams.items():
            image = render_image(diagram, width, dpr, theme)
            self.document().addResource(
                QTextDocument.ResourceType.ImageResource, QUrl(f"diagram:{diagram_id}"), image
            )

    def refresh_layout(self) -> None:
        """Re-wrap for a new width, keeping the same words at the top of the view."""
        doc = self.document()
        top = self.cursorForPosition(QPoint(0, 0)).position()
        at_start = self.verticalScrollBar().value() == 0
        if self.diagrams:
            self.add_diagram_resources()
            doc.markContentsDirty(0, doc.characterCount())
        self.apply_measure(force=True)
        self.ensure_laid_out()
        if not at_start:
            self.scroll_to_position(top)
        self.layout_changed.emit()

    def ensure_laid_out(self) -> None:
        """Finish the document layout now (Qt may otherwise finish it lazily), so the
        scroll range and heading positions are final before we scroll anywhere."""
        self.document().size()
        self.verticalScrollBar().setRange(
            0, max(0, int(self.document().size().height()) - self.viewport().height())
        )

    def scroll_to_position(self, position: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(position, self.document().characterCount() - 1))
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect(cursor).top())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._resize_timer.start()

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Diagrams are drawn; an image loads only from the article's folder (see
        local_images.py); nothing else is ever loaded: QTextBrowser's own loader opens any
        path or ``file:`` URL, and an empty answer makes QTextDocument read it itself."""
        name = QUrl(name)
        if getattr(kind, "value", kind) != QTextDocument.ResourceType.ImageResource.value:
            return ""  # a <link rel=stylesheet> or the like: never read
        if name.scheme() == "diagram":
            diagram = self.diagrams.get(name.path())
            if diagram is not None:
                return render_image(
                    diagram, self.figure_width(), self.devicePixelRatioF(), current_theme()
                )
        return self.images.load(name)


def _is_figure(block: QTextBlock) -> bool:
    """A paragraph holding only a diagram image."""
    if block.text() != "\ufffc":
        return False
    fmt = block.begin().fragment().charFormat()
    return fmt.isImageFormat() and fmt.toImageFormat().name().startswith("diagram:")
