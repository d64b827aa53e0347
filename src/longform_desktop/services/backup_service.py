"""The daily copy of the user's database, made on a worker after start-up."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject

from longform_desktop.storage.backups import backup_if_due
from longform_desktop.storage.db import connect
from longform_desktop.storage.settings import BACKUP_FOLDER

from .events import AppEvents
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

    def folder(self) -> Path:
        chosen = self.preferences.get(BACKUP_FOLDER)
        return Path(chosen).expanduser() if chosen else self.database.parent / "backups"

    def daily(self) -> None:
        """Copy the database if the newest copy is a day old (never on the GUI thread)."""
        folder = self.folder()

        def work() -> Path | None:
            conn = connect(self.database)  # its own connection: the backup reads pages
            try:
                return backup_if_due(conn, folder)
            finally:
                conn.close()

        def failed(error: BaseException) -> None:
            self.events.error("Daily backup failed", f"{error} (folder: {folder})")

        def done(path: Path | None) -> None:
            if path is not None:
                log.info("daily backup: %s", path)

        self.runner.run(work, done, failed)
