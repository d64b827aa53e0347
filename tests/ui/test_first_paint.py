"""after_first_paint: once after the first paint, and never lost if no paint comes."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from longform_desktop.ui.first_paint import after_first_paint


def test_the_callback_runs_once_after_the_first_paint(qtbot) -> None:
    label = QLabel("painted")
    qtbot.addWidget(label)
    calls: list[bool] = []
    after_first_paint(label, lambda: calls.append(label.isVisible()), fallback_ms=60_000)
    assert calls == []  # nothing before the paint
    label.show()
    qtbot.waitUntil(lambda: calls == [True])
    label.update()
    label.repaint()
    qtbot.wait(50)
    assert calls == [True]  # a later paint does not run it again


def test_a_widget_that_never_paints_still_gets_its_callback(qtbot) -> None:
    hidden = QWidget()  # never shown: it never paints
    qtbot.addWidget(hidden)
    calls: list[int] = []
    after_first_paint(hidden, lambda: calls.append(1), fallback_ms=50)
    qtbot.waitUntil(lambda: calls == [1])
    qtbot.wait(100)
    assert calls == [1]


def test_the_fallback_does_not_run_it_a_second_time(qtbot) -> None:
    label = QLabel("painted")
    qtbot.addWidget(label)
    calls: list[int] = []
    after_first_paint(label, lambda: calls.append(1), fallback_ms=200)
    label.show()
    qtbot.waitUntil(lambda: calls == [1])
    qtbot.wait(300)  # past the fallback
    assert calls == [1]
