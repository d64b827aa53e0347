"""The redraw session's bar (leave, title, save state, timer, Compare / Done) and the
hint laid over the empty canvas until the first thing is drawn."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

HINT = (
    "Draw it from memory.\nB box · D store · U actor · A arrow (drag from box to box)\n"
    "Double-click a box or an arrow to label it · Ctrl+Enter to compare"
)


def clock_text(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes:02d}:{secs:02d}"


class SessionBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionBar")
        self.leave_button = QPushButton("← Leave")
        self.leave_button.setToolTip("Back to the article (the drawing is kept)")
        self.title_label = QLabel("")
        self.title_label.setObjectName("sessionTitle")
        # A long title gives way (it is cut) rather than widening every page of the window.
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.timer_label = QLabel("00:00")
        self.timer_label.setObjectName("sessionTimer")
        self.timer_label.setAccessibleName("Time spent")
        self.saved_label = QLabel("")
        self.saved_label.setObjectName("sessionSaved")
        self.compare_button = QPushButton("Compare")
        self.compare_button.setObjectName("primary")
        self.compare_button.setToolTip("Score the drawing and show the reference (Ctrl+Enter)")
        self.done_button = QPushButton("Done")
        self.done_button.setObjectName("primary")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(12)
        row.addWidget(self.leave_button)
        row.addWidget(self.title_label, 1)
        row.addWidget(self.saved_label)
        row.addWidget(self.timer_label)
        row.addWidget(self.compare_button)
        row.addWidget(self.done_button)


class CanvasHint(QLabel):
    """A quiet how-to over the empty canvas; clicks go through it to the canvas."""

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(HINT, viewport)
        self.setObjectName("canvasHint")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        viewport.installEventFilter(self)
        self.setGeometry(viewport.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False
