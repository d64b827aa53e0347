from __future__ import annotations

from pathlib import Path

from longform_desktop.services.events import PROGRESS, AppEvents
from longform_desktop.services.reading_service import ReadingService
from longform_desktop.storage.db import open_database
from longform_desktop.storage.progress import ProgressRepository

from .fakes import SyncWriter


def test_saving_a_position_commits_then_announces(qtbot, tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3")
    events = AppEvents()
    writer = SyncWriter(db)
    service = ReadingService(ProgressRepository(db), writer, events)
    with qtbot.waitSignal(events.user_data_changed) as blocker:
        service.save_position("pagination-that-survives-real-data", 0.25)
    assert blocker.args[:2] == [PROGRESS, "pagination-that-survives-real-data"]
    assert service.progress("pagination-that-survives-real-data").percent == 0.25
    assert writer.jobs == 1
    assert set(service.all_progress()) == {"pagination-that-survives-real-data"}
