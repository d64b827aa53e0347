"""What every subcommand shares: the error type for bad input, and the catalog."""

from __future__ import annotations

import logging
import sqlite3

from longform_desktop import paths
from longform_desktop.core.catalog import Catalog, load_catalog
from longform_desktop.core.user_library import bundled_slugs, scan_library, with_library
from longform_desktop.storage.settings import USER_CONTENT_FOLDER, SettingsRepository

log = logging.getLogger(__name__)


class CommandError(Exception):
    """Bad input the user can fix: printed as one line, exit code 2."""


def load_content(library: bool = True) -> Catalog:
    """The bundled deep dives, then "Your library" when a folder of the user's own
    Markdown is set (``LONGFORM_USER_CONTENT_DIR``, else the one chosen in Preferences),
    so ``longform catalog``, ``search`` and ``check`` see what the app shows."""
    try:
        catalog = load_catalog(paths.content_dir())
    except paths.ContentNotFoundError as exc:  # says where it looked: one line, exit 2
        raise CommandError(str(exc)) from None
    folder = user_folder() if library else ""
    if not folder:
        return catalog
    return with_library(catalog, scan_library(folder, bundled_slugs(catalog)))


def user_folder() -> str:
    """The library folder: the environment's, else the one stored in the settings table
    (read-only: the CLI never creates or migrates a database just to read a setting)."""
    override = paths.user_content_override()
    if override is not None:
        return override
    database = paths.database_path()
    if not database.is_file():
        return ""
    try:
        conn = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
        try:
            return SettingsRepository(conn).get(USER_CONTENT_FOLDER)
        finally:
            conn.close()
    except sqlite3.Error as exc:  # an older or damaged database: no library, said once
        log.warning("cannot read the library folder setting from %s: %s", database, exc)
        return ""
