"""Every directory the app touches, in one place.

Environment variables override each location so tests (and portable installs) never
touch the real home directory:

- ``LONGFORM_DATA_DIR``: user data (the SQLite database: notes, progress, drawings).
- ``LONGFORM_CACHE_DIR``: rebuildable caches (the Whoosh index, rendered diagrams).
- ``LONGFORM_CONTENT_DIR``: the deep dives (``sections.yaml`` + Markdown files); unset,
  the copy shipped with the app (see ``resources``).
- ``LONGFORM_USER_CONTENT_DIR``: the user's own Markdown folder ("Your library"); when
  set it wins over the folder chosen in Preferences, and set empty it turns the library
  off (see docs/user-library.md).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

from . import resources

APP_NAME = "longform-desktop"
_dirs = PlatformDirs(APP_NAME, appauthor=False)


def _dir(env_var: str, default: str) -> Path:
    override = os.environ.get(env_var)
    path = Path(override) if override else Path(default)
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    return _dir("LONGFORM_DATA_DIR", _dirs.user_data_dir)


def cache_dir() -> Path:
    return _dir("LONGFORM_CACHE_DIR", _dirs.user_cache_dir)


def database_path() -> Path:
    return data_dir() / "longform.sqlite3"


def index_dir() -> Path:
    return cache_dir() / "search-index"


class ContentNotFoundError(RuntimeError):
    """No usable deep dives: the folder is missing or has no ``sections.yaml``.

    A broken install or a wrong ``LONGFORM_CONTENT_DIR``, never a state to carry on in
    (the catalog would be silently empty). The message is one line that names every
    folder looked in and what was wrong with it; the CLI and the GUI show it as it is.
    """

    def __init__(self, looked_in: list[Path], from_env: bool) -> None:
        self.looked_in = looked_in
        self.from_env = from_env
        where = "; ".join(f"{path} ({_what_is_wrong(path)})" for path in looked_in)
        source = " (from LONGFORM_CONTENT_DIR)" if from_env else ""
        super().__init__(f"no deep dives found: looked in {where}{source}")


def _what_is_wrong(path: Path) -> str:
    if not path.exists():
        return "does not exist"
    if not path.is_dir():
        return "not a folder"
    return "empty" if not any(path.iterdir()) else "no sections.yaml"


def content_dir() -> Path:
    """The deep dives: ``LONGFORM_CONTENT_DIR`` if set, else the ones shipped with the app.

    Shipped content is found by ``resources.find_dir`` (the wheel's and the bundle's copy,
    else ``content/`` in a checkout). A folder without ``sections.yaml`` is refused with
    ``ContentNotFoundError`` rather than read as an empty catalog.
    """
    override = os.environ.get("LONGFORM_CONTENT_DIR")
    looked_in = [Path(override)] if override else resources.candidates("content")
    for candidate in looked_in:
        if (candidate / "sections.yaml").is_file():
            return candidate
    raise ContentNotFoundError(looked_in, from_env=bool(override))


def user_content_override() -> str | None:
    """``LONGFORM_USER_CONTENT_DIR`` as set ("" turns the library off), or None when it is
    not set and the folder chosen in Preferences applies."""
    return os.environ.get("LONGFORM_USER_CONTENT_DIR")
