"""One note in the Notes panel: colour, quote, date, the note (Markdown), its buttons.

Clicking the card asks to show its passage; "Edit" (or a double click) swaps the
rendered note for a :class:`NoteEditor` in place. A card is updated in place when its
note changes, and never while its editor is open (the editor's text is the newest).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from ...services.note_places import DETACHED, MOVED, Placed
from . import palette
from .note_editor import NoteEditor

if TYPE_CHECKING:
    from ..theme import Theme

QUOTE_SHOWN = 240  # characters of a long quote shown in a card


def short_date(stamp: str) -> str:
    """ "2026-11-30T18:02:11Z" -> "30 Nov 2026" (no parsing library at start-up)."""
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    try:
        year, month, day = stamp[:10].split("-")
        return f"{int(day)} {months[int(month) - 1]} {year}"
    except (ValueError, IndexError):
        return stamp[:10]


class NoteCard(QFrame):
    activated = Signal(str)  # note id: show its passage
    edit_requested = Signal(str)
    delete_requested = Signal(str)
    reattach_requested = Signal(str)
    save_requested = Signal(str, str)  # note id, body (from the editor)
    editing_finished = Signal(str)

    def __init__(self, placed: Placed, theme: Theme, parent: QWidget | None = None):
        super().__init__(parent)
        self.note_id = placed.note.id
        self.placed = placed
        self.editor: NoteEditor | None = None
        self.setObjectName("noteCard")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 8, 8)
        layout.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(4)
        self.meta = QLabel()
        self.meta.setObjectName("noteMeta")
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        top.addWidget(self.meta, 1)
        self.reattach_button = self._button("Re-attach to selection", self.reattach_requested)
        self.reattach_button.setToolTip(
            "Select the passage in the article, then click to attach this note to it"
        )
        self.edit_button = self._button("Edit", self.edit_requested)
        self.delete_button = self._button("Delete", self.delete_requested)
        for button in (self.reattach_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        layout.addLayout(top)
        self.quote = QLabel()
        self.quote.setObjectName("noteQuote")
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.quote)
        self.body = QLabel()
        self.body.setObjectName("noteBody")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.MarkdownText)
        self.body.setOpenExternalLinks(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        layout.addWidget(self.body)
        self.set_placed(placed, theme)

    def _button(self, text: str, signal: Signal) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setAccessibleName(text)
        button.setAutoRaise(True)
        button.setObjectName("noteButton")
        button.clicked.connect(lambda: signal.emit(self.note_id))
        return button

    def set_placed(self, placed: Placed, theme: Theme) -> None:
        self.placed = placed
        note = placed.note
        self.setProperty("color", note.color or "none")
        self.setProperty("status", placed.status)
        self.style().unpolish(self)
        self.style().polish(self)
        self.meta.setText(self._meta_html(placed, theme))
        self.reattach_button.setVisible(placed.status == DETACHED)
        # One line of text: a quote over table cells or a code block is many short blocks.
        quote = " ".join(note.target.exact.split()) if note.target is not None else ""
        if len(quote) > QUOTE_SHOWN:
            quote = quote[:QUOTE_SHOWN].rstrip() + "…"
        self.quote.setText(f"“{quote}”" if quote else "")
        self.quote.setVisible(bool(quote))
        if self.editor is None:
            self._show_body(note.body)
        self.setToolTip("Click to show the passage; double-click to edit" if placed.on_page else "")

    def _meta_html(self, placed: Placed, theme: Theme) -> str:
        note = placed.note
        dot = f'<span style="color:{palette.swatch(note.color)}">●</span>'
        created, updated = short_date(note.created), short_date(note.updated)
        date = created if created == updated else f"{created}, edited {updated}"
        parts = [f"{dot} {html.escape(palette.label(note.color))}", html.escape(date)]
        if placed.status == MOVED:
            parts.append(
                f'<span style="color:{theme.difficulty_color("medium")}">◆ passage changed</span>'
            )
        return f'<span style="color:{theme.muted}">{" · ".join(parts)}</span>'

    def _show_body(self, body: str) -> None:
        self.body.setText(body)
        self.body.setVisible(bool(body.strip()))

    # --- editing in place -------------------------------------------------------------
    @property
    def editing(self) -> bool:
        return self.editor is not None

    def start_editing(self) -> NoteEditor:
        if self.editor is None:
            self.editor = NoteEditor(self.note_id, self.placed.note.body, self)
            self.editor.save_requested.connect(self.save_requested)
            self.editor.finished.connect(self.editing_finished)
            self._layout.addWidget(self.editor)
            self.body.hide()
            self.edit_button.setText("Done")
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return self.editor

    def stop_editing(self) -> None:
        editor = self.editor
        if editor is None:
            return
        editor.save_now()
        text = editor.toPlainText()
        self.editor = None
        editor.hide()
        editor.deleteLater()
        self.edit_button.setText("Edit")
        self._show_body(text)

    def save_now(self) -> None:
        if self.editor is not None:
            self.editor.save_now()

    # --- mouse ----------------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.note_id)
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.edit_requested.emit(self.note_id)
        super().mouseDoubleClickEvent(event)
