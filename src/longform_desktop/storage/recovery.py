"""What start-up does with the user's answer when the database could not be opened
(the dialog is ``ui/dialogs/backups_dialog.DatabaseProblemDialog``; this module has no Qt
so the CLI and tests can use it headless).

Nothing is ever deleted: a damaged or newer database is renamed aside (``set_aside``)
before a backup is restored or an empty library is started, and the message returned
says where it went.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .backups import BackupInfo, list_backups, restore_database, set_aside
from .db import DatabaseUnavailable

log = logging.getLogger(__name__)

# The start-up dialog's answers (ui/dialogs/backups_dialog.DatabaseProblemDialog).
QUIT, RESTORE, FRESH = "quit", "restore", "fresh"


def backups_for(database: Path) -> list[BackupInfo]:
    """The copies start-up can offer: those in the default folder beside the database (a
    Backups folder chosen in Preferences is a setting inside the database that does not
    open)."""
    return list_backups(database.parent / "backups")


def recover(problem: DatabaseUnavailable, choice: str, backup: Path | None = None) -> str:
    """Carry out ``choice`` for a database that could not be opened; the plain-words
    outcome for the status bar. Raises ``RestoreError`` (nothing changed) when the
    backup cannot be restored, ``ValueError`` for a choice the problem does not allow."""
    path = problem.path
    if problem.kind not in (problem.DAMAGED, problem.NEWER):
        raise ValueError(f"nothing can be done here about a database that is {problem.kind}")
    if choice == RESTORE:
        if backup is None:
            raise ValueError("no backup chosen")
        saved = restore_database(backup, path)
        where = f" The database it replaced was kept as {saved}." if saved else ""
        log.warning("start-up restored %s from %s", path, backup)
        return f"Restored your library from the backup {backup.name}.{where}"
    if choice == FRESH and problem.kind == problem.DAMAGED:
        aside = set_aside(path, "damaged")
        return f"Started an empty library. The damaged database was kept as {aside}."
    raise ValueError(f"{choice!r} is not possible for a database that is {problem.kind}")
