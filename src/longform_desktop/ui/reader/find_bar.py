"""Find in page: Ctrl+F opens it, Enter/F3 next, Shift+Enter/Shift+F3 previous, Esc closes.

Every match is marked on the page's ``find`` highlight layer (so the search words and
the user's highlights stay visible) and the current one is selected.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from longform_desktop.ui.theme import current_theme

from .browser import ReaderBrowser
from .highlights import FIND, background, pattern_selections


class FindBar(QWidget):
    def __init__(self, browser: ReaderBrowser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = browser
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel("Find:"))
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find in this deep dive")
        self.edit.setAccessibleName("Find in page")
        self.edit.setClearButtonEnabled(True)
        layout.addWidget(self.edit, 1)
        self.status = QLabel("")
        self.status.setObjectName("muted")
        layout.addWidget(self.status)
        for text, tip, slot in (
            ("↑", "Previous match (Shift+F3)", self.find_previous),
            ("↓", "Next match (F3)", self.find_next),
            ("✕", "Close (Esc)", self.close_bar),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(slot)
            layout.addWidget(button)
        self.edit.textChanged.connect(lambda: self.find_next(from_start=True))
        self.edit.returnPressed.connect(self.find_next)
        QShortcut(QKeySequence("Shift+Return"), self.edit, self.find_previous)
        QShortcut(QKeySequence("Escape"), self.edit, self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        selected = self.browser.textCursor().selectedText()
        if selected:
            self.edit.setText(selected)
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.browser.layers.clear(FIND)
        self.browser.setFocus()

    def find_next(self, from_start: bool = False) -> bool:
        return self._find(backward=False, from_start=from_start)

    def find_previous(self) -> bool:
        return self._find(backward=True)

    def refresh(self) -> None:
        """Mark the matches again (after the page was re-rendered)."""
        if self.isVisible() and self.edit.text():
            self._mark_all(self.edit.text())

    def _mark_all(self, text: str) -> int:
        pattern = QRegularExpression(
            QRegularExpression.escape(text), QRegularExpression.PatternOption.CaseInsensitiveOption
        )
        # The accent, translucent: distinct from the yellow of search words and notes.
        color = QColor(current_theme().accent)
        color.setAlpha(90)
        fmt = background(color)
        self.browser.layers.set(FIND, pattern_selections(self.browser.document(), pattern, fmt))
        return self.browser.layers.count(FIND)

    def _find(self, backward: bool, from_start: bool = False) -> bool:
        text = self.edit.text()
        if not text:
            self.status.setText("")
            self.browser.layers.clear(FIND)
            return False
        if not self.isVisible():
            self.show()
        total = self._mark_all(text)
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if from_start:
            cursor = self.browser.textCursor()
            cursor.setPosition(cursor.selectionStart())
            self.browser.setTextCursor(cursor)
        found = self.browser.find(text, flags)
        if not found:  # wrap around
            cursor = self.browser.textCursor()
            cursor.movePosition(
                QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            )
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text, flags)
        self.status.setText(self._position_text(total) if found else "No matches")
        return found

    def _position_text(self, total: int) -> str:
        start = self.browser.textCursor().selectionStart()
        index = next(
            (
                i
                for i, s in enumerate(self.browser.layers.layer(FIND), 1)
                if s.cursor.selectionStart() == start
            ),
            0,
        )
        return f"{index} of {total}" if index else f"{total} matches"
