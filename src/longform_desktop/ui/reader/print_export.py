"""Print and "Export to PDF…" of the open deep dive.

The page is set again for paper rather than copied from the screen:

- always in the light theme (ink on white: a dark page printed is a black sheet), with
  the reader's font, size and spacing at 100% zoom, code highlighted in the light style;
- laid out for the printer itself (its resolution, its page minus the margins), so text
  keeps its printed metrics; diagrams are drawn by the same painter at about 300 dpi and
  fitted inside one page;
- code keeps its lines: a block shrinks to fit the page width (down to 70%), and only
  lines still too long wrap, with a hanging indent;
- a code block, table or note that fits on one page is not split across two: it starts
  a new page instead; a heading is never the last line of a page; a block longer than a
  page breaks between lines, never through one;
- every page carries the title and "page N of M" in its foot margin.

QtPrintSupport is imported only here, and this module only when the user prints.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPainter,
    QPalette,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextTable,
)
from PySide6.QtPrintSupport import QPrinter

from longform_desktop.ui.diagram_painter import natural_size, render_image
from longform_desktop.ui.theme import LIGHT, reader_css

from . import code_fit
from .local_images import LocalImages

if TYPE_CHECKING:
    from longform_desktop.core.diagram import Diagram

    from .article_view import ArticleView

PAGE_MARGINS_MM = QMarginsF(20, 16, 20, 14)  # left, top, right, bottom
FOOTER_PX = 30  # CSS px at the bottom of each page's text area for the running foot
PRINT_RESOLUTION = 300  # dpi the page is laid out at (text stays vector in a PDF)
DIAGRAM_DPI = 300  # pixels per inch of a printed diagram
CODE_MIN_SCALE = 0.7  # paper cannot scroll: code may shrink a little more than on screen
KEEP_TOGETHER_MAX = 0.9  # blocks taller than this share of a page may be split
HEADING_KEEP_PX = 60  # a heading this close to the foot moves to the next page


@dataclass(frozen=True)
class PrintJob:
    """What one print or export did (shown in the status bar, checked by tests)."""

    pages: int
    path: Path | None = None


def print_document(view: ArticleView, printer: QPrinter) -> QTextDocument:
    """The open article set for ``printer``'s page: light theme, paginated."""
    article = view.article
    if article is None:
        raise ValueError("no deep dive is open")
    body = printer.pageLayout().paintRectPixels(printer.resolution())
    px = printer.resolution() / _screen_dpi()  # device px per CSS px

    doc = _PrintDocument(view)
    doc.documentLayout().setPaintDevice(printer)
    doc.setDefaultFont(view.browser.body_font(1.0))
    doc.setDefaultStyleSheet(reader_css(LIGHT, 1.0, view.browser.typography))
    width_css = body.width() / px
    height_css = (body.height() - FOOTER_PX * px) / px
    for diagram_id, diagram in view.browser.diagrams.items():
        doc.addResource(
            QTextDocument.ResourceType.ImageResource,
            QUrl(f"diagram:{diagram_id}"),
            _diagram_image(diagram, width_css, height_css * 0.85),
        )
    doc.setHtml(view.page_html(view.render_shown(dark=False)))
    root = doc.rootFrame()
    fmt = root.frameFormat()
    fmt.setMargin(0)
    fmt.setBottomMargin(FOOTER_PX)  # CSS px; the layout scales frame margins to the device
    root.setFrameFormat(fmt)
    doc.setPageSize(QSizeF(body.width(), body.height()))
    _fit_code(doc, printer, body.width(), px)
    keep_together(doc)
    return doc


class _PrintDocument(QTextDocument):
    """A document that loads images as the reader does (local_images.py: only regular
    files inside the article's folder, never the network); a plain QTextDocument would
    read any local path an image names, ``/dev/zero`` included."""

    def __init__(self, view: ArticleView) -> None:
        super().__init__()
        self.images = LocalImages()
        if view.article is not None:
            self.images.set_page(view.article.path, view.resource_root(view.article))

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        if getattr(kind, "value", kind) != QTextDocument.ResourceType.ImageResource.value:
            return ""
        return self.images.load(QUrl(name))


def _screen_dpi() -> float:
    """The dpi Qt treats CSS pixels as (images and lengths are scaled from it)."""
    screen = QGuiApplication.primaryScreen()
    return screen.logicalDotsPerInchY() if screen is not None else 96.0


def _diagram_image(diagram: Diagram, max_width: float, max_height: float) -> QImage:
    """The diagram at print resolution, no wider than the text and no taller than most
    of a page (so it never has to be cut)."""
    nat_w, nat_h = natural_size(diagram)
    width = min(max_width, nat_w * 1.35)
    if width * nat_h / nat_w > max_height:
        width = max_height * nat_w / nat_h
    return render_image(diagram, math.floor(width), DIAGRAM_DPI / _screen_dpi(), LIGHT)


def _fit_code(doc: QTextDocument, printer: QPrinter, width: float, px: float) -> None:
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    for frame in _top_level_frames(doc):
        if isinstance(frame, QTextTable) and code_fit.is_code_table(frame):
            code = code_fit.measure(frame, printer)
            code_fit.fit(frame, code, width, cursor, CODE_MIN_SCALE, px)
    cursor.endEditBlock()


