"""Uncaught exceptions are logged and shown in a dialog a person can read, once."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from longform_desktop.ui.dialogs import error_dialog


@pytest.fixture
def hook(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    error_dialog.install_excepthook(lambda: parent, tmp_path / "app.log")
    return sys.excepthook


def _raise_in_slot() -> None:
    raise sqlite3_error()


def sqlite3_error() -> Exception:
    import sqlite3

    return sqlite3.DatabaseError("file is not a database")


def _open_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def test_an_uncaught_error_is_logged_and_shown_once(hook, caplog, tmp_path: Path) -> None:
    with caplog.at_level(logging.CRITICAL):
        for _ in range(3):  # a burst of the same failure (a timer, a repaint...)
            try:
                _raise_in_slot()
            except Exception:
                hook(*sys.exc_info())
    assert "file is not a database" in caplog.text and "Traceback" in caplog.text
    boxes = _open_boxes()
    assert len(boxes) == 1
    box = boxes[0]
    assert "file is not a database" in box.informativeText()
    assert str(tmp_path / "app.log") in box.informativeText()
    assert "Traceback" in box.detailedText()
    box.close()


def test_show_error_does_not_block(qtbot) -> None:
    box = error_dialog.show_error(None, "Could not save", "disk full")
    assert box.isVisible() and box.text() == "Could not save"
    box.close()
