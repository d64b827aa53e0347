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
    from .ui.pyside_startup import skip_feature_scan

    skip_feature_scan()


def main(argv: Sequence[str] | None = None) -> int:
    prepare()
    from .app import main as run_app

    return run_app(argv)
