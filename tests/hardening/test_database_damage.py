"""Damaged databases at start-up: refused in plain words (or opened when only what SQLite
can recover from is hurt), and the user's file is never deleted or rewritten.

Each case builds a real Longform database with notes in it, damages it one way, and
opens it the way the app and the CLI do (``storage.db.open_database``). A refusal must
be a ``DatabaseUnavailable`` with a kind the start-up dialog knows, and the file's bytes
must be exactly what they were; an open must pass ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from longform_desktop.storage.db import DatabaseUnavailable, open_database
from longform_desktop.storage.migrations import SCHEMA_VERSION
from tests.hardening.report import tally

KINDS = {
    DatabaseUnavailable.DAMAGED,
    DatabaseUnavailable.NEWER,
    DatabaseUnavailable.LOCKED,
    DatabaseUnavailable.NOT_A_FILE,
    DatabaseUnavailable.NO_ACCESS,
    DatabaseUnavailable.READ_ONLY,
    DatabaseUnavailable.DISK_FULL,
    DatabaseUnavailable.IO_ERROR,
}


def _make(path: Path) -> None:
    conn = open_database(path)
    with conn:
        for i in range(40):
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?)", (f"k{i}", f'"{"x" * 300}"')
            )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _overwrite(offset: int, data: bytes) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        with open(path, "r+b") as f:
            f.seek(offset)
            f.write(data)

    return damage


def _truncate(size: int) -> Callable[[Path], None]:
    return lambda path: os.truncate(path, size)


def _replace_with(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _sql(statement: str) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        conn = sqlite3.connect(path)
        conn.executescript(statement)
        conn.close()

    return damage


def _zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("notes.txt", "not a database")


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _dangling(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.parent / "gone.sqlite3")


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _other_app(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE photos(id INTEGER PRIMARY KEY, blob BLOB); PRAGMA user_version=3;"
    )
    conn.close()


def _garbage_beside(suffix: str) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        Path(str(path) + suffix).write_bytes(os.urandom(4096))

    return damage


CASES: dict[str, Callable[[Path], None]] = {
    "zeroed file": lambda p: p.write_bytes(b"\0" * p.stat().st_size),
    "header overwritten": _overwrite(0, b"not a database!!"),
    "page size field garbage": _overwrite(16, b"\x00\x03"),
    "truncated to half": lambda p: os.truncate(p, p.stat().st_size // 2),
    "truncated to 50 bytes": _truncate(50),
    "random bytes in the middle": lambda p: _overwrite(p.stat().st_size // 2, os.urandom(2048))(p),
    "schema page garbage": _overwrite(100, os.urandom(900)),
    "text file": _replace_with(b"Dear diary, today I learned about B-trees.\n" * 200),
    "zip file": _zip,
    "user_version -5": _sql("PRAGMA user_version = -5;"),
    "huge user_version": _sql("PRAGMA user_version = 2147483647;"),
    "newer schema": _sql(f"PRAGMA user_version = {SCHEMA_VERSION + 1};"),
    "settings table dropped": _sql("DROP TABLE settings;"),
    "reading_progress dropped": _sql("DROP TABLE reading_progress;"),
    "another app's database": _other_app,
    "a folder at the path": _directory,
    "a dangling symlink": _dangling,
    "a FIFO at the path": _fifo,
    "WAL file garbage": _garbage_beside("-wal"),
    "shm file garbage": _garbage_beside("-shm"),
    "freelist pointer garbage": _overwrite(32, b"\xff\xff\xff\xff\xff\xff\xff\xff"),
    "header cut mid-way": _truncate(60),
    "all but the first page lost": _truncate(4096),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_damage_is_refused_in_plain_words_or_survived(tmp_path: Path, case: str) -> None:
    path = tmp_path / "longform.sqlite3"
    _make(path)
    CASES[case](path)
    before = _digest(path)
    started = time.perf_counter()
    problem: DatabaseUnavailable | None = None
    clean = True
    try:
        conn = open_database(path, busy_timeout_ms=200)
    except DatabaseUnavailable as exc:
        problem = exc
    else:
        try:
            clean = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    ms = (time.perf_counter() - started) * 1000
    tally("database", f"damage: {case}", failures=int(not clean), max_ms=round(ms, 1))
    assert clean  # opened: SQLite recovered it whole
    if problem is not None:
        assert problem.kind in KINDS, problem.kind
        assert str(path) in str(problem)  # says which file
        assert _digest(path) == before  # refused: not one byte changed


def test_random_byte_flips_never_raise_raw_errors(tmp_path: Path) -> None:
    """200 seeded flips of 1-16 bytes anywhere: each opens clean or is refused with the
    file untouched; never a raw sqlite3/OS error."""
    pristine = tmp_path / "pristine.sqlite3"
    _make(pristine)
    data = pristine.read_bytes()
    rng = random.Random(17)
    tried = refused = opened = 0
    for i in range(200):
        path = tmp_path / f"flip-{i}.sqlite3"
        damaged = bytearray(data)
        at = rng.randrange(len(damaged))
        for j in range(rng.randint(1, 16)):
            if at + j < len(damaged):
                damaged[at + j] = rng.randrange(256)
        path.write_bytes(bytes(damaged))
        tried += 1
        try:
            conn = open_database(path, busy_timeout_ms=100)
        except DatabaseUnavailable:
            assert path.read_bytes() == bytes(damaged)
            refused += 1
        else:
            conn.close()
            opened += 1
        path.unlink(missing_ok=True)
    tally("database", "random byte flips", tried=tried, refused=refused, opened=opened)
    assert tried == refused + opened == 200


def test_a_database_locked_by_another_process_is_refused_as_locked(tmp_path: Path) -> None:
    path = tmp_path / "longform.sqlite3"
    _make(path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
            "c.execute('PRAGMA locking_mode=EXCLUSIVE'); c.execute('BEGIN EXCLUSIVE')\n"
            'c.execute(\'INSERT INTO settings VALUES ("held", "1")\')\n'
            "print('held', flush=True); time.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        before = _digest(path)
        started = time.perf_counter()
        with pytest.raises(DatabaseUnavailable) as caught:
            open_database(path, busy_timeout_ms=300)
        ms = (time.perf_counter() - started) * 1000
        assert caught.value.kind == DatabaseUnavailable.LOCKED
        assert _digest(path) == before
        tally("database", "locked by another process", max_ms=round(ms, 1))
    finally:
        holder.kill()
        holder.wait()
