"""Copies of the user's database from the app: the daily one after start-up, "Back up
now…", the list of copies and "Restore from backup…", each on a worker thread.

A restore writes the copy into the live file through SQLite's backup API (the database
it replaces is kept aside first, storage/backups.py), then migrates an older copy
forward; the connections the app holds see the restored pages at their next read, and
every kind of user data is announced as changed so the views reload. Preferences read
once at start (the theme, the reader's typography) apply at the next start.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from longform_desktop.storage.backups import (
    BackupInfo,
    backup_database,
    backup_if_due,
    list_backups,
    restore_database,
)
from longform_desktop.storage.db import connect, open_database
from longform_desktop.storage.settings import BACKUP_FOLDER

from .events import DRAWINGS, NOTES, PROGRESS, REVIEWS, SETTINGS, AppEvents
from .preferences import Preferences
from .tasks import TaskRunner

log = logging.getLogger(__name__)


class BackupService(QObject):
    def __init__(
        self,
        database: Path,
        preferences: Preferences,
        runner: TaskRunner,
        events: AppEvents,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.database, self.preferences, self.runner, self.events = (
            database,
            preferences,
            runner,
            events,
        )

    def default_folder(self) -> Path:
        return self.database.parent / "backups"

    def folder(self) -> Path:
        chosen = self.preferences.get(BACKUP_FOLDER)
        return Path(chosen).expanduser() if chosen else self.default_folder()

    def _copy(self, label: str, folder: Path, due_only: bool = False) -> Path | None:
        conn = connect(self.database)  # its own connection: the backup reads pages
        try:
            if due_only:
                return backup_if_due(conn, folder)
            return backup_database(conn, folder, label)
        finally:
            conn.close()

    def daily(self) -> None:
        """Copy the database if the newest copy is a day old (never on the GUI thread)."""
        folder = self.folder()

        def failed(error: BaseException) -> None:
            self.events.error("Daily backup failed", f"{error} (folder: {folder})")

        def done(path: Path | None) -> None:
            if path is not None:
                log.info("daily backup: %s", path)

        self.runner.run(lambda: self._copy("daily", folder, due_only=True), done, failed)

    def backup_now(self, on_done: Callable[[Path], None], on_error: Callable[[str], None]) -> None:
        """File › Back up now…: a copy in the backups folder, its path to ``on_done``."""
        folder = self.folder()

        def failed(error: BaseException) -> None:
            on_error(f"Not backed up to {folder}: {error}")

        self.runner.run(lambda: self._copy("manual", folder), on_done, failed)

    def list_backups(
        self, on_done: Callable[[list[BackupInfo]], None], on_error: Callable[[str], None]
    ) -> None:
        """The copies in the chosen folder and in ``backups/`` beside the database, each
        opened read-only to count its notes and drawings."""
        folders = [self.folder(), self.default_folder()]
        self.runner.run(
            lambda: list_backups(*folders), on_done, lambda e: on_error(f"Cannot list: {e}")
        )

    def restore(
        self,
        source: Path,
        on_done: Callable[[Path | None], None],
        on_error: Callable[[str], None],
    ) -> None:
        """Replace the database with ``source`` (validated first; the current one kept
        aside, its path to ``on_done``), migrate it, and announce every kind of data."""

        def work() -> Path | None:
            saved = restore_database(source, self.database)
            open_database(self.database).close()  # an older copy: migrated now
            return saved

        def done(saved: Path | None) -> None:
            for kind in (PROGRESS, SETTINGS, NOTES, DRAWINGS, REVIEWS):
                self.events.changed(kind, "", self)
            self.events.status(f"Restored from {source.name}.", 8000)
            on_done(saved)

        self.runner.run(work, done, lambda e: on_error(str(e)))
