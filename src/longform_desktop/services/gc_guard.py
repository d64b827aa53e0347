"""Python's cycle collector, run on the GUI thread only.

The collector normally runs on whatever thread crosses its allocation threshold. When
that is a worker (the search indexer allocates a lot) and the garbage holds Qt widgets
in a reference cycle, the widgets are destroyed off the GUI thread, which Qt does not
allow and which crashed long test runs. So automatic collection is switched off and a
GUI-thread timer collects instead, with the same thresholds (the pattern pyqtgraph and
other PyQt applications use).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int:
        """Collect the generations whose counts passed their thresholds; objects freed."""
        c0, c1, c2 = gc.get_count()
        t0, t1, t2 = self.threshold
        if c0 <= t0:
            return 0
        if c1 > t1:
            return gc.collect(2 if c2 > t2 else 1)
        return gc.collect(0)

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
