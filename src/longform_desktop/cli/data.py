"""``longform backup`` and ``longform restore``: copies of the user's database."""

from __future__ import annotations

import argparse
from pathlib import Path

from longform_desktop import paths
from longform_desktop.storage.backups import RestoreError, backup_database, restore_database
from longform_desktop.storage.db import open_database
from longform_desktop.storage.settings import BACKUP_FOLDER, SettingsRepository

from .common import CommandError


def backup_folder() -> Path:
    """The folder chosen in Preferences, else ``backups/`` beside the database."""
    database = paths.database_path()
    chosen = SettingsRepository(open_database(database)).get(BACKUP_FOLDER)
    return Path(chosen).expanduser() if chosen else database.parent / "backups"


def cmd_backup(args: argparse.Namespace) -> int:
    folder = Path(args.output).expanduser() if args.output else backup_folder()
    conn = open_database(paths.database_path())
    try:
        target = backup_database(conn, folder, "manual")
    except OSError as exc:
        raise CommandError(f"cannot write a backup to {folder}: {exc}") from exc
    finally:
        conn.close()
    print(target)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    source = Path(args.file).expanduser()
    try:
        saved = restore_database(source, paths.database_path(), backup_folder())
    except RestoreError as exc:
        raise CommandError(f"not restored: {exc}. Nothing was changed.") from exc
    print(f"Restored {paths.database_path()} from {source}.")
    if saved is not None:
        print(f"The database it replaced was kept at {saved}.")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="copy your notes, drawings and progress to a file")
    p.add_argument("--output", metavar="DIR", help="folder for the copy (default: Preferences)")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="replace your data with a backup (the current is kept)")
    p.add_argument("file", help="a backup made by `longform backup` or by the app")
    p.set_defaults(func=cmd_restore)
