"""Copies of the user's database: made before every migration, once a day, and on
request (``longform backup``); and a restore that checks the copy before it replaces
anything (``longform restore``).

Copies are made with SQLite's online backup API, so they are consistent even while the
app is writing, and a restore writes through the same API into the live file (WAL and
all) after backing up what it replaces. A restore never leaves a half-copied database.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)

BACKUPS_KEPT = 10  # newest copies kept in a backups folder; older ones are deleted
DAILY = 24 * 3600
_REQUIRED_TABLES = {"reading_progress", "settings"}


class RestoreError(ValueError):
    """A file that cannot be restored; the message says why. Nothing was changed."""


def backup_database(conn: sqlite3.Connection, directory: Path, label: str) -> Path:
    """A consistent copy of the live database, named by label and time; prunes old ones."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = directory / f"longform-{label}-{stamp}.sqlite3"
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    log.info("database backed up to %s", target)
    for stale in backups(directory)[BACKUPS_KEPT:]:
        stale.unlink(missing_ok=True)
    return target


def backups(directory: Path) -> list[Path]:
    """The copies in ``directory``, newest first."""
    found = directory.glob("longform-*.sqlite3") if directory.is_dir() else []
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def backup_if_due(conn: sqlite3.Connection, directory: Path, every_s: float = DAILY) -> Path | None:
    """The daily copy: made when the newest copy is older than ``every_s`` (or missing)."""
    newest = backups(directory)
    if newest and time.time() - newest[0].stat().st_mtime < every_s:
        return None
    return backup_database(conn, directory, "daily")


def check_restorable(source: Path, supported: int) -> int:
    """The schema version of ``source`` if it is a Longform database we can open."""
    if not source.is_file():
        raise RestoreError(f"{source} does not exist")
    try:
        conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise RestoreError(f"{source} is damaged (SQLite's integrity check failed)")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise RestoreError(f"{source} is not a Longform Desktop database ({exc})") from exc
    if version > supported:
        raise RestoreError(
            f"{source} was written by a newer Longform Desktop (schema {version}; this "
            f"version understands up to {supported})"
        )
    if version < 1 or not tables >= _REQUIRED_TABLES:
        raise RestoreError(f"{source} is not a Longform Desktop database")
    return version


def restore_database(source: Path, target: Path, directory: Path) -> Path | None:
    """Replace the database at ``target`` with the copy at ``source``.

    Checked first (``RestoreError`` and nothing changed if it is unusable); the current
    database is backed up to ``directory`` (the path returned) before it is overwritten;
    an older copy is migrated forward when the app next opens it.
    """
    from .db import connect
    from .migrations import SCHEMA_VERSION

    check_restorable(source, SCHEMA_VERSION)
    saved: Path | None = None
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        if target.exists():
            live = connect(target)
            try:
                saved = backup_database(live, directory, "before-restore")
                src.backup(live)  # page by page under SQLite's locks: all or nothing
            finally:
                live.close()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            fresh = sqlite3.connect(str(target))
            try:
                src.backup(fresh)
            finally:
                fresh.close()
    finally:
        src.close()
    log.info("database restored from %s (previous copy: %s)", source, saved)
    return saved
