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

import itertools
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .backups import backup_database
from .migrations import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

_savepoints = itertools.count(1)


class NewerSchemaError(RuntimeError):
    """The database was written by a newer Longform Desktop; we must not touch it."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path, self.found, self.supported = path, found, supported
        super().__init__(
            f"The database at {path} was created by a newer version of Longform Desktop "
            f"(schema {found}; this version understands up to {supported}). Your data has not "
            "been changed. Please update Longform Desktop to open it."
        )


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


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the app's pragmas, without migrating (for a second connection,
    such as the writer thread's, to a database :func:`open_database` already opened)."""
    conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        found = schema_version(conn)
        if found > SCHEMA_VERSION:
            raise NewerSchemaError(path, found, SCHEMA_VERSION)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=5000")
        return conn
    except BaseException:
        conn.close()
        raise


def open_database(path: Path, backup_dir: Path | None = None) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database at ``path``.

    An existing database that needs migrating is first copied to ``backup_dir``
    (default: ``backups/`` beside it), so a migration bug can never cost the user data.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path)
    try:
        found = schema_version(conn)
        if found < SCHEMA_VERSION:
            if found > 0:
                backup_database(conn, backup_dir or path.parent / "backups", f"v{found}")
            migrate(conn, found)
        return conn
    except BaseException:
        conn.close()
        raise


def migrate(conn: sqlite3.Connection, found: int, target: int = SCHEMA_VERSION) -> None:
    """Run the steps from schema ``found`` up to ``target``."""
    import sqlite_utils  # ~60 ms of imports: only when a migration actually runs

    db = sqlite_utils.Database(conn)
    for version in range(found, target):
        # Each step and its version bump commit together: a crash mid-migration
        # leaves the database at the previous version, never half-migrated.
        with transaction(conn):
            MIGRATIONS[version](db)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        log.info("database migrated to schema %d", version + 1)
