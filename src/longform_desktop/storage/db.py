"""The user's database: open it safely, migrate it forward, refuse one from the future.

SQLite in WAL mode with ``synchronous=FULL``: a committed note survives a crash or a
power cut. The connection is in autocommit mode (``isolation_level=None``), so nothing is
grouped unless it says so: every write goes through :func:`transaction`, which really
begins one (``BEGIN IMMEDIATE``) and commits or rolls back as a whole. Schema changes are
the numbered steps of :mod:`.migrations`, recorded in ``PRAGMA user_version``; a database
written by a newer version of the app is refused, never "fixed" by us, and an existing
database is backed up before it is migrated.
"""

from __future__ import annotations

import errno
import itertools
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .migrations import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

_savepoints = itertools.count(1)
BUSY_TIMEOUT_MS = 5000  # how long a start waits for another process's lock


class DatabaseUnavailable(RuntimeError):
    """The database cannot be used as it is; nothing was changed. ``kind`` says why (one
    of the constants below), the message says it in plain words with the path and what
    to do. Raised by :func:`open_database` instead of whatever SQLite or the OS raised."""

    DAMAGED = "damaged"  # not SQLite, corrupt pages, not Longform's tables: set aside
    NEWER = "newer"  # written by a newer Longform Desktop: never touched
    LOCKED = "locked"  # another process holds it
    NOT_A_FILE = "not-a-file"  # a folder, a FIFO, a link to nowhere at the path
    NO_ACCESS = "no-access"  # the file cannot be read or written by this user
    READ_ONLY = "read-only"  # the data folder cannot be written
    DISK_FULL = "disk-full"
    IO_ERROR = "io-error"

    def __init__(self, path: Path, kind: str, detail: str, advice: str = "") -> None:
        self.path, self.kind, self.detail, self.advice = path, kind, detail, advice
        super().__init__(f"{detail} {advice}".strip())


