"""Entry point of the bundle's ``longform-desktop`` executable (see longform-desktop.spec).

With ``LONGFORM_SMOKE_TEST=DIR`` set (packaging/smoke-test.sh sets it), the real
``app.main`` runs as usual, but once the catalog's cards have been painted the window is
saved to ``DIR/catalog.png``, the first written deep dive is opened and saved to
``DIR/reader.png``, ``DIR/report.json`` records what was seen, and the app quits through
its normal shutdown. Without the variable nothing here runs.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

SMOKE_TIMEOUT_MS = 60_000


def _install_smoke_check(out: Path) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from longform_desktop import app as lf_app
    from longform_desktop.core.markdown import render_article
    from longform_desktop.ui.catalog_view import ArticleCard

    out.mkdir(parents=True, exist_ok=True)
    report: dict[str, object] = {"painted": False}

    def finish() -> None:
        (out / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
        QApplication.quit()

    def after_first_paint(window) -> None:
        qapp = QApplication.instance()
        written = [a for a in window.catalog.articles if a.is_written]
        report.update(
            painted=True,
            platform=qapp.platformName(),
            cards=len(window.catalog_view.findChildren(ArticleCard)),
            articles=len(window.catalog.articles),
            window_icon_sizes=[s.width() for s in qapp.windowIcon().availableSizes()],
            catalog_png=window.grab().save(str(out / "catalog.png")),
        )
        if written:
            article = written[0]
            # Code highlighting loads Pygments lexers by name: a bundle that lost them
            # renders code as plain text without any error, so look for Pygments' spans.
            html = render_article(article).html
            report.update(article=article.slug, highlighted='<span style="color' in html)
            window.complete()  # normally on the loop turn after this one; at once is the same
            report["opened"] = bool(window.open_article(article.slug))
        # Give the reader a moment to lay out and paint before the picture is taken.
        QTimer.singleShot(500, lambda: (shoot_reader(window), finish()))

    def shoot_reader(window) -> None:
        report["reader_png"] = window.grab().save(str(out / "reader.png"))

    class PaintWatcher(QObject):
        def __init__(self, window) -> None:
            super().__init__(window)
            self.window = window
            self.fired = False

        def eventFilter(self, obj, event) -> bool:
            if not self.fired and event.type() == QEvent.Type.Paint:
                self.fired = True
                QTimer.singleShot(0, lambda: after_first_paint(self.window))
            return False

    real_build_window = lf_app.build_window

    def build_window(qapp, **kwargs):
        window = real_build_window(qapp, **kwargs)
        watcher = PaintWatcher(window)
        for widget in window.catalog_view.findChildren(ArticleCard) or [window.catalog_view]:
            widget.installEventFilter(watcher)
        QTimer.singleShot(SMOKE_TIMEOUT_MS, finish)  # never paints: report painted=false
        return window

    lf_app.build_window = build_window


def main() -> int:
    from longform_desktop.launch import prepare

    prepare()  # before the app's modules load, as `longform-desktop` does
    smoke = os.environ.get("LONGFORM_SMOKE_TEST")
    if smoke:
        _install_smoke_check(Path(smoke))
    from longform_desktop.app import main as app_main

    return app_main(sys.argv)


if __name__ == "__main__":
    raise SystemExit(main())
