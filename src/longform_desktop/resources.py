"""Files the app ships that are not code: icons, stylesheets, and the bundled deep dives.

They are authored at the top of the repository (``resources/``, ``content/``) and found by
one rule, whichever way the app was installed:

1. ``<package>/_bundled/<name>``: a wheel install (the build copies both folders there)
   and a PyInstaller bundle (the spec does the same), so both look alike.
2. ``<repository>/<name>``: a source checkout or an editable install.

Qt-free on purpose (the CLI and the core use it too), and cheap to import: it touches the
file system only when asked for a file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED_DIR = PACKAGE_DIR / "_bundled"
CHECKOUT_DIR = PACKAGE_DIR.parents[1]

#: The name of the app icon in the freedesktop icon theme (and of the .desktop file).
ICON_NAME = "longform-desktop"
#: Sizes of the hicolor PNGs under ``resources/icons/hicolor`` (scripts/make_icons.py).
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


class ResourceNotFoundError(FileNotFoundError):
    """A shipped file is missing: the install is broken. The message says where it looked."""


def candidates(name: str) -> list[Path]:
    """Where a top-level folder (``resources`` or ``content``) may be, in search order."""
    return [BUNDLED_DIR / name, CHECKOUT_DIR / name]


def find_dir(name: str) -> Path | None:
    """The first existing candidate folder for ``name``, or None."""
    return next((path for path in candidates(name) if path.is_dir()), None)


@cache
def resources_dir() -> Path:
    found = find_dir("resources")
    if found is None:
        looked = ", ".join(str(path) for path in candidates("resources"))
        raise ResourceNotFoundError(f"the app's resources folder is missing (looked in {looked})")
    return found


def path(relative: str) -> Path:
    """The shipped file at ``relative`` (a ``/``-separated path under ``resources/``)."""
    target = resources_dir().joinpath(*relative.split("/"))
    if not target.is_file():
        raise ResourceNotFoundError(f"the app's resource file is missing: {target}")
    return target


def read_text(relative: str) -> str:
    return path(relative).read_text(encoding="utf-8")


def icon_files(max_size: int = max(ICON_SIZES)) -> list[Path]:
    """The app icon's PNGs up to ``max_size`` px, smallest first."""
    return [
        path(f"icons/hicolor/{n}x{n}/apps/{ICON_NAME}.png") for n in ICON_SIZES if n <= max_size
    ]


def icon_svg() -> Path:
    return path(f"icons/hicolor/scalable/apps/{ICON_NAME}.svg")
