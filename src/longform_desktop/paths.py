"""Every directory the app touches, in one place.

Environment variables override each location so tests (and portable installs) never
touch the real home directory:

- ``LONGFORM_DATA_DIR``: user data (the SQLite database: notes, progress, drawings).
- ``LONGFORM_CACHE_DIR``: rebuildable caches (the Whoosh index, rendered diagrams).
- ``LONGFORM_CONFIG_DIR``: settings.
- ``LONGFORM_CONTENT_DIR``: the deep dives (``sections.yaml`` + Markdown files).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import PlatformDirs

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


def config_dir() -> Path:
    return _dir("LONGFORM_CONFIG_DIR", _dirs.user_config_dir)


def database_path() -> Path:
    return data_dir() / "longform.sqlite3"


def index_dir() -> Path:
    return cache_dir() / "search-index"


def content_dir() -> Path:
    """The bundled deep dives.

    A source checkout or editable install reads ``content/`` at the repository root; a
    wheel install reads the copy installed under ``<prefix>/share/longform-desktop``.
    """
    override = os.environ.get("LONGFORM_CONTENT_DIR")
    if override:
        return Path(override)
    candidates = [
        Path(__file__).resolve().parents[2] / "content",
        Path(sys.prefix) / "share" / APP_NAME / "content",
    ]
    for candidate in candidates:
        if (candidate / "sections.yaml").is_file():
            return candidate
    return candidates[0]
