"""The database dialogs: what start-up says when the database cannot be opened
(:class:`DatabaseProblemDialog`), and File › Restore from backup… (:class:`BackupsDialog`).

Both list the copies in a :class:`BackupList` (date, kind, size, note and drawing
counts, each read from the copy itself, read-only). The widgets only ask: the copying
and restoring run in ``storage.backups`` (start-up, before any window) or on a worker
through ``services.backup_service`` (in the app).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from longform_desktop.storage.backups import BackupInfo
from longform_desktop.storage.db import DatabaseUnavailable
from longform_desktop.storage.recovery import FRESH, QUIT, RESTORE

if TYPE_CHECKING:
    from longform_desktop.services.backup_service import BackupService


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} KB"


def _count(n: int | None) -> str:
    return "—" if n is None else str(n)


class BackupList(QTreeWidget):
    """The copies, newest first; only those this version can restore are selectable."""

    COLUMNS = ("Date", "Kind", "Size", "Notes", "Drawings")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(self.COLUMNS))
        self.setHeaderLabels(list(self.COLUMNS))
        self.setRootIsDecorated(False)
        self.setAccessibleName("Backups")
        self.infos: list[BackupInfo] = []

    def set_backups(self, infos: Sequence[BackupInfo]) -> None:
        self.clear()
        self.infos = list(infos)
        first: QTreeWidgetItem | None = None
        for info in self.infos:
            item = QTreeWidgetItem(
                [
                    info.created.strftime("%Y-%m-%d %H:%M"),
                    info.kind,
                    _size(info.size),
                    _count(info.notes),
                    _count(info.drawings),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(0, str(info.path) + (f"\n{info.problem}" if info.problem else ""))
            if not info.usable:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setText(1, f"{info.kind} (cannot be restored)")
            elif first is None:
                first = item
            self.addTopLevelItem(item)
        for column in range(len(self.COLUMNS)):
            self.resizeColumnToContents(column)
        if first is not None:
            self.setCurrentItem(first)  # the newest good copy

    def selected(self) -> BackupInfo | None:
        item = self.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        path = item.data(0, Qt.ItemDataRole.UserRole)
        return next((i for i in self.infos if str(i.path) == path), None)


class DatabaseProblemDialog(QDialog):
    """Start-up could not open the database: say why in plain words, with the path, and
    offer what can be done. Damaged: restore a backup (the newest good one chosen) or
    start empty, the damaged file renamed aside either way. Newer: the copies this
    version can read, to restore one (the newer database renamed aside, never deleted).
    Anything else (locked, a folder at the path, read-only, full): the message and Quit.
    ``choice`` is ``(QUIT | RESTORE | FRESH, backup path or None)`` once it closes."""

    def __init__(
        self,
        problem: DatabaseUnavailable,
        backups: Sequence[BackupInfo] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Longform Desktop: your database")
        self.problem = problem
        self.choice: tuple[str, Path | None] = (QUIT, None)
        layout = QVBoxLayout(self)
        self.message = QLabel(str(problem))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        can_restore = problem.kind in (problem.DAMAGED, problem.NEWER)
        usable = [b for b in backups if b.usable]
        self.backups = BackupList(self)
        self.backups.set_backups(backups)
        self.buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton("Restore the chosen backup")
        self.fresh_button = QPushButton("Start with an empty library")
        self.quit_button = self.buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        if can_restore and backups:
            intro = QLabel(
                "Backups this version can restore (the newest good one is chosen):"
                if usable
                else "No backup here can be restored by this version."
            )
            layout.addWidget(intro)
            layout.addWidget(self.backups)
        if can_restore and usable:
            self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.restore_button.clicked.connect(self._restore)
            self.restore_button.setDefault(True)
        if problem.kind == problem.DAMAGED:
            self.buttons.addButton(self.fresh_button, QDialogButtonBox.ButtonRole.ResetRole)
            self.fresh_button.clicked.connect(self._fresh)
            if not usable:
                self.fresh_button.setDefault(True)
        self.quit_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(640, 360 if backups else 200)

    def _restore(self) -> None:
        chosen = self.backups.selected()
        if chosen is not None:
            self.choice = (RESTORE, chosen.path)
            self.accept()

    def _fresh(self) -> None:
        self.choice = (FRESH, None)
        self.accept()


class BackupsDialog(QDialog):
    """File › Restore from backup… (and Back up now…): the copies with their counts;
    Back up now; Restore, after a confirmation. ``service`` does the work on a worker
    (services/backup_service.py); this only asks and shows."""

    def __init__(self, service: BackupService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("Backups")
        layout = QVBoxLayout(self)
        self.where = QLabel(f"Backups in {service.folder()}")
        self.where.setWordWrap(True)
        layout.addWidget(self.where)
        self.list = BackupList(self)
        layout.addWidget(self.list)
        self.status = QLabel("Reading the backups…")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.backup_button = buttons.addButton(
            "Back up now", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button = buttons.addButton("Restore…", QDialogButtonBox.ButtonRole.ActionRole)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.ask_restore)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        self.resize(640, 400)
        self._busy = False
        self.refresh()

    def _enable(self) -> None:
        self.backup_button.setEnabled(not self._busy)
        self.restore_button.setEnabled(not self._busy and self.list.selected() is not None)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        if text:
            self.status.setText(text)
        self._enable()

    def refresh(self) -> None:
        self._set_busy(True, "Reading the backups…")
        self.service.list_backups(self._listed, self._failed)

    def _listed(self, infos: list[BackupInfo], note: str = "") -> None:
        self.list.set_backups(infos)
        count = f"{len(infos)} backup(s)." if infos else "No backups yet: Back up now."
        self._set_busy(False, f"{note} {count}".strip())

    def _failed(self, message: str) -> None:
        self._set_busy(False, message)

    def back_up_now(self) -> None:
        self._set_busy(True, "Backing up…")
        self.service.backup_now(self._backed_up, self._failed)

    def _backed_up(self, path: Path) -> None:
        self.service.list_backups(
            lambda infos: self._listed(infos, f"Backed up to {path}."), self._failed
        )

    def confirm(self, info: BackupInfo) -> bool:
        answer = QMessageBox.question(
            self,
            "Restore from backup",
            f"Replace your notes, drawings and progress with the backup of "
            f"{info.created:%Y-%m-%d %H:%M} ({_count(info.notes)} notes, "
            f"{_count(info.drawings)} drawings)?\n\nYour current database is kept aside "
            "first, never deleted.",
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_restore(self) -> None:
        info = self.list.selected()
        if info is None or not self.confirm(info):
            return
        self._set_busy(True, "Restoring…")
        self.service.restore(
            info.path, self._restored, lambda m: self._failed(f"Not restored: {m}")
        )

    def _restored(self, saved: Path | None) -> None:
        kept = f" The database it replaced is kept at {saved}." if saved else ""
        self.service.list_backups(
            lambda infos: self._listed(
                infos,
                "Restored: your notes, drawings and progress now come from the backup."
                f"{kept} Preferences such as the theme apply at the next start.",
            ),
            self._failed,
        )
