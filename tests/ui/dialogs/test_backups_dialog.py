"""File › Back Up Now… / Restore from Backup…, through the real dialog and service."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from longform_desktop.services.backup_service import BackupService
from longform_desktop.services.events import AppEvents
from longform_desktop.services.preferences import Preferences
from longform_desktop.storage.db import open_database
from longform_desktop.storage.progress import ProgressRepository
from longform_desktop.storage.settings import SettingsRepository
from longform_desktop.ui.dialogs.backups_dialog import BackupsDialog
from tests.services.fakes import SyncRunner, SyncWriter


def test_back_up_now_lists_the_copy_and_restore_brings_it_back(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    database = tmp_path / "db.sqlite3"
    db = open_database(database)
    ProgressRepository(db).save_position("a", 0.4)
    events = AppEvents()
    prefs = Preferences(SettingsRepository(db), SyncWriter(db), events)
    service = BackupService(database, prefs, SyncRunner(), events)  # type: ignore[arg-type]
    dialog = BackupsDialog(service)
    qtbot.addWidget(dialog)
    assert dialog.list.topLevelItemCount() == 0
    dialog.backup_button.click()
    assert dialog.list.topLevelItemCount() == 1
    assert dialog.list.topLevelItem(0).text(3) == "0"  # notes counted in the copy
    ProgressRepository(db).save_position("a", 0.9)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    dialog.restore_button.click()
    assert "Restored" in dialog.status.text()
    assert ProgressRepository(db).get("a").percent == 0.4
    assert list(tmp_path.glob("db.sqlite3.before-restore-*"))
