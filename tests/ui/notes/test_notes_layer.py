"""Highlighting in the reader with the mouse and keyboard, as a person does it, and the
highlights surviving reopening, zoom, find-in-page, search words and a theme switch."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPalette
from PySide6.QtWidgets import QApplication, QToolTip

from longform_desktop.ui.notes import palette
from longform_desktop.ui.reader.highlights import FIND, NOTES, SEARCH
from longform_desktop.ui.theme import DARK, LIGHT, current_theme

from .conftest import (
    PILOT,
    close,
    committed,
    drag_select,
    make_window,
    open_article,
    point_at,
    span_of,
)

PASSAGE = "Retries come from every layer"


def _marks(win) -> list[tuple[int, int, str]]:
    """(start, end, background) of every highlight on the page's notes layer."""
    return [
        (s.cursor.selectionStart(), s.cursor.selectionEnd(), s.format.background().color().name())
        for s in win.article_view.browser.layers.layer(NOTES)
    ]


def test_select_highlight_note_and_reopen(window, qtbot) -> None:
    open_article(window, qtbot)
    start, end = drag_select(window, qtbot, PASSAGE)
    toolbar = window.notes.toolbar
    qtbot.waitUntil(toolbar.isVisible)
    qtbot.mouseClick(toolbar.note_button, Qt.MouseButton.LeftButton)
    (note,) = window.services.notes.notes(PILOT)
    assert note.color == "yellow" and note.target.exact == PASSAGE
    assert note.target.section == "where-retries-come-from"
    assert _marks(window) == [(start, end, palette.page_color("yellow", LIGHT))]
    assert not toolbar.isVisible()  # the selection is gone, the highlight shows
    editor = window.notes.panel.editor(note.id)
    assert editor is not None and window.notes.panel_open
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClicks(editor, "Every *layer* retries: the key must be the client's.")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    card = window.notes.panel.cards[note.id]
    assert not card.editing and "Every" in card.body.text()
    assert committed(window).get(note.id).body.startswith("Every *layer* retries")
    close(window)

    again = make_window(qtbot)
    open_article(again, qtbot)
    assert _marks(again) == [(start, end, palette.page_color("yellow", LIGHT))]
    assert again.notes.panel_open  # the panel was open when the window closed
    card = again.notes.panel.cards[note.id]
    assert card.body.text().startswith("Every *layer* retries")  # shown as Markdown
    assert f"“{PASSAGE}”" in card.head.text()
    close(again)


def test_every_colour_by_toolbar_shortcut_and_context_menu(window, qtbot) -> None:
    open_article(window, qtbot)
    browser = window.article_view.browser
    phrases = {
        "yellow": "Client timeouts.",
        "green": "Mobile networks.",
        "blue": "Load balancers and proxies.",
        "pink": "Queue redelivery.",
    }
    # Yellow from the floating toolbar, green and blue from their shortcuts, pink from
    # the context menu.
    drag_select(window, qtbot, phrases["yellow"])
    qtbot.waitUntil(window.notes.toolbar.isVisible)
    qtbot.mouseClick(window.notes.toolbar.buttons["yellow"], Qt.MouseButton.LeftButton)
    drag_select(window, qtbot, phrases["green"])
    qtbot.keyClick(browser, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    drag_select(window, qtbot, phrases["blue"])
    qtbot.keyClick(browser, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    start, _ = drag_select(window, qtbot, phrases["pink"])
    menu = window.article_view.context_menu.build(QPoint(10, 10))
    pink = next(a for a in menu.actions() if a.text() == "Highlight Pink")
    pink.trigger()
    notes = {n.color: n.target.exact for n in committed(window).all(PILOT)}
    assert notes == {c: p.rstrip(".") + "." for c, p in phrases.items()}
    colours = {bg for _, _, bg in _marks(window)}
    assert colours == {palette.page_color(c, LIGHT) for c in palette.COLORS}

    # On a highlight the menu offers to recolour it, show its note or delete it.
    browser.setTextCursor(browser.cursorForPosition(QPoint(0, 0)))  # no selection
    menu = window.article_view.context_menu.build(point_at(window, start + 3))
    texts = [a.text() for a in menu.actions()]
    assert texts[:3] == ["Show Note", "Colour", "Delete Highlight"]
    green = next(a for a in menu.actions()[1].menu().actions() if a.text() == "Green")
    green.trigger()
    assert sorted(n.color for n in committed(window).all(PILOT)) == [
        "blue",
        "green",
        "green",
        "yellow",
    ]


def test_hover_and_click_show_the_note(window, qtbot) -> None:
    open_article(window, qtbot)
    start, _ = drag_select(window, qtbot, PASSAGE)
    qtbot.keyClick(window.article_view.browser, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    (note,) = window.services.notes.notes(PILOT)
    window.services.notes.save_body(note.id, "Why **every** layer?")
    committed(window)  # the layer follows the commit's announcement
    viewport = window.article_view.browser.viewport()
    pos = point_at(window, start + 4)
    event = QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)
    assert "Pink highlight" in QToolTip.text() and "every" in QToolTip.text()
    window.notes.set_panel_open(False)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=pos)
    assert window.notes.panel_open and window.notes.panel.selected == note.id


def test_highlights_survive_zoom_find_search_words_and_a_theme_switch(window, qtbot) -> None:
    open_article(window, qtbot, terms=("idempotency",))
    browser = window.article_view.browser
    layers = browser.layers
    words = layers.count(SEARCH)
    assert words > 5
    drag_select(window, qtbot, PASSAGE)
    qtbot.keyClick(browser, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    phrase = "idempotency key"
    drag_select(window, qtbot, phrase, span_of(window, PASSAGE)[1])
    qtbot.keyClick(browser, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    marks = _marks(window)
    texts = sorted(browser.toPlainText()[a:b] for a, b, _ in marks)
    assert texts == sorted([PASSAGE, phrase]) and layers.count(SEARCH) == words

    window.commands.zoom_in.trigger()
    assert window.article_view.zoom > 1.0
    qtbot.waitUntil(lambda: len(_marks(window)) == 2)
    assert _marks(window) == marks and layers.count(SEARCH) == words

    window.commands.find.trigger()
    qtbot.keyClicks(window.article_view.find_bar.edit, "retries")
    assert layers.count(FIND) > 0 and _marks(window) == marks and layers.count(SEARCH) == words

    app = QApplication.instance()
    original = app.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    try:
        app.setPalette(dark)
        qtbot.waitUntil(
            lambda: current_theme().dark and DARK.text in browser.document().defaultStyleSheet()
        )
        qtbot.waitUntil(
            lambda: (
                {bg for *_, bg in _marks(window)}
                == {palette.page_color("yellow", DARK), palette.page_color("blue", DARK)}
            )
        )
        assert [m[:2] for m in _marks(window)] == [m[:2] for m in marks]
        assert layers.count(FIND) > 0 and layers.count(SEARCH) == words
        qtbot.waitUntil(lambda: DARK.surface in window.notes.panel.styleSheet())
        assert DARK.surface in window.notes.toolbar.styleSheet()
    finally:
        app.setPalette(original)
    qtbot.waitUntil(
        lambda: (
            {bg for *_, bg in _marks(window)}
            == {palette.page_color("yellow", LIGHT), palette.page_color("blue", LIGHT)}
        )
    )