def keep_together(doc: QTextDocument) -> int:
    """Start a new page before any table (code, note, data) that would be split although
    it fits on one page, and before any heading left at the foot of a page. Returns the
    number of page breaks added. Works on a paginated document (``setPageSize``)."""
    page_h = doc.pageSize().height()
    layout = doc.documentLayout()
    root_fmt = doc.rootFrame().frameFormat()
    px = _device_px(doc)  # frame margins are in CSS px, the layout in device px
    top_margin, foot_margin = root_fmt.topMargin() * px, root_fmt.bottomMargin() * px
    usable = page_h - top_margin - foot_margin
    added, settled = 0, -1  # items up to ``settled`` are final: a break only moves later ones
    while True:
        items = list(_top_level_items(doc))
        for index, item in enumerate(items):
            if isinstance(item, QTextFrame):
                first, rect = item.firstPosition(), layout.frameBoundingRect(item)
            else:
                first, rect = item.position(), layout.blockBoundingRect(item)
            if first <= settled:
                continue
            page = int(rect.top() // page_h)
            split = page != int((rect.bottom() - 1) // page_h)
            at_page_top = rect.top() - page * page_h <= top_margin + 1
            target: QTextTable | QTextBlock | None = None
            if isinstance(item, QTextTable):
                if split and rect.height() <= usable * KEEP_TOGETHER_MAX:
                    target = item
            elif isinstance(item, QTextBlock) and item.blockFormat().headingLevel():
                room_below = (page + 1) * page_h - foot_margin - rect.bottom()
                if index + 1 < len(items) and (split or room_below < HEADING_KEEP_PX * px):
                    target = item
            if target is not None and not at_page_top:
                _break_before(target)
                added, settled = added + 1, first
                break
        else:
            return added


def _device_px(doc: QTextDocument) -> float:
    device = doc.documentLayout().paintDevice()
    return device.logicalDpiY() / _screen_dpi() if device is not None else 1.0


def _break_before(item: QTextTable | QTextBlock) -> None:
    if isinstance(item, QTextTable):
        fmt = item.format()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        item.setFormat(fmt)
    else:
        cursor = QTextCursor(item)
        block_fmt = item.blockFormat()
        block_fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        cursor.setBlockFormat(block_fmt)


def _top_level_items(doc: QTextDocument) -> Iterator[QTextBlock | QTextFrame]:
    it = doc.rootFrame().begin()
    while not it.atEnd():
        block = it.currentBlock()  # first: see ReaderBrowser.apply_measure
        yield block if block.isValid() else it.currentFrame()
        it += 1


def _top_level_frames(doc: QTextDocument) -> Iterator[QTextFrame]:
    for item in _top_level_items(doc):
        if isinstance(item, QTextFrame):
            yield item


def paint(doc: QTextDocument, device: QPagedPaintDevice, title: str) -> int:
    """Draw ``doc`` page by page on ``device`` (a printer or a PDF writer); returns the
    number of pages."""
    page_h = doc.pageSize().height()
    pages = max(1, doc.pageCount())
    px = _device_px(doc)
    foot_font = QFont(doc.defaultFont())
    foot_font.setPointSizeF(8.5)
    context = QAbstractTextDocumentLayout.PaintContext()
    palette = QPalette(context.palette)
    palette.setColor(QPalette.ColorRole.Text, QColor(LIGHT.text))
    context.palette = palette
    painter = QPainter(device)
    try:
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -page * page_h)
            context.clip = QRectF(0, page * page_h, doc.pageSize().width(), page_h)
            # The layout draws every block the clip touches, whole: clip the painter too,
            # or the first lines of the next page show in this one's foot margin.
            painter.setClipRect(context.clip)
            doc.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(foot_font)
            painter.setPen(QColor(LIGHT.muted))
            band = QRectF(0, page_h - FOOTER_PX * px * 0.6, doc.pageSize().width(), FOOTER_PX * px)
            painter.drawText(band, int(Qt.AlignmentFlag.AlignLeft), title)
            painter.drawText(band, int(Qt.AlignmentFlag.AlignRight), f"page {page + 1} of {pages}")
    finally:
        painter.end()
    return pages


def new_printer() -> QPrinter:
    """A printer with our margins and layout resolution (the print dialog may change
    the margins; the page is laid out for whatever it is left with)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(PRINT_RESOLUTION)
    printer.setPageMargins(PAGE_MARGINS_MM, QPageLayout.Unit.Millimeter)
    return printer


def export_pdf(view: ArticleView, path: Path) -> PrintJob:
    """Write the open article to ``path`` as a PDF."""
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    article = view.article
    assert article is not None
    printer.setDocName(article.title)
    printer.setCreator("Longform Desktop")
    doc = print_document(view, printer)
    return PrintJob(paint(doc, printer, article.title), path)


def print_article(view: ArticleView, printer: QPrinter) -> PrintJob:
    """Print the open article on ``printer`` (as the print dialog set it up)."""
    article = view.article
    assert article is not None
    printer.setDocName(article.title)
    doc = print_document(view, printer)
    return PrintJob(paint(doc, printer, article.title))
