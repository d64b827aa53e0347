"""Child process for the startup benchmark (run by run.py; not a test).

    python benchmarks/startup_driver.py app|bare

``app`` runs the real ``longform_desktop.app.main`` (stylesheet, ``build_window``,
``show``, the deferred index sync) with ``build_window`` wrapped only to watch the
catalog's cards for their first paint. ``bare`` shows one QLabel in a bare
QApplication. Either way, once the first paint has been handled the child prints
``painted <ms since this script's first line>`` and exits at once. The parent times from
``Popen`` to that line, so interpreter start-up and every import count.
"""

import time

T0 = time.perf_counter()

import os  # noqa: E402
import sys  # noqa: E402


def _report() -> None:
    sys.stdout.write(f"painted {(time.perf_counter() - T0) * 1000:.1f}\n")
    sys.stdout.flush()
    os._exit(0)  # no teardown: the background index sync may still be running


def _paint_watcher():
    from PySide6.QtCore import QEvent, QObject, QTimer

    class PaintWatcher(QObject):
        """Calls _report on the next loop turn after the first paint of a watched widget."""

        fired = False

        def eventFilter(self, obj, event):
            if not self.fired and event.type() == QEvent.Type.Paint:
                self.fired = True
                QTimer.singleShot(0, _report)
            return False

    return PaintWatcher()


def run_app() -> int:
    from longform_desktop.launch import prepare

    prepare()  # as the `longform-desktop` entry point does, before the app's modules
    from longform_desktop import app as lf_app
    from longform_desktop.ui.catalog_view import ArticleCard

    watcher = _paint_watcher()
    real_build_window = lf_app.build_window

    def build_window(qapp, **kwargs):
        window = real_build_window(qapp, **kwargs)
        cards = window.catalog_view.findChildren(ArticleCard)
        for widget in cards or [window.catalog_view]:
            widget.installEventFilter(watcher)
        return window

    lf_app.build_window = build_window
    return lf_app.main([sys.argv[0]])


def run_bare() -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication([sys.argv[0]])
    label = QLabel("Longform Desktop")
    watcher = _paint_watcher()
    label.installEventFilter(watcher)
    label.show()
    return app.exec()


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "app"
    raise SystemExit(run_app() if mode == "app" else run_bare())
