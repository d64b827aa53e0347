"""Every directory the app touches, in one place.

Environment variables override each location so tests (and portable installs) never
touch the real home directory:

- ``LONGFORM_DATA_DIR``: user data (the SQLite database: notes, progress, drawings).
- ``LONGFORM_CACHE_DIR``: rebuildable caches (the Whoosh index, rendered diagrams).
- ``LONGFORM_CONTENT_DIR``: the deep dives (``sections.yaml`` + Markdown files); unset,
  the copy shipped with the app (see ``resources``).
- ``LONGFORM_USER_CONTENT_DIR``: the user's own Markdown folder ("Your deep dives");
  when set it wins over the folder chosen in Preferences (``--user-content DIR`` wins
  over it), and set empty it turns the section off. See ``user_content_folder`` and
  docs/user-library.md.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

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


# --- the user's own deep dives ------------------------------------------------------------
USER_CONTENT_ENV = "LONGFORM_USER_CONTENT_DIR"
USER_CONTENT_OPTION = "--user-content"
DEFAULT_USER_CONTENT = "my-deep-dives"  # inside the data dir
_user_content_flag: str | None = None  # ``--user-content DIR`` of this process


# A NamedTuple: cheaper to define than a frozen dataclass (docs/architecture.md, Start-up).
class UserFolder(NamedTuple):
    """Which folder "Your deep dives" reads, and who said so: ``flag`` (``--user-content``),
    ``env`` (``LONGFORM_USER_CONTENT_DIR``), ``setting`` (Preferences) or ``default``
    (``<data dir>/my-deep-dives``). ``path`` "" means the section is turned off (a flag or
    the variable set to ""); the default folder may not exist yet, and that is no
    problem (an empty section with a hint), while any other missing folder is one."""

    path: str
    source: str

    @property
    def is_default(self) -> bool:
        return self.source == "default"


def default_user_content_dir() -> Path:
    return data_dir() / DEFAULT_USER_CONTENT


def set_user_content_flag(value: str | None) -> None:
    """What ``--user-content`` said for this process (None: not given)."""
    global _user_content_flag
    _user_content_flag = value


def user_content_override() -> str | None:
    """The folder given by ``--user-content`` or else ``LONGFORM_USER_CONTENT_DIR`` (""
    turns the section off), or None when neither is given and Preferences applies."""
    if _user_content_flag is not None:
        return _user_content_flag
    return os.environ.get(USER_CONTENT_ENV)


def user_content_folder(setting: str = "") -> UserFolder:
    """The folder "Your deep dives" reads. Precedence: ``--user-content`` > the
    environment > the Preferences ``setting`` > ``<data dir>/my-deep-dives``."""
    if _user_content_flag is not None:
        return UserFolder(_absolute(_user_content_flag), "flag")
    env = os.environ.get(USER_CONTENT_ENV)
    if env is not None:
        return UserFolder(_absolute(env), "env")
    if setting:
        return UserFolder(_absolute(setting), "setting")
    return UserFolder(str(default_user_content_dir()), "default")


def _absolute(folder: str) -> str:
    """``~/notes`` or ``notes`` (from the shell's directory) as an absolute path, so that
    problems, the watcher and Preferences all name the same folder; "" stays ""."""
    return os.path.abspath(os.path.expanduser(folder)) if folder else ""


def take_user_content_option(argv: Sequence[str]) -> list[str]:
    """``argv`` without ``--user-content DIR`` (or ``--user-content=DIR``), which is
    remembered for this process (the GUI's command line; the CLI uses argparse)."""
    rest: list[str] = []
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == USER_CONTENT_OPTION and i + 1 < len(args):
            set_user_content_flag(args[i + 1])
            i += 2
            continue
        if arg.startswith(USER_CONTENT_OPTION + "="):
            set_user_content_flag(arg.split("=", 1)[1])
        else:
            rest.append(arg)
        i += 1
    return rest
