"""The notes commands, declared through the window's Actions (text, shortcut, menu).

Notes menu (before Help): highlight in each colour (Ctrl+1…4), highlight with a note
(Ctrl+Alt+M), a note on the whole deep dive, undo deleting a note (Ctrl+Z), All notes
(Ctrl+Alt+N). View: Notes Panel (Ctrl+Shift+N). File (before Quit): export this deep
dive's notes, export all, import. The reader shortcuts (colours, note, undo) work where
the reader or the Notes panel has the focus only, so the note editor keeps its own
Ctrl+Z and another room's Ctrl+Z never clashes with ours.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenuBar, QWidget

from longform_desktop.ui.actions import Actions

from . import palette

KEYS = {"yellow": "Ctrl+1", "green": "Ctrl+2", "blue": "Ctrl+3", "pink": "Ctrl+4"}
NOTE_KEY, PANEL_KEY, ALL_KEY, UNDO_KEY = "Ctrl+Alt+M", "Ctrl+Shift+N", "Ctrl+Alt+N", "Ctrl+Z"


class NotesCommands:
    def __init__(
        self, actions: Actions, reader_widgets: tuple[QWidget, ...], menubar: QMenuBar
    ) -> None:
        add = actions.add
        self.highlight: dict[str, QAction] = {
            color: add(
                f"highlight_{color}",
                f"Highlight {palette.NAMES[color]}",
                [KEYS[color]],
                "&Notes",
            )
            for color in palette.COLORS
        }
        self.note = add(
            "highlight_note", "Highlight with &Note…", [NOTE_KEY], "&Notes", "Highlight and note"
        )
        self.article_note = add(
            "article_note", "Note on This &Deep Dive…", [], "&Notes", "A note on the whole article"
        )
        self.undo = add(
            "undo_delete_note", "&Undo Delete Note", [UNDO_KEY], "&Notes", separator=True
        )
        self.undo.setEnabled(False)
        self.all_notes = add("all_notes", "&All Notes…", [ALL_KEY], "&Notes", separator=True)
        for action in (*self.highlight.values(), self.note, self.undo):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            for widget in reader_widgets:
                widget.addAction(action)
        self.panel = add("notes_panel", "&Notes Panel", [PANEL_KEY], "&View", separator=True)
        self.panel.setCheckable(True)
        self.export_article = add(
            "export_article_notes", "&Export Notes of This Deep Dive…", [], "&File"
        )
        self.export_all = add("export_all_notes", "Export &All Notes…", [], "&File")
        self.import_notes = add("import_notes", "&Import Notes…", [], "&File")
        file_menu = actions.menu("&File")
        for action in (self.export_article, self.export_all, self.import_notes):
            file_menu.removeAction(action)
            file_menu.insertAction(actions.quit, action)
        file_menu.insertSeparator(actions.quit)
        menubar.insertMenu(actions.menu("&Help").menuAction(), actions.menu("&Notes"))
