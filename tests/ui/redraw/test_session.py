"""A redraw session in the real window, driven with real mouse and keyboard events: from
the diagram's context menu or the shortcut, the article hidden, an empty canvas,
shapes and arrows drawn and labelled, autosaved, compared to a score with its marks,
tried again, left; and a drawing that survives a SIGKILL one second after its last edit."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from longform_desktop.core.drawing import load_drawing
from longform_desktop.core.redraw_score import score
from longform_desktop.ui.redraw.page_diagrams import diagram_rects

from .redraw_ui_helpers import (  # collect_windows_here: autouse
    ARTICLE,
    DIAGRAM,
    LEFT,
    close_window,
    collect_windows_here,  # noqa: F401
    draw_arrow,
    draw_box,
    focus_canvas,
    make_window,
)

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot):
    win = make_window(qtbot)
    assert win.open_article(ARTICLE)
    yield win
    close_window(win)


def scroll_to_diagram(window, diagram_id: str) -> QPoint:
    """Scroll the reader to a diagram; the viewport point in its middle."""
    browser = window.article_view.browser
    (rect,) = [r for name, r in diagram_rects(browser) if name == diagram_id]
    browser.verticalScrollBar().setValue(int(rect.top()) - 40)
    top = browser.verticalScrollBar().value()
    return QPoint(int(rect.center().x()), int(rect.center().y()) - top)


def stored_scene(service, attempt_id: str) -> str:
    stored = service.attempt(attempt_id)
    return stored.scene if stored is not None else ""


def draw_attempt(qtbot, canvas) -> None:
    """Four of the seven boxes (one as an abbreviation), an extra box, three arrows
    of which one points the wrong way."""
    focus_canvas(qtbot, canvas)
    draw_box(canvas, Qt.Key.Key_U, 40, 100, "Mobile app")
    draw_box(canvas, Qt.Key.Key_B, 260, 100, "LB")
    draw_box(canvas, Qt.Key.Key_B, 480, 100, "Payments API")
    draw_box(canvas, Qt.Key.Key_D, 480, 260, "Idempotency keys")
    draw_box(canvas, Qt.Key.Key_B, 700, 420, "Redis cache")
    draw_arrow(canvas, (110, 130), (330, 130))  # app -> LB
    draw_arrow(canvas, (550, 130), (330, 135))  # API -> LB: reversed
    draw_arrow(canvas, (550, 160), (550, 280))  # API -> keys


def test_context_menu_redraw_hides_the_article_and_scores_with_marks(qtbot, window) -> None:
    pos = scroll_to_diagram(window, DIAGRAM)
    menu = window.article_view.context_menu.build(pos)
    (entry,) = [a for a in menu.actions() if a.text() == "Redraw This Diagram From Memory"]
    entry.trigger()
    session = window.redraws.session
    assert window.pages.currentWidget() is session
    assert not window.sidebar.isVisible() and not window.study_panel.isVisible()
    assert not window.article_view.isVisible()  # the reference is not on screen
    assert session.canvas.drawing().items == [] and session.hint.isVisible()
    assert session.title_label.text() == "Redraw from memory: One payment, retried safely"
    assert session.compare_button.isVisible() and session.timer_label.isVisible()

    draw_attempt(qtbot, session.canvas)
    assert not session.hint.isVisible()
    drawing = session.canvas.drawing()
    QTest.mouseClick(session.compare_button, LEFT)

    view = session.compare_view
    assert session.stack.currentWidget() is view
    diagram = window.services.redraws.diagram(ARTICLE, DIAGRAM)
    expected = score(drawing, diagram, ARTICLE)
    assert expected.score == 39  # 40*4/7 + 60*2.5/8 = 41.6 -> 42, minus 3 for Redis cache
    assert view.header.score_label.text() == "39"
    assert view.header.rating_label.text() == "Again"
    parts = view.header.parts_label.text()
    assert "Boxes <b>4/7</b>" in parts and "Arrows <b>2.5/8</b>" in parts
    assert "Penalty <b>−3</b> (1 extra)" in parts
    nodes, edges = view.reference.nodes, view.reference.edges
    assert {n for n, m in nodes.items() if m == "matched"} == {"app", "lb", "api", "keys"}
    assert {n for n, m in nodes.items() if m == "missed"} == {"db", "psp", "hook"}
    assert edges[("app", "lb")] == "matched" and edges[("api", "keys")] == "matched"
    assert edges[("lb", "api")] == "reversed" and edges[("api", "psp")] == "missed"
    by_text = {s.text: s.id for s in drawing.shapes()}
    marks = view.canvas.scene.marks
    assert marks[by_text["Redis cache"]] == "extra"
    assert marks[by_text["LB"]] == "matched"
    assert sorted(marks[a.id] for a in drawing.arrows()) == ["matched", "matched", "reversed"]
    # stored in one go: the attempt with its score and the review card
    service = window.services.redraws
    window.services.writer.flush()
    qtbot.waitUntil(lambda: service.card(ARTICLE, DIAGRAM) is not None)
    stored = service.attempt(session.attempt.id)
    assert stored.score == 39 and stored.score_parts == expected.to_json()
    assert load_drawing(stored.scene).shapes()[1].text == "LB"
    qtbot.waitUntil(lambda: view.header.review_label.text() == "Next review: tomorrow")

    QTest.mouseClick(view.back_button, LEFT)
    assert window.pages.currentWidget() is window.article_view
    assert window.sidebar.isVisible()


def test_shortcut_redraws_the_diagram_on_screen_and_autosaves(qtbot, window) -> None:
    scroll_to_diagram(window, "outbox-inbox-pipeline")
    window.activateWindow()
    window.article_view.browser.setFocus()
    QTest.keyClick(window.article_view.browser, Qt.Key.Key_D, CTRL)
    session = window.redraws.session
    assert session is not None and session.diagram.id == "outbox-inbox-pipeline"
    service = window.services.redraws
    attempt_id = session.attempt.id
    focus_canvas(qtbot, session.canvas)
    draw_box(session.canvas, Qt.Key.Key_B, 100, 100, "Outbox relay")
    # the autosave comes by itself after a short pause, no action needed
    qtbot.waitUntil(lambda: "Outbox relay" in stored_scene(service, attempt_id), timeout=3000)
    qtbot.waitUntil(lambda: session.saved_label.text() == "Saved ✓")
    # the window's zoom keys are the canvas's while the session shows
    before, reader_zoom = session.canvas.view.zoom(), window.article_view.zoom
    QTest.keyClick(session.canvas.view, Qt.Key.Key_Equal, CTRL)
    assert session.canvas.view.zoom() > before and window.article_view.zoom == reader_zoom
    # leaving keeps the unfinished attempt; it resumes where it was
    QTest.mouseClick(session.leave_button, LEFT)
    assert window.pages.currentWidget() is window.article_view
    assert window.commands.named("zoom_in").isEnabled()
    window.redraws.open_attempt(attempt_id)
    assert [s.text for s in session.canvas.drawing().shapes()] == ["Outbox relay"]
    assert session.compare_button.isVisible()


def test_try_again_starts_empty_and_an_untouched_attempt_is_not_kept(qtbot, window) -> None:
    service = window.services.redraws
    session = window.redraws.redraw(ARTICLE, DIAGRAM)
    focus_canvas(qtbot, session.canvas)
    draw_box(session.canvas, Qt.Key.Key_B, 100, 100, "Payments API")
    QTest.keyClick(session.canvas.view, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter compares
    assert session.stack.currentWidget() is session.compare_view
    first = session.attempt.id
    QTest.mouseClick(session.compare_view.try_button, LEFT)
    assert session.stack.currentWidget() is session.drawing_page
    assert session.attempt.id != first and session.canvas.drawing().items == []
    second = session.attempt.id
    QTest.mouseClick(session.leave_button, LEFT)
    window.services.writer.flush()
    qtbot.waitUntil(lambda: service.attempt(second) is None)
    assert [a.id for a in service.attempts(ARTICLE, DIAGRAM)] == [first]


CHILD = r"""
import os, sys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from longform_desktop.app import build_window
sys.path.insert(0, os.environ["HELPERS"])
from redraw_ui_helpers import draw_box

