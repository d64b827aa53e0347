"""The catalog's section outline, driven with real keys and clicks: focus alone moves
nothing (the catalog opens at its heading), and every way of choosing a section, again
included, brings the catalog to it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from longform_desktop.ui.main_window import MainWindow


def _scroll(window: MainWindow) -> int:
    return window.catalog_view.scroll_area.verticalScrollBar().value()


def _row_centre(window: MainWindow, row: int):
    sections = window.section_list
    return sections.visualItemRect(sections.item(row)).center()


def test_the_catalog_opens_at_its_heading_when_the_outline_gets_focus(
    shown_window: MainWindow, qtbot
) -> None:
    window, sections = shown_window, shown_window.section_list
    sections.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
    qtbot.waitUntil(sections.hasFocus)
    qtbot.wait(50)  # anything queued by the focus change has run
    assert sections.currentRow() == 0  # Qt's cursor for the arrow keys...
    assert _scroll(window) == 0  # ...is not a request: the heading stays in view


def test_keys_clicks_and_enter_each_bring_the_catalog_to_a_section(
    shown_window: MainWindow, qtbot
) -> None:
    window, sections = shown_window, shown_window.section_list
    bar = window.catalog_view.scroll_area.verticalScrollBar()
    sections.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(sections.hasFocus)
    requested: list[str] = []
    sections.section_requested.connect(requested.append)
    second = window.catalog.sections[1].slug
    qtbot.keyClick(sections, Qt.Key.Key_Down)
    assert requested == [second]
    at_second = _scroll(window)
    assert at_second > 0
    bar.setValue(0)
    # A click on the row already chosen: no row change, still a request.
    qtbot.mouseClick(sections.viewport(), Qt.MouseButton.LeftButton, pos=_row_centre(window, 1))
    assert requested == [second, second] and _scroll(window) == at_second
    bar.setValue(0)
    qtbot.keyClick(sections, Qt.Key.Key_Return)
    assert requested[-1] == second and _scroll(window) == at_second
    # A click on another row asks once, not once for the press and once for the click.
    third = window.catalog.sections[2].slug
    requested.clear()
    qtbot.mouseClick(sections.viewport(), Qt.MouseButton.LeftButton, pos=_row_centre(window, 2))
    assert requested == [third]
    assert _scroll(window) > at_second
