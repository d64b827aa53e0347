"""The preferences dialog: each change applied at once to the open deep dive (which
stays at the same words), stored, and found again by the next window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from longform_desktop.app import build_window
from longform_desktop.storage.settings import (
    BACKUP_FOLDER,
    READER_FONT_FAMILY,
    READER_FONT_SIZE,
    READER_LINE_SPACING,
    READER_LINE_WIDTH,
    THEME,
    USER_CONTENT_FOLDER,
)
from longform_desktop.ui.reader.browser import LINE_WIDTHS
from longform_desktop.ui.theme import apply_theme_choice, current_theme

PILOT = "idempotency-and-exactly-once"


@pytest.fixture
def window(shown_window):
    return shown_window


def open_preferences(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.window_room.preferences_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def type_into(qtbot, spin, text: str) -> None:
    """Select the spin box's text, type, press Enter: as a person changes a number."""
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)


def choose(qtbot, combo, data: object) -> None:
    """Pick an entry of a combo box from the keyboard (Home, then Down to it)."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.findData(data)):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data


def top_words(window) -> tuple[int, str]:
    view = window.article_view
    position = view.top_position()
    block = view.browser.document().findBlock(position)
    return position, block.text()


def test_changes_apply_live_at_the_same_place(window, qtbot) -> None:
    window.open_article(PILOT)
    view, browser = window.article_view, window.article_view.browser
    view.set_position(0.45)
    before_pos, before_block = top_words(window)
    column = browser.column_width()
    dialog = open_preferences(window, qtbot)

    type_into(qtbot, dialog.font_size, "14")
    assert window.settings.get(READER_FONT_SIZE) == 14.0
    css = browser.document().defaultStyleSheet()
    assert "body {" in css and "font-size: 14.0pt" in css
    assert browser.column_width() > column  # the measure follows the font
    position, block = top_words(window)
    assert block == before_block or abs(position - before_pos) < 250  # same words on top

    choose(qtbot, dialog.line_width, "wide")
    assert window.settings.get(READER_LINE_WIDTH) == "wide"
    assert browser.measure_chars == LINE_WIDTHS["wide"]
    wide = browser.column_width()
    choose(qtbot, dialog.line_width, "narrow")
    assert browser.column_width() < wide

    type_into(qtbot, dialog.line_spacing, "180")
    assert window.settings.get(READER_LINE_SPACING) == 180
    assert "line-height: 180%" in browser.document().defaultStyleSheet()

    choose(qtbot, dialog.font_family, "DejaVu Serif")
    assert window.settings.get(READER_FONT_FAMILY) == "DejaVu Serif"
    assert 'font-family: "DejaVu Serif"' in browser.document().defaultStyleSheet()
    first_prose = next(
        b for b in _blocks(browser.document()) if len(b.text()) > 200 and "\u2028" not in b.text()
    )
    assert "DejaVu Serif" in first_prose.charFormat().font().family() or (
        "DejaVu Serif" in (first_prose.begin().fragment().charFormat().fontFamilies() or [])
    )
    position, block = top_words(window)
    assert block == before_block or abs(position - before_pos) < 400

    choose(qtbot, dialog.theme, "dark")
    assert window.settings.get(THEME) == "dark" and current_theme().dark
    assert window.commands.themes["dark"].isChecked()

    # Restore Defaults puts the reading settings back (not the theme).
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert window.settings.get(READER_FONT_SIZE) == READER_FONT_SIZE.default
    assert browser.measure_chars == LINE_WIDTHS["normal"]
    assert window.settings.get(THEME) == "dark"


def test_a_theme_chosen_in_the_menu_shows_in_the_open_dialog(window, qtbot) -> None:
    dialog = open_preferences(window, qtbot)
    window.commands.themes["light"].trigger()
    assert dialog.theme.currentData() == "light"


def test_preferences_are_remembered_by_the_next_window(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    dialog = open_preferences(window, qtbot)
    type_into(qtbot, dialog.font_size, "13.5")
    choose(qtbot, dialog.line_width, "wide")
    type_into(qtbot, dialog.line_spacing, "170")
    choose(qtbot, dialog.theme, "dark")
    mine, backups = tmp_path / "my-deep-dives", tmp_path / "copies"
    mine.mkdir()
    backups.mkdir()
    answers = iter([str(mine), str(backups)])
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: next(answers))
    qtbot.mouseClick(dialog.user_content.choose, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.backups.choose, Qt.MouseButton.LeftButton)
    assert dialog.user_content.edit.text() == str(mine)
    assert window.settings.get(BACKUP_FOLDER) == str(backups)
    assert window.services.backup.folder() == Path(backups)  # the backup service uses it
    assert window.services.writer.flush()
    window.close()
    apply_theme_choice("system")

    second = build_window(QApplication.instance())
    qtbot.addWidget(second)
    second.show()
    browser = second.article_view.browser
    assert browser.typography.size == 13.5 and browser.typography.line_spacing == 170
    assert browser.measure_chars == LINE_WIDTHS["wide"]
    assert current_theme().dark
    assert second.settings.get(USER_CONTENT_FOLDER) == str(mine)
    second.open_article(PILOT)
    assert "font-size: 13.5pt" in browser.document().defaultStyleSheet()
    dialog2 = second.window_room.show_preferences()
    assert dialog2.font_size.value() == 13.5 and dialog2.theme.currentData() == "dark"
    assert dialog2.backups.edit.text() == str(backups)
    qtbot.mouseClick(dialog2.backups.clear, Qt.MouseButton.LeftButton)
    assert second.settings.get(BACKUP_FOLDER) == ""
    assert dialog2.backups.edit.placeholderText().startswith("Default: ")


def _blocks(doc):
    block = doc.begin()
    while block.isValid():
        yield block
        block = block.next()
