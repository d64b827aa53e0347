"""Redraw canvas figures with a 500-item drawing (issue 12). Prints one JSON object.

- ``drag``: one box (with four arrows on it) dragged through real mouse events on the
  view's viewport (QTest press, moves, release; offscreen). Each figure is the time from
  sending one move event until the viewport has repainted (the paint event is counted
  by an event filter, so a move that did not repaint is not timed as if it had).
  Two views: 100 % (part of the drawing on screen) and zoomed to fit (all 500 items on
  screen), plus, as a worst case the canvas does not use, the fitted view repainting its
  whole viewport on every move. Target p95 <= 16 ms.
- ``save``: document -> contract JSON (``dump_drawing`` of the document), and the same
  with the copy ``CanvasWidget.drawing()`` makes first. Target <= 50 ms.
- ``load``: contract JSON -> scene (``load_drawing`` + ``set_drawing``, every item
  built), and the same until the first paint. Target <= 50 ms.

Not a test: nothing is asserted. Run on a quiet machine:

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/canvas.py [--moves 200] [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from PySide6.QtCore import QEvent, QObject, QPointF, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from longform_desktop.core.drawing import (  # noqa: E402
    Arrow,
    Drawing,
    Group,
    Shape,
    Stroke,
    Text,
    dump_drawing,
    load_drawing,
)

COLS, ROWS = 20, 10  # 200 boxes
KINDS = ("box", "round", "store", "queue", "actor", "cloud")
WORDS = ("API", "Orders DB", "Cache", "Queue", "Worker", "Client", "CDN edge", "Auth server")


def big_drawing() -> Drawing:
    """200 boxes on a grid, 200 arrows between neighbours, 60 texts, 30 strokes and
    10 groups: 500 items, like a very busy redraw."""
    d = Drawing(article="bench", diagram="bench")
    for r in range(ROWS):
        for c in range(COLS):
            n = r * COLS + c
            label = f"{WORDS[n % len(WORDS)]} {n}"
            d.items.append(Shape(f"s{n}", KINDS[n % 6], label, c * 220, r * 140, 150, 64))
    arrows = 0
    for r in range(ROWS):
        for c in range(COLS):
            n = r * COLS + c
            for m in ((n + 1) if c + 1 < COLS else None, (n + COLS) if r + 1 < ROWS else None):
                if m is not None and arrows < 200:
                    arrows += 1
                    style = "dashed" if arrows % 5 == 0 else "solid"
                    d.items.append(Arrow(f"a{arrows}", f"s{n}", f"s{m}", f"step {arrows}", style))
    for i in range(60):
        d.items.append(Text(f"t{i}", f"note {i}: retries happen here", 30 + i * 70, -40))
    for i in range(30):
        x, y = 40 + i * 140, ROWS * 140 + 20
        d.items.append(Stroke(f"p{i}", [(x + k * 4, y + (k % 5) * 3) for k in range(25)], 2))
    for i in range(10):
        members = [f"s{i * 2}", f"s{i * 2 + 1}"]
        d.items.append(Group(f"g{i}", f"Group {i}", members, i * 440 - 14, -28, 384, 104))
    assert len(d.items) == 500, len(d.items)
    return d


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(ms: list[float]) -> dict:
    return {
        "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(percentile(ms, 0.95), 2),
        "max_ms": round(max(ms), 2),
        "n": len(ms),
    }


def drag_figures(app: QApplication, canvas, moves: int, fit: bool, full: bool = False) -> dict:
    view = canvas.view
    mode = view.viewportUpdateMode()
    if full:
        view.setViewportUpdateMode(view.ViewportUpdateMode.FullViewportUpdate)
    if fit:
        view.fit(view.scene().itemsBoundingRect(), margin=10)
    else:
        view.reset_zoom()
        view.centerOn(5 * 220 + 75, 3 * 140 + 32)
    app.processEvents()
    viewport = view.viewport()
    counter = PaintCounter()
    viewport.installEventFilter(counter)
    shape = canvas.document.item("s65")  # row 3, column 5: four arrows on it
    start = QPointF(shape.x + 75, shape.y + 32)
    QTest.mousePress(
        viewport,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        view.mapFromScene(start),
    )
    app.processEvents()
    times, unpainted = [], 0
    for i in range(1, moves + 1):
        # A loop: out and back, so the box stays among its neighbours the whole time.
        dx = 120 * (1 - abs((i % 80) - 40) / 40)
        dy = 60 * ((i % 20) / 20)
        target = view.mapFromScene(QPointF(start.x() + dx, start.y() + dy))
        before = counter.count
        t0 = time.perf_counter()
        QTest.mouseMove(viewport, target)
        for _ in range(20):
            if counter.count > before:
                break
            app.processEvents()
        elapsed = (time.perf_counter() - t0) * 1000
        if counter.count > before:
            times.append(elapsed)
        else:
            unpainted += 1
    QTest.mouseRelease(
        viewport,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        view.mapFromScene(start),
    )
    app.processEvents()
    viewport.removeEventFilter(counter)
    view.setViewportUpdateMode(mode)
    canvas.document.undo_stack.undo()
    visible = len(view.items(viewport.rect()))
    return {**summary(times), "zoom": round(view.zoom(), 3), "items_on_screen": visible,
            "moves_without_repaint": unpainted}  # fmt: skip


def timed(fn, runs: int) -> dict:
    fn()  # warm up (imports, font caches)
    ms = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        ms.append((time.perf_counter() - t0) * 1000)
    return summary(ms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=200)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    from longform_desktop.ui.redraw.canvas_widget import CanvasWidget

    drawing = big_drawing()
    text = dump_drawing(drawing)
    canvas = CanvasWidget(load_drawing(text))
    canvas.resize(1280, 800)
    canvas.show()
    QTest.qWaitForWindowExposed(canvas)
    app.processEvents()

    def load_and_paint() -> None:
        canvas.set_drawing(load_drawing(text))
        canvas.view.viewport().repaint()

    out = {
        "items": len(drawing.items),
        "viewport": [canvas.view.viewport().width(), canvas.view.viewport().height()],
        "qt_platform": app.platformName(),
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "save": {
            "dump_drawing": timed(lambda: dump_drawing(canvas.document.drawing), args.runs),
            "copy_and_dump": timed(lambda: dump_drawing(canvas.drawing()), args.runs),
        },
        "load": {
            "json_to_scene": timed(lambda: canvas.set_drawing(load_drawing(text)), args.runs),
            "json_to_first_paint": timed(load_and_paint, args.runs),
        },
        "json_bytes": len(text.encode("utf-8")),
    }
    out["drag_100_percent"] = drag_figures(app, canvas, args.moves, fit=False)
    out["drag_fit_all_visible"] = drag_figures(app, canvas, args.moves, fit=True)
    # Worst case, not the canvas's setting: every move repaints the whole viewport.
    out["drag_fit_full_repaint"] = drag_figures(app, canvas, args.moves, fit=True, full=True)
    out["targets_ms"] = {"drag_p95": 16, "save": 50, "load": 50}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
