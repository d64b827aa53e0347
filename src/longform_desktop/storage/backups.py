"""Copies of the user's database: made before every migration, once a day, and on
request (``longform backup``); and a restore that checks the copy before it replaces
anything (``longform restore``).

Copies are made with SQLite's online backup API, so they are consistent even while the
app is writing, and each is written to a hidden temporary name in the same folder, then
renamed into place (``os.replace``): a copy is complete or absent, never half-written.
A restore first keeps what it replaces aside (a full copy named
``<database>.before-restore-<time>`` beside it, outside the rotation, never deleted),
then writes through the same API into the live file (WAL and all), so connections the
app already holds see the restored data. A database that cannot be opened at all
(damaged) is instead renamed aside (:func:`set_aside`) before anything takes its place.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)

BACKUPS_KEPT = 10  # newest copies kept in a backups folder; older ones are deleted
DAILY = 24 * 3600


class RestoreError(ValueError):
    """A file that cannot be restored; the message says why. Nothing was changed."""


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def copy_database(conn: sqlite3.Connection, target: Path) -> Path:
    """A consistent copy of ``conn``'s database at ``target``, written atomically: to a
    hidden name in the same folder, then renamed over ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        dest = sqlite3.connect(str(temporary))
        try:
            conn.backup(dest)
        finally:
            dest.close()
        with open(temporary, "rb+") as handle:  # on disk before it gets its real name
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def backup_database(conn: sqlite3.Connection, directory: Path, label: str) -> Path:
    """A consistent copy of the live database, named by label and time; prunes old ones."""
    target = copy_database(conn, directory / f"longform-{label}-{_stamp()}.sqlite3")
    log.info("database backed up to %s", target)
    for stale in backups(directory)[BACKUPS_KEPT:]:
        stale.unlink(missing_ok=True)
    return target


def backup_to(conn: sqlite3.Connection, output: Path) -> Path:
    """``longform backup --output``: a FILE path is the copy; an existing folder gets a
    dated copy inside (rotated like the others)."""
    if output.is_dir():
        return backup_database(conn, output, "manual")
    return copy_database(conn, output)


def backups(directory: Path) -> list[Path]:
    """The copies in ``directory``, newest first."""
    found = directory.glob("longform-*.sqlite3") if directory.is_dir() else []
    return sorted((p for p in found if p.is_file()), key=_mtime, reverse=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def backup_if_due(conn: sqlite3.Connection, directory: Path, every_s: float = DAILY) -> Path | None:
    """The daily copy: made when the newest copy is older than ``every_s`` (or missing)."""
    newest = backups(directory)
    if newest and time.time() - newest[0].stat().st_mtime < every_s:
        return None
    return backup_database(conn, directory, "daily")


def _read_only(source: Path) -> sqlite3.Connection:
    # immutable: a copy is read as it is, without -wal/-shm files made beside it
    return sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def check_restorable(source: Path, supported: int) -> int:
    """The schema version of ``source`` if it is a Longform database we can open."""
    from .db import required_tables

    if not source.is_file():
        raise RestoreError(f"{source} does not exist")
    try:
        conn = _read_only(source)
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
    if version < 1 or not tables >= required_tables(version):
        raise RestoreError(f"{source} is not a Longform Desktop database")
    return version


@dataclass(frozen=True)
class BackupInfo:
    """One copy as the restore dialog lists it, read from the copy itself (read-only)."""

    path: Path
    created: datetime  # the file's time, local
    kind: str  # daily, manual, before-restore, v2 (before a migration), ...
    size: int
    version: int = 0
    notes: int | None = None
    drawings: int | None = None
    problem: str = ""  # why it cannot be restored ("" when it can)

    @property
    def usable(self) -> bool:
        return not self.problem


def _kind(path: Path) -> str:
    parts = path.stem.split("-")
    return "-".join(parts[1:-1]) if len(parts) >= 3 and parts[0] == "longform" else "copy"


def describe_backup(path: Path, supported: int | None = None) -> BackupInfo:
    """What a copy holds (note and drawing counts) and whether it can be restored."""
    if supported is None:
        from .migrations import SCHEMA_VERSION

        supported = SCHEMA_VERSION
    try:
        stat = path.stat()
        created, size = datetime.fromtimestamp(stat.st_mtime), stat.st_size
    except OSError as exc:
        return BackupInfo(path, datetime.fromtimestamp(0), _kind(path), 0, problem=str(exc))
    try:
        version = check_restorable(path, supported)
    except RestoreError as exc:
        return BackupInfo(path, created, _kind(path), size, problem=str(exc))
    counts: list[int | None] = []
    conn = _read_only(path)
    try:
        for table in ("notes", "drawings"):
            try:
                counts.append(int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]))
            except sqlite3.Error:  # an older schema without that table
                counts.append(None)
    finally:
        conn.close()
    return BackupInfo(path, created, _kind(path), size, version, counts[0], counts[1])


def list_backups(*directories: Path) -> list[BackupInfo]:
    """The copies in these folders (duplicates once), newest first, each described."""
    seen: set[Path] = set()
    found: list[Path] = []
    for directory in directories:
        for path in backups(directory):
            if path.resolve() not in seen:
                seen.add(path.resolve())
                found.append(path)
    found.sort(key=_mtime, reverse=True)
    return [describe_backup(p) for p in found]


def newest_good_backup(*directories: Path) -> BackupInfo | None:
    return next((b for b in list_backups(*directories) if b.usable), None)


def set_aside(path: Path, reason: str) -> Path:
    """Rename the database at ``path`` (and its -wal/-shm files) out of the way, never
    deleting anything: ``longform.sqlite3`` becomes ``longform.sqlite3.<reason>-<time>``.
    Returns the new name of the main file."""
    aside = path.with_name(f"{path.name}.{reason}-{_stamp()}")
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists() or extra.is_symlink():
            os.replace(extra, aside.with_name(aside.name + suffix))
    os.replace(path, aside)
    log.warning("database %s set aside as %s (%s)", path, aside, reason)
    return aside


def restore_database(source: Path, target: Path) -> Path | None:
    """Replace the database at ``target`` with the copy at ``source``.

    Checked first (``RestoreError`` and nothing changed if it is unusable); the current
    database is first copied aside beside it (``<name>.before-restore-<time>``, the path
    returned; never rotated away) before it is overwritten; a current database that
    cannot be read (damaged, newer) is renamed aside instead. An older copy is migrated
    forward when the app next opens it.
    """
    from .db import DatabaseUnavailable, connect, problem_from
    from .migrations import SCHEMA_VERSION

    check_restorable(source, SCHEMA_VERSION)
    saved: Path | None = None
    src = _read_only(source)
    try:
        live: sqlite3.Connection | None = None
        if target.exists():
            try:
                live = connect(target)
                aside = target.with_name(f"{target.name}.before-restore-{_stamp()}")
                saved = copy_database(live, aside)
            except (sqlite3.Error, OSError, DatabaseUnavailable) as exc:
                if live is not None:
                    live.close()
                    live = None
                problem = problem_from(target, exc)
                if problem.kind not in (problem.DAMAGED, problem.NEWER):
                    raise RestoreError(str(problem)) from exc  # locked, read-only, full...
                saved = set_aside(target, "before-restore")  # unreadable: renamed, kept
        if live is not None:
            try:
                src.backup(live)  # page by page under SQLite's locks: all or nothing
            finally:
                live.close()
        else:
            copy_database(src, target)
    finally:
        src.close()
    log.info("database restored from %s (previous copy: %s)", source, saved)
    return saved
