"""Real input for the redraw UI tests: drags, clicks and typing on a CanvasWidget's
viewport (scene points mapped through the view), the way a person's mouse goes."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


def at(canvas, x: float, y: float) -> QPoint:
    return canvas.view.mapFromScene(QPointF(x, y))


def drag(canvas, start, end, steps: int = 6) -> None:
    viewport = canvas.view.viewport()
    QTest.mousePress(viewport, LEFT, NO_MOD, at(canvas, *start))
    for i in range(1, steps + 1):
        x = start[0] + (end[0] - start[0]) * i / steps
        y = start[1] + (end[1] - start[1]) * i / steps
        QTest.mouseMove(viewport, at(canvas, x, y))
    QTest.mouseRelease(viewport, LEFT, NO_MOD, at(canvas, *end))


def key(canvas, k, modifiers=NO_MOD) -> None:
    QTest.keyClick(canvas.view, k, modifiers)


def draw_box(canvas, tool_key, x: float, y: float, label: str, w: float = 140, h: float = 60):
    """Pick the tool by its key, drag the box out, type its label, Enter."""
    before = {s.id for s in canvas.document.drawing.shapes()}
    key(canvas, tool_key)
    drag(canvas, (x, y), (x + w, y + h))
    QTest.keyClicks(canvas.view, label)
    key(canvas, Qt.Key.Key_Return)
    (new,) = [s for s in canvas.document.drawing.shapes() if s.id not in before]
    return new


def draw_arrow(canvas, start, end):
    before = {a.id for a in canvas.document.drawing.arrows()}
    key(canvas, Qt.Key.Key_A)
    drag(canvas, start, end)
    key(canvas, Qt.Key.Key_V)
    (new,) = [a for a in canvas.document.drawing.arrows() if a.id not in before]
    return new


def click(widget, pos: QPoint | QPointF) -> None:
    QTest.mouseClick(widget, LEFT, NO_MOD, QPointF(pos).toPoint())


ARTICLE = "idempotency-and-exactly-once"
DIAGRAM = "retry-safe-request"


def make_window(qtbot, index: bool = False):
    """The real window (services, writer, room) on the test's private data dirs."""

    from longform_desktop.app import build_window

    window = build_window(QApplication.instance())
    qtbot.addWidget(window)
    window.resize(1280, 840)
    window.show()
    qtbot.waitExposed(window)
    if index:
        with qtbot.waitSignal(window.search_service.index_ready, timeout=60000):
            window.search_service.ensure_index()
    return window


def close_window(window) -> None:
    """Let the window's background work end before the next test's window starts."""
    window.services.writer.flush()
    QApplication.processEvents()  # the writer's callbacks: announcements, index changes
    if window.services.redraws.indexer is not None:
        window.services.redraws.indexer.flush()
    window.services.runner.wait()
    window.services.writer.flush()


def focus_canvas(qtbot, canvas) -> None:
    canvas.window().activateWindow()
    canvas.view.setFocus()
    qtbot.waitUntil(canvas.view.hasFocus)


@pytest.fixture(autouse=True)
def collect_windows_here():
    """Collect windows on the GUI thread before and after each test.

    A window tied up in reference cycles (signal lambdas) is freed by Python's cycle
    collector, which otherwise may run on whichever thread allocates next, such as the
    search indexer's worker, and delete widgets from there."""
    yield
    QApplication.processEvents()
    gc.collect()
