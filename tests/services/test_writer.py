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


def _read_only(writer: Writer, on: bool) -> None:
    """A database that refuses writes, as a read-only file does (the tests run as root,
    where chmod does not stop SQLite): SQLite's own query_only switch, on the writer's
    connection, gives the same SQLITE_READONLY error."""
    writer.on_connection(lambda conn: conn.execute(f"PRAGMA query_only = {int(on)}"))


def test_writes_the_database_refuses_are_kept_and_written_once_it_can(
    qtbot, database: Path
) -> None:
    writer = Writer(database)
    blocked: list[tuple[str, str]] = []
    failed: list[str] = []
    errors: list[BaseException] = []
    done: list[int] = []
    writer.blocked.connect(lambda kind, text: blocked.append((kind, text)))
    writer.failed.connect(failed.append)
    _read_only(writer, True)
    for i in range(5):
        writer.submit(
            lambda conn, i=i: conn.execute("INSERT INTO t VALUES (?, 'w')", [i]) and i,
            done.append,
            errors.append,
        )
    qtbot.waitUntil(lambda: bool(blocked), timeout=5000)
    qtbot.wait(700)  # at least one retry after the first pause
    assert not writer.flush(0.1) and writer.pending() == 5 and writer.is_blocked
    assert [k for k, _ in blocked] == ["read-only"] and len(failed) == 1  # told once
    assert "cannot be saved" in failed[0] and "Nothing is lost" in failed[0]
    assert errors == [] and done == []
    with qtbot.waitSignal(writer.resumed, timeout=5000) as resumed:
        _read_only(writer, False)
        writer.submit(lambda conn: conn.execute("INSERT INTO t VALUES (5, 'w')") and 5, done.append)
    assert resumed.args == ["All changes saved."]
    assert writer.flush(5) and not writer.is_blocked
    qtbot.waitUntil(lambda: len(done) == 6)
    assert done == [0, 1, 2, 3, 4, 5]  # in the order they were made
    rows = sqlite3.connect(database).execute("SELECT x FROM t ORDER BY rowid").fetchall()
    assert [r[0] for r in rows] == [0, 1, 2, 3, 4, 5]
    assert writer.close()


def test_a_refused_write_retries_on_its_own(qtbot, database: Path) -> None:
    writer = Writer(database)
    _read_only(writer, True)
    writer.submit(lambda conn: conn.execute("INSERT INTO t VALUES (1, 'w')"))
    qtbot.waitUntil(lambda: writer.is_blocked, timeout=5000)
    # Made writable behind the writer's back (no new write to wake it): the backoff
    # retry alone writes it.
    writer.on_connection(lambda conn: conn.execute("PRAGMA query_only = 0"))
    with qtbot.waitSignal(writer.resumed, timeout=5000):
        pass
    assert sqlite3.connect(database).execute("SELECT count(*) FROM t").fetchone() == (1,)
    writer.close()


def test_a_write_that_is_wrong_still_fails_at_once(qtbot, database: Path) -> None:
    writer = Writer(database)
    errors: list[BaseException] = []
    writer.submit(lambda conn: conn.execute("INSERT INTO nowhere VALUES (1)"), None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert not writer.is_blocked and writer.flush(1)
    writer.close()


def test_quitting_while_blocked_logs_what_was_not_saved(qtbot, database: Path, caplog) -> None:
    writer = Writer(database)
    _read_only(writer, True)
    writer.submit(lambda conn: conn.execute("INSERT INTO t VALUES (1, 'w')"))
    qtbot.waitUntil(lambda: writer.is_blocked, timeout=5000)
    assert writer.close(5)
    assert any("could not be saved before quitting" in r.getMessage() for r in caplog.records)
