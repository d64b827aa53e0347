"""The reader: one deep dive in a ReaderBrowser with its find bar.

Signals tell the window about links, scrolling and the heading on screen; the page is
re-rendered (same place kept) for zoom and light/dark changes, and ``document_changed``
tells the highlight layers' owners (search words here, notes later) to mark it again.
"""

from __future__ import annotations

import dataclasses
import html
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from longform_desktop.core.catalog import Article, Catalog
from longform_desktop.core.resources import EXTERNAL_SCHEMES, Refusal, resolve_inside
from longform_desktop.core.user_files import is_user_article
from longform_desktop.ui.theme import Typography, current_theme, reader_css

from .browser import ReaderBrowser
from .context_menu import ReaderContextMenu
from .find_bar import FindBar
from .highlights import SEARCH, background, term_selections
from .long_page import MAX_ANCHORS, Part, describe, first_part, limit_anchors

if TYPE_CHECKING:
    from longform_desktop.core.markdown import RenderedArticle, TocEntry
    from longform_desktop.services.library_service import LibraryService

log = logging.getLogger(__name__)

RELATED_ID = "related-deep-dives"
TITLE_MAX = 300  # characters of a title shown on the page (a 2 MB title stalls the layout)
MIN_ZOOM, MAX_ZOOM = 0.6, 2.4


