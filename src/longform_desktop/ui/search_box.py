"""The search field. It only says what the user asked for; the window decides."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget


class SearchBox(QLineEdit):
    """Up/Down choose a result, Enter opens it, Esc leaves search."""

    move_requested = Signal(int)  # +1 down, -1 up
    open_requested = Signal()
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Search deep dives   (Ctrl+K)")
        self.setAccessibleName("Search deep dives and notes")
        self.setMinimumWidth(320)

    def complete(self) -> None:
        """After the first paint: the clear button. Qt looks its icon up in the icon
        theme (~3 ms at start-up), and it only shows once there is text to clear."""
        self.setClearButtonEnabled(True)

    def focus_and_select(self) -> None:
        self.setFocus()
        self.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        Qt = QtCore.Qt  # on a key press, not at import: see ui/qt_constants.py
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.move_requested.emit(1 if key == Qt.Key.Key_Down else -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit()
        elif key == Qt.Key.Key_Escape:
            self.leave_requested.emit()
        else:
            super().keyPressEvent(event)
