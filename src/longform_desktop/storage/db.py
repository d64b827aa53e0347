"""The user's database: open it safely, migrate it forward, refuse one from the future.

SQLite in WAL mode with ``synchronous=FULL``: a committed note survives a crash or a
power cut. Schema changes are numbered steps recorded in ``PRAGMA user_version``; a
database written by a newer version of the app is refused, never "fixed" by us.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported only when a migration runs: it costs ~60 ms at start-up
    import sqlite_utils


class NewerSchemaError(RuntimeError):
    """The database was written by a newer Longform Desktop; we must not touch it."""

    def __init__(self, path: Path, found: int, supported: int):
        self.path, self.found, self.supported = path, found, supported
        super().__init__(
            f"The database at {path} was created by a newer version of Longform Desktop "
            f"(schema {found}; this version understands up to {supported}). Your data has not "
            "been changed. Please update Longform Desktop to open it."
        )


def _m1_initial(db: sqlite_utils.Database) -> None:
    db["reading_progress"].create(
        {
            "article": str,
            "position": float,
            "percent": float,
            "finished": int,
            "opened_at": str,
            "updated_at": str,
        },
        pk="article",
    )
    db["settings"].create({"key": str, "value": str}, pk="key")


# Numbered migrations: index i upgrades schema i -> i + 1. Append, never edit.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_m1_initial]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def open_database(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database at ``path``.

    The connection is in autocommit mode; repositories group writes with ``with conn:``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        found = schema_version(conn)
        if found > SCHEMA_VERSION:
            raise NewerSchemaError(path, found, SCHEMA_VERSION)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=5000")
        if found < SCHEMA_VERSION:
            _migrate(conn, found)
        return conn
    except BaseException:
        conn.close()
        raise


def _migrate(conn: sqlite3.Connection, found: int) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    for version in range(found, SCHEMA_VERSION):
        # Each step and its version bump commit together: a crash mid-migration
        # leaves the database at the previous version, never half-migrated.
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](db)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
