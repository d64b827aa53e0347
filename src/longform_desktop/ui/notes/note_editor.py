"""The note editor: Markdown typed in place in a note's card, saved as it is typed.

Nothing typed is ever only on screen for long: the text is handed on for saving 300 ms
after the last keystroke (``SAVE_DELAY_MS``), at once when the editor loses the focus or
is closed, and when the window closes (the room calls :meth:`save_now`). The writer
commits each save with ``synchronous=FULL``, so an edit survives the app being killed a
second after the last keystroke (tests/ui/notes/test_sigkill.py).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QHideEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QSizePolicy, QWidget

SAVE_DELAY_MS = 300
MIN_LINES, MAX_LINES = 3, 16


class NoteEditor(QPlainTextEdit):
    save_requested = Signal(str, str)  # note id, the body as typed
    finished = Signal(str)  # note id: Esc or Ctrl+Enter, editing is done

    def __init__(self, note_id: str, body: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note_id = note_id
        self.setObjectName("noteEditor")
        self.setAccessibleName("Note text (Markdown)")
        self.setPlaceholderText("Write a note… (Markdown; Esc when done)")
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setPlainText(body)
        self._saved = body
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        self.textChanged.connect(self._on_text_changed)
        self._fit()

    @property
    def dirty(self) -> bool:
        return self.toPlainText() != self._saved

    def _on_text_changed(self) -> None:
        self._timer.start()
        self._fit()

    def save_now(self) -> None:
        """Hand the text on for saving if it changed since the last save."""
        self._timer.stop()
        text = self.toPlainText()
        if text != self._saved:
            self._saved = text
            self.save_requested.emit(self.note_id, text)

    def _fit(self) -> None:
        """Grow with the text, from three lines up to sixteen (then it scrolls)."""
        # A plain-text document's size is counted in (wrapped) lines, not pixels.
        lines = max(self.document().blockCount(), int(self.document().size().height()))
        rows = max(MIN_LINES, min(MAX_LINES, lines + 1))
        height = self.fontMetrics().lineSpacing() * rows + 14
        if self.height() != height:
            self.setFixedHeight(height)

    def sizeHint(self) -> QSize:
        return QSize(240, self.height())

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.save_now()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.key() == Qt.Key.Key_Escape or (
            enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.save_now()
            self.finished.emit(self.note_id)
            return
        super().keyPressEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # closed with its card, or the panel hidden
        self.save_now()
        super().hideEvent(event)
