"""Qt's native libraries and fontconfig made ready on a second core during start-up.

Before the first paint, the GUI thread spends ~30 ms inside the dynamic loader, mapping
and relocating Qt's libraries (QtGui ~7 ms, QtCore ~4, QtWidgets ~3, the xcb platform's
~3) and PySide's binding modules (QtWidgets ~4, QtGui ~3.5, QtCore ~2.5), and ~8 ms in
fontconfig's ``FcInit`` (far more on a desktop with thousands of fonts), each at the
moment PySide or Qt first needs it. None of it needs the GIL. So ``start()``, the first
thing the launch does, hands it to a thread: while the GUI thread runs Python (PySide's
start-up code, our imports), the thread ``dlopen``s the files in the order the GUI
thread will need them and calls ``FcInit``. When the GUI thread gets there, the loader
finds each file already loaded and Qt finds fontconfig initialised (``FcInit`` is
idempotent and thread-safe; Qt calls it before its first font).

Why this is safe:

- ``dlopen`` of a loaded file returns the same handle; the loader serialises concurrent
  calls. A binding module is only mapped: Python still runs its ``PyInit`` on import.
- The files are those of the PySide6 that ``import`` will find (the first regular
  package on ``sys.path``, PathFinder's order), so nothing of another Qt can be loaded
  first under the same soname.
- Only libraries, never a Qt plugin, and no Qt function is called: static initialisers
  create no ``QObject`` and no thread data, so the GUI thread is still the one Qt takes
  for its main thread (a test checks this).
- Linux only, and only when PySide is the wheel's layout (``PySide6/Qt/lib``; a
  distribution's PySide, or the frozen bundle, is left alone). Anything missing is
  skipped: the thread can only save time, never stop the start.

``LONGFORM_NO_PRELOAD=1`` turns it off (to measure what it saves).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Mapping, Sequence

DISABLE_ENV = "LONGFORM_NO_PRELOAD"
FONTCONFIG = "libfontconfig.so.1"
_XCB = ("libQt6DBus.so.6", "libQt6XcbQpa.so.6")
_WAYLAND = ("libQt6WaylandClient.so.6",)


def platform_libraries(environ: Mapping[str, str]) -> tuple[str, ...]:
    """The platform library Qt will load, guessed the way Qt picks its platform
    plugin: ``QT_QPA_PLATFORM`` first, else Wayland when a Wayland session is running,
    else xcb when there is an X display; nothing for offscreen and the rest."""
    platform = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if not platform:
        if environ.get("WAYLAND_DISPLAY"):
            platform = "wayland"
        elif environ.get("DISPLAY"):
            platform = "xcb"
    if platform.startswith("wayland"):
        return _WAYLAND
    if platform == "xcb":
        return _XCB
    return ()


def _package_dir(path: Sequence[str], name: str) -> str | None:
    """The first regular package ``name`` on ``path``: where ``import`` will find it
    (PathFinder's order), found without importing it. PySide's import must happen on
    the GUI thread, under the compile cache."""
    for entry in path:
        package = os.path.join(entry or os.curdir, name)
        if os.path.isfile(os.path.join(package, "__init__.py")):
            return package
    return None


def qt_library_dir(path: Sequence[str]) -> str | None:
    """``PySide6/Qt/lib`` of the PySide6 that ``import`` will find; None when that
    PySide is not the wheel's layout (a distribution's PySide uses the system Qt)."""
    package = _package_dir(path, "PySide6")
    if package is None:
        return None
    libs = os.path.join(package, "Qt", "lib")
    return libs if os.path.isdir(libs) else None


def _first_existing(folder: str, names: Sequence[str]) -> list[str]:
    for name in names:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            return [candidate]
    return []


def _versioned(folder: str | None, prefix: str) -> list[str]:
    """``libshiboken6.abi3.so.6.11`` and the like: the one file named ``prefix*``."""
    if folder is None:
        return []
    try:
        names = sorted(n for n in os.listdir(folder) if n.startswith(prefix))
    except OSError:
        return []
    return [os.path.join(folder, names[0])] if len(names) == 1 else []


def libraries_to_preload(path: Sequence[str], environ: Mapping[str, str]) -> list[str]:
    """Full paths of the libraries to load ahead, in the order the GUI thread needs
    them (each after the ones it links against, so each ``dlopen`` maps one file): Qt's
    and PySide's for QtCore, QtGui and QtWidgets, then the platform's. [] when PySide
    is not laid out as the wheel lays it out."""
    libs = qt_library_dir(path)
    if libs is None:
        return []
    from importlib.machinery import EXTENSION_SUFFIXES

    pyside = os.path.dirname(os.path.dirname(libs))

    def binding(module: str) -> list[str]:
        return _first_existing(pyside, [module + suffix for suffix in EXTENSION_SUFFIXES])

    ordered = [
        *_first_existing(libs, ["libQt6Core.so.6"]),
        *_versioned(_package_dir(path, "shiboken6"), "libshiboken6."),
        *_versioned(pyside, "libpyside6."),
        *binding("QtCore"),
        *_first_existing(libs, ["libQt6Gui.so.6"]),
        *binding("QtGui"),
        *_first_existing(libs, ["libQt6Widgets.so.6"]),
        *binding("QtWidgets"),
    ]
    for name in platform_libraries(environ):
        ordered += _first_existing(libs, [name])
    return ordered


def preload(libraries: Sequence[str], fontconfig: str | None = FONTCONFIG) -> list[str]:
    """Load ``libraries`` (and initialise fontconfig); what was done, for the tests and
    the log. A library that fails to load is left to Qt, which will report it."""
    import ctypes  # here: its ~2 ms import happens on this thread, not the GUI's

    done = []
    for library in libraries:
        try:
            ctypes.CDLL(library)  # ctypes releases the GIL around dlopen
        except OSError:
            break  # the next ones depend on it; Qt will say what is wrong
        done.append(os.path.basename(library))
    if fontconfig:
        try:
            if ctypes.CDLL(fontconfig).FcInit():
                done.append("FcInit")
        except (OSError, AttributeError):
            pass  # no fontconfig: Qt uses its own font database
    return done


def start(
    *,
    platform: str = sys.platform,
    environ: Mapping[str, str] = os.environ,
    path: Sequence[str] = sys.path,
    work: Callable[[Sequence[str]], object] | None = None,
) -> threading.Thread | None:
    """Start the preload thread (a daemon: it never holds the process open); None off
    Linux or when turned off. The thread finds the libraries itself, so even that
    leaves the GUI thread free."""
    if not platform.startswith("linux") or environ.get(DISABLE_ENV) == "1":
        return None
    run = work or preload

    def target() -> None:
        libraries = libraries_to_preload(path, environ)
        if libraries:
            run(libraries)

    thread = threading.Thread(target=target, name="native-preload", daemon=True)
    thread.start()
    return thread
