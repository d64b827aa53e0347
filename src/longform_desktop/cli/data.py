"""``longform backup`` and ``longform restore``: copies of the user's database."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from longform_desktop import paths
from longform_desktop.storage.backups import (
    RestoreError,
    backup_database,
    backup_to,
    restore_database,
)
from longform_desktop.storage.db import DatabaseUnavailable, open_database
from longform_desktop.storage.settings import BACKUP_FOLDER, SettingsRepository

from .common import CommandError


def backup_folder() -> Path:
    """The folder chosen in Preferences, else ``backups/`` beside the database."""
    database = paths.database_path()
    default = database.parent / "backups"
    conn = _open()
    try:
        chosen = SettingsRepository(conn).get(BACKUP_FOLDER)
    finally:
        conn.close()
    return Path(chosen).expanduser() if chosen else default


def _open() -> sqlite3.Connection:
    try:
        return open_database(paths.database_path())
    except DatabaseUnavailable as exc:  # one paragraph, exit 2, never a traceback
        raise CommandError(str(exc)) from None


def cmd_backup(args: argparse.Namespace) -> int:
    output = Path(args.output).expanduser() if args.output else None
    conn = _open()
    try:
        if output is None:
            folder = backup_folder()
            target = backup_database(conn, folder, "manual")
        else:
            target = backup_to(conn, output)
    except OSError as exc:
        where = output or backup_folder()
        raise CommandError(f"cannot write a backup to {where}: {exc}") from exc
    finally:
        conn.close()
    print(target)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    source = Path(args.file).expanduser()
    database = paths.database_path()
    try:
        saved = restore_database(source, database)
    except RestoreError as exc:
        raise CommandError(f"not restored: {exc}. Nothing was changed.") from exc
    except OSError as exc:
        raise CommandError(f"not restored: {exc}. Nothing was changed.") from exc
    print(f"Restored {database} from {source}.")
    if saved is not None:
        print(f"The database it replaced was kept at {saved}.")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="copy your notes, drawings and progress to a file")
    p.add_argument(
        "--output",
        metavar="FILE",
        help="the file to write (an existing folder: a dated copy inside it; "
        "default: a dated copy in the backups folder set in Preferences, else backups/ "
        "beside the database)",
    )
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="replace your data with a backup (the current is kept)")
    p.add_argument("file", help="a backup made by `longform backup` or by the app")
    p.set_defaults(func=cmd_restore)
