from __future__ import annotations

from pathlib import Path

import pytest

from longform_desktop.services.events import SETTINGS, AppEvents
from longform_desktop.services.preferences import Preferences
from longform_desktop.storage.db import open_database
from longform_desktop.storage.settings import READER_ZOOM, SettingsRepository

from .fakes import SyncWriter


def test_a_preference_is_stored_and_announced_once(qtbot, tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3")
    events = AppEvents()
    writer = SyncWriter(db)
    prefs = Preferences(SettingsRepository(db), writer, events)
    seen: list[tuple[str, str]] = []
    events.user_data_changed.connect(lambda kind, key, _who: seen.append((kind, key)))
    prefs.set(READER_ZOOM, 1.2)
    prefs.set(READER_ZOOM, 1.2)  # unchanged: nothing written, nothing announced
    assert prefs.get(READER_ZOOM) == 1.2
    assert SettingsRepository(db).get(READER_ZOOM) == 1.2
    assert seen == [(SETTINGS, READER_ZOOM.key)] and writer.jobs == 1
    with pytest.raises(ValueError, match="not a valid value"):
        prefs.set(READER_ZOOM, 100.0)
