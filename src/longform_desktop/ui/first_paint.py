"""Run something once the window has painted for the first time.

Qt paints on the event loop after ``show()``, and a 0 ms timer started before that can
fire first: work meant to follow the first paint would then delay it. An event filter
sees the paint itself and schedules the work for the loop turn after it. Should the
watched widget never paint (Qt skips painting a widget its children cover completely),
the work still runs, ``FALLBACK_MS`` after the call: it must never be lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1000  # far beyond a first paint (~20 ms), short enough not to be noticed


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None], fallback_ms: int) -> None:
        super().__init__(widget)
        self.widget, self.callback = widget, callback
        self.done = False
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Paint:
            self.widget.removeEventFilter(self)
            # Two turns: whatever else the paint scheduled runs first (the window's
            # backing store is flushed during the paint, so the frame is already out).
            QTimer.singleShot(0, self, lambda: QTimer.singleShot(0, self, self._run))
        return False

    def _run(self) -> None:
        if self.done:
            return
        self.done = True
        self.widget.removeEventFilter(self)
        self.callback()
        self.deleteLater()


def after_first_paint(
    widget: QWidget, callback: Callable[[], None], fallback_ms: int = FALLBACK_MS
) -> None:
    """Call ``callback`` once, soon after ``widget`` first paints (two event-loop turns),
    or after ``fallback_ms`` if it has not painted by then."""
    _FirstPaint(widget, callback, fallback_ms)
