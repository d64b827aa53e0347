"""The first-instance lock: held for the life of the process, dropped however it ends."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from longform_desktop.ui.instance_lock import InstanceLock, server_name

from .lock_holder import hold_lock

GENEROUS_S = 60  # a budget for a loaded machine, not a timing claim


def test_the_first_takes_the_lock_and_a_second_finds_it_taken(tmp_path: Path) -> None:
    first = InstanceLock("lf-test", str(tmp_path))
    second = InstanceLock("lf-test", str(tmp_path))
    try:
        assert first.held and not first.failed
        assert not second.held and not second.failed
        assert not second.try_take()
        first.release()
        assert second.try_take() and second.held  # a later launch may now be first
    finally:
        first.release()
        second.release()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    holder = hold_lock("lf-test", str(tmp_path))
    try:
        waiting = InstanceLock("lf-test", str(tmp_path))
        assert not waiting.held
        os.kill(holder.pid, signal.SIGKILL)  # no chance to clean anything up
        holder.wait(timeout=GENEROUS_S)
        assert waiting.try_take()  # the kernel dropped the dead process's lock
        assert (tmp_path / "lf-test.lock").exists()  # the file stays; only the lock matters
        waiting.release()
    finally:
        holder.kill()
        holder.wait(timeout=GENEROUS_S)


def test_an_unusable_folder_is_reported_not_raised(tmp_path: Path) -> None:
    lock = InstanceLock("lf-test", str(tmp_path / "no" / "such" / "folder"))
    assert lock.failed and not lock.held
    assert not lock.try_take()
    lock.release()  # harmless


def test_the_lock_and_socket_name_is_per_user_and_library(tmp_path: Path) -> None:
    a, b = server_name(tmp_path / "one"), server_name(tmp_path / "two")
    assert a != b and a.startswith("longform-desktop-") and len(a) < 80
    assert server_name(tmp_path / "one") == a
    assert server_name(tmp_path / "one" / ".." / "one") == a  # the folder, not its spelling


def test_the_lock_lives_where_qt_keeps_the_socket(tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtCore import QDir

    from longform_desktop.ui.instance_lock import _temp_folder

    assert _temp_folder() == QDir.tempPath()
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    assert _temp_folder() == QDir.tempPath() == str(tmp_path)
    lock = InstanceLock("lf-test")
    try:
        assert lock.held and Path(lock.path).parent == tmp_path
    finally:
        lock.release()


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_a_link_planted_in_place_of_the_lock_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "someone-elses-file"
    target.write_text("keep", encoding="utf-8")
    (tmp_path / "lf-test.lock").symlink_to(target)
    lock = InstanceLock("lf-test", str(tmp_path))
    assert lock.failed and not lock.held  # reported; the launch hands over if it can
    assert target.read_text(encoding="utf-8") == "keep"
