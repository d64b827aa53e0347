"""Which reference diagram the reader is looking at: the one most on screen, else the
next one below, else the article's first (for the "Redraw a diagram" shortcut)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QTextBrowser

if TYPE_CHECKING:
    from longform_desktop.core.catalog import Article

PREFIX = "diagram:"


def diagram_rects(browser: QTextBrowser) -> list[tuple[str, QRectF]]:
    """Every diagram figure of the page with its rectangle in document coordinates."""
    doc = browser.document()
    layout = doc.documentLayout()
    found = []
    block = doc.begin()
    while block.isValid():
        if block.text() == "\ufffc":
            fmt = block.begin().fragment().charFormat()
            if fmt.isImageFormat() and fmt.toImageFormat().name().startswith(PREFIX):
                name = fmt.toImageFormat().name().removeprefix(PREFIX)
                found.append((name, layout.blockBoundingRect(block)))
        block = block.next()
    return found


def diagram_in_view(browser: QTextBrowser, article: Article) -> str | None:
    known = [d.id for d in article.diagrams]
    if not known:
        return None
    top = browser.verticalScrollBar().value()
    view = QRectF(0, top, browser.viewport().width(), browser.viewport().height())
    figures = [(name, rect) for name, rect in diagram_rects(browser) if name in known]
    shown = [(rect.intersected(view).height(), name) for name, rect in figures]
    best = max(shown, default=(0.0, ""))
    if best[0] > 0:
        return best[1]
    below = [name for name, rect in figures if rect.top() >= top]
    return below[0] if below else known[0]
