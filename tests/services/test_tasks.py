from __future__ import annotations

import logging
import threading

from longform_desktop.services.tasks import TaskRunner


def test_result_arrives_on_the_gui_thread(qtbot) -> None:
    runner = TaskRunner()
    got: list[tuple[int, bool]] = []
    gui = threading.get_ident()
    runner.run(
        threading.get_ident,
        lambda ident: got.append((ident != gui, threading.get_ident() == gui)),
    )
    qtbot.waitUntil(lambda: bool(got))
    assert got == [(True, True)]


def test_an_unhandled_error_is_logged_and_announced(qtbot, caplog) -> None:
    runner = TaskRunner()

    def boom() -> None:
        raise ValueError("index exploded")

    with caplog.at_level(logging.ERROR), qtbot.waitSignal(runner.failed) as blocker:
        runner.run(boom)
    assert blocker.args == ["ValueError: index exploded"]
    assert "index exploded" in caplog.text and "Traceback" in caplog.text


def test_a_handled_error_goes_to_its_handler(qtbot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []
    runner.run(lambda: 1 / 0, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ZeroDivisionError)
