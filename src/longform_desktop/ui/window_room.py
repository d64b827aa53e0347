"""The window's everyday commands and how it follows the preferences.

Print and Export to PDF, Preferences, the System / Light / Dark theme, Keyboard
Shortcuts, the side panel; the reading preferences applied to the reader as they change;
the window's state saved on close and restored when it is built; and what a second
launch hands over (raise the window, open a deep dive). Built by the main window with
one line, like the study rooms; see docs/ui-polish.md.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from longform_desktop.services.events import SETTINGS
from longform_desktop.storage.settings import (
    READER_FONT_FAMILY,
    READER_FONT_SIZE,
    READER_LINE_SPACING,
    READER_LINE_WIDTH,
    THEME,
)

from .reader.browser import LINE_WIDTHS
from .theme import THEME_CHOICES, Typography, apply_theme_choice
from .window_state import WindowState

if TYPE_CHECKING:
    from .dialogs.backups_dialog import BackupsDialog
    from .dialogs.preferences_dialog import PreferencesDialog
    from .dialogs.shortcuts_dialog import ShortcutsDialog
    from .main_window import MainWindow

log = logging.getLogger(__name__)

READING_KEYS = {s.key for s in (READER_FONT_FAMILY, READER_FONT_SIZE, READER_LINE_SPACING)} | {
    READER_LINE_WIDTH.key
}
THEME_NAMES = {"system": "System", "light": "Light", "dark": "Dark"}


class WindowRoom(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.preferences = window.settings
        self.commands = window.commands
        self.state: WindowState = window.state  # built with the window's first half
        self.preferences_dialog: PreferencesDialog | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self.backups_dialog: BackupsDialog | None = None
        self.last_job_pages = 0
        self._check_theme(self.preferences.get(THEME))
        self.apply_reading()
        self.commands.side_panel.setChecked(not window.sidebar.isHidden())
        self._connect()
        self._follow_page()
        window.installEventFilter(self)

    def _connect(self) -> None:
        c, w = self.commands, self.window
        c.print.triggered.connect(self.print_article)
        c.export_pdf.triggered.connect(self.export_pdf)
        c.preferences.triggered.connect(self.show_preferences)
        c.back_up.triggered.connect(lambda: self.show_backups().back_up_now())
        c.restore_backup.triggered.connect(self.show_backups)
        c.shortcuts.triggered.connect(self.show_shortcuts)
        c.side_panel.toggled.connect(self.show_side_panel)
        for choice, action in c.themes.items():
            action.triggered.connect(lambda _=False, ch=choice: self.choose_theme(ch))
        c.next_theme.triggered.connect(self.next_theme)
        w.pages.currentChanged.connect(self._follow_page)
        w.navigator.article_opened.connect(self._follow_page)  # the page shows before it
        w.services.events.user_data_changed.connect(self._on_user_data)

    # --- following the preferences -------------------------------------------------
    def _on_user_data(self, kind: str, key: str, initiator: object) -> None:
        if kind != SETTINGS:
            return
        if key == THEME.key:
            self.apply_theme()
        elif key in READING_KEYS:
            self.apply_reading()

    def apply_reading(self) -> None:
        """The reading preferences, applied to the reader (the open page re-set at the
        same words)."""
        get = self.preferences.get
        typography = Typography(
            family=get(READER_FONT_FAMILY),
            size=get(READER_FONT_SIZE),
            line_spacing=get(READER_LINE_SPACING),
        )
        self.window.article_view.set_reading(typography, LINE_WIDTHS[get(READER_LINE_WIDTH)])

    def apply_theme(self) -> None:
        """Set the stored theme on the application; the window re-colours the page, the
        code and the diagrams when the palette changes (MainWindow.changeEvent)."""
        choice = self.preferences.get(THEME)
        apply_theme_choice(choice)
        self._check_theme(choice)

    def choose_theme(self, choice: str) -> None:
        self.preferences.set(THEME, choice)
        self._check_theme(choice)

    def next_theme(self) -> None:
        current = self.preferences.get(THEME)
        choice = THEME_CHOICES[(THEME_CHOICES.index(current) + 1) % len(THEME_CHOICES)]
        self.choose_theme(choice)
        self.window.status.message(f"Theme: {THEME_NAMES[choice]}", 2000)

    def _check_theme(self, choice: str) -> None:
        action = self.commands.themes.get(choice)
        if action is not None:
            action.setChecked(True)

    def show_side_panel(self, shown: bool) -> None:
        if not shown:
            self.state.note_widths()  # so it comes back as wide as it goes
        self.window.sidebar.setVisible(shown)

    # --- dialogs -------------------------------------------------------------------
    def show_preferences(self) -> PreferencesDialog:
        if self.preferences_dialog is None:
            from .dialogs.preferences_dialog import PreferencesDialog

            default_backups = self.window.services.backup.database.parent / "backups"
            self.preferences_dialog = PreferencesDialog(
                self.preferences, self.window.services.events, default_backups, self.window
            )
        dialog = self.preferences_dialog
        dialog.load()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def show_backups(self) -> BackupsDialog:
        """File › Back Up Now… / Restore from Backup…: the list of copies (read afresh
        each time it opens) with Back up now and Restore."""
        if self.backups_dialog is None:
            from .dialogs.backups_dialog import BackupsDialog

            self.backups_dialog = BackupsDialog(self.window.services.backup, self.window)
        else:
            self.backups_dialog.refresh()
        dialog = self.backups_dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def show_shortcuts(self) -> ShortcutsDialog:
        from .dialogs.shortcuts_dialog import ShortcutsDialog

        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.deleteLater()
        # Built afresh each time: features may have added commands since.
        self.shortcuts_dialog = ShortcutsDialog(self.commands.entries(), self.window)
        self.shortcuts_dialog.show()
        return self.shortcuts_dialog

    # --- print and PDF ---------------------------------------------------------------
    def _article_shown(self) -> bool:
        w = self.window
        return w.pages.currentWidget() is w.article_view and w.article_view.article is not None

    def _follow_page(self, *_: object) -> None:
        shown = self._article_shown()
        self.commands.print.setEnabled(shown)
        self.commands.export_pdf.setEnabled(shown)

    def print_article(self) -> int:
        if not self._article_shown():
            return 0
        from PySide6.QtPrintSupport import QPrintDialog

        from .reader import print_export

        printer = print_export.new_printer()
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle("Print Deep Dive")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return 0
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            job = print_export.print_article(self.window.article_view, printer)
        finally:
            QApplication.restoreOverrideCursor()
        self.window.status.message(f"Sent {job.pages} pages to the printer.", 4000)
        self.last_job_pages = job.pages
        return job.pages

    def export_pdf(self) -> Path | None:
        if not self._article_shown():
            return None
        article = self.window.article_view.article
        assert article is not None
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        chosen, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export to PDF",
            str(Path(folder) / f"{article.slug}.pdf"),
            "PDF documents (*.pdf)",
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        return self.export_pdf_to(path)

    def export_pdf_to(self, path: Path) -> Path | None:
        from .reader import print_export

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            job = print_export.export_pdf(self.window.article_view, path)
        except OSError as exc:
            self.window.services.events.error("Could not export the PDF", f"{path}: {exc}")
            return None
        finally:
            QApplication.restoreOverrideCursor()
        if not path.is_file():  # QPrinter reports a file it could not write only this way
            self.window.services.events.error("Could not export the PDF", f"{path} was not written")
            return None
        self.last_job_pages = job.pages
        self.window.status.message(f"Saved {job.pages} pages to {path}", 6000)
        return path

    # --- start-up and other launches ------------------------------------------------------
    def open_startup_article(self, requested: str = "") -> bool:
        """Open ``requested`` (from the command line) or the deep dive that was open when
        the window last closed; called once the window is on screen."""
        slug = requested or self.state.last_article()
        if not slug:
            return False
        if self.window.catalog.article(slug) is None:
            self.window.status.message(f"No deep dive is called “{slug}”.", 8000)
            return False
        return self.window.open_article(slug)

    def handle_message(self, message: dict[str, str]) -> None:
        """Another launch asked for the window (and maybe an article): show it."""
        w = self.window
        if w.isMinimized():
            w.showNormal()
        w.show()
        w.raise_()
        w.activateWindow()
        slug = message.get("open", "")
        if slug:
            log.info("another launch asked to open %s", slug)
            self.open_startup_article(slug)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.state.save()
        return False
