"""The database stops taking writes while the user types a note (issue 16): the real
window, the real note editor, real key presses. The writer's connection is switched to
SQLite's ``query_only`` (the same SQLITE_READONLY a read-only file gives; the suite runs
as root in CI, where chmod does not stop SQLite). The text stays in the editor and in
memory, the user is told once, and it is all in the database once writes work again."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication

from longform_desktop.storage.notes import NotesRepository
from longform_desktop.ui.notes.note_editor import SAVE_DELAY_MS
from tests.hardening.report import tally
from tests.ui.notes.conftest import PILOT, close, make_window, new_note_editor


def _query_only(win, on: bool) -> None:
    win.services.writer.on_connection(lambda conn: conn.execute(f"PRAGMA query_only = {int(on)}"))


def test_typing_a_note_while_the_database_is_read_only(qtbot) -> None:
    win = make_window(qtbot)
    notices: list[str] = []
    win.services.writer.failed.connect(notices.append)
    try:
        note_id, editor = new_note_editor(win, qtbot)
        qtbot.keyClicks(editor, "before")
        qtbot.wait(SAVE_DELAY_MS + 200)
        assert win.services.writer.flush()
        started = time.monotonic()
        _query_only(win, True)
        tried = failures = 0
        for chunk in (" one", " two", " three", " four"):
            qtbot.keyClicks(editor, chunk)
            qtbot.wait(SAVE_DELAY_MS + 150)  # each pause is an autosave the database refuses
            tried += 1
            failures += editor.toPlainText() != win.services.notes.get(note_id).body
        qtbot.waitUntil(lambda: win.services.writer.is_blocked, timeout=5000)
        typed = "before one two three four"
        assert editor.toPlainText() == typed  # still on screen
        assert win.services.notes.get(note_id).body == typed  # and in memory
        stored = NotesRepository(win.services.db).get(note_id)
        assert stored.body == "before"  # the database has not taken it
        QApplication.processEvents()
        assert len(notices) == 1 and "cannot be saved" in notices[0]  # told once
        assert "cannot be saved" in win.statusBar().currentMessage()
        with qtbot.waitSignal(win.services.writer.resumed, timeout=20000):
            _query_only(win, False)  # the disk is writable again; the retry finds it
        qtbot.waitUntil(lambda: "All changes saved" in win.statusBar().currentMessage())
        assert NotesRepository(win.services.db).get(note_id).body == typed
        assert len(notices) == 1
        tally(
            "writes",
            "read-only db while typing a note",
            tried=tried,
            failures=failures + (NotesRepository(win.services.db).get(note_id).body != typed),
            max_ms=round((time.monotonic() - started) * 1000),
        )
    finally:
        close(win)


def test_progress_and_settings_saves_while_read_only_are_kept(qtbot) -> None:
    """Scroll progress and a setting made while writes are refused reach the database
    afterwards; the user is told once, however many saves were refused."""
    from longform_desktop.storage.progress import ProgressRepository
    from longform_desktop.storage.settings import READER_ZOOM, SettingsRepository

    win = make_window(qtbot)
    notices: list[str] = []
    win.services.writer.failed.connect(notices.append)
    try:
        _query_only(win, True)
        tried = 0
        for i in range(1, 21):
            win.services.reading.save_position(PILOT, i / 40)
            tried += 1
        win.services.preferences.set(READER_ZOOM, 1.25)
        tried += 1
        qtbot.waitUntil(lambda: win.services.writer.is_blocked, timeout=5000)
        qtbot.wait(300)
        assert len(notices) == 1
        with qtbot.waitSignal(win.services.writer.resumed, timeout=20000):
            _query_only(win, False)
        progress = ProgressRepository(win.services.db).get(PILOT)
        ok = (
            progress.position == 0.5
            and SettingsRepository(win.services.db).get(READER_ZOOM) == 1.25
        )
        tally("writes", "read-only db: progress and settings", tried=tried, failures=int(not ok))
        assert ok and len(notices) == 1
    finally:
        close(win)
