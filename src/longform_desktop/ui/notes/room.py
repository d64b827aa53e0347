"""The notes room: builds the Notes tab, the page layer, the selection toolbar, the
notes commands and the "All notes" window for the main window, and wires them.

The window builds it with one line. Widgets say what the user wants; the room asks the
notes service (which writes through the writer and announces on AppEvents) and follows
its announcements. Commands: the Notes menu (highlight in each colour, highlight with a
note, a note on the article, undo a deletion, All notes), View > Notes Panel, and File >
Export/Import Notes. The reader-only shortcuts work where the reader or the panel has
the focus, so they never clash with another room's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget
from shiboken6 import isValid

from longform_desktop.core.history import ArticlePlace
from longform_desktop.services.events import NOTES
from longform_desktop.storage.settings import NOTES_PANEL_OPEN
from longform_desktop.ui.theme import current_theme

from . import palette
from .all_notes_view import AllNotesView
from .commands import KEYS, NOTE_KEY, NotesCommands
from .notes_layer import NotesLayer
from .notes_panel import NotesPanel
from .selection_toolbar import SelectionToolbar
from .transfer import NotesTransfer
from .undo_bar import UndoBar

if TYPE_CHECKING:
    from longform_desktop.core.notes import Note
    from longform_desktop.ui.main_window import MainWindow

COUNTS_DELAY_MS = 200
WARM_UP_DELAY_MS = 600  # after the catalog's first paint and the index check have started


class NotesRoom(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.service = window.services.notes
        self.events = window.services.events
        self.preferences = window.services.preferences
        self.view = window.article_view
        self.browser = self.view.browser
        self.panel = NotesPanel()
        window.study_panel.addTab(self.panel, "Notes")
        self.layer = NotesLayer(self.view, self.service, self.events, self)
        self.toolbar = SelectionToolbar(self.browser, {**KEYS, "note": NOTE_KEY})
        self.transfer = NotesTransfer(window, self.service, self.events)
        self.all_notes: AllNotesView | None = None
        self._reveal_id = ""
        self._menu_owner: QMenu | None = None
        self._dark = current_theme().dark
        self._build_actions()
        self.undo_bar = UndoBar(window.statusBar(), self.undo_delete)
        self.undo_button = self.undo_bar.button
        self._connect()
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(COUNTS_DELAY_MS)
        self._counts_timer.timeout.connect(self.refresh_counts)
        # After the first paint: importing the notes model costs ~65 ms (rapidfuzz).
        QTimer.singleShot(WARM_UP_DELAY_MS, lambda: self.service.warm_up(self.refresh_counts))

    # --- commands ----------------------------------------------------------------------
    def _build_actions(self) -> None:
        c = self.commands = NotesCommands(
            self.window.commands, (self.view, self.panel), self.window.menuBar()
        )
        for color, action in c.highlight.items():
            action.triggered.connect(lambda _=False, col=color: self.highlight(col))
        self.highlight_actions, self.note_action = c.highlight, c.note
        c.note.triggered.connect(self.highlight_with_note)
        c.article_note.triggered.connect(self.add_article_note)
        c.undo.triggered.connect(self.undo_delete)
        c.all_notes.triggered.connect(self.show_all_notes)
        c.panel.setChecked(self.preferences.get(NOTES_PANEL_OPEN))
        c.panel.triggered.connect(self.set_panel_open)
        c.export_article.triggered.connect(self.export_article_notes)
        c.export_all.triggered.connect(self.export_all_notes)
        c.import_notes.triggered.connect(self.transfer.ask_import)

    def _connect(self) -> None:
        w, panel, layer, service = self.window, self.panel, self.layer, self.service
        w.navigator.article_opened.connect(self._on_article_opened)
        w.navigator.catalog_shown.connect(self._on_catalog_shown)
        layer.placement_changed.connect(self._on_placement)
        layer.note_clicked.connect(self.show_note)
        panel.note_activated.connect(layer.scroll_to)
        panel.save_requested.connect(lambda i, body: service.save_body(i, body, panel))
        panel.delete_requested.connect(self.delete)
        panel.reattach_requested.connect(self.reattach)
        panel.article_note_requested.connect(self.add_article_note)
        panel.editing_done.connect(self._drop_if_empty)
        self.toolbar.color_chosen.connect(self.highlight)
        self.toolbar.note_requested.connect(self.highlight_with_note)
        service.undo_available.connect(self.commands.undo.setEnabled)
        self.events.user_data_changed.connect(self._on_user_data)
        self.view.context_menu.add_provider(self.context_actions)
        w.search_panel.note_open_requested.connect(self.open_note)
        w.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            kind = event.type()
            if kind == QEvent.Type.Close:
                self.panel.save_editors()  # the writer commits them before the app quits
            elif kind in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
                QTimer.singleShot(0, self, self._follow_theme)  # once the palette is set
        return False

    def _follow_theme(self) -> None:
        """Light/dark switched: the panel, the toolbar and the list redraw in it (the
        page's highlights follow the reader's re-render, ``document_changed``)."""
        dark = current_theme().dark
        if dark == self._dark:
            return
        self._dark = dark
        self.panel.restyle()
        self.toolbar.restyle()
        if self.all_notes is not None:
            self.all_notes.apply()

    # --- following the window ----------------------------------------------------------
    def _on_article_opened(self, article: object) -> None:
        if self.preferences.get(NOTES_PANEL_OPEN):
            self._show_panel(remember=False)

    def _on_catalog_shown(self) -> None:
        self.panel.save_editors()
        if self.window.study_panel.currentWidget() is self.panel:
            self.window.study_panel.hide()
        self._counts_timer.start()

    def _on_placement(self, placement: object) -> None:
        page = self.layer.page
        self.panel.show_placement(self.layer.placement, page.text if page else None)
        if self._reveal_id and self.layer.placement is not None:
            note_id, self._reveal_id = self._reveal_id, ""
            self.show_note(note_id)

    def _on_user_data(self, kind: str, key: str, initiator: object) -> None:
        if kind != NOTES:
            return
        self._counts_timer.start()
        if self.all_notes is not None and self.all_notes.isVisible():
            self.all_notes.set_notes(self.service.notes())

    def refresh_counts(self) -> None:
        if not isValid(self.window):  # a late worker answer for a window already gone
            return
        counts = self.service.counts()
        for card in self.window.catalog_view.cards:
            card.set_note_count(counts.get(card.article.slug, 0))

    # --- the panel ---------------------------------------------------------------------
    @property
    def panel_open(self) -> bool:
        study = self.window.study_panel
        return study.isVisible() and study.currentWidget() is self.panel

    def set_panel_open(self, shown: bool) -> None:
        self.preferences.set(NOTES_PANEL_OPEN, bool(shown))
        self.commands.panel.setChecked(bool(shown))
        if shown:
            self._show_panel()
            if self.view.article is None:
                self.events.status("The Notes panel shows beside an open deep dive.")
        elif self.window.study_panel.currentWidget() is self.panel:
            self.panel.save_editors()
            self.window.study_panel.hide()

    def _show_panel(self, remember: bool = True) -> None:
        """Show the Notes tab; a panel the user brought up (a note to edit or to see)
        stays open next time, as if toggled."""
        study = self.window.study_panel
        study.setCurrentWidget(self.panel)
        study.show()
        if remember and not self.preferences.get(NOTES_PANEL_OPEN):
            self.preferences.set(NOTES_PANEL_OPEN, True)
            self.commands.panel.setChecked(True)

    def _article_shown(self) -> bool:
        return (
            isinstance(self.window.navigator.place, ArticlePlace)
            and self.window.pages.currentWidget() is self.view
            and self.view.article is not None
        )

    # --- making and changing notes -------------------------------------------------------
    def highlight(self, color: str) -> Note | None:
        """Highlight the reader's selection in ``color``."""
        if not self._article_shown():
            return None
        try:
            anchor = self.layer.anchor_for_selection()
        except ValueError:
            self.events.status("Select a passage of the deep dive to highlight it.")
            return None
        assert self.view.article is not None
        note = self.service.create(self.view.article.slug, target=anchor, color=color)
        self.layer.clear_selection()
        self.layer.refresh()
        return note

    def highlight_with_note(self) -> Note | None:
        note = self.highlight("yellow")
        if note is not None:
            self.edit(note.id)
        return note

    def add_article_note(self) -> Note | None:
        if self.view.article is None:
            self.events.status("Open a deep dive to write a note on it.")
            return None
        note = self.service.create(self.view.article.slug)
        self.layer.refresh()
        self.edit(note.id)
        return note

    def _drop_if_empty(self, note_id: str) -> None:
        """A note on the whole article closed without a word is not kept (a highlight
        without a note is: it marks a passage)."""
        note = self.service.get(note_id)
        if note is not None and note.target is None and not note.body.strip():
            self.service.delete(note_id, undoable=False)
            self.layer.refresh()

    def edit(self, note_id: str) -> QWidget | None:
        self._show_panel()
        return self.panel.edit(note_id)

    def recolor(self, note_id: str, color: str) -> None:
        self.service.update(note_id, color=color)
        self.layer.refresh()

    def delete(self, note_id: str) -> None:
        if self.service.delete(note_id) is None:
            return
        self.layer.refresh()
        self.undo_bar.show()

    def undo_delete(self) -> None:
        note = self.service.undo_delete()
        if note is None:
            return
        self.layer.refresh()
        if not self.service.can_undo():
            self.undo_bar.hide()
        self.events.status("Note restored.", 3000)
        if self.view.article is not None and note.article == self.view.article.slug:
            self.show_note(note.id)

    def reattach(self, note_id: str) -> None:
        try:
            anchor = self.layer.anchor_for_selection()
        except ValueError:
            self.events.status("Select the passage in the deep dive, then click Re-attach.")
            return
        self.service.reattach(note_id, anchor)
        self.layer.clear_selection()
        self.layer.refresh()
        self.show_note(note_id)

    # --- finding notes again ------------------------------------------------------------
    def show_note(self, note_id: str) -> None:
        """Show the note in the panel and its passage in the page (flashing)."""
        self._show_panel()
        self.panel.select(note_id)
        self.layer.scroll_to(note_id)

    def open_note(self, note_id: str) -> bool:
        """Open the note's article at its passage with the panel showing the note."""
        note = self.service.get(note_id)
        if note is None:
            self.events.status("That note no longer exists.")
            return False
        section = note.target.section if note.target is not None else ""
        self._reveal_id = note_id  # shown once the page's notes are placed
        if not self.window.open_article(note.article, anchor=section):
            self._reveal_id = ""
            return False
        placement = self.layer.placement
        if self._reveal_id and placement is not None and placement.slug == note.article:
            self._reveal_id = ""  # the page was already placed (same text): show it now
            self.show_note(note_id)
        return True

    def show_all_notes(self) -> AllNotesView:
        if self.all_notes is None:
            self.all_notes = AllNotesView(self.window.catalog, self.window)
            self.all_notes.open_requested.connect(self.open_note)
            self.all_notes.export_requested.connect(
                lambda notes: self.transfer.export(notes, "longform-notes-selection")
            )
        self.all_notes.set_notes(self.service.notes())
        self.all_notes.show()
        self.all_notes.raise_()
        self.all_notes.activateWindow()
        return self.all_notes

    def export_article_notes(self) -> None:
        article = self.view.article
        if article is None or not self._article_shown():
            self.events.status("Open a deep dive to export its notes.")
            return
        self.transfer.export(self.service.notes(article.slug), f"{article.slug}-notes")

    def export_all_notes(self) -> None:
        self.transfer.export(self.service.notes(), "longform-notes")

    # --- the reader's context menu (a provider of ui/reader/context_menu.py) ------------
    def context_actions(self, pos: QPoint) -> list[QAction]:
        """Notes entries of the reader's menu at ``pos`` (viewport coordinates)."""
        if self.layer.selection_span() is not None:
            return [*self.highlight_actions.values(), self.note_action]
        hits = self.layer.notes_at(pos)
        if not hits:
            return []
        note_id, current = hits[0].note.id, hits[0].note.color
        # Made per right-click; the previous menu's entries are dropped with their owner.
        if self._menu_owner is not None:
            self._menu_owner.deleteLater()
        owner = self._menu_owner = QMenu("Colour", self.browser)
        for color in palette.COLORS:
            action = owner.addAction(palette.NAMES[color])
            action.setCheckable(True)
            action.setChecked(current == color)
            action.triggered.connect(lambda _=False, c=color: self.recolor(note_id, c))
        show = QAction("Show Note", owner)
        show.triggered.connect(lambda: self.show_note(note_id))
        remove = QAction("Delete Highlight", owner)
        remove.triggered.connect(lambda: self.delete(note_id))
        return [show, owner.menuAction(), remove]
