"""The desktop app's entry point (``longform-desktop``, ``python -m longform_desktop``).

Separate from ``app`` so that PySide can be prepared before any of the app's modules is
imported (``ui/pyside_startup.py``); ``app.main`` is the same app without it.
"""

from __future__ import annotations

from collections.abc import Sequence


def prepare() -> None:
    """What must happen before ``longform_desktop.app`` is imported."""
    import gc

    # The app collects cycles on the GUI thread only (services/gc_guard.py turns the
    # automatic collector off); off from here, it also skips the dozens of passes over
    # the objects the start-up's imports create (a few ms).
    gc.disable()
    from . import paths
    from .ui.pyside_compile_cache import FILE_NAME, import_qtcore
    from .ui.pyside_startup import skip_feature_scan

    # PySide compiles its support modules and their regular expressions from source on
    # every start; replayed from the cache, its import takes ~40 % less time.
    import_qtcore(paths.cache_dir() / FILE_NAME)
    skip_feature_scan()


def main(argv: Sequence[str] | None = None) -> int:
    prepare()
    from .app import main as run_app

    return run_app(argv)
