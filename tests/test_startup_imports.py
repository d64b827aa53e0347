"""Start-up stays lean: importing the app must not import the search engine, the
Markdown renderer, sqlite-utils, PyYAML, the fuzzy matcher or the FSRS scheduler (they
load on a worker, or when a feature is first used)."""

from __future__ import annotations

import subprocess
import sys


def test_app_import_leaves_heavy_modules_for_later() -> None:
    code = (
        "import sys, longform_desktop.app; "
        "print(','.join(m for m in ('whoosh', 'markdown', 'pygments', 'sqlite_utils', 'yaml', "
        "'rapidfuzz', 'fsrs') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", **_env()},
    )
    assert out.stdout.strip() == ""


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
