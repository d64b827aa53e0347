"""Canvas fixtures and real input helpers.

Offscreen, ``QTest.mouseMove`` after ``mousePress`` carries the held button (Qt 6
tracks it), so a drag is press, a few moves, release on the viewport: the same event
path a user's mouse takes (view -> scene -> tool). Points are given in scene units and
mapped through the view, so the tests keep working at any zoom or scroll position.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from longform_desktop.core.drawing import Drawing, load_drawing
from longform_desktop.ui.redraw.canvas_widget import CanvasWidget

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def canvas(qtbot) -> CanvasWidget:
    return make_canvas(qtbot)


def make_canvas(qtbot, drawing: Drawing | None = None) -> CanvasWidget:
    widget = CanvasWidget(drawing)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    widget.view.centerOn(450, 300)
    return widget


def at(canvas: CanvasWidget, x: float, y: float) -> QPoint:
    """The viewport pixel showing scene point (x, y)."""
    return canvas.view.mapFromScene(QPointF(x, y))


def drag(canvas, start, end, steps: int = 6, button=LEFT, modifiers=NO_MOD) -> None:
    viewport = canvas.view.viewport()
    QTest.mousePress(viewport, button, modifiers, at(canvas, *start))
    for i in range(1, steps + 1):
        x = start[0] + (end[0] - start[0]) * i / steps
        y = start[1] + (end[1] - start[1]) * i / steps
        QTest.mouseMove(viewport, at(canvas, x, y))
    QTest.mouseRelease(viewport, button, modifiers, at(canvas, *end))


def drag_px(canvas, start: QPoint, end: QPoint, steps: int = 6, button=LEFT) -> None:
    """A drag in viewport pixels (panning moves the scene under the pointer)."""
    viewport = canvas.view.viewport()
    QTest.mousePress(viewport, button, NO_MOD, start)
    for i in range(1, steps + 1):
        QTest.mouseMove(viewport, start + (end - start) * (i / steps))
    QTest.mouseRelease(viewport, button, NO_MOD, end)


def click(canvas, x: float, y: float, modifiers=NO_MOD) -> None:
    QTest.mouseClick(canvas.view.viewport(), LEFT, modifiers, at(canvas, x, y))


def double_click(canvas, x: float, y: float) -> None:
    QTest.mouseDClick(canvas.view.viewport(), LEFT, NO_MOD, at(canvas, x, y))


def key(canvas, k, modifiers=NO_MOD) -> None:
    QTest.keyClick(canvas.view, k, modifiers)


def type_text(canvas, text: str) -> None:
    QTest.keyClicks(canvas.view, text)


def wheel(canvas, x: float, y: float, steps: int, modifiers=NO_MOD) -> None:
    """A mouse wheel turned ``steps`` notches over scene point (x, y)."""
    viewport = canvas.view.viewport()
    pos = QPointF(at(canvas, x, y))
    event = QWheelEvent(
        pos,
        QPointF(viewport.mapToGlobal(pos.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)


def draw_box(canvas, kind: str, x: float, y: float, w: float = 140, h: float = 60, label: str = ""):
    """Draw a box with the tool's key, then type its label into the editor that opens."""
    before = {s.id for s in canvas.document.drawing.shapes()}
    canvas.set_tool(kind)
    drag(canvas, (x, y), (x + w, y + h))
    if label:
        type_text(canvas, label)
    key(canvas, Qt.Key.Key_Return)
    (new,) = [s for s in canvas.document.drawing.shapes() if s.id not in before]
    return new


def reloaded(canvas) -> Drawing:
    """The canvas's drawing after a trip through the file format."""
    from longform_desktop.core.drawing import dump_drawing

    return load_drawing(dump_drawing(canvas.drawing()))
