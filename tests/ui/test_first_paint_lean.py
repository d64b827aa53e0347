"""The catalog's first paint leaves for later what it does not need: PySide's ``Qt``
namespace (~13 ms of enums, ui/qt_constants.py), QtNetwork (ui/instance_lock.py), and
the user library's scanner while the default folder is missing or empty, as it is for
most people (app.py). Checked in a real start-up (``app.main``, offscreen) at the moment
of the first paint, in a child process: this test process has long since built all of
them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from longform_desktop import paths

CHILD = textwrap.dedent(
    """
    import json, os, sys
    from longform_desktop.launch import prepare
    prepare()  # what longform-desktop does first
    from PySide6 import QtCore, QtGui
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

    def icon_max_px():
        return max(s.width() for s in QtGui.QGuiApplication.windowIcon().availableSizes())

    def watch(widget, callback):
        widget.installEventFilter(seen)
        def report():  # the loop turn after the catalog's first paint, before complete()
            print(json.dumps({
                "qt_namespace_built": "Qt" in QtCore.__dict__,
                "qtnetwork_loaded": "PySide6.QtNetwork" in sys.modules,
                "library_scanner_loaded": "longform_desktop.core.user_library" in sys.modules,
                "cards": len(app_window[0].catalog_view.cards),
                "watched_widget_painted": painted[:1],
                "icon_max_px": icon_max_px(),
            }), flush=True)
            callback()  # complete(): the rest of the window, and the large icons
            print(json.dumps({"icon_max_px_after": icon_max_px()}), flush=True)
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


def _first_paint() -> dict[str, object]:
    """What the child saw at its first paint (and, under ``after``, once complete)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    *_, first, after = out.stdout.strip().splitlines()
    return {**json.loads(first), "after": json.loads(after)}


@pytest.mark.parametrize("default_folder", ["missing", "empty"])
def test_the_first_paint_builds_neither_the_qt_namespace_nor_qtnetwork(
    default_folder: str,
) -> None:
    if default_folder == "empty":  # made by the app 1.5 s into the first start
        paths.default_user_content_dir().mkdir(parents=True)
    assert _first_paint() == {
        "qt_namespace_built": False,
        "qtnetwork_loaded": False,
        "library_scanner_loaded": False,
        "cards": 12,
        "watched_widget_painted": ["catalogPage"],
        # the icon's small sizes map with the window, the large ones follow the paint
        "icon_max_px": 64,
        "after": {"icon_max_px_after": 256},
    }


def test_a_default_folder_with_markdown_is_in_the_first_paint() -> None:
    folder = paths.default_user_content_dir()
    folder.mkdir(parents=True)
    (folder / "kafka.md").write_text("# Kafka rebalancing\n\nPartitions move.\n")
    seen = _first_paint()
    assert seen["library_scanner_loaded"] is True
    assert seen["cards"] == 13  # its card is there from the first paint


def test_a_chosen_empty_folder_is_still_scanned_for_the_first_paint(tmp_path, monkeypatch) -> None:
    """Only the default folder may wait: a folder the user chose shows its (empty)
    section, with its hint, from the first paint."""
    chosen = tmp_path / "notes"
    chosen.mkdir()
    monkeypatch.setenv(paths.USER_CONTENT_ENV, str(chosen))
    assert _first_paint()["library_scanner_loaded"] is True
