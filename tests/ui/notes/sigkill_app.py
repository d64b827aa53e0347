"""Run by test_sigkill.py in a subprocess: the real app window, a highlight made from a
selection with Ctrl+Alt+M, a note typed into the real editor with real key events; then
it prints TYPED and keeps running until the test kills it with SIGKILL."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from longform_desktop.app import build_window

PHRASE = "Retries come from every layer"


def type_key(widget, char: str) -> None:
    """A key press and release carrying ``char`` (QTest's own only knows ASCII)."""
    if char.isascii():
        QTest.keyClick(widget, char)
        return
    key = Qt.Key(ord(char.upper())) if ord(char.upper()) < 0x100 else Qt.Key.Key_unknown
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def main() -> int:
    typed = sys.argv[1]
    app = QApplication(["sigkill-app"])
    window = build_window(app)
    window.resize(1200, 800)
    window.show()
    window.activateWindow()

    def act() -> None:
        window.open_article("idempotency-and-exactly-once")
        browser = window.article_view.browser
        start = browser.toPlainText().index(PHRASE)
        cursor = QTextCursor(browser.document())
        cursor.setPosition(start)
        cursor.setPosition(start + len(PHRASE), QTextCursor.MoveMode.KeepAnchor)
        browser.setTextCursor(cursor)
        browser.setFocus()
        QTest.keyClick(
            browser,
            Qt.Key.Key_M,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
        )
        (note,) = window.services.notes.notes("idempotency-and-exactly-once")
        editor = window.notes.panel.editor(note.id)
        for char in typed:  # one key press and release per character
            type_key(editor, char)
        print(f"TYPED {note.id}", flush=True)

    QTimer.singleShot(300, act)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
