from __future__ import annotations

from pathlib import Path

from longform_desktop.services.backup_service import BackupService
from longform_desktop.services.events import AppEvents
from longform_desktop.services.preferences import Preferences
from longform_desktop.storage.backups import backups
from longform_desktop.storage.db import open_database
from longform_desktop.storage.settings import BACKUP_FOLDER, SettingsRepository

from .fakes import SyncRunner, SyncWriter


def _service(tmp_path: Path) -> tuple[BackupService, Preferences, AppEvents]:
    database = tmp_path / "db.sqlite3"
    db = open_database(database)
    events = AppEvents()
    prefs = Preferences(SettingsRepository(db), SyncWriter(db), events)
    return BackupService(database, prefs, SyncRunner(), events), prefs, events  # type: ignore[arg-type]


def test_daily_backup_goes_to_the_chosen_folder_once(tmp_path: Path) -> None:
    service, prefs, _ = _service(tmp_path)
    assert service.folder() == tmp_path / "backups"
    prefs.set(BACKUP_FOLDER, str(tmp_path / "elsewhere"))
    service.daily()
    service.daily()
    assert len(backups(tmp_path / "elsewhere")) == 1


def test_a_failed_backup_is_reported(qtbot, tmp_path: Path) -> None:
    service, prefs, events = _service(tmp_path)
    blocker_file = tmp_path / "a-file"
    blocker_file.write_text("not a folder")
    prefs.set(BACKUP_FOLDER, str(blocker_file))
    with qtbot.waitSignal(events.error_reported) as blocker:
        service.daily()
    assert blocker.args[0] == "Daily backup failed" and str(blocker_file) in blocker.args[1]
