"""The window's side of "Your deep dives" (the user's own Markdown folder).

File › Rescan Your Deep Dives; the catalog's empty state while the folder has nothing to show;
the files that were skipped ("N files skipped" with Details…, the list); and what the
window does when ``LibraryService.catalog_changed`` says the shared catalog now holds a
new scan: the catalog view and the section list are built again, progress and note
counts set again, and an open file of the library shown as it now is. Built by the main
window with one line, like the other rooms; see docs/user-library.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from longform_desktop.core.history import ArticlePlace
from longform_desktop.core.user_library import (
    LIBRARY_SECTION,
    LIBRARY_TITLE,
    NO_FOLDER_HINT,
    LibraryScan,
)

if TYPE_CHECKING:
    from longform_desktop.services.library_service import LibraryService

    from .main_window import MainWindow

RESCAN_KEY = "F5"


class LibraryRoom(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.service: LibraryService | None = window.services.library
        self.rescan = window.commands.add(
            "rescan_library",
            "&Rescan Your Deep Dives",
            [RESCAN_KEY],
            "&File",
            "Read your own Markdown folder again",
        )
        self._place_after_preferences()
        self.placeholder = self._build_placeholder()
        self.skipped_row = self._build_skipped_row()
        self.details_dialog: SkippedDialog | None = None
        self._asked = False  # a rescan the user asked for is answered even if nothing changed
        if self.service is None:
            self.rescan.setEnabled(False)
            return
        self.rescan.triggered.connect(self.rescan_now)
        self.service.catalog_changed.connect(self.on_catalog_changed)
        self.service.scanned.connect(self._report)
        self.show_state(self.service.scan)

    # --- building -------------------------------------------------------------------
    def _place_after_preferences(self) -> None:
        """Next to Preferences, where its folder is chosen (``add`` put it last)."""
        menu = self.window.commands.menu("&File")
        actions = menu.actions()
        anchor = self.window.commands.preferences
        if anchor not in actions:
            return
        menu.removeAction(self.rescan)
        actions = menu.actions()
        after = actions.index(anchor) + 1
        if after < len(actions):
            menu.insertAction(actions[after], self.rescan)
        else:
            menu.addAction(self.rescan)

    def _build_placeholder(self) -> QWidget:
        """The "Your deep dives" section as the catalog shows it while it has nothing to
        list (turned off, or the default folder without Markdown yet): the catalog itself
        then has no such section, and the CLI lists none either."""
        box = QWidget()
        box.setObjectName("libraryPlaceholder")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 18, 0, 0)
        layout.setSpacing(10)
        header = QLabel(LIBRARY_TITLE)
        header.setObjectName("sectionTitle")
        layout.addWidget(header)
        self.hint = QLabel(NO_FOLDER_HINT)
        self.hint.setObjectName("empty")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.choose_button = QPushButton("Preferences…")
        self.choose_button.setAccessibleName("Choose the folder of your deep dives in Preferences")
        self.choose_button.clicked.connect(self.window.commands.preferences.trigger)
        layout.addWidget(self.choose_button)
        layout.addStretch(0)
        view = self.window.catalog_view
        view.page_layout.insertWidget(view.page_layout.count() - 1, box)  # before the stretch
        box.hide()
        return box

    def _build_skipped_row(self) -> QWidget:
        """Under the section: "N files skipped" and Details…, which lists each with
        its reason (the same lines ``longform check`` prints)."""
        row = QWidget()
        row.setObjectName("librarySkipped")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 4, 0, 0)
        self.skipped_label = QLabel("")
        self.skipped_label.setObjectName("muted")
        self.skipped_label.setWordWrap(True)
        layout.addWidget(self.skipped_label, 1)
        self.details_button = QPushButton("Details…")
        self.details_button.setAccessibleName("Show the skipped files and the problems")
        self.details_button.clicked.connect(self.show_details)
        layout.addWidget(self.details_button, 0)
        view = self.window.catalog_view
        view.page_layout.insertWidget(view.page_layout.count() - 1, row)  # before the stretch
        row.hide()
        return row

    def show_details(self) -> SkippedDialog:
        """The skipped files and every other problem of the folder, one per line."""
        assert self.service is not None
        if self.details_dialog is None:
            self.details_dialog = SkippedDialog(self.window)
        self.details_dialog.fill(self.service.scan)
        self.details_dialog.show()
        self.details_dialog.raise_()
        return self.details_dialog

    # --- following the service ---------------------------------------------------------
    def rescan_now(self) -> None:
        assert self.service is not None
        self.window.status.message("Reading your library…", 3000)
        self._asked = True
        self.service.reload()

    def show_state(self, scan: LibraryScan) -> None:
        """The empty states: the placeholder while the section is not listed, the
        section's own words when its folder has nothing to show; the skipped files."""
        self.placeholder.setVisible(not scan.listed)
        self.hint.setText(scan.empty_text)
        self.rescan.setEnabled(scan.folder is not None)
        empty = self.window.catalog_view.empty_labels.get(LIBRARY_SECTION)
        if empty is not None and not scan.section.articles:
            empty.setText(scan.empty_text)
            empty.setWordWrap(True)
        skipped = set(scan.skipped)
        others = len([p for p in scan.problems if p not in skipped])
        if scan.skipped or others:
            text = f"{_count(len(scan.skipped), 'file')} skipped"
            if others:
                text += f", {_count(others, 'other problem')}"
            self.skipped_label.setText(f"{LIBRARY_TITLE}: {text}.")
        self.skipped_row.setVisible(bool(scan.skipped or others))
        if self.details_dialog is not None and self.details_dialog.isVisible():
            self.show_details()  # what it lists follows the folder

    def on_catalog_changed(self, scan: LibraryScan) -> None:
        w = self.window
        catalog = w.catalog  # the same object, its sections already swapped by the service
        w.catalog_view.set_catalog(catalog)
        w.section_list.set_catalog(catalog)
        self.show_state(scan)
        w.refresh_progress()
        notes = getattr(w, "notes", None)
        if notes is not None:
            notes.refresh_counts()
        self._follow_open_article()

    def _report(self, scan: LibraryScan, changed: bool) -> None:
        asked, self._asked = self._asked, False
        if scan.folder is None or not (changed or asked):
            return
        files = _count(len(scan.articles), "file")
        problems = f", {len(scan.problems)} problem(s): see Details…" * bool(scan.problems)
        news = "" if changed else " (no change)"
        self.window.status.message(f"{LIBRARY_TITLE}: {files}{problems}{news}", 6000)

    def _follow_open_article(self) -> None:
        """An open file of the library that changed is shown anew at the same place; one
        that is gone gives way to the catalog."""
        w = self.window
        shown = w.article_view.article
        if shown is None or not isinstance(w.navigator.place, ArticlePlace):
            return
        now = w.catalog.article(shown.slug)
        if now is None or not now.is_written:
            w.show_catalog(record=False)
            w.status.message(f"“{shown.title}” is no longer in your deep dives folder.", 6000)
        elif now is not shown and now.content_hash != shown.content_hash:
            position = w.article_view.position()
            w.article_view.show_article(now, position=position)
            w.toc_panel.fill(w.article_view.toc())


class SkippedDialog(QDialog):
    """Details…: each skipped file with its reason, then the folder's other problems."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{LIBRARY_TITLE}: skipped files and problems")
        self.setObjectName("librarySkippedDialog")
        self.resize(760, 360)
        layout = QVBoxLayout(self)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setAccessibleName("Skipped files and problems")
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def fill(self, scan: LibraryScan) -> None:
        skipped = set(scan.skipped)
        others = [p for p in scan.problems if p not in skipped]
        self.summary.setText(
            f"{_count(len(scan.skipped), 'file')} skipped and "
            f"{_count(len(others), 'other problem')} in {scan.folder}. "
            "A file that is fixed is read again."
        )
        lines = [f"skipped: {_one_line(p)}" for p in scan.skipped]
        self.text.setPlainText("\n".join(lines + [_one_line(p) for p in others]))


def _one_line(problem: object) -> str:
    # A file name may hold a newline; one problem stays one line.
    return str(problem).replace("\n", "\\n")


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' * (n != 1)}"
