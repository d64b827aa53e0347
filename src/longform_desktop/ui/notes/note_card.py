"""One note in the Notes panel: colour, quote, date, the note (Markdown), its buttons.

Light enough for an article with hundreds of notes: one label for the colour, date and
quote, one for the note (only when there is one), and the buttons (Edit, Delete,
Re-attach) made the first time the card is selected or hovered. Clicking the card asks
to show its passage; "Edit" (or a double click) swaps the rendered note for a
:class:`NoteEditor` in place. A card is updated in place when its note changes, and its
body never while its editor is open (the editor's text is the newest).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QEnterEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from longform_desktop.core.inert_markdown import inert_markdown
from longform_desktop.core.resources import EXTERNAL_SCHEMES
from longform_desktop.services.note_places import DETACHED, MOVED, Placed

from . import palette
from .note_editor import NoteEditor

if TYPE_CHECKING:
    from longform_desktop.ui.theme import Theme


def open_web_link(link: str) -> bool:
    """Open a link of a note in the system's browser or mail app, if it is one of those
    (True); a file:, javascript: or any other link is left alone."""
    url = QUrl(link)
    if url.scheme().lower() in EXTERNAL_SCHEMES:
        return QDesktopServices.openUrl(url)
    return False


QUOTE_SHOWN = 240  # characters of a long quote shown in a card
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(stamp: str) -> str:
    """ "2026-11-30T18:02:11Z" -> "30 Nov 2026"."""
    try:
        year, month, day = stamp[:10].split("-")
        return f"{int(day)} {_MONTHS[int(month) - 1]} {year}"
    except (ValueError, IndexError):
        return stamp[:10]


def one_line_quote(placed: Placed) -> str:
    """The quote as one line (a quote over table cells or code is many short blocks)."""
    target = placed.note.target
    quote = " ".join(target.exact.split()) if target is not None else ""
    return quote if len(quote) <= QUOTE_SHOWN else quote[:QUOTE_SHOWN].rstrip() + "…"


class NoteCard(QFrame):
    activated = Signal(str)  # note id: show its passage
    edit_requested = Signal(str)
    delete_requested = Signal(str)
    reattach_requested = Signal(str)
    save_requested = Signal(str, str)  # note id, body (from the editor)
    editing_finished = Signal(str)

    def __init__(self, placed: Placed, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note_id = placed.note.id
        self.placed = placed
        self.editor: NoteEditor | None = None
        self._shown_key: tuple = ()
        self._buttons: dict[str, QToolButton] = {}
        self.setObjectName("noteCard")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 8, 8)
        layout.setSpacing(4)
        self.head = QLabel(self)
        self.head.setObjectName("noteHead")
        self.head.setWordWrap(True)
        self.head.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.head)
        self.body: QLabel | None = None
        self.set_placed(placed, theme)

    # --- contents --------------------------------------------------------------------
    def set_placed(self, placed: Placed, theme: Theme) -> None:
        note = placed.note
        key = (note, placed.status, theme.dark)
        self.placed = placed
        if key == self._shown_key:
            return  # an autosave came back: nothing to redraw
        self._shown_key = key
        self.setProperty("color", note.color or "none")
        self.setProperty("status", placed.status)
        self.style().unpolish(self)
        self.style().polish(self)
        self.head.setText(self._head_html(placed, theme))
        if self.editor is None:
            self._show_body(note.body)
        if self._buttons:
            self._buttons["reattach"].setVisible(placed.status == DETACHED)
        self.setToolTip("Click to show the passage; double-click to edit" if placed.on_page else "")

    def _head_html(self, placed: Placed, theme: Theme) -> str:
        note = placed.note
        dot = f'<span style="color:{palette.swatch(note.color)}">●</span>'
        created, updated = short_date(note.created), short_date(note.updated)
        date = created if created == updated else f"{created}, edited {updated}"
        parts = [f"{dot} {html.escape(palette.label(note.color))}", html.escape(date)]
        if placed.status == MOVED:
            warn = theme.difficulty_color("medium")
            parts.append(f'<span style="color:{warn}">◆ passage changed</span>')
        meta = f'<span style="color:{theme.muted}; font-size:9pt">{" · ".join(parts)}</span>'
        quote = one_line_quote(placed)
        if not quote:
            return meta
        return f'{meta}<br/><i style="color:{theme.text}">“{html.escape(quote)}”</i>'

    def _show_body(self, body: str) -> None:
        if not body.strip():
            if self.body is not None:
                self.body.hide()
            return
        if self.body is None:
            self.body = QLabel(self)
            self.body.setObjectName("noteBody")
            self.body.setWordWrap(True)
            self.body.setTextFormat(Qt.TextFormat.MarkdownText)
            # Links open in the system browser only for http(s) and mailto, on click
            # (never file: or anything else a note names).
            self.body.linkActivated.connect(open_web_link)
            self.body.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
            self._layout.insertWidget(1, self.body)
        self.body.setText(inert_markdown(body))  # images never loaded, no raw HTML
        self.body.show()

    # --- buttons, made when first wanted -------------------------------------------------
    def show_buttons(self) -> None:
        if not self._buttons:
            row = QHBoxLayout()
            row.setSpacing(4)
            row.addStretch(1)
            for key, text, signal in (
                ("reattach", "Re-attach to selection", self.reattach_requested),
                ("edit", "Done" if self.editor else "Edit", self.edit_requested),
                ("delete", "Delete", self.delete_requested),
            ):
                button = QToolButton(self)
                button.setText(text)
                button.setAccessibleName(text)
                button.setAutoRaise(True)
                button.setObjectName("noteButton")
                button.clicked.connect(lambda _=False, s=signal: s.emit(self.note_id))
                row.addWidget(button)
                self._buttons[key] = button
            self._buttons["reattach"].setToolTip(
                "Select the passage in the article, then click to attach this note to it"
            )
            self._layout.addLayout(row)
        self._buttons["reattach"].setVisible(self.placed.status == DETACHED)

    @property
    def reattach_button(self) -> QToolButton:
        self.show_buttons()
        return self._buttons["reattach"]

    @property
    def edit_button(self) -> QToolButton:
        self.show_buttons()
        return self._buttons["edit"]

    @property
    def delete_button(self) -> QToolButton:
        self.show_buttons()
        return self._buttons["delete"]

    def enterEvent(self, event: QEnterEvent) -> None:
        self.show_buttons()
        super().enterEvent(event)

    # --- editing in place -------------------------------------------------------------
    @property
    def editing(self) -> bool:
        return self.editor is not None

    def start_editing(self) -> NoteEditor:
        if self.editor is None:
            self.editor = NoteEditor(self.note_id, self.placed.note.body, self)
            self.editor.save_requested.connect(self.save_requested)
            self.editor.finished.connect(self.editing_finished)
            self._layout.insertWidget(
                self._layout.count() - (1 if self._buttons else 0), self.editor
            )
            if self.body is not None:
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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.editor is None:
            self.delete_requested.emit(self.note_id)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.editor is None:
            self.edit_requested.emit(self.note_id)
        else:
            super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.edit_requested.emit(self.note_id)
        super().mouseDoubleClickEvent(event)
