"""One running instance: a second launch hands its deep dive to the first and exits 0;
the first opens it. Two real processes (the app's own main()), offscreen."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from longform_desktop import paths
from longform_desktop.app import requested_slug
from longform_desktop.ui.instance_lock import InstanceLock, server_name
from longform_desktop.ui.single_instance import InstanceServer, hand_off

from .lock_holder import hold_lock

FIRST, SECOND = "idempotency-and-exactly-once", "reading-a-query-plan-like-a-senior"
GENEROUS_S = 90  # a budget for a loaded machine, not a timing claim

# Runs the real app.main() and reports, ten times a second, what its window shows.
HARNESS = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QTimer
    from longform_desktop import app

    def build(qapp, _build=app.build_window, **kwargs):
        window = _build(qapp, **kwargs)  # deferred: the reader comes after the first paint
        def report():
            if not window.completed:
                return
            article = window.article_view.article
            print(json.dumps({"article": article.slug if article else ""}), flush=True)
        timer = QTimer(window)
        timer.timeout.connect(report)
        timer.start(100)
        return window

    app.build_window = build
    sys.exit(app.main(["longform-desktop", *sys.argv[1:]]))
    """
)


class Reader:
    """Collects a child's stdout lines on a thread, so the test can wait for one."""

    def __init__(self, process: subprocess.Popen):
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._thread.start()

    def _read(self, process: subprocess.Popen) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self.lines.append(line.strip())

    def wait_for(self, article: str, process: subprocess.Popen) -> bool:
        deadline = time.monotonic() + GENEROUS_S
        while time.monotonic() < deadline and process.poll() is None:
            for line in list(self.lines):
                if line.startswith("{") and json.loads(line)["article"] == article:
                    return True
            time.sleep(0.05)
        return False


@pytest.fixture
def env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}


def _python(code: str, env: dict[str, str]) -> subprocess.Popen:
    """A child running ``code``, its stdout a pipe of text lines."""
    child = subprocess.Popen(
        [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    return child


def _start_app(tmp_path: Path, env: dict[str, str], slug: str) -> tuple[subprocess.Popen, Reader]:
    """The real app (HARNESS) asked for ``slug``, and the reader of what it shows."""
    harness = tmp_path / "harness.py"
    harness.write_text(HARNESS, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(harness), slug],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    return process, Reader(process)


def test_second_launch_hands_its_article_to_the_first(tmp_path: Path, env) -> None:
    first, out = _start_app(tmp_path, env, FIRST)
    try:
        # The first instance opens the deep dive named on its own command line.
        assert out.wait_for(FIRST, first), out.lines[-5:]
        second = subprocess.run(
            [sys.executable, "-m", "longform_desktop", SECOND],
            env=env,
            capture_output=True,
            text=True,
            timeout=GENEROUS_S,
        )
        assert second.returncode == 0, second.stderr[-2000:]
        assert out.wait_for(SECOND, first), out.lines[-5:]
        assert first.poll() is None  # still the one running window
    finally:
        first.send_signal(signal.SIGTERM)
        first.wait(timeout=GENEROUS_S)


def test_a_socket_left_by_a_crashed_instance_is_taken_over(qapp, tmp_path: Path, env) -> None:
    name = server_name(paths.data_dir())
    crashed = _python(
        "import sys, time\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from longform_desktop.ui.single_instance import InstanceServer\n"
        "app = QCoreApplication([])\n"
        f"server = InstanceServer({name!r})\n"
        "print(server.listen(), flush=True)\n"
        "time.sleep(60)\n",
        env,
    )
    assert crashed.stdout.readline().strip() == "True"
    crashed.kill()  # SIGKILL: no chance to remove its socket
    crashed.wait()
    assert not hand_off(name, {"open": FIRST})  # nobody answers: start a window
    server = InstanceServer(name)
    try:
        assert server.listen()
        got: list[dict] = []
        server.message_received.connect(got.append)
        assert hand_off(name, {"open": SECOND})
        deadline = time.monotonic() + GENEROUS_S
        while not got and time.monotonic() < deadline:
            QCoreApplication.processEvents()
        assert got == [{"open": SECOND}]
    finally:
        server.close()
        server.deleteLater()
        QCoreApplication.processEvents()


def test_a_launch_waits_for_a_first_instance_that_is_still_starting(qapp, env) -> None:
    """The first launch holds the lock from its first moment but listens only once its
    window has painted: a launch in between waits for it instead of opening a second
    window."""
    name = server_name(paths.data_dir())
    lock = InstanceLock(name)  # this test is the first instance, still "starting"
    assert lock.held
    second = subprocess.Popen(
        [sys.executable, "-m", "longform_desktop", SECOND],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    server = InstanceServer(name)
    try:
        time.sleep(1.0)
        assert second.poll() is None  # still waiting: it neither quit nor handed over
        got: list[dict] = []
        server.message_received.connect(got.append)
        assert server.listen()  # "the first paint": now it listens
        deadline = time.monotonic() + GENEROUS_S
        while not got and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.01)
        assert got == [{"open": SECOND}]
        assert second.wait(timeout=GENEROUS_S) == 0
    finally:
        second.kill()
        second.wait(timeout=GENEROUS_S)
        server.close()
        server.deleteLater()
        QCoreApplication.processEvents()
        lock.release()


def test_a_waiting_launch_starts_its_own_window_when_the_holder_exits(tmp_path, env) -> None:
    """A holder that dies before it listens (a crash during start-up) does not strand
    the launch waiting on it: the lock passes to that launch, which opens its window."""
    name = server_name(paths.data_dir())
    holder = hold_lock(name, env=env)
    launch, out = _start_app(tmp_path, env, SECOND)
    try:
        time.sleep(1.0)
        assert launch.poll() is None and not out.lines  # waiting, no window yet
        holder.kill()
        holder.wait(timeout=GENEROUS_S)
        assert out.wait_for(SECOND, launch), out.lines[-5:]  # it became the first
    finally:
        holder.kill()
        holder.wait(timeout=GENEROUS_S)
        launch.send_signal(signal.SIGTERM)
        launch.wait(timeout=GENEROUS_S)


def test_the_slug_on_the_command_line() -> None:
    assert requested_slug(["longform-desktop"]) == ""
    assert requested_slug(["longform-desktop", FIRST]) == FIRST
    assert requested_slug(["longform-desktop", "--verbose", FIRST]) == FIRST
    assert requested_slug(["longform-desktop", "-platform", "offscreen", FIRST]) == FIRST
    assert requested_slug(["longform-desktop", "-style", "fusion"]) == ""
