"""The Notes panel driven with the mouse and keyboard: delete and undo, navigation to a
passage, detached notes re-attached, moved notes marked, the toggle remembered."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat

from longform_desktop.ui.notes.notes_panel import DETACHED_TITLE, WHOLE_ARTICLE
from longform_desktop.ui.reader.highlights import NOTES

from .conftest import PILOT, close, committed, drag_select, make_window, open_article

FIRST = "Retries come from every layer"
LATER = "A retention of 24 hours is common among payment APIs"


def _highlight(win, qtbot, phrase: str, key=Qt.Key.Key_1) -> str:
    drag_select(win, qtbot, phrase)
    qtbot.keyClick(win.article_view.browser, key, Qt.KeyboardModifier.ControlModifier)
    note = next(n for n in win.services.notes.notes(PILOT) if n.target.exact == phrase)
    return note.id


def test_delete_then_undo_with_ctrl_z_and_the_status_bar(window, qtbot) -> None:
    open_article(window, qtbot)
    room, layers = window.notes, window.article_view.browser.layers
    keep = _highlight(window, qtbot, FIRST)
    gone = _highlight(window, qtbot, "Mobile networks.", Qt.Key.Key_2)
    room.set_panel_open(True)
    original = committed(window).get(gone)
    qtbot.mouseClick(room.panel.cards[gone].delete_button, Qt.MouseButton.LeftButton)
    assert gone not in room.panel.cards and layers.count(NOTES) == 1
    assert committed(window).get(gone) is None
    assert room.undo_button.isVisible() and room.commands.undo.isEnabled()
    window.article_view.browser.setFocus()
    qtbot.keyClick(window.article_view.browser, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert committed(window).get(gone) == original  # same id, text, anchor and dates
    assert layers.count(NOTES) == 2 and gone in room.panel.cards
    assert not room.undo_button.isVisible() and not room.commands.undo.isEnabled()

    qtbot.mouseClick(room.panel.cards[keep].delete_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(room.undo_button, Qt.MouseButton.LeftButton)
    assert {n.id for n in committed(window).all(PILOT)} == {keep, gone}


def test_ctrl_z_in_the_note_editor_undoes_typing_not_a_deletion(window, qtbot) -> None:
    open_article(window, qtbot)
    room = window.notes
    a = _highlight(window, qtbot, FIRST)
    b = _highlight(window, qtbot, "Mobile networks.", Qt.Key.Key_2)
    room.set_panel_open(True)
    qtbot.mouseClick(room.panel.cards[b].delete_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(room.panel.cards[a].edit_button, Qt.MouseButton.LeftButton)
    editor = room.panel.editor(a)
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClicks(editor, "abc")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == ""
    assert committed(window).get(b) is None  # the deleted note stays deleted


def test_clicking_a_card_scrolls_to_the_passage_and_flashes_it(window, qtbot) -> None:
    open_article(window, qtbot)
    room, browser = window.notes, window.article_view.browser
    first = _highlight(window, qtbot, FIRST)
    later = _highlight(window, qtbot, LATER, Qt.Key.Key_3)
    room.set_panel_open(True)
    assert list(room.panel.cards) == [first, later]  # document order
    browser.verticalScrollBar().setValue(0)
    qtbot.mouseClick(room.panel.cards[later], Qt.MouseButton.LeftButton)
    placed = room.layer.placement.find(later)
    cursor = browser.textCursor()
    cursor.setPosition(placed.start)
    top = browser.cursorRect(cursor).top()
    assert 0 <= top < browser.viewport().height()  # the passage is on screen
    assert room.layer.flashing == later and room.panel.selected == later
    qtbot.waitUntil(lambda: room.layer.flashing == "", timeout=3000)
    qtbot.mouseClick(room.panel.cards[first], Qt.MouseButton.LeftButton)
    cursor.setPosition(room.layer.placement.find(first).start)
    assert 0 <= browser.cursorRect(cursor).top() < browser.viewport().height()


def test_detached_notes_are_listed_and_reattached_to_a_selection(window, qtbot) -> None:
    from longform_desktop.core.anchors import Anchor

    service = window.services.notes
    lost = service.create(
        PILOT,
        target=Anchor("a sentence this deep dive never had", "", "", "gone", 10, 45),
        color="green",
        body="where did it go?",
    )
    whole = service.create(PILOT, body="about all of it")
    committed(window)
    window.notes.set_panel_open(True)
    open_article(window, qtbot)
    panel = window.notes.panel
    headings = [h.text() for h in panel._headings]
    assert headings == [WHOLE_ARTICLE, DETACHED_TITLE]
    assert list(panel.cards) == [whole.id, lost.id]
    card = panel.cards[lost.id]
    qtbot.waitUntil(card.reattach_button.isVisible)
    assert card.property("status") == "detached"
    assert window.article_view.browser.layers.count(NOTES) == 0

    qtbot.mouseClick(card.reattach_button, Qt.MouseButton.LeftButton)  # nothing selected
    assert committed(window).get(lost.id).target.exact.startswith("a sentence")
    start, end = drag_select(window, qtbot, FIRST)
    qtbot.mouseClick(card.reattach_button, Qt.MouseButton.LeftButton)
    note = committed(window).get(lost.id)
    assert note.target.exact == FIRST and note.body == "where did it go?"
    assert [h.text() for h in panel._headings] == [WHOLE_ARTICLE, "Where Retries Come From"]
    marks = window.article_view.browser.layers.layer(NOTES)
    assert [(m.cursor.selectionStart(), m.cursor.selectionEnd()) for m in marks] == [(start, end)]
    assert not panel.cards[lost.id].reattach_button.isVisible()


def test_a_moved_passage_is_marked_in_the_panel_and_the_page(window, qtbot) -> None:
    open_article(window, qtbot)
    page = window.notes.layer.ensure_page()
    text = window.article_view.browser.toPlainText()
    start = text.index(FIRST)
    sentence = "Retries come from every layer, not just your client library"
    anchor = page.anchor(start, start + len(sentence))
    assert anchor.exact == sentence
    edited = replace(anchor, exact=sentence.replace("every layer", "each layer"))
    note = window.services.notes.create(PILOT, target=edited, color="blue")
    committed(window)
    window.notes.set_panel_open(True)
    placed = window.notes.layer.placement.find(note.id)
    assert placed.status == "moved" and text[placed.start : placed.end].startswith("Retries")
    assert "passage changed" in window.notes.panel.cards[note.id].head.text()
    (mark,) = window.article_view.browser.layers.layer(NOTES)
    assert mark.format.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline


def test_the_panel_toggle_is_remembered(window, qtbot) -> None:
    open_article(window, qtbot)
    assert not window.notes.panel_open
    qtbot.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.notes.panel_open and window.notes.commands.panel.isChecked()
    window.show_catalog()
    assert not window.study_panel.isVisible()
    open_article(window, qtbot, "pagination-that-survives-real-data")
    assert window.notes.panel_open
    close(window)
    again = make_window(qtbot)
    open_article(again, qtbot)
    assert again.notes.panel_open
    qtbot.keyClick(
        again, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert not again.notes.panel_open
    close(again)


def test_many_notes_fill_the_panel_without_blocking_the_open(window, qtbot) -> None:
    from longform_desktop.ui.notes.notes_panel import BUILD_CHUNK

    open_article(window, qtbot)
    page = window.notes.layer.ensure_page()
    text = window.article_view.browser.toPlainText()
    words = [i for i in range(2000, len(text) - 40, 97) if text[i].isalpha()][:90]
    service = window.services.notes
    ids = [service.create(PILOT, target=page.anchor(i, i + 20), color="green").id for i in words]
    committed(window)
    window.notes.set_panel_open(True)
    panel, layer = window.notes.panel, window.notes.layer
    assert window.article_view.browser.layers.count(NOTES) == len(ids)
    panel.show_placement(None, None)
    panel.show_placement(layer.placement, layer.page.text)  # as when an article opens
    assert 0 < len(panel.cards) < BUILD_CHUNK  # the rest follow on later turns
    qtbot.waitUntil(lambda: len(panel.cards) == len(ids))
    assert list(panel.cards) == [p.note.id for p in layer.placement.placed]  # document order
    panel.show_placement(None, None)
    panel.show_placement(layer.placement, layer.page.text)
    assert panel.select(ids[-1])  # selecting one makes every card at once
    assert len(panel.cards) == len(ids) and panel.selected == ids[-1]


def test_article_notes_from_the_panel_and_keys_on_a_card(window, qtbot) -> None:
    open_article(window, qtbot)
    room = window.notes
    room.set_panel_open(True)
    qtbot.waitUntil(lambda: room.panel.add_button.width() > 0)  # laid out, as a person sees it
    qtbot.mouseClick(room.panel.add_button, Qt.MouseButton.LeftButton)
    (empty,) = window.services.notes.notes(PILOT)
    editor = room.panel.editor(empty.id)
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # closed without a word: not kept
    assert committed(window).all(PILOT) == [] and not room.commands.undo.isEnabled()

    qtbot.mouseClick(room.panel.add_button, Qt.MouseButton.LeftButton)
    (note,) = window.services.notes.notes(PILOT)
    editor = room.panel.editor(note.id)
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClicks(editor, "Read the *worked example* twice.")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    kept = committed(window).get(note.id)
    assert kept.body == "Read the *worked example* twice." and kept.target is None
    assert [h.text() for h in room.panel._headings] == [WHOLE_ARTICLE]
    card = room.panel.cards[note.id]
    qtbot.waitUntil(card.hasFocus)
    qtbot.keyClick(card, Qt.Key.Key_Delete)
    assert committed(window).get(note.id) is None and room.commands.undo.isEnabled()
