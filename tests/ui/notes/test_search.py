"""One search box finds notes too: a note typed in the app is indexed as it is saved,
and opening its result opens the deep dive at the passage with the panel on the note."""

from __future__ import annotations

from PySide6.QtCore import Qt

from longform_desktop.ui.search_panel import ROLE_ITEM

from .conftest import PILOT, committed, new_note_editor

WORD = "zebrafish"  # in no deep dive


def _note_rows(window) -> list[str]:
    rows = []
    for i in range(window.search_panel.list.count()):
        data = window.search_panel.list.item(i).data(ROLE_ITEM)
        if data and data[0] == "note":
            rows.append(data[1])
    return rows


def test_a_saved_note_is_found_and_opens_at_its_passage(window, qtbot) -> None:
    search = window.search_service
    with qtbot.waitSignal(search.index_ready, timeout=120000):
        search.ensure_index()
    note_id, editor = new_note_editor(
        window, qtbot, "A retention of 24 hours is common among payment APIs"
    )
    with qtbot.waitSignal(search.index_updated, timeout=30000):
        qtbot.keyClicks(editor, f"The {WORD} rule: keep keys longer than any retry.")
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert committed(window).get(note_id).body.startswith(f"The {WORD}")
    window.notes.set_panel_open(False)
    window.article_view.browser.verticalScrollBar().setValue(0)

    qtbot.mouseClick(window.search_box, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.search_box, WORD)
    qtbot.waitUntil(lambda: _note_rows(window) == [note_id], timeout=10000)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.notes.panel.selected == note_id, timeout=10000)
    assert window.pages.currentWidget() is window.article_view
    assert window.notes.panel_open and window.notes.layer.flashing == note_id
    browser = window.article_view.browser
    cursor = browser.textCursor()
    cursor.setPosition(window.notes.layer.placement.find(note_id).start)
    assert 0 <= browser.cursorRect(cursor).top() < browser.viewport().height()

    window.search_box.setText(f"{WORD} kind:article")  # the filter leaves the note out
    qtbot.waitUntil(
        lambda: (
            window.search_panel.results is not None
            and window.search_panel.results.query.endswith("kind:article")
        ),
        timeout=10000,
    )
    assert _note_rows(window) == []
    with qtbot.waitSignal(search.index_updated, timeout=30000):
        window.services.notes.delete(note_id)
    window.search_box.setText(WORD)
    qtbot.waitUntil(lambda: window.search_panel.results.query == WORD, timeout=10000)
    assert _note_rows(window) == []  # deleted: gone from the index


def test_notes_written_elsewhere_join_the_index(window, qtbot) -> None:
    from longform_desktop.core.notes import new_note
    from longform_desktop.storage.notes import NotesRepository

    # As the CLI's import would: a row the running app did not write.
    note = new_note(PILOT, body=f"An imported {WORD} note.")
    NotesRepository(window.services.db).save(note)
    search = window.search_service
    with qtbot.waitSignal(search.index_ready, timeout=120000):
        search.ensure_index()
    window.notes.service.warm_up()  # what the room does after the first paint
    qtbot.keyClicks(window.search_box, WORD)
    qtbot.waitUntil(lambda: _note_rows(window) == [note.id], timeout=20000)
    window.search_panel.open_current()
    qtbot.waitUntil(lambda: window.notes.panel.selected == note.id, timeout=10000)
    assert window.notes.panel.cards[note.id].body.text() == f"An imported {WORD} note."
