"""The catalog's first paint leaves for later what it does not need: PySide's ``Qt``
namespace (~13 ms of enums, ui/qt_constants.py) and QtNetwork (ui/instance_lock.py).
Checked in a real start-up (``app.main``, offscreen) at the moment of the first paint,
in a child process: this test process has long since built both."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

CHILD = textwrap.dedent(
    """
    import json, os, sys
    from longform_desktop.launch import prepare
    prepare()  # what longform-desktop does first
    from PySide6 import QtCore
    from longform_desktop import app
    from longform_desktop.ui import first_paint

    real = first_paint.after_first_paint
    painted = []

    class Seen(QtCore.QObject):
        def eventFilter(self, obj, event):
            if event.type() == QtCore.QEvent.Type.Paint:
                painted.append(obj.objectName())
            return False

    seen = Seen()

    def watch(widget, callback):
        widget.installEventFilter(seen)
        def report():  # the loop turn after the catalog's first paint, before complete()
            print(json.dumps({
                "qt_namespace_built": "Qt" in QtCore.__dict__,
                "qtnetwork_loaded": "PySide6.QtNetwork" in sys.modules,
                "cards": len(app_window[0].catalog_view.cards),
                "watched_widget_painted": painted[:1],
            }), flush=True)
            os._exit(0)
        real(widget, report, fallback_ms=100_000)  # a paint, not the fallback, reports

    app_window = []
    build = app.build_window
    def build_window(qapp, **kwargs):
        app_window.append(build(qapp, **kwargs))
        return app_window[0]
    app.build_window = build_window
    first_paint.after_first_paint = watch
    sys.exit(app.main(["longform-desktop"]))
    """
)


def test_the_first_paint_builds_neither_the_qt_namespace_nor_qtnetwork() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {
        "qt_namespace_built": False,
        "qtnetwork_loaded": False,
        "cards": 12,
        "watched_widget_painted": ["catalogPage"],
    }
