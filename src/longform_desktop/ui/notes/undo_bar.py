""" "Note deleted. Undo" in the status bar, for a few seconds after a deletion."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton

UNDO_SHOWN_MS = 12000


class UndoBar(QObject):
    def __init__(self, status: QStatusBar, undo: Callable[[], None]) -> None:
        super().__init__(status)
        self.label = QLabel("Note deleted.")
        self.button = QToolButton()
        self.button.setText("Undo")
        self.button.setAccessibleName("Undo deleting the note")
        self.button.setToolTip("Bring the deleted note back (Ctrl+Z)")
        self.button.clicked.connect(lambda: undo())
        status.addPermanentWidget(self.label)
        status.addPermanentWidget(self.button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(UNDO_SHOWN_MS)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show(self) -> None:
        self.label.show()
        self.button.show()
        self._timer.start()

    def hide(self) -> None:
        self._timer.stop()
        self.label.hide()
        self.button.hide()
