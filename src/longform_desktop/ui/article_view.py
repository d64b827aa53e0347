"""The reader: one deep dive rendered in a QTextBrowser, with diagrams drawn in the page,
a reading measure of about 70 characters, find-in-page and term highlighting.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRegularExpression, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QKeySequence,
    QShortcut,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.catalog import Article
from .diagram_painter import render_image
from .theme import current_theme, reader_css

if TYPE_CHECKING:
    from ..core.markdown import RenderedArticle, TocEntry

MEASURE_CHARS = 72  # a comfortable line length for long reading
FRAME_MARGIN = 24
RELATED_ID = "related-deep-dives"
FIGURE_MAX = 1000  # widest a diagram is drawn, in logical pixels at 100% zoom
MIN_ZOOM, MAX_ZOOM = 0.6, 2.4


class ReaderBrowser(QTextBrowser):
    """QTextBrowser that keeps text at a reading measure while figures break out of it.

    Prose, code and tables sit in a centred column about 72 characters wide; reference
    diagrams may use the whole page width, because a five-column diagram squeezed into
    the text column would shrink its labels below legibility. The column is made by
    insetting every top-level block and table (the root frame itself stays wide).
    """

    layout_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setObjectName("reader")
        self.diagrams: dict = {}
        self._zoom = 1.0
        self._inset: int | None = None
        self._base_margins: dict[tuple[str, int], tuple[float, float]] = {}
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(120)
        self._resize_timer.timeout.connect(self.refresh_layout)

    def column_width(self) -> int:
        char_w = self.fontMetrics().horizontalAdvance("abcdefghijklmnopqrstuvwxyz") / 26
        return int(min(self.page_width(), MEASURE_CHARS * char_w * 1.12 * self._zoom))

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
                frame.setFrameFormat(
                    self._with_inset(frame.frameFormat(), ("frame", frame.firstPosition()), inset)
                )
            it += 1
        cursor.endEditBlock()

    def _with_inset(self, fmt, key: tuple[str, int], inset: int):
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

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._resize_timer.start()

    def loadResource(self, kind: int, name: QUrl):
        if name.scheme() == "diagram":
            diagram = self.diagrams.get(name.path())
            if diagram is not None:
                return render_image(
                    diagram, self.figure_width(), self.devicePixelRatioF(), current_theme()
                )
        return super().loadResource(kind, name)


def _is_figure(block: QTextBlock) -> bool:
    """A paragraph holding only a diagram image."""
    if block.text() != "\ufffc":
        return False
    fmt = block.begin().fragment().charFormat()
    return fmt.isImageFormat() and fmt.toImageFormat().name().startswith("diagram:")


class FindBar(QWidget):
    """Find in page: Ctrl+F opens it, Enter/F3 next, Shift+Enter/Shift+F3 previous."""

    def __init__(self, browser: QTextBrowser, parent: QWidget | None = None):
        super().__init__(parent)
        self.browser = browser
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel("Find:"))
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find in this deep dive")
        self.edit.setClearButtonEnabled(True)
        layout.addWidget(self.edit, 1)
        self.status = QLabel("")
        self.status.setObjectName("muted")
        layout.addWidget(self.status)
        for text, tip, slot in (
            ("↑", "Previous match (Shift+F3)", self.find_previous),
            ("↓", "Next match (F3)", self.find_next),
            ("✕", "Close (Esc)", self.close_bar),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            layout.addWidget(button)
        self.edit.textChanged.connect(lambda: self.find_next(from_start=True))
        self.edit.returnPressed.connect(self.find_next)
        QShortcut(QKeySequence("Shift+Return"), self.edit, self.find_previous)
        QShortcut(QKeySequence("Escape"), self.edit, self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        selected = self.browser.textCursor().selectedText()
        if selected:
            self.edit.setText(selected)
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.browser.setFocus()

    def find_next(self, from_start: bool = False) -> bool:
        return self._find(backward=False, from_start=from_start)

    def find_previous(self) -> bool:
        return self._find(backward=True)

    def _find(self, backward: bool, from_start: bool = False) -> bool:
        text = self.edit.text()
        if not text:
            self.status.setText("")
            return False
        if not self.isVisible():
            self.show()
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if from_start:
            cursor = self.browser.textCursor()
            cursor.setPosition(cursor.selectionStart())
            self.browser.setTextCursor(cursor)
        found = self.browser.find(text, flags)
        if not found:  # wrap around
            cursor = self.browser.textCursor()
            cursor.movePosition(
                QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            )
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text, flags)
        self.status.setText("" if found else "No matches")
        return found


class ArticleView(QWidget):
    """Shows one article. Signals tell the window about links, scroll and headings."""

    link_activated = Signal(str, str)  # article slug, anchor ("" = top)
    position_changed = Signal(str, float)  # article slug, scroll fraction
    current_heading_changed = Signal(str)  # heading id at the top of the view

    def __init__(self, parent: QWidget | None = None):
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
        self.highlight_terms(terms)

    def _page_html(self) -> str:
        assert self.article is not None and self.rendered is not None
        a = self.article
        eyebrow = f"{html.escape(a.topic.upper())} · {a.difficulty} · {a.read_minutes} min read"
        return (
            f'<p class="eyebrow">{eyebrow}</p><h1>{html.escape(a.title)}</h1>'
            f'<p class="summary">{html.escape(a.summary)}</p><hr />{self.rendered.html}'
            f"{self._related_html()}"
        )

    def _set_document(self) -> None:
        assert self.article is not None
        browser = self.browser
        browser.set_zoom(self.zoom)
        browser.diagrams = {d.id: d for d in self.article.diagrams}
        doc = browser.document()
        doc.setDefaultStyleSheet(reader_css(current_theme(), self.zoom))
        browser.add_diagram_resources()
        browser.setHtml(self._page_html())
        browser.reset_measure()
        browser.apply_measure()
        self._measure_headings()

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
        from ..core.markdown import TocEntry

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
        from ..core.markdown import render_markdown  # Markdown + Pygments: not at start-up

        assert self.article is not None
        self.rendered = render_markdown(
            self.article.body,
            {d.id: d for d in self.article.diagrams},
            dark=current_theme().dark,
        )

    def restyle(self) -> None:
        """Re-render in the current light/dark theme, keeping the reading position."""
        if self.article is not None:
            fraction = self.position()
            self._render()
            self._set_document()
            self.set_position(fraction)
            self.highlight_terms(self.terms)

    def set_zoom(self, zoom: float) -> None:
        zoom = round(min(MAX_ZOOM, max(MIN_ZOOM, zoom)), 2)
        if zoom == self.zoom:
            return
        self.zoom = zoom
        if self.article is not None:
            fraction = self.position()
            self._set_document()
            self.set_position(fraction)
            self.highlight_terms(self.terms)

    def highlight_terms(self, terms: tuple[str, ...]) -> int:
        """Mark the search words (and their inflections) in the page; returns the count."""
        self.terms = terms
        selections = []
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(current_theme().highlight))
        doc = self.browser.document()
        for term in terms:
            stem = _stem_prefix(term)
            if not stem:
                continue
            pattern = QRegularExpression(
                rf"\b{re.escape(stem)}\w*", QRegularExpression.PatternOption.CaseInsensitiveOption
            )
            cursor = doc.find(pattern, 0)
            while not cursor.isNull() and len(selections) < 2000:
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = fmt
                selections.append(selection)
                cursor = doc.find(pattern, cursor)
        self.browser.setExtraSelections(selections)
        return len(selections)


def _stem_prefix(term: str) -> str:
    """A prefix that matches the word's inflections ("retries" -> "retri" ~ "retry")."""
    term = term.strip().lower()
    if len(term) <= 4:
        return term
    for suffix in ("ies", "ing", "ed", "es", "s"):
        if term.endswith(suffix) and len(term) - len(suffix) >= 4:
            term = term[: -len(suffix)]
            break
    return term[:-1] if term.endswith("y") and len(term) > 4 else term
