"""The note editor saves while typing (after a 300 ms pause), when it loses the focus
and when the window closes: never only on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from longform_desktop.ui.notes.note_editor import SAVE_DELAY_MS

from .conftest import close, committed, new_note_editor


def test_a_pause_in_typing_saves(window, qtbot) -> None:
    note_id, editor = new_note_editor(window, qtbot)
    qtbot.keyClicks(editor, "first thought")
    qtbot.wait(SAVE_DELAY_MS + 200)
    assert committed(window).get(note_id).body == "first thought"
    qtbot.keyClicks(editor, ", second")
    qtbot.wait(SAVE_DELAY_MS + 200)
    assert committed(window).get(note_id).body == "first thought, second"


def test_leaving_the_editor_saves_at_once(window, qtbot) -> None:
    note_id, editor = new_note_editor(window, qtbot)
    qtbot.keyClicks(editor, "saved on focus out")
    viewport = window.article_view.browser.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=viewport.rect().center())
    assert not editor.hasFocus()
    assert window.services.notes.get(note_id).body == "saved on focus out"  # queued now
    assert committed(window).get(note_id).body == "saved on focus out"


def test_closing_the_window_saves(window, qtbot) -> None:
    note_id, editor = new_note_editor(window, qtbot)
    qtbot.keyClicks(editor, "typed just before closing")
    close(window)  # no pause: closing hands the text to the writer
    assert committed(window).get(note_id).body == "typed just before closing"