class NewerSchemaError(DatabaseUnavailable):
    """The database was written by a newer Longform Desktop; we must not touch it."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.found, self.supported = found, supported
        super().__init__(
            path,
            self.NEWER,
            f"The database at {path} was created by a newer version of Longform Desktop "
            f"(schema {found}; this version understands up to {supported}). Your data has "
            "not been changed.",
            "Please update Longform Desktop to open it.",
        )


# The tables each schema version must have: a database without them is not ours (or
# has lost a table) and is never migrated or written to.
_TABLES_AT = {1: {"reading_progress", "settings"}, 2: {"notes"}, 3: {"drawings", "review_cards"}}


def required_tables(version: int) -> set[str]:
    return set().union(*(t for v, t in _TABLES_AT.items() if v <= version))


def damaged(path: Path, why: str) -> DatabaseUnavailable:
    return DatabaseUnavailable(
        path,
        DatabaseUnavailable.DAMAGED,
        f"The database at {path} is damaged or is not a Longform Desktop database ({why}). "
        "It has not been changed and nothing was deleted.",
        "Restore a backup, or start with an empty library: the damaged file is then kept "
        "beside it under a new name, never deleted.",
    )


def problem_from(path: Path, exc: BaseException) -> DatabaseUnavailable:
    """The plain-words problem behind an exception SQLite or the OS raised at ``path``."""
    if isinstance(exc, DatabaseUnavailable):
        return exc
    name = getattr(exc, "sqlite_errorname", "") or ""
    err = getattr(exc, "errno", None)
    text = str(exc) or type(exc).__name__
    folder = path.parent
    if (
        name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT"))
        or name == "SQLITE_ERROR"  # e.g. a migration meeting tables it did not expect
        or isinstance(exc, ValueError)
    ):
        return damaged(path, text)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return DatabaseUnavailable(
            path,
            DatabaseUnavailable.LOCKED,
            f"The database at {path} is in use by another program ({text}): another "
            "Longform Desktop, a `longform` command, or a tool that opened the file. "
            "Nothing has been changed.",
            "Close that program and start Longform Desktop again.",
        )
    if name.startswith("SQLITE_FULL") or err == errno.ENOSPC or err == errno.EFBIG:
        return DatabaseUnavailable(
            path,
            DatabaseUnavailable.DISK_FULL,
            f"The disk holding {folder} is full ({text}). Nothing has been changed.",
            "Free some space on it and start Longform Desktop again.",
        )
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")) or err in (
        errno.EROFS,
        errno.EACCES,
        errno.EPERM,
    ):
        return DatabaseUnavailable(
            path,
            DatabaseUnavailable.READ_ONLY,
            f"Longform Desktop cannot write to its data folder {folder} or to the database "
            f"{path} ({text}). Nothing has been changed.",
            "Make the folder and the file writable for you (or set LONGFORM_DATA_DIR to a "
            "writable folder) and start Longform Desktop again.",
        )
    return DatabaseUnavailable(
        path,
        DatabaseUnavailable.IO_ERROR,
        f"The database at {path} could not be read or written ({text}). Nothing has been changed.",
        "Check the disk, then start Longform Desktop again.",
    )


def _check_path(path: Path) -> None:
    """What is at ``path`` before SQLite is let near it: a regular file or nothing."""
    if path.is_symlink() and not path.exists():
        raise DatabaseUnavailable(
            path,
            DatabaseUnavailable.NOT_A_FILE,
            f"The database at {path} is a link to {os.readlink(path)}, which does not exist "
            "(is a drive or a synced folder not connected?). Nothing has been changed.",
            "Reconnect it, or move the link away, and start Longform Desktop again.",
        )
    if path.exists() and not path.is_file():
        what = "a folder" if path.is_dir() else "not a regular file"
        raise DatabaseUnavailable(
            path,
            DatabaseUnavailable.NOT_A_FILE,
            f"The database path {path} is {what}, not a database file. Nothing has been changed.",
            "Move it out of the way and start Longform Desktop again.",
        )
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise DatabaseUnavailable(
            path,
            DatabaseUnavailable.NO_ACCESS,
            f"You are not allowed to read and write the database at {path}. Nothing has "
            "been changed.",
            "Give your user read and write permission on it and start Longform Desktop again.",
        )


def _check_folder(path: Path) -> None:
    folder = path.parent
    if folder.is_dir() and not os.access(folder, os.W_OK):  # WAL needs -wal and -shm files
        raise problem_from(path, OSError(errno.EACCES, "the folder is read-only"))


def check_schema(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of an open database, checked: a sane version, Longform's
    tables for it, and ``PRAGMA quick_check`` clean. Raises :class:`DatabaseUnavailable`."""
    found = schema_version(conn)
    if found > SCHEMA_VERSION:
        raise NewerSchemaError(path, found, SCHEMA_VERSION)
    if found < 0:
        raise damaged(path, f"impossible schema version {found}")
    rows = conn.execute("PRAGMA quick_check(5)").fetchall()
    if [r[0] for r in rows] != ["ok"]:
        raise damaged(path, "SQLite's check found: " + "; ".join(str(r[0]) for r in rows))
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if found == 0 and tables:
        raise damaged(path, "it holds tables but no Longform schema version")
    missing = required_tables(found) - tables
    if missing:
        raise damaged(path, "missing table(s) " + ", ".join(sorted(missing)))
    return found


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One atomic unit of writes: all of it commits, or none of it does.

    ``BEGIN IMMEDIATE`` takes the write lock up front, so a transaction never fails
    half-way with "database is locked" after it has read. Nested use (a repository
    method inside a caller's transaction) becomes a savepoint of the outer one.
    """
    if conn.in_transaction:
        name = f"sp_{next(_savepoints)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # a failed COMMIT-time trigger may have ended it
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def connect(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A connection with the app's pragmas, without migrating (for a second connection,
    such as the writer thread's, to a database :func:`open_database` already opened)."""
    conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        # First of all: the very first read already needs the lock another process
        # may hold, and must wait for it rather than fail at once.
        conn.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        found = schema_version(conn)
        if found > SCHEMA_VERSION:
            raise NewerSchemaError(path, found, SCHEMA_VERSION)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn
    except BaseException:
        conn.close()
        raise


def _has_data(path: Path) -> bool:
    try:
        return path.is_file() and path.stat().st_size > 0
    except OSError:
        return False


def _checked_read_only(path: Path, busy_timeout_ms: int) -> int:
    """``check_schema`` on a read-only connection (nothing written, not even WAL mode)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        return check_schema(conn, path)
    finally:
        conn.close()


def open_database(
    path: Path, backup_dir: Path | None = None, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> sqlite3.Connection:
    """Open (creating if needed), check and migrate the database at ``path``.

    Anything that stops that (damage, a newer schema, a lock, a folder at the path, a
    read-only folder, a full disk) raises :class:`DatabaseUnavailable`, with the file as
    it was. An existing database that needs migrating is first copied to ``backup_dir``
    (default: ``backups/`` beside it), so a migration bug can never cost the user data.
    """
    try:
        _check_path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        _check_folder(path)
        # An existing file is checked read-only first: switching it to WAL (connect())
        # writes its header, and a file we refuse must keep every byte it had.
        checked = _checked_read_only(path, busy_timeout_ms) if _has_data(path) else None
        conn = connect(path, busy_timeout_ms)
    except (sqlite3.Error, OSError) as exc:
        raise problem_from(path, exc) from exc
    try:
        found = checked if checked is not None else check_schema(conn, path)
        if found < SCHEMA_VERSION:
            if found > 0:
                from .backups import backup_database  # only an upgrade copies the file

                backup_database(conn, backup_dir or path.parent / "backups", f"v{found}")
            migrate(conn, found)
        return conn
    except (sqlite3.Error, OSError) as exc:
        conn.close()
        raise problem_from(path, exc) from exc
    except BaseException:
        conn.close()
        raise


def migrate(conn: sqlite3.Connection, found: int, target: int = SCHEMA_VERSION) -> None:
    """Run the steps from schema ``found`` up to ``target``."""
    import sqlite_utils  # ~60 ms of imports: only when a migration actually runs

    if not 0 <= found <= target <= len(MIGRATIONS):
        raise ValueError(f"cannot migrate schema {found} to {target}")
    db = sqlite_utils.Database(conn)
    for version in range(found, target):
        # Each step and its version bump commit together: a crash mid-migration
        # leaves the database at the previous version, never half-migrated.
        with transaction(conn):
            MIGRATIONS[version](db)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        log.info("database migrated to schema %d", version + 1)
