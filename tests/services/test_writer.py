"""The one writer thread: jobs commit in order off the GUI thread, each as one
transaction; results and errors come back on the GUI thread."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from longform_desktop.services.writer import Writer
from longform_desktop.storage.db import open_database


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "db.sqlite3"
    conn = open_database(path)
    conn.execute("CREATE TABLE t (x INTEGER PRIMARY KEY, thread TEXT)")
    conn.close()
    return path


def test_jobs_commit_in_order_off_the_gui_thread(qtbot, database: Path) -> None:
    writer = Writer(database)
    results: list[tuple[int, bool]] = []
    gui = threading.get_ident()

    def insert(i: int):
        def job(conn: sqlite3.Connection) -> int:
            conn.execute("INSERT INTO t VALUES (?, ?)", [i, threading.current_thread().name])
            return i

        return job

    for i in range(20):
        writer.submit(insert(i), lambda i: results.append((i, threading.get_ident() == gui)))
    assert writer.flush(10)
    qtbot.waitUntil(lambda: len(results) == 20)
    assert results == [(i, True) for i in range(20)]  # in order, delivered on the GUI thread
    rows = sqlite3.connect(database).execute("SELECT x, thread FROM t ORDER BY x").fetchall()
    assert [r[0] for r in rows] == list(range(20))
    assert {r[1] for r in rows} == {"longform-writer"}
    assert writer.close()


def test_a_failing_job_rolls_back_and_reports(qtbot, database: Path) -> None:
    writer = Writer(database)
    errors: list[BaseException] = []

    def half(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO t VALUES (1, 'a')")
        conn.execute("INSERT INTO t VALUES (1, 'b')")  # fails: the first row must go too

    writer.submit(half, on_error=errors.append)
    with qtbot.waitSignal(writer.failed, timeout=5000) as blocker:
        writer.submit(half)  # no on_error: announced on `failed`
    assert "Could not save" in blocker.args[0]
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert isinstance(errors[0], sqlite3.IntegrityError)
    assert sqlite3.connect(database).execute("SELECT count(*) FROM t").fetchone() == (0,)
    writer.close()


def test_close_finishes_queued_work_and_refuses_more(database: Path) -> None:
    writer = Writer(database)
    for i in range(50):
        writer.submit(lambda conn, i=i: conn.execute("INSERT INTO t VALUES (?, 'w')", [i]))
    assert writer.close()
    assert sqlite3.connect(database).execute("SELECT count(*) FROM t").fetchone() == (50,)
    with pytest.raises(RuntimeError, match="closed"):
        writer.submit(lambda conn: None)
