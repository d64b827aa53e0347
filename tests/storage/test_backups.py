from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from longform_desktop.storage.backups import (
    BACKUPS_KEPT,
    RestoreError,
    backup_database,
    backup_if_due,
    backups,
    restore_database,
)
from longform_desktop.storage.db import SCHEMA_VERSION, open_database
from longform_desktop.storage.progress import ProgressRepository


def test_backup_then_restore_brings_the_data_back(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    db = open_database(path)
    ProgressRepository(db).save_position("a", 0.5)
    copy = backup_database(db, tmp_path / "b", "manual")
    ProgressRepository(db).save_position("a", 0.9)
    ProgressRepository(db).save_position("b", 0.2)
    saved = restore_database(copy, path)
    assert saved is not None and saved.exists()  # what was replaced is kept too
    assert ProgressRepository(db).all() == {"a": ProgressRepository(db).get("a")}
    assert ProgressRepository(db).get("a").percent == 0.5  # seen by a connection already open
    again = open_database(path)
    assert set(ProgressRepository(again).all()) == {"a"}


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not a database at all" * 50, "not a Longform"), (None, "does not exist")],
)
def test_unusable_copies_are_refused_and_nothing_changes(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "db.sqlite3"
    ProgressRepository(open_database(path)).save_position("a", 0.5)
    source = tmp_path / "copy.sqlite3"
    if content is not None:
        source.write_bytes(content)
    with pytest.raises(RestoreError, match=message):
        restore_database(source, path)
    assert ProgressRepository(open_database(path)).get("a").percent == 0.5
    assert not (tmp_path / "b").exists()


def test_a_copy_from_a_newer_app_or_another_program_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE contacts (name)")
    conn.commit()
    conn.close()
    with pytest.raises(RestoreError, match="not a Longform"):
        restore_database(other, tmp_path / "db.sqlite3")
    newer = tmp_path / "newer.sqlite3"
    open_database(newer).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(RestoreError, match="newer"):
        restore_database(newer, tmp_path / "db.sqlite3")
    assert not (tmp_path / "db.sqlite3").exists()


def test_daily_backup_only_when_due_and_pruned(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3")
    folder = tmp_path / "b"
    assert backup_if_due(db, folder) is not None
    assert backup_if_due(db, folder) is None  # one today already
    old = backups(folder)[0]
    past = time.time() - 2 * 24 * 3600
    os.utime(old, (past, past))
    assert backup_if_due(db, folder) is not None
    for i in range(BACKUPS_KEPT + 2):
        backup_database(db, folder, f"m{i}")
    assert len(backups(folder)) == BACKUPS_KEPT
