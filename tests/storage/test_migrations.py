"""Every numbered step, from every older schema, on a database that holds data."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from longform_desktop.storage import backups as backups_module
from longform_desktop.storage import db as db_module
from longform_desktop.storage.db import SCHEMA_VERSION, migrate, open_database, schema_version
from longform_desktop.storage.migrations import MIGRATIONS


def _rows_v1(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO reading_progress VALUES ('pagination-that-survives-real-data', 0.5, 0.6, 0,"
        " '2026-11-01T10:00:00+00:00', '2026-11-01T10:00:00+00:00')"
    )
    conn.execute("INSERT INTO settings VALUES ('reader.zoom', '1.3')")


def _rows_v2(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO notes (id, article, created, updated, color, body, section, exact, prefix,"
        " suffix, pos_start, pos_end) VALUES ('5f0c8f8e-0d4e-4d43-9b7e-2f5b9a5a6c10',"
        " 'idempotency-and-exactly-once', '2026-11-30T18:02:11Z', '2026-11-30T18:05:40Z',"
        " 'yellow', 'why?', 'the-state-machine', 'quoted', 'before ', ' after', 10, 16)"
    )


def _rows_v3(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO drawings (id, article, diagram, scene, started, created, updated, score)"
        " VALUES ('d1', 'idempotency-and-exactly-once', 'retry-safe-request', '{}',"
        " '2026-11-30T18:00:00Z', '2026-11-30T18:00:00Z', '2026-11-30T18:05:00Z', 71)"
    )


# What each schema version can hold: filled in before migrating, checked after.
SAMPLE_ROWS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _rows_v1,
    2: _rows_v2,
    3: _rows_v3,
}


def test_every_step_has_sample_rows() -> None:
    assert set(SAMPLE_ROWS) == set(range(1, SCHEMA_VERSION + 1))


def _database_at(path: Path, version: int) -> None:
    conn = sqlite3.connect(str(path), isolation_level=None)
    migrate(conn, 0, version)
    for v in range(1, version + 1):
        SAMPLE_ROWS[v](conn)
    conn.close()


@pytest.mark.parametrize("start", range(SCHEMA_VERSION))
def test_migrates_from_every_older_version(tmp_path: Path, start: int) -> None:
    path = tmp_path / "db.sqlite3"
    _database_at(path, start)
    conn = open_database(path)
    assert schema_version(conn) == SCHEMA_VERSION
    if start >= 1:  # the data of the older version is all still there
        assert conn.execute("SELECT percent FROM reading_progress").fetchone() == (0.6,)
        assert conn.execute("SELECT value FROM settings").fetchone() == ("1.3",)
    if start >= 2:
        assert conn.execute("SELECT body, pos_start FROM notes").fetchone() == ("why?", 10)
    # ... and every later table is usable
    for v in range(start + 1, SCHEMA_VERSION + 1):
        SAMPLE_ROWS[v](conn)
    backups = list((tmp_path / "backups").glob("*.sqlite3"))
    assert len(backups) == (1 if start > 0 else 0)  # a new database needs no backup
    if backups:
        copy = sqlite3.connect(backups[0])
        assert schema_version(copy) == start  # the backup is the database before


def test_a_failing_step_leaves_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.sqlite3"
    _database_at(path, 1)

    def broken(db) -> None:
        db.conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk full, say")

    monkeypatch.setattr(db_module, "MIGRATIONS", [MIGRATIONS[0], broken, *MIGRATIONS[2:]])
    with pytest.raises(RuntimeError, match="disk full"):
        open_database(path)
    conn = sqlite3.connect(path)
    assert schema_version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables and "notes" not in tables
    assert conn.execute("SELECT value FROM settings").fetchone() == ("1.3",)


def test_backups_are_pruned(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "db.sqlite3")
    for i in range(backups_module.BACKUPS_KEPT + 3):
        backups_module.backup_database(conn, tmp_path / "b", f"manual{i}")
    assert len(list((tmp_path / "b").glob("*.sqlite3"))) == backups_module.BACKUPS_KEPT
