"""The Notes tab beside the article: the open article's notes in document order.

Groups, as the Markdown export has them: notes on the whole article, then one group per
section holding passages (document order), then "Passage no longer in the article"
(detached notes, each with "Re-attach to selection"). The panel says what the user
wants (signals); the room asks the notes service to do it. Cards are kept by note id and
updated in place, so an autosave that comes back never disturbs the editor being typed
in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from longform_desktop.services.note_places import DETACHED, Placed, Placement
from longform_desktop.ui.theme import Theme, current_theme

from . import palette
from .note_card import NoteCard

if TYPE_CHECKING:
    from longform_desktop.core.article_text import ArticleText

    from .note_editor import NoteEditor

WHOLE_ARTICLE = "About the whole article"
DETACHED_TITLE = "Passage no longer in the article"
BUILD_CHUNK = 24  # cards made per turn of the event loop
EMPTY_TEXT = (
    "No notes on this deep dive yet.\n\nSelect a passage and pick a colour from the "
    "toolbar by the selection (or Ctrl+1…4) to highlight it; “✎ Note” adds a note to it. "
    "“+ Note” here writes a note on the whole article."
)


class NotesPanel(QWidget):
    note_activated = Signal(str)  # show the note's passage in the page
    save_requested = Signal(str, str)  # note id, body
    delete_requested = Signal(str)
    reattach_requested = Signal(str)
    article_note_requested = Signal()
    editing_done = Signal(str)  # note id: its editor was closed (Esc, Done)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPanel")
        self.placement: Placement | None = None
        self.cards: dict[str, NoteCard] = {}
        self.selected = ""
        self._order: list[str] = []
        self._titles: list[str] = []
        self._headings: list[QLabel] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        header = QHBoxLayout()
        header.setContentsMargins(12, 8, 8, 6)
        self.title = QLabel("Notes")
        self.title.setObjectName("notesTitle")
        header.addWidget(self.title, 1)
        self.add_button = QPushButton("+ Note")
        self.add_button.setToolTip("Write a note on the whole article")
        self.add_button.setAccessibleName("Write a note on the whole article")
        self.add_button.clicked.connect(lambda: self.article_note_requested.emit())
        header.addWidget(self.add_button)
        outer.addLayout(header)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll_area, 1)
        self._text: ArticleText | None = None
        self._stale = False
        self._generation = 0
        self._placed: dict[str, Placed] = {}
        self._new_page()
        self.restyle()

    def _new_page(self) -> None:
        """A fresh list widget (the old one, with its cards, is deleted by the scroll area)."""
        self.page = QWidget()
        self.page.setObjectName("notesPage")
        self.list = QVBoxLayout(self.page)
        self.list.setContentsMargins(10, 4, 10, 12)
        self.list.setSpacing(8)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("empty")
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.list.addWidget(self.empty)
        self.list.addStretch(1)
        self.cards, self._headings, self._order = {}, [], []
        self._queue: list[tuple[str, str]] = []  # ("heading", title) / ("card", note id)

    # --- showing an article's notes -------------------------------------------------
    def show_placement(self, placement: Placement | None, text: ArticleText | None) -> None:
        """Show an article's notes; while the panel is hidden they are only kept, and
        the cards are made when it is shown."""
        self.placement, self._text = placement, text
        count = len(placement.placed) if placement is not None else 0
        self.title.setText(f"Notes · {count}" if count else "Notes")
        if self.isVisible():
            self._apply()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._apply()

    def _apply(self) -> None:
        self._stale = False
        placement = self.placement
        placed = placement.placed if placement is not None else []
        theme = current_theme()
        groups = _groups(placed, self._text)
        self._placed = {p.note.id: p for p in placed}
        order = [p.note.id for _, members in groups for p in members]
        titles = [title for title, _ in groups]
        if order == self._order and titles == self._titles:
            for p in placed:  # cards still queued are made from self._placed
                card = self.cards.get(p.note.id)
                if card is not None:
                    card.set_placed(p, theme)
        else:
            self._rebuild(groups, theme)
            self._order, self._titles = order, titles
        self.empty.setVisible(placement is not None and not placed)
        if self.selected not in self.cards:
            self.selected = ""

    def _rebuild(self, groups: list[tuple[str, list[Placed]]], theme: Theme) -> None:
        keep = {p.note.id for _, members in groups for p in members}
        for note_id, card in self.cards.items():
            if note_id not in keep:
                card.save_now()
        old = self.cards
        if not keep & old.keys():
            # Nothing to keep (another article): build the new list off screen and swap
            # it in, one show instead of one per card.
            self._new_page()
        else:
            while self.list.count():
                item = self.list.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None and widget is not self.empty and widget not in old.values():
                    widget.deleteLater()
            for note_id in [i for i in old if i not in keep]:
                card = old.pop(note_id)
                card.hide()
                card.deleteLater()
            self._headings = []
            self.list.addWidget(self.empty)
            self.list.addStretch(1)
        self._generation += 1
        self._queue = []
        for title, members in groups:
            self._queue.append(("heading", title))
            self._queue.extend(("card", p.note.id) for p in members)
        self._build_more(self._generation)
        if self.scroll_area.widget() is not self.page:
            self.scroll_area.setWidget(self.page)

    def _build_more(self, generation: int) -> None:
        """Add the next cards; the rest follow on later turns of the event loop, so an
        article with hundreds of notes opens at once and the panel fills in."""
        if generation != self._generation:
            return
        chunk, self._queue = self._queue[:BUILD_CHUNK], self._queue[BUILD_CHUNK:]
        theme = current_theme()
        for kind, value in chunk:
            widget: QWidget
            if kind == "heading":
                heading = QLabel(value, self.page)
                heading.setObjectName("notesGroup")
                heading.setWordWrap(True)
                self._headings.append(heading)
                widget = heading
            else:
                placed = self._placed[value]
                card = self.cards.get(value)
                if card is None:
                    card = self._make_card(placed, theme)
                else:
                    card.set_placed(placed, theme)
                widget = card
            self.list.insertWidget(self.list.count() - 1, widget)  # before the stretch
        if self._queue:
            QTimer.singleShot(0, self, lambda: self._build_more(generation))

    def finish_building(self) -> None:
        """Make every card now (before selecting or editing one)."""
        while self._queue:
            self._build_more(self._generation)

    def _make_card(self, placed: Placed, theme: Theme) -> NoteCard:
        card = NoteCard(placed, theme, self.page)
        card.activated.connect(self._on_activated)
        card.edit_requested.connect(self._toggle_editing)
        card.delete_requested.connect(self.delete_requested)
        card.reattach_requested.connect(self.reattach_requested)
        card.save_requested.connect(self.save_requested)
        card.editing_finished.connect(self.stop_editing)
        self.cards[placed.note.id] = card
        return card

    # --- selection and editing --------------------------------------------------------
    def _on_activated(self, note_id: str) -> None:
        self.select(note_id)
        self.note_activated.emit(note_id)

    def select(self, note_id: str) -> bool:
        """Mark the note's card (showing its buttons) and scroll the panel to it."""
        if self._stale and self.isVisible():
            self._apply()
        self.finish_building()
        for other_id in {self.selected, note_id}:
            other = self.cards.get(other_id)
            if other is not None:
                other.setProperty("selected", other_id == note_id)
                other.style().unpolish(other)
                other.style().polish(other)
        card = self.cards.get(note_id)
        self.selected = note_id if card is not None else ""
        if card is not None:
            card.show_buttons()
            QTimer.singleShot(0, lambda: self._reveal(note_id))
        return card is not None

    def _reveal(self, note_id: str) -> None:
        card = self.cards.get(note_id)
        if card is not None:
            self.scroll_area.ensureWidgetVisible(card, 0, 24)

    def _toggle_editing(self, note_id: str) -> None:
        card = self.cards.get(note_id)
        if card is not None and card.editing:
            self.stop_editing(note_id)
        else:
            self.edit(note_id)

    def edit(self, note_id: str) -> NoteEditor | None:
        self.finish_building()
        card = self.cards.get(note_id)
        if card is None:
            return None
        self.select(note_id)
        return card.start_editing()

    def stop_editing(self, note_id: str) -> None:
        card = self.cards.get(note_id)
        if card is not None:
            card.stop_editing()
            card.setFocus()
            self.editing_done.emit(note_id)

    def editor(self, note_id: str) -> NoteEditor | None:
        card = self.cards.get(note_id)
        return card.editor if card is not None else None

    def save_editors(self) -> None:
        """Hand every open editor's text on for saving (focus change, closing)."""
        for card in self.cards.values():
            card.save_now()

    # --- theme ----------------------------------------------------------------------
    def restyle(self) -> None:
        theme = current_theme()
        rules = [
            f"#notesPanel, #notesPage {{ background: {theme.background}; }}",
            f"#notesTitle {{ font-size: 12pt; font-weight: 650; color: {theme.text}; }}",
            f"#notesGroup {{ color: {theme.muted}; font-size: 9pt; font-weight: 700; "
            "letter-spacing: 1px; padding-top: 6px; }",
            f"#noteCard {{ background: {theme.surface}; border: 1px solid {theme.border}; "
            f"border-left: 4px solid {palette.NO_COLOR}; border-radius: 6px; }}",
            f'#noteCard[selected="true"] {{ border: 1px solid {theme.accent}; }}',
            f"#noteQuote {{ color: {theme.text}; font-style: italic; }}",
            f"#noteBody {{ color: {theme.text}; }}",
            f"#noteButton {{ color: {theme.accent}; font-size: 9pt; }}",
        ]
        for color in palette.COLORS:
            edge = palette.swatch(color)
            rules.append(f'#noteCard[color="{color}"] {{ border-left: 4px solid {edge}; }}')
        rules.append(f'#noteCard[status="{DETACHED}"] {{ border-style: dashed; }}')
        self.setStyleSheet("\n".join(rules))
        if self.placement is not None:
            for p in self.placement.placed:
                card = self.cards.get(p.note.id)
                if card is not None:
                    card.set_placed(p, theme)


def _groups(placed: list[Placed], text: ArticleText | None) -> list[tuple[str, list[Placed]]]:
    groups: list[tuple[str, list[Placed]]] = []
    for p in placed:
        if p.article_level:
            title = WHOLE_ARTICLE
        elif p.status == DETACHED:
            title = DETACHED_TITLE
        else:
            section = p.location.section or ""
            heading = text.heading(section) if text is not None and section else None
            title = heading.title if heading is not None else "Introduction"
        if not groups or groups[-1][0] != title:
            groups.append((title, []))
        groups[-1][1].append(p)
    return groups
