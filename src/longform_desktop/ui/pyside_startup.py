"""PySide6 start-up work the app does not need, skipped before the app's modules load.

PySide's ``__feature__`` support (``from __feature__ import snake_case, true_property``)
installs an import hook that, for every module imported after PySide, reads the module's
source through ``inspect.getsource`` to see whether it mentions PySide6, and records 0
("uses PySide, no feature selected") or -1 ("ignore"). Both values mean the default
behaviour; they differ only once some module selects a feature, and no module here
does. The check cost ~9 ms of the ~55 ms our modules take to import at start-up
(issue 13), so the app records 0 for every module without reading any source. A module
that does select a feature still gets its own entry: ``from __feature__ import`` goes
through ``feature_import``, which this leaves alone.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def skip_feature_scan() -> bool:
    """Stop PySide reading each imported module's source; False if this PySide has no
    such scan (then nothing is changed)."""
    import PySide6.QtCore  # noqa: F401  (loads shibokensupport and its import hook)

    try:
        from shibokensupport import feature
    except ImportError:
        return False
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        log.debug("PySide has no feature scan to skip")
        return False
    feature._mod_uses_pyside = _uses_pyside
    return True


def _uses_pyside(module: object) -> bool:
    # "Uses PySide" selects the switching default 0, identical to -1 while no module
    # selects a feature.
    return True
