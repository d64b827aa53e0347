from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from longform_desktop.storage.db import SCHEMA_VERSION, NewerSchemaError, open_database
from longform_desktop.storage.progress import ProgressRepository
from longform_desktop.storage.settings import SettingsRepository


def test_new_database_is_migrated_and_in_wal(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE precious (x)")
    conn.execute("INSERT INTO precious VALUES (42)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer version"):
        open_database(path)
    assert path.read_bytes() == before


def test_progress_only_grows_and_finishes(tmp_path: Path) -> None:
    repo = ProgressRepository(open_database(tmp_path / "db.sqlite3"))
    assert repo.get("a").state == "unread"
    repo.save_position("a", 0.4)
    back = repo.save_position("a", 0.1)
    assert (back.position, back.percent, back.state) == (0.1, 0.4, "in progress")
    assert repo.save_position("a", 1.0).finished
    assert repo.save_position("a", 0.0).finished  # sticky


def test_data_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    db = open_database(path)
    ProgressRepository(db).save_position("x", 0.5)
    SettingsRepository(db).set("reader.zoom", 1.3)
    db.close()
    again = open_database(path)
    assert ProgressRepository(again).get("x").percent == 0.5
    assert SettingsRepository(again).get("reader.zoom") == 1.3
