"""The small toolbar that floats by a selection in the reader: four colours and "Note".

A child of the reader's viewport rather than a popup window, so it never takes the
focus (the selection stays) and it scrolls away with the text. It shows when a mouse
selection is released, or shortly after the selection changes by keyboard; it hides
when the selection is cleared.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QTextEdit, QToolButton

from longform_desktop.ui.theme import current_theme

from . import palette

SHOW_DELAY_MS = 120  # after a keyboard selection settles
GAP = 6  # pixels between the toolbar and the selected line


class SelectionToolbar(QFrame):
    color_chosen = Signal(str)  # one of palette.COLORS
    note_requested = Signal()

    def __init__(self, browser: QTextEdit, shortcuts: dict[str, str] | None = None) -> None:
        super().__init__(browser.viewport())
        self.browser = browser
        self.setObjectName("selectionToolbar")
        self.setAccessibleName("Highlight the selection")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(6)
        self.buttons: dict[str, QToolButton] = {}
        keys = shortcuts or {}
        for color in palette.COLORS:
            button = QToolButton(self)
            button.setObjectName(f"highlight_{color}")
            tip = f"Highlight {palette.NAMES[color].lower()}"
            button.setToolTip(f"{tip} ({keys[color]})" if color in keys else tip)
            button.setAccessibleName(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setFixedSize(20, 20)
            button.clicked.connect(lambda _=False, c=color: self.color_chosen.emit(c))
            layout.addWidget(button)
            self.buttons[color] = button
        self.note_button = QToolButton(self)
        self.note_button.setObjectName("highlightWithNote")
        self.note_button.setText("✎ Note")
        tip = "Highlight and write a note"
        note_key = keys.get("note")
        self.note_button.setToolTip(f"{tip} ({note_key})" if note_key else tip)
        self.note_button.setAccessibleName(tip)
        self.note_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.note_button.clicked.connect(self.note_requested)
        layout.addWidget(self.note_button)
        self._pressed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHOW_DELAY_MS)
        self._timer.timeout.connect(self.show_for_selection)
        browser.selectionChanged.connect(self._on_selection)
        browser.viewport().installEventFilter(self)
        browser.verticalScrollBar().valueChanged.connect(self._follow)
        self.restyle()
        self.hide()

    def restyle(self) -> None:
        theme = current_theme()
        rules = [
            f"#selectionToolbar {{ background: {theme.surface}; border: 1px solid "
            f"{theme.border}; border-radius: 8px; }}",
            f"#selectionToolbar QToolButton#highlightWithNote {{ color: {theme.text}; "
            "border: none; padding: 1px 6px; font-weight: 600; }",
            f"#selectionToolbar QToolButton#highlightWithNote:hover {{ color: {theme.accent}; }}",
        ]
        for color in palette.COLORS:
            rules.append(
                f"#selectionToolbar QToolButton#highlight_{color} {{ background: "
                f"{palette.swatch(color)}; border-radius: 10px; border: 2px solid "
                f"{theme.surface}; }}"
            )
            rules.append(
                f"#selectionToolbar QToolButton#highlight_{color}:hover {{ border: 2px solid "
                f"{theme.text}; }}"
            )
        self.setStyleSheet("\n".join(rules))

    # --- when to show ----------------------------------------------------------------
    def _on_selection(self) -> None:
        if not self.browser.textCursor().hasSelection():
            self._timer.stop()
            self.hide()
        elif not self._pressed:
            self._timer.start()  # a keyboard selection (or a programmatic one)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QMouseEvent):
            if event.type() == QEvent.Type.MouseButtonPress:
                self._pressed = True
                self.hide()
            elif event.type() == QEvent.Type.MouseButtonRelease:
                self._pressed = False
                if self.browser.textCursor().hasSelection():
                    self._timer.start(0)
        return False

    def show_for_selection(self) -> None:
        cursor = self.browser.textCursor()
        if not cursor.hasSelection():
            self.hide()
            return
        self.adjustSize()
        self._place(cursor)
        self.show()
        self.raise_()

    def _follow(self) -> None:
        if self.isVisible():
            self._place(self.browser.textCursor())

    def _place(self, cursor: QTextCursor) -> None:
        """Above the selection's first line; below its last when there is no room."""
        first = QTextCursor(cursor)
        first.setPosition(cursor.selectionStart())
        last = QTextCursor(cursor)
        last.setPosition(cursor.selectionEnd())
        top, bottom = self.browser.cursorRect(first), self.browser.cursorRect(last)
        viewport = self.browser.viewport().rect()
        x = min(max(4, top.left() - 8), viewport.width() - self.width() - 4)
        y = top.top() - self.height() - GAP
        if y < 4:
            y = bottom.bottom() + GAP
        y = min(max(4, y), viewport.height() - self.height() - 4)
        self.move(QPoint(x, y))
