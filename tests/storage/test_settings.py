from __future__ import annotations

from pathlib import Path

import pytest

from longform_desktop.storage.db import open_database, transaction
from longform_desktop.storage.settings import READER_ZOOM, Setting, SettingsRepository


def test_settings_round_trip_and_default(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    repo = SettingsRepository(open_database(path))
    assert repo.get(READER_ZOOM) == 1.0
    repo.set(READER_ZOOM, 1.3)
    assert SettingsRepository(open_database(path)).get(READER_ZOOM) == 1.3


def test_a_stored_value_of_the_wrong_type_reads_as_the_default(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3")
    repo = SettingsRepository(db)
    for raw in ('"big"', "true", "99", "not json"):
        with transaction(db):
            db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", [READER_ZOOM.key, raw])
        assert repo.get(READER_ZOOM) == 1.0


def test_invalid_values_are_refused(tmp_path: Path) -> None:
    repo = SettingsRepository(open_database(tmp_path / "db.sqlite3"))
    with pytest.raises(ValueError, match="not a valid value"):
        repo.set(READER_ZOOM, 40.0)
    mode = Setting("test.mode", str, "a", choices=("a", "b"))
    assert mode.coerce("b") == "b" and mode.coerce("c") == "a" and mode.coerce(3) == "a"
    assert Setting("test.flag", bool, False).coerce(1) is False