app = QApplication(sys.argv)
window = build_window(app)
window.resize(1200, 800)
window.show()
window.open_article("idempotency-and-exactly-once")
window.activateWindow()
session = window.redraws.redraw("idempotency-and-exactly-once", "retry-safe-request")
app.processEvents()
session.canvas.view.setFocus()
draw_box(session.canvas, Qt.Key.Key_D, 120, 140, "Origin shield")
print("DRAWN", session.attempt.id, flush=True)
app.exec()
"""


def test_a_drawing_survives_sigkill_one_second_after_its_last_change(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HELPERS": str(Path(__file__).parent)}
    for name in ("DATA", "CACHE", "CONFIG"):
        env[f"LONGFORM_{name}_DIR"] = str(tmp_path / name.lower())
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("DRAWN"), line
        attempt_id = line.split()[1]
        time.sleep(1.0)  # the contract: one second after the last change
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    db = sqlite3.connect(tmp_path / "data" / "longform.sqlite3")
    (scene,) = db.execute("SELECT scene FROM drawings WHERE id = ?", [attempt_id]).fetchone()
    (shape,) = load_drawing(scene).shapes()
    assert (shape.text, shape.shape) == ("Origin shield", "store")


def test_a_drawing_is_found_by_its_labels_and_opens_from_the_results(qtbot) -> None:
    from longform_desktop.ui.search_panel import ROLE_ITEM

    window = make_window(qtbot, index=True)
    try:
        assert window.open_article(ARTICLE)
        session = window.redraws.redraw(ARTICLE, DIAGRAM)
        focus_canvas(qtbot, session.canvas)
        draw_box(session.canvas, Qt.Key.Key_D, 120, 140, "Origin shield")
        QTest.keyClick(session.canvas.view, Qt.Key.Key_Return, CTRL)  # compare: indexed now
        attempt_id = session.attempt.id
        QTest.mouseClick(session.compare_view.back_button, LEFT)
        panel = window.search_panel

        def drawing_rows() -> list:
            rows = [panel.list.item(i) for i in range(panel.list.count())]
            return [r for r in rows if r.data(ROLE_ITEM) == ("drawing", attempt_id)]

        def searched() -> bool:
            window.search_box.setText("")
            window.search_box.setText("origin shield")
            qtbot.wait(400)
            return bool(drawing_rows())

        qtbot.waitUntil(searched, timeout=10000)
        panel.list.setCurrentItem(drawing_rows()[0])
        assert panel.open_current()
        assert window.pages.currentWidget() is session
        assert session.attempt.id == attempt_id
        assert session.stack.currentWidget() is session.compare_view
    finally:
        close_window(window)
