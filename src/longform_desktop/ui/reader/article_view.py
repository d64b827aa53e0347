"""The reader: one deep dive in a ReaderBrowser with its find bar.

Signals tell the window about links, scrolling and the heading on screen; the page is
re-rendered (same place kept) for zoom and light/dark changes, and ``document_changed``
tells the highlight layers' owners (search words here, notes later) to mark it again.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QUrl, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from longform_desktop.core.catalog import Article
from longform_desktop.ui.theme import Typography, current_theme, reader_css

from .browser import ReaderBrowser
from .context_menu import ReaderContextMenu
from .find_bar import FindBar
from .highlights import SEARCH, background, term_selections

if TYPE_CHECKING:
    from longform_desktop.core.markdown import RenderedArticle, TocEntry

RELATED_ID = "related-deep-dives"
MIN_ZOOM, MAX_ZOOM = 0.6, 2.4


class ArticleView(QWidget):
    """Shows one article. Signals tell the window about links, scroll and headings."""

    link_activated = Signal(str, str)  # article slug, anchor ("" = top)
    position_changed = Signal(str, float)  # article slug, scroll fraction
    current_heading_changed = Signal(str)  # heading id at the top of the view
    document_changed = Signal()  # the page was (re)built: highlight layers must re-mark

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.article: Article | None = None
        self.rendered: RenderedArticle | None = None
        self.zoom = 1.0
        self.terms: tuple[str, ...] = ()
        self._heading_tops: list[tuple[float, str]] = []
        self.related: tuple[tuple[str, str], ...] = ()
        self._current_heading = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.browser = ReaderBrowser()
        layout.addWidget(self.browser, 1)
        self.find_bar = FindBar(self.browser)
        self.context_menu = ReaderContextMenu(self.browser)  # features add their actions
        layout.addWidget(self.find_bar)
        self.browser.anchorClicked.connect(self._on_anchor)
        self.browser.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self.browser.layout_changed.connect(self._measure_headings)

    # --- showing an article ------------------------------------------------------
    def show_article(
        self,
        article: Article,
        anchor: str = "",
        position: float | None = None,
        terms: tuple[str, ...] = (),
    ) -> None:
        self.article = article
        self.terms = terms
        self.related = ()
        self._render()
        self._set_document()
        self.browser.ensure_laid_out()
        if anchor:
            self.scroll_to_heading(anchor)
        elif position is not None:
            self.set_position(position)
        else:
            self.browser.verticalScrollBar().setValue(0)

    def page_html(self, rendered: RenderedArticle | None = None) -> str:
        """The whole page: the article's header, its body (``rendered``, by default the
        one on screen) and the related deep dives once known. Print uses it too."""
        rendered = rendered or self.rendered
        assert self.article is not None and rendered is not None
        a = self.article
        facts = (a.topic.upper(), a.difficulty, f"{a.read_minutes} min read")
        eyebrow = html.escape(" · ".join(f for f in facts if f))  # a user's note may lack some
        summary = (
            f'<p class="summary">{html.escape(a.summary)}</p>'
            if a.summary and not _opens_with(rendered, a.summary)
            else ""
        )
        # An explicit <body>: Qt applies the stylesheet's ``body`` rule (the prose's font,
        # size and colour) only to a body element the HTML has, never to an implied one.
        return (
            f'<body><p class="eyebrow">{eyebrow}</p><h1>{html.escape(a.title)}</h1>'
            f"{summary}<hr />{rendered.html}{self._related_html()}</body>"
        )

    def _set_document(self) -> None:
        assert self.article is not None
        browser = self.browser
        browser.set_zoom(self.zoom)
        browser.diagrams = {d.id: d for d in self.article.diagrams}
        doc = browser.document()
        # Qt sizes h1-h6 relative to the document's default font, whatever the stylesheet
        # says: the body font as the default makes headings follow the chosen size and zoom.
        doc.setDefaultFont(browser.body_font())
        doc.setDefaultStyleSheet(reader_css(current_theme(), self.zoom, browser.typography))
        browser.add_diagram_resources()
        browser.setHtml(self.page_html())
        browser.reset_measure()
        browser.apply_measure()
        self._measure_headings()
        self.highlight_terms(self.terms)
        self.find_bar.refresh()
        self.document_changed.emit()

    def append_related(self, slug: str, related: list[tuple[str, str]]) -> bool:
        """Add "Related deep dives" at the end once the index has computed them."""
        if self.article is None or slug != self.article.slug or not related or self.related:
            return False
        self.related = tuple(related)
        cursor = QTextCursor(self.browser.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertHtml(self._related_html())
        self.browser.apply_measure(force=True)
        self._measure_headings()
        return True

    def _related_html(self) -> str:
        if not self.related:
            return ""
        links = "".join(
            f'<p class="related">→ <a href="article:{s}">{html.escape(t)}</a></p>'
            for s, t in self.related
        )
        return f'<h2><a name="{RELATED_ID}"></a>Related deep dives</h2>{links}'

    def toc(self) -> tuple[TocEntry, ...]:
        if self.rendered is None:
            return ()
        from longform_desktop.core.markdown import TocEntry

        extra = (TocEntry(2, RELATED_ID, "Related deep dives"),) if self.related else ()
        return self.rendered.toc + extra

    # --- navigation --------------------------------------------------------------
    def scroll_to_heading(self, heading_id: str) -> None:
        self.browser.scrollToAnchor(heading_id)

    def position(self) -> float:
        bar = self.browser.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() else 1.0

    def set_position(self, fraction: float) -> None:
        bar = self.browser.verticalScrollBar()
        bar.setValue(int(fraction * bar.maximum()))

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "article":
            self.link_activated.emit(url.path(), url.fragment())
        elif not url.scheme() and url.fragment():
            self.scroll_to_heading(url.fragment())

    def _measure_headings(self) -> None:
        """Y position of every heading anchor, for the table of contents to follow."""
        doc = self.browser.document()
        layout = doc.documentLayout()
        tops: list[tuple[float, str]] = []
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                names = it.fragment().charFormat().anchorNames()
                if names:
                    tops.append((layout.blockBoundingRect(block).top(), names[0]))
                    break
                it += 1
            block = block.next()
        self._heading_tops = tops
        self._on_scroll()

    def _on_scroll(self, *_: object) -> None:
        if self.article is None:
            return
        bar = self.browser.verticalScrollBar()
        top = bar.value() + 40
        if bar.maximum() and bar.value() >= bar.maximum() - 1:
            # At the very end the last headings can never reach the top of the view;
            # the current one is then the last heading on screen.
            top = bar.value() + self.browser.viewport().height() - 40
        current = ""
        for y, name in self._heading_tops:
            if y > top:
                break
            current = name
        if current != self._current_heading:
            self._current_heading = current
            self.current_heading_changed.emit(current)
        self.position_changed.emit(self.article.slug, self.position())

    def current_heading(self) -> str:
        return self._current_heading

    # --- zoom and highlighting -----------------------------------------------------
    def _render(self) -> None:
        from longform_desktop.core.markdown import (
            render_article,  # Markdown + Pygments: not at start-up
        )

        assert self.article is not None
        self.rendered = render_article(self.article, dark=current_theme().dark)

    def restyle(self) -> None:
        """Re-render in the current light/dark theme, keeping the reading position."""
        self._rebuild(render=True)

    def set_zoom(self, zoom: float) -> None:
        zoom = round(min(MAX_ZOOM, max(MIN_ZOOM, zoom)), 2)
        if zoom == self.zoom:
            return
        self.zoom = zoom
        self._rebuild()

    def set_reading(self, typography: Typography, measure_chars: int) -> None:
        """Apply the reading preferences (font, size, spacing, line width) in place."""
        browser = self.browser
        if (typography, measure_chars) == (browser.typography, browser.measure_chars):
            return
        browser.typography, browser.measure_chars = typography, measure_chars
        self._rebuild()

    def top_position(self) -> int:
        """The document position of the first words on screen."""
        return self.browser.cursorForPosition(QPoint(0, 0)).position()

    def _rebuild(self, render: bool = False) -> None:
        """Set the page again, with the same words at the top of the view: the text is
        the same whatever the style, so its positions are too (a scroll fraction is not:
        headings and code grow and shrink differently from prose)."""
        if self.article is None:
            return
        at_start = self.browser.verticalScrollBar().value() == 0
        top = self.top_position()
        if render:
            self._render()
        self._set_document()
        self.browser.ensure_laid_out()
        if not at_start:
            self.browser.scroll_to_position(top)

    def highlight_terms(self, terms: tuple[str, ...]) -> int:
        """Mark the search words (and their inflections) in the page; returns the count."""
        self.terms = terms
        fmt = background(current_theme().highlight)
        self.browser.layers.set(SEARCH, term_selections(self.browser.document(), terms, fmt))
        return self.browser.layers.count(SEARCH)


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _opens_with(rendered: RenderedArticle, summary: str) -> bool:
    """Whether the body's first words are the summary (a note's summary is its first
    paragraph): then the page does not print it twice."""
    first = rendered.sections[0] if rendered.sections else None
    if first is None or first.id:
        return False
    wanted = _letters(summary.removesuffix("…"))
    return bool(wanted) and _letters(first.text).startswith(wanted)
