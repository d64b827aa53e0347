"""What every subcommand shares: the error type for bad input, and the catalog."""

from __future__ import annotations

import logging
import sqlite3

from longform_desktop import paths
from longform_desktop.core.catalog import Catalog, load_catalog
from longform_desktop.core.user_library import (
    bundled_sections,
    bundled_slugs,
    scan_library,
    with_library,
)
from longform_desktop.storage.settings import USER_CONTENT_FOLDER, SettingsRepository

log = logging.getLogger(__name__)


class CommandError(Exception):
    """Bad input the user can fix: printed as one line, exit code 2."""


def load_content(library: bool = True) -> Catalog:
    """The bundled deep dives, then the user's own ("Your deep dives", and those whose
    front matter names a bundled section), from the folder ``paths.user_content_folder``
    picks: ``--user-content``, ``LONGFORM_USER_CONTENT_DIR``, Preferences, else
    ``<data dir>/my-deep-dives``. So ``longform catalog``, ``search`` and ``check`` see
    what the app shows."""
    try:
        catalog = load_catalog(paths.content_dir())
    except paths.ContentNotFoundError as exc:  # says where it looked: one line, exit 2
        raise CommandError(str(exc)) from None
    if not library:
        return catalog
    folder = user_folder()
    if not folder.path:
        return catalog
    scan = scan_library(
        folder.path,
        bundled_slugs(catalog),
        sections=bundled_sections(catalog),
        optional=folder.is_default,
    )
    return with_library(catalog, scan)


def user_folder() -> paths.UserFolder:
    """The folder of the user's own deep dives; the Preferences one is read from the
    settings table only when no flag or variable says (read-only: the CLI never creates
    or migrates a database just to read a setting)."""
    if paths.user_content_override() is not None:
        return paths.user_content_folder()
    return paths.user_content_folder(_stored_folder())


def _stored_folder() -> str:
    database = paths.database_path()
    if not database.is_file():
        return ""
    try:
        conn = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
        try:
            return SettingsRepository(conn).get(USER_CONTENT_FOLDER)
        finally:
            conn.close()
    except sqlite3.Error as exc:  # an older or damaged database: the default, said once
        log.warning("cannot read the user content folder setting from %s: %s", database, exc)
        return ""
