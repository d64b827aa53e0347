"""The user's highlights in the reader's page, on its ``NOTES`` highlight layer.

Highlights are extra selections, not character formats: they leave the document as it
was rendered (code colours, links, the search and find layers keep working), cost no
undo history, and re-marking after a zoom, a theme switch or a re-open is one
``setExtraSelections`` over cursors we already know (see docs/notes-ui.md for the
measurement). The layer re-marks after every ``document_changed`` and every committed
change to the article's notes; it also maps the reader's selection to an anchor, shows a
note when its highlight is hovered, and says when one is clicked.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QToolTip

from longform_desktop.core.inert_markdown import inert_markdown
from longform_desktop.services.events import NOTES, AppEvents
from longform_desktop.services.note_places import MOVED, PageAnchors, Placed, Placement
from longform_desktop.ui.reader.highlights import NOTES as NOTES_LAYER
from longform_desktop.ui.reader.highlights import selection
from longform_desktop.ui.theme import current_theme

from . import palette
from .note_card import short_date

if TYPE_CHECKING:
    from longform_desktop.core.anchors import Anchor
    from longform_desktop.services.notes_service import NotesService
    from longform_desktop.ui.reader.article_view import ArticleView

FLASH_MS = 170  # one blink of a passage the panel scrolled to
FLASH_BLINKS = 6  # on/off steps


class NotesLayer(QObject):
    placement_changed = Signal(object)  # Placement of the article shown (or None)
    note_clicked = Signal(str)  # note id: its highlight was clicked

    def __init__(
        self,
        view: ArticleView,
        service: NotesService,
        events: AppEvents,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view, self.service = view, service
        self.browser = view.browser
        self.page: PageAnchors | None = None
        self.placement: Placement | None = None
        self._generation = 0
        self._painted: tuple = ()
        self._flash_id = ""
        self._flash_left = 0
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self._blink)
        view.document_changed.connect(self._on_document)
        events.user_data_changed.connect(self._on_user_data)
        self.browser.viewport().installEventFilter(self)

    @property
    def slug(self) -> str:
        return self.view.article.slug if self.view.article is not None else ""

    # --- following the page and the notes --------------------------------------------
    def _on_document(self) -> None:
        article, rendered = self.view.article, self.view.rendered
        if article is None or rendered is None:
            return
        text = self.browser.toPlainText()
        if self.page is not None and self.page.same_page(article.slug, text):
            self._painted = ()  # the cursors belong to the old document: paint again
            self.refresh()
            return
        self.page, self._painted = None, ()
        self.browser.layers.clear(NOTES_LAYER)
        notes = self.service.notes(article.slug)
        # No notes: nothing to wait for (the page's anchors are still made on the worker,
        # for the first selection). Otherwise the panel empties until they are placed.
        self.placement = Placement(article.slug) if not notes else None
        self.placement_changed.emit(self.placement)
        self._generation += 1
        generation = self._generation
        self.service.prepare_page(
            article.slug,
            rendered.html,
            text,
            lambda page: self._on_page(page, generation),
            notes,
        )

    def _on_page(self, page: PageAnchors, generation: int) -> None:
        if generation != self._generation or page.slug != self.slug:
            return  # a newer page was opened meanwhile
        self.page = page
        self.refresh()

    def _on_user_data(self, kind: str, key: str, initiator: object) -> None:
        if kind == NOTES and (key in ("", self.slug)) and self.page is not None:
            self.refresh()

    def ensure_page(self) -> PageAnchors | None:
        """The page's anchors now (built here if the worker has not answered yet)."""
        article, rendered = self.view.article, self.view.rendered
        if self.page is None and article is not None and rendered is not None:
            self._generation += 1  # the worker's answer is no longer needed
            self.page = PageAnchors(article.slug, rendered.html, self.browser.toPlainText())
        return self.page

    def refresh(self) -> None:
        """Place the article's notes (the session's queued writes included) and mark them."""
        page = self.ensure_page()
        if page is None:
            return
        self.placement = page.place(self.service.notes(page.slug))
        self.paint()
        self.placement_changed.emit(self.placement)

    def paint(self) -> None:
        placement = self.placement
        if placement is None:
            self.browser.layers.clear(NOTES_LAYER)
            return
        theme = current_theme()
        shown = placement.on_page
        key: tuple = tuple((p.note.id, p.start, p.end, p.note.color, p.status) for p in shown)
        key += (theme.dark, self._flash_id if self._flash_left % 2 else "")
        if key == self._painted:
            return
        self._painted = key
        doc = self.browser.document()
        selections = []
        for placed in shown:
            cursor = QTextCursor(doc)
            cursor.setPosition(placed.start or 0)
            cursor.setPosition(placed.end or 0, QTextCursor.MoveMode.KeepAnchor)
            flashing = placed.note.id == self._flash_id and self._flash_left % 2 == 1
            selections.append(selection(cursor, self._format(placed, theme.dark, flashing)))
        self.browser.layers.set(NOTES_LAYER, selections)

    def _format(self, placed: Placed, dark: bool, flashing: bool) -> QTextCharFormat:
        fmt = QTextCharFormat()
        background = palette.page_color(placed.note.color, current_theme())
        if flashing:
            strong = QColor(palette.swatch(placed.note.color))
            strong.setAlpha(150 if dark else 120)
            fmt.setBackground(strong)
        elif background is not None:
            fmt.setBackground(QColor(background))
        fmt.setUnderlineColor(QColor(palette.swatch(placed.note.color)))
        # A moved passage (found by the fuzzy step) is dashed: "look at me".
        moved = placed.status == MOVED
        style = QTextCharFormat.UnderlineStyle
        fmt.setUnderlineStyle(style.DashUnderline if moved else style.SingleUnderline)
        return fmt

    # --- selection, scrolling, flashing --------------------------------------------
    def selection_span(self) -> tuple[int, int] | None:
        cursor = self.browser.textCursor()
        if not cursor.hasSelection():
            return None
        return cursor.selectionStart(), cursor.selectionEnd()

    def anchor_for_selection(self) -> Anchor:
        """The anchor of the reader's selection; ValueError if there is none to anchor."""
        span = self.selection_span()
        page = self.ensure_page()
        if span is None or page is None:
            raise ValueError("select a passage of the article first")
        return page.anchor(*span)

    def clear_selection(self) -> None:
        cursor = self.browser.textCursor()
        cursor.clearSelection()
        self.browser.setTextCursor(cursor)

    def scroll_to(self, note_id: str) -> bool:
        """Bring the note's passage to the upper third of the view and blink it."""
        placed = self.placement.find(note_id) if self.placement else None
        if placed is None or not placed.on_page:
            return False
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(placed.start or 0)
        self.browser.ensure_laid_out()
        bar = self.browser.verticalScrollBar()
        top = self.browser.cursorRect(cursor).top()
        bar.setValue(bar.value() + top - self.browser.viewport().height() // 3)
        self.flash(note_id)
        return True

    def flash(self, note_id: str) -> None:
        self._flash_id, self._flash_left = note_id, FLASH_BLINKS
        self._blink()
        self._flash_timer.start()

    @property
    def flashing(self) -> str:
        return self._flash_id if self._flash_left > 0 else ""

    def _blink(self) -> None:
        self._flash_left -= 1
        if self._flash_left <= 0:
            self._flash_left = 0
            self._flash_timer.stop()
            self._flash_id = ""
        self.paint()

    # --- hover and click -------------------------------------------------------------
    def notes_at(self, pos: QPoint) -> list[Placed]:
        """Highlights under ``pos`` (viewport coordinates), innermost first."""
        if self.placement is None:
            return []
        offset = QPoint(
            self.browser.horizontalScrollBar().value(), self.browser.verticalScrollBar().value()
        )
        layout = self.browser.document().documentLayout()
        exact = layout.hitTest(pos + offset, Qt.HitTestAccuracy.ExactHit)
        if exact < 0:
            return []
        # ExactHit gives the nearest character boundary: the character under the mouse
        # starts there or ends there.
        return self.placement.at(exact) or self.placement.at(exact - 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hits = self.notes_at(event.pos())
            if hits:
                QToolTip.showText(event.globalPos(), tooltip_html(hits[0]), self.browser)
                return True
        elif (
            kind == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and self.selection_span() is None
        ):
            hits = self.notes_at(event.position().toPoint())
            if hits:
                self.note_clicked.emit(hits[0].note.id)
        return False


def tooltip_html(placed: Placed) -> str:
    """What hovering a highlight shows: its colour, date and the note (Markdown)."""
    from PySide6.QtGui import QTextDocument

    note = placed.note
    head = f"<b>{html.escape(palette.label(note.color))}</b> · {short_date(note.updated)}"
    if placed.status == MOVED:
        head += " · <i>the passage has changed</i>"
    if not note.body.strip():
        return f"{head}<br/><i>No note yet: click to write one in the Notes panel.</i>"
    doc = QTextDocument()
    doc.setMarkdown(inert_markdown(note.body))  # images never loaded, no raw HTML
    return f"{head}<hr/>{doc.toHtml()}"
