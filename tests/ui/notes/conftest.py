"""The real window with the notes room, and ways to select text as a person does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from longform_desktop.app import build_window
from longform_desktop.storage.notes import NotesRepository

PILOT = "idempotency-and-exactly-once"
OTHER = "pagination-that-survives-real-data"


def make_window(qtbot):
    win = build_window(QApplication.instance())
    qtbot.addWidget(win)
    win.resize(1300, 860)
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    return win


@pytest.fixture
def window(qtbot):
    win = make_window(qtbot)
    yield win
    close(win)


def close(win) -> None:
    """Close as a person does (the editors save), then let every write commit."""
    win.close()
    assert win.services.writer.flush()
    win.services.runner.wait()
    QApplication.processEvents()


def open_article(win, qtbot, slug: str = PILOT, **kwargs) -> None:
    assert win.open_article(slug, **kwargs)
    qtbot.waitUntil(lambda: win.notes.layer.placement is not None, timeout=10000)


def new_note_editor(win, qtbot, phrase: str = "Retries come from every layer"):
    """Open the pilot deep dive, select ``phrase`` with the mouse, press Ctrl+Alt+M: the
    new note's id and its editor, focused (as a person starts a note)."""
    open_article(win, qtbot)
    drag_select(win, qtbot, phrase)
    qtbot.keyClick(
        win.article_view.browser,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    (note,) = win.services.notes.notes(PILOT)
    editor = win.notes.panel.editor(note.id)
    qtbot.waitUntil(editor.hasFocus)
    return note.id, editor


def committed(win) -> NotesRepository:
    """The notes as the database has them once the writer is done."""
    assert win.services.writer.flush()
    QApplication.processEvents()  # the writer's callbacks (announcements) run
    return NotesRepository(win.services.db)


def span_of(win, phrase: str, after: int = 0) -> tuple[int, int]:
    text = win.article_view.browser.toPlainText()
    start = text.index(phrase, after)
    return start, start + len(phrase)


def point_at(win, position: int) -> QPoint:
    """Viewport point just inside the left edge of the character at ``position`` (a
    mouse there is nearest the boundary before that character)."""
    browser = win.article_view.browser
    cursor = QTextCursor(browser.document())
    cursor.setPosition(position)
    rect = browser.cursorRect(cursor)
    return QPoint(rect.left() + 1, rect.center().y())


def drag_select(win, qtbot, phrase: str, after: int = 0) -> tuple[int, int]:
    """Select ``phrase`` in the reader with the mouse: press, move, release."""
    browser = win.article_view.browser
    start, end = span_of(win, phrase, after)
    cursor = QTextCursor(browser.document())
    cursor.setPosition(start)
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    qtbot.wait(10)
    viewport = browser.viewport()
    a, b = point_at(win, start), point_at(win, end)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(viewport, pos=QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2))
    qtbot.mouseMove(viewport, pos=b)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=b)
    selected = browser.textCursor()
    assert (selected.selectionStart(), selected.selectionEnd()) == (start, end), (
        selected.selectedText()
    )
    return start, end
