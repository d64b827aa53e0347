"""Errors a person can read: a dialog with what went wrong, what was kept safe, where
the log is, and the traceback under "Show Details" (novelWriter's habit).

``install_excepthook`` routes every uncaught exception (in a slot, a timer, a paint
event) here instead of a console traceback nobody sees: it is logged, and shown once.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)

_open_dialogs: list[QMessageBox] = []  # kept alive while shown (they are not modal)


def show_error(parent: QWidget | None, title: str, message: str, details: str = "") -> QMessageBox:
    # Imported on the first error: the hook is installed before the first paint, and
    # QMessageBox's enums are ~1 ms of it.
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Longform Desktop")
    box.setText(title)
    box.setInformativeText(message)
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    _open_dialogs.append(box)
    box.finished.connect(lambda _result: _open_dialogs.remove(box))
    box.open()  # not exec(): the app keeps running (and tests are never blocked)
    return box


def install_excepthook(parent: Callable[[], QWidget | None], log_path: Path) -> None:
    """Log and show uncaught exceptions; a burst of the same error shows one dialog."""
    showing: set[str] = set()

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        text = "".join(traceback.format_exception(kind, error, tb))
        log.critical("uncaught exception:\n%s", text)
        key = f"{kind.__name__}: {error}"
        if key in showing or QApplication.instance() is None:
            return
        showing.add(key)
        box = show_error(
            parent(),
            "Something went wrong",
            f"{key}\n\nYour notes and drawings are saved as you work, so nothing you "
            f"committed is lost. The details are in the log:\n{log_path}",
            text,
        )
        box.finished.connect(lambda _result: showing.discard(key))

    sys.excepthook = hook
