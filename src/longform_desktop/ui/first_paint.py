"""Run something once the window has painted for the first time.

Qt paints on the event loop after ``show()``, and a 0 ms timer started before that can
fire first: work meant to follow the first paint would then delay it. An event filter
sees the paint itself and schedules the work for the loop turn after it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self.widget, self.callback = widget, callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Paint:
            self.widget.removeEventFilter(self)
            # Two turns: whatever else the paint scheduled runs first (the window's
            # backing store is flushed during the paint, so the frame is already out).
            QTimer.singleShot(0, lambda: QTimer.singleShot(0, self.callback))
            self.deleteLater()
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` soon after ``widget`` first paints (two event-loop turns)."""
    _FirstPaint(widget, callback)
