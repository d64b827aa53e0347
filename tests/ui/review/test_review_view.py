"""Spaced review in the real window: the catalog's "Due today" line, the Review view
walking through two due diagrams (each a redraw session drawn with real input, compared,
then Next), the summary at the end, and the catalog line after it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from longform_desktop.core.drawing import Drawing, Shape

from ..redraw.redraw_ui_helpers import (  # collect_windows_here: autouse
    ARTICLE,
    LEFT,
    close_window,
    collect_windows_here,  # noqa: F401
    draw_box,
    focus_canvas,
    make_window,
)

DUE = ("retry-safe-request", "outbox-inbox-pipeline")


@pytest.fixture
def window(qtbot):
    win = make_window(qtbot)
    service = win.services.redraws
    real_clock = service.clock
    for minutes, diagram in enumerate(DUE):  # both scored 0 three days ago: due since
        moment = datetime.now(UTC) - timedelta(days=3, minutes=10 - minutes)
        service.clock = lambda m=moment: m
        attempt = service.start_attempt(ARTICLE, diagram)
        service.finish(attempt, Drawing(items=[Shape("s1", "box", "Something else")]), 30.0)
    service.clock = real_clock
    win.services.writer.flush()
    qtbot.waitUntil(lambda: len(service.due_today()) == 2)
    win.show_catalog()
    yield win
    close_window(win)


def test_review_walks_through_the_due_redraws(qtbot, window) -> None:
    summary = window.catalog_view.study_summary
    qtbot.waitUntil(lambda: "Due today: <b>2 diagrams</b>" in summary.text())
    total = window.services.redraws.mastery()[1]
    assert f"0 of {total} mastered" in summary.text() and "Review now" in summary.text()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    review = window.redraws.review
    assert window.pages.currentWidget() is review and review.stack.currentWidget() is review.intro
    assert [s.diagram.id for s in review.queue] == list(DUE)
    assert not window.sidebar.isVisible()
    QTest.mouseClick(review.start_button, LEFT)

    session = review.session
    labels = ("Payments API", "Outbox relay")
    for n, (diagram, label) in enumerate(zip(DUE, labels, strict=True)):
        assert review.stack.currentWidget() is session
        assert session.diagram.id == diagram and session.canvas.drawing().items == []
        assert session.title_label.text().startswith(f"Review {n + 1} of 2 · ")
        focus_canvas(qtbot, session.canvas)
        draw_box(session.canvas, Qt.Key.Key_B, 120, 120, label)
        QTest.mouseClick(session.compare_button, LEFT)
        view = session.compare_view
        assert view.next_button.isVisible()
        assert view.next_button.text() == ("Next diagram →" if n == 0 else "Finish review")
        QTest.mouseClick(view.next_button, LEFT)

    assert review.stack.currentWidget() is review.done
    assert [d.diagram.id for d, _ in review.results] == list(DUE)
    assert all(points is not None for _, points in review.results)
    service = window.services.redraws
    window.services.writer.flush()
    qtbot.waitUntil(lambda: service.due_today() == [])
    for diagram in DUE:
        assert len([a for a in service.attempts(ARTICLE, diagram) if a.score is not None]) == 2
    (done,) = [b for b in review.done.findChildren(QPushButton) if b.text() == "Done"]
    QTest.mouseClick(done, LEFT)
    assert window.pages.currentWidget() is window.catalog_view and window.sidebar.isVisible()
    qtbot.waitUntil(lambda: "Due today: <b>0 diagrams</b>" in summary.text())
    assert "Review now" not in summary.text()


def test_nothing_due_says_so(qtbot, window) -> None:
    review = window.redraws.ensure_review()
    review.start([])
    texts = [label.text() for label in review.intro.findChildren(QLabel)]
    assert review.stack.currentWidget() is review.intro
    assert "Nothing to review" in texts
    assert review.start_button not in review.intro.findChildren(QPushButton)