class ArticleView(QWidget):
    """Shows one article. Signals tell the window about links, scroll and headings."""

    link_activated = Signal(str, str)  # article slug, anchor ("" = top)
    position_changed = Signal(str, float)  # article slug, scroll fraction
    current_heading_changed = Signal(str)  # heading id at the top of the view
    document_changed = Signal()  # the page was (re)built: highlight layers must re-mark
    notice = Signal(str)  # a word for the status bar (a link that is not opened...)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.article: Article | None = None
        self.rendered: RenderedArticle | None = None
        self.zoom = 1.0
        self.terms: tuple[str, ...] = ()
        self._heading_tops: list[tuple[float, str]] = []
        self.related: tuple[tuple[str, str], ...] = ()
        self._current_heading = ""
        # Where links to other files find their article, and the user's folder (the root
        # a user file's images must stay in); the window sets both (use_library).
        self.catalog: Catalog | None = None
        self.library_folder: Callable[[], Path | None] = lambda: None
        self.part: Part | None = None  # the part of the body on the page (long_page.py)
        self._show_all = False  # "Show all" pressed for this article
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.long_notice = self._build_long_notice()
        layout.addWidget(self.long_notice)
        self.browser = ReaderBrowser()
        layout.addWidget(self.browser, 1)
        self.find_bar = FindBar(self.browser)
        self.context_menu = ReaderContextMenu(self.browser)  # features add their actions
        layout.addWidget(self.find_bar)
        self.browser.anchorClicked.connect(self._on_anchor)
        self.browser.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self.browser.layout_changed.connect(self._measure_headings)

    def use_library(self, catalog: Catalog, library: LibraryService | None) -> None:
        """Links between files open their article from ``catalog``; a user file's images
        load from inside the folder ``library`` last scanned."""
        self.catalog = catalog
        self.library_folder = lambda: library.scan.folder if library and library.scan else None

    def resource_root(self, article: Article) -> Path:
        """The folder the article's images and links must stay in: the user's folder for
        a user file (the file's own folder when that is unknown), else the content dir
        (bundled deep dives are ``<content>/<section>/<slug>.md``)."""
        if is_user_article(article):
            folder = self.library_folder()
            if folder is not None and _under(article.path, Path(folder)):
                return Path(folder)
            return article.path.parent
        return article.path.parent.parent

    # --- showing an article ------------------------------------------------------
    def show_article(
        self,
        article: Article,
        anchor: str = "",
        position: float | None = None,
        terms: tuple[str, ...] = (),
    ) -> None:
        if self.article is None or article.slug != self.article.slug:
            self._show_all = False
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
            f'<body><p class="eyebrow">{eyebrow}</p><h1>{html.escape(_short(a.title))}</h1>'
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
        browser.images.set_page(self.article.path, self.resource_root(self.article))
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
        return self.rendered.toc[:MAX_ANCHORS] + extra  # the headings that keep an anchor

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
        """A click on a link (the browser opens none itself): ``article:`` and links to
        the folder's Markdown files open in the reader, ``#heading`` scrolls, http(s) and
        mailto go to the system's apps; anything else only gets a word in the status bar."""
        scheme = url.scheme().lower()
        if scheme == "article":
            self.link_activated.emit(url.path(), url.fragment())
        elif scheme in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)
            self.notice.emit(f"Opened {_shown(url)} outside the app")
        elif scheme:
            self.notice.emit(f"{scheme}: links are not opened ({_shown(url)})")
        elif not url.path() and url.fragment():
            self.scroll_to_heading(url.fragment())
        else:
            self._open_local(url)

    def _open_local(self, url: QUrl) -> None:
        """A relative link: the article of the folder it names, if it is one."""
        if self.article is None:
            return
        from .local_images import url_text

        target = resolve_inside(self.article.path, self.resource_root(self.article), url_text(url))
        if isinstance(target, Refusal):
            self.notice.emit(f"Link not opened: {_shown(url)} ({target.reason})")
            return
        article = self._article_at(target.path)
        if article is None:
            self.notice.emit(f"Link not opened: {_shown(url)} is not a deep dive of the library")
        elif article.slug == self.article.slug:
            if target.fragment:
                self.scroll_to_heading(target.fragment)
        else:
            self.link_activated.emit(article.slug, target.fragment)

    def _article_at(self, path: Path) -> Article | None:
        """The catalog's article read from ``path`` (resolved), if any."""
        candidates = [self.article] if self.article else []
        if self.catalog is not None:
            candidates += [a for a in self.catalog.articles if a.path.name == path.name]
        for article in candidates:
            if article is not None and os.path.realpath(article.path) == str(path):
                return article
        return None

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
        assert self.article is not None
        part = first_part(self.article.body)
        self.part = part
        self.rendered = self.render_shown(dark=current_theme().dark)
        self.long_notice.setVisible(part.cut and not (self._show_all and part.whole_allowed))
        if part.cut:
            self.long_text.setText(describe(part))
            self.show_all_button.setVisible(part.whole_allowed)

    def render_shown(self, dark: bool) -> RenderedArticle:
        """The part of the article the page shows (all of it unless it is very long),
        rendered, with heading anchors capped; print renders the same."""
        from longform_desktop.core.markdown import (
            render_article,  # Markdown + Pygments: not at start-up
        )

        assert self.article is not None
        article, part = self.article, self.part
        if part is not None and part.cut and not (self._show_all and part.whole_allowed):
            article = dataclasses.replace(article, body=part.body)
        rendered = render_article(article, dark=dark)
        return dataclasses.replace(rendered, html=limit_anchors(rendered.html))

    def _build_long_notice(self) -> QFrame:
        """The bar over a very long page shown in part, with "Show all"."""
        bar = QFrame()
        bar.setObjectName("longPageNotice")
        row = QHBoxLayout(bar)
        row.setContentsMargins(12, 6, 12, 6)
        self.long_text = QLabel()
        self.long_text.setWordWrap(True)
        self.show_all_button = QPushButton("Show all")
        self.show_all_button.setToolTip("Set the whole page (this may take a while)")
        self.show_all_button.clicked.connect(self.show_all)
        row.addWidget(self.long_text, 1)
        row.addWidget(self.show_all_button)
        bar.hide()
        return bar

    def show_all(self) -> None:
        """The whole of a page shown in part (the user asked: it may take a while)."""
        if self.article is None or self._show_all:
            return
        self._show_all = True
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._rebuild(render=True)
        finally:
            QApplication.restoreOverrideCursor()

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


def _short(text: str) -> str:
    return text if len(text) <= TITLE_MAX else text[: TITLE_MAX - 1] + "…"


def _shown(url: QUrl) -> str:
    return _short(url.toDisplayString())[:120]


def _under(path: Path, folder: Path) -> bool:
    """Whether ``path`` is written under ``folder`` (links not resolved: a file linked in
    from elsewhere is still the folder's)."""
    return os.path.abspath(path).startswith(os.path.join(os.path.abspath(folder), ""))


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
