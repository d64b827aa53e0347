from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from longform_desktop.storage.db import (
    SCHEMA_VERSION,
    NewerSchemaError,
    connect,
    open_database,
    transaction,
)


def test_new_database_is_migrated_and_in_wal(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


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
    with pytest.raises(NewerSchemaError):
        connect(path)
    assert path.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def _scratch(tmp_path: Path) -> sqlite3.Connection:
    db = open_database(tmp_path / "db.sqlite3")
    db.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)")
    return db


def test_a_failed_transaction_keeps_nothing(tmp_path: Path) -> None:
    """The defect this pins: `with conn:` on an autocommit connection begins no
    transaction, so the first insert of a failing block used to stay."""
    db = _scratch(tmp_path)
    with pytest.raises(sqlite3.IntegrityError), transaction(db):  # noqa: PT012 (the block is the test)
        db.execute("INSERT INTO t VALUES (1)")
        db.execute("INSERT INTO t VALUES (1)")  # duplicate key: the block fails
    assert db.execute("SELECT count(*) FROM t").fetchone()[0] == 0
    assert not db.in_transaction


def test_a_python_error_rolls_back_too(tmp_path: Path) -> None:
    db = _scratch(tmp_path)
    with pytest.raises(RuntimeError, match="changed its mind"), transaction(db):  # noqa: PT012
        db.execute("INSERT INTO t VALUES (1)")
        raise RuntimeError("the caller changed its mind")
    assert db.execute("SELECT count(*) FROM t").fetchone()[0] == 0


def test_nested_transaction_is_a_savepoint(tmp_path: Path) -> None:
    db = _scratch(tmp_path)
    with transaction(db):
        db.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(sqlite3.IntegrityError), transaction(db):  # noqa: PT012
            db.execute("INSERT INTO t VALUES (2)")
            db.execute("INSERT INTO t VALUES (2)")
        assert db.in_transaction  # the inner failure did not end the outer transaction
    assert [r[0] for r in db.execute("SELECT x FROM t")] == [1]


def test_committed_rows_are_visible_to_another_connection(tmp_path: Path) -> None:
    db = _scratch(tmp_path)
    with transaction(db):
        db.execute("INSERT INTO t VALUES (7)")
    other = connect(tmp_path / "db.sqlite3")
    assert other.execute("SELECT x FROM t").fetchall() == [(7,)]
