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

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...services.note_places import DETACHED, Placed, Placement
from ..theme import Theme, current_theme
from . import palette
from .note_card import NoteCard

if TYPE_CHECKING:
    from ...core.article_text import ArticleText
    from .note_editor import NoteEditor

WHOLE_ARTICLE = "About the whole article"
DETACHED_TITLE = "Passage no longer in the article"
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

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notesPanel")
        self.placement: Placement | None = None
        self.cards: dict[str, NoteCard] = {}
        self.selected = ""
        self._order: list[str] = []
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
        self.add_button.clicked.connect(self.article_note_requested)
        header.addWidget(self.add_button)
        outer.addLayout(header)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page = QWidget()
        self.page.setObjectName("notesPage")
        self.list = QVBoxLayout(self.page)
        self.list.setContentsMargins(10, 4, 10, 12)
        self.list.setSpacing(8)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("empty")
        self.empty.setWordWrap(True)
        self.list.addWidget(self.empty)
        self.list.addStretch(1)
        self.scroll.setWidget(self.page)
        outer.addWidget(self.scroll, 1)
        self.restyle()

    # --- showing an article's notes -------------------------------------------------
    def show_placement(self, placement: Placement | None, text: ArticleText | None) -> None:
        self.placement = placement
        placed = placement.placed if placement is not None else []
        theme = current_theme()
        groups = _groups(placed, text)
        order = [p.note.id for _, members in groups for p in members]
        titles = [title for title, _ in groups]
        if order == self._order and titles == [h.text() for h in self._headings]:
            for p in placed:
                self.cards[p.note.id].set_placed(p, theme)
        else:
            self._rebuild(groups, theme)
            self._order = order
        count = len(placed)
        self.title.setText(f"Notes · {count}" if count else "Notes")
        self.empty.setVisible(placement is not None and not placed)
        if self.selected not in self.cards:
            self.selected = ""

    def _rebuild(self, groups: list[tuple[str, list[Placed]]], theme: Theme) -> None:
        while self.list.count():
            item = self.list.takeAt(0)
            widget = item.widget()
            kept = widget is self.empty or widget in self.cards.values()
            if widget is not None and not kept:
                widget.deleteLater()
        keep = {p.note.id for _, members in groups for p in members}
        for note_id in [i for i in self.cards if i not in keep]:
            card = self.cards.pop(note_id)
            card.save_now()
            card.hide()
            card.deleteLater()
        self._headings = []
        self.list.addWidget(self.empty)
        for title, members in groups:
            heading = QLabel(title)
            heading.setObjectName("notesGroup")
            heading.setWordWrap(True)
            self.list.addWidget(heading)
            self._headings.append(heading)
            for p in members:
                card = self.cards.get(p.note.id)
                if card is None:
                    card = self._make_card(p, theme)
                else:
                    card.set_placed(p, theme)
                self.list.addWidget(card)
        self.list.addStretch(1)

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
        """Mark the note's card and scroll the panel to it."""
        for other_id, card in self.cards.items():
            card.setProperty("selected", other_id == note_id)
            card.style().unpolish(card)
            card.style().polish(card)
        card = self.cards.get(note_id)
        self.selected = note_id if card is not None else ""
        if card is not None:
            QTimer.singleShot(0, lambda: self._reveal(note_id))
        return card is not None

    def _reveal(self, note_id: str) -> None:
        card = self.cards.get(note_id)
        if card is not None:
            self.scroll.ensureWidgetVisible(card, 0, 24)

    def _toggle_editing(self, note_id: str) -> None:
        card = self.cards.get(note_id)
        if card is not None and card.editing:
            self.stop_editing(note_id)
        else:
            self.edit(note_id)

    def edit(self, note_id: str) -> NoteEditor | None:
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

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self.restyle()


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
