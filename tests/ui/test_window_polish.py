"""The window's everyday parts: the keyboard-shortcut help made from the actions, every
command in a menu, the window restored as it was left, the left panel while searching,
accessible names."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from longform_desktop.app import build_window
from longform_desktop.storage.settings import LAST_ARTICLE
from longform_desktop.ui.dialogs.shortcuts_dialog import FIELD_KEYS, keys_text, plain
from longform_desktop.ui.search_panel import ROLE_TARGET

PILOT = "idempotency-and-exactly-once"


@pytest.fixture
def window(shown_window):
    return shown_window


# --- keyboard shortcuts -------------------------------------------------------------------
def test_shortcuts_help_lists_every_action_with_its_keys(window, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.window_room.shortcuts_dialog
    assert dialog is not None and dialog.isVisible()
    rows = dialog.rows()
    listed = {(command, keys) for _, command, keys in rows}
    actions = list(window.commands)
    assert len(actions) >= 25  # the window's own and every study room's
    for action in actions:
        keys = keys_text(action) or "—"
        assert (plain(action.text()), keys) in listed, action.objectName()
    assert len(rows) == len(actions) + len(FIELD_KEYS)
    # Ctrl+/ opens it too, and typing filters it.
    dialog.close()
    qtbot.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    dialog = window.window_room.shortcuts_dialog
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.filter, "pdf")
    assert [command for _, command, _ in dialog.rows()] == ["Export to PDF"]
    assert ("Export to PDF", "Ctrl+Shift+E") in {(c, k) for _, c, k in dialog.rows()}


def test_every_action_is_in_a_menu_with_its_shortcut_shown(window) -> None:
    entries = window.commands.entries()
    in_menus = {id(action): menu for menu, action in entries}
    for action in window.commands:
        assert in_menus.get(id(action), "Other") != "Other", action.objectName()
        if action.shortcuts():
            # Qt shows a menu item's shortcut beside it; a context-menu-only hiding
            # would not matter here, but a shortcut must be the action's own.
            assert action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    # The theme choices sit in the View menu's Theme submenu.
    theme_menus = {in_menus[id(a)] for a in window.commands.themes.values()}
    assert theme_menus == {"&View/&Theme"}
    view_menu = window.commands.menu("&View")
    assert any(
        isinstance(a.menu(), QMenu) and a.menu().title() == "&Theme" for a in view_menu.actions()
    )


def test_toggling_the_side_panel(window, qtbot) -> None:
    assert window.sidebar.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert not window.sidebar.isVisible() and not window.commands.side_panel.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert window.sidebar.isVisible()


# --- the window as it was left ------------------------------------------------------------
def test_geometry_panels_and_last_article_are_restored(window, qtbot) -> None:
    window.resize(760, 560)  # inside the offscreen screen (800x600)
    window.open_article(PILOT)
    window.article_view.set_position(0.3)
    window.splitter.setSizes([300, 460, 0])
    QApplication.processEvents()
    sizes = window.splitter.sizes()
    qtbot.keyClick(window, Qt.Key.Key_F9)  # the side panel closed
    window.close()
    assert window.services.writer.flush()
    assert window.settings.get(LAST_ARTICLE) == PILOT

    second = build_window(QApplication.instance())
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (760, 560)
    assert second.sidebar.isHidden() and not second.commands.side_panel.isChecked()
    with qtbot.waitActive(second):  # shortcuts go to the active window
        second.show()
        second.activateWindow()
    assert second.window_room.open_startup_article()
    assert second.article_view.article.slug == PILOT
    assert abs(second.article_view.position() - 0.3) < 0.03  # its reading progress
    qtbot.keyClick(second, Qt.Key.Key_F9)
    QApplication.processEvents()
    assert second.sidebar.isVisible() and second.commands.side_panel.isChecked()
    assert abs(second.splitter.sizes()[0] - sizes[0]) <= 12  # the width it had
    # Closed on the catalog: the next start opens the catalog.
    second.show_catalog()
    second.close()
    assert second.services.writer.flush()
    third = build_window(QApplication.instance())
    qtbot.addWidget(third)
    assert not third.window_room.open_startup_article()
    assert third.pages.currentWidget() is third.catalog_view


def test_a_requested_article_wins_and_an_unknown_one_is_said(window) -> None:
    assert not window.window_room.open_startup_article("no-such-deep-dive")
    assert "no-such-deep-dive" in window.statusBar().currentMessage()
    assert window.window_room.open_startup_article(PILOT)
    assert window.article_view.article.slug == PILOT


def test_a_second_launch_raises_the_window_and_opens_its_article(window) -> None:
    window.showMinimized()
    window.window_room.handle_message({"open": PILOT})
    assert not window.isMinimized()
    assert window.article_view.article.slug == PILOT
    window.window_room.handle_message({})  # just raise: the article stays
    assert window.article_view.article.slug == PILOT


# --- the left panel while searching ---------------------------------------------------------
def test_left_panel_shows_the_results_outline_while_searching(window, qtbot) -> None:
    with qtbot.waitSignal(window.search_service.index_ready, timeout=60000):
        window.search_service.ensure_index()
    window.open_article(PILOT)
    assert window.sidebar.currentWidget() is window.toc_panel
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_box, "lock")
    panel, outline = window.search_panel, window.search_outline
    qtbot.waitUntil(
        lambda: panel.results is not None and panel.results.query == "lock", timeout=10000
    )
    assert window.sidebar.currentWidget() is outline  # not the old article's contents
    slugs = [outline.item(i).data(Qt.ItemDataRole.UserRole) for i in range(outline.count())]
    hits = list(dict.fromkeys(h.article for h in panel.results.hits))
    assert [s for s in slugs if s] == hits and len(hits) >= 2
    # Choosing a deep dive in the outline brings its results up in the list.
    last = outline.item(outline.count() - 1)
    qtbot.mouseClick(
        outline.viewport(), Qt.MouseButton.LeftButton, pos=outline.visualItemRect(last).center()
    )
    assert panel.list.currentItem().data(ROLE_TARGET)[0] == hits[-1]
    # Leaving the search gives the article its contents back.
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.article_view
    assert window.sidebar.currentWidget() is window.toc_panel
    window.show_catalog()
    assert window.sidebar.currentWidget() is window.section_list


# --- accessible names ----------------------------------------------------------------------
def test_controls_have_accessible_names(window) -> None:
    named = [
        window.search_box,
        window.section_list,
        window.toc_panel,
        window.search_outline,
        window.study_panel,
        window.sidebar,
        window.search_panel.list,
        window.catalog_view.topic_filter,
        window.catalog_view.difficulty_filter,
    ]
    for widget in named:
        assert widget.accessibleName(), widget.objectName()
    card = window.catalog_view.card(PILOT)
    assert card.article.title in card.accessibleName()
    assert "min read" in card.accessibleName() and card.accessibleDescription()
