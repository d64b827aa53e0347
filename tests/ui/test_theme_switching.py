"""System / Light / Dark: the page, the code and the diagrams are drawn again in the
theme's colours (checked on pixels), every widget gets the theme's palette, and the
choice is remembered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication

from longform_desktop.app import build_window
from longform_desktop.storage.settings import THEME
from longform_desktop.ui.reader.browser import _is_figure
from longform_desktop.ui.theme import DARK, LIGHT, apply_theme_choice, current_theme

PILOT = "idempotency-and-exactly-once"
LIGHT_CODE_BG, DARK_CODE_BG = "#f0f0f0", "#272822"  # Pygments "friendly" and "monokai"


@pytest.fixture
def window(shown_window):
    return shown_window


def share_of(image: QImage, colour: str, step: int = 3) -> float:
    """Share of (sampled) pixels that are exactly ``colour``."""
    target = QColor(colour).rgb() & 0xFFFFFF
    hits = total = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            total += 1
            hits += (image.pixel(x, y) & 0xFFFFFF) == target
    return hits / max(1, total)


def inverted(colour: str) -> str:
    c = QColor(colour)
    return QColor(255 - c.red(), 255 - c.green(), 255 - c.blue()).name()


def first_diagram(window) -> tuple[str, QImage]:
    diagram_id = next(iter(window.article_view.browser.diagrams))
    doc = window.article_view.browser.document()
    image = doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(f"diagram:{diagram_id}"))
    return diagram_id, QImage(image)


def grab_first_figure(window) -> QImage:
    """The reader's viewport with the first diagram scrolled into view, as painted."""
    browser = window.article_view.browser
    block = browser.document().begin()
    while block.isValid() and not _is_figure(block):
        block = block.next()
    assert block.isValid()
    top = browser.document().documentLayout().blockBoundingRect(block).top()
    browser.verticalScrollBar().setValue(int(top) - 20)
    QApplication.processEvents()
    return browser.viewport().grab().toImage()


def code_backgrounds(window) -> set[str]:
    from PySide6.QtGui import QTextTable

    doc = window.article_view.browser.document()
    out = set()
    it = doc.rootFrame().begin()
    while not it.atEnd():
        if not it.currentBlock().isValid():
            frame = it.currentFrame()
            if isinstance(frame, QTextTable) and window.article_view.browser._code_block(frame):
                out.add(frame.format().background().color().name())
        it += 1
    return out


def test_dark_and_light_redraw_page_code_and_diagrams(window, qtbot) -> None:
    window.open_article(PILOT)
    assert not current_theme().dark
    _, light_diagram = first_diagram(window)
    light_page = grab_first_figure(window)
    assert share_of(light_diagram, LIGHT.node_fill) > 0.02
    assert share_of(light_page, LIGHT.node_fill) > 0.005
    assert code_backgrounds(window) == {LIGHT_CODE_BG}

    # System -> Light -> Dark with the shortcut, from the keyboard.
    qtbot.keyClick(
        window,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.settings.get(THEME) == "light"
    qtbot.keyClick(
        window,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.settings.get(THEME) == "dark"
    assert window.commands.themes["dark"].isChecked()
    qtbot.waitUntil(lambda: DARK.text in window.article_view.browser.document().defaultStyleSheet())

    _, dark_diagram = first_diagram(window)
    dark_page = grab_first_figure(window)
    # Drawn again in the dark theme's colours: its fills, not the light ones inverted.
    assert share_of(dark_diagram, DARK.node_fill) > 0.02
    assert share_of(dark_diagram, LIGHT.node_fill) == 0
    assert share_of(dark_diagram, inverted(LIGHT.node_fill)) == 0
    assert share_of(dark_page, DARK.node_fill) > 0.005
    assert share_of(dark_page, LIGHT.node_fill) == 0
    # The page behind the text is the dark theme's background, not white.
    corner = QColor(dark_page.pixel(3, 3))
    assert corner.name() == DARK.background
    assert code_backgrounds(window) == {DARK_CODE_BG}

    window.commands.themes["light"].trigger()
    qtbot.waitUntil(
        lambda: LIGHT.text in window.article_view.browser.document().defaultStyleSheet()
    )
    _, again = first_diagram(window)
    assert share_of(again, LIGHT.node_fill) > 0.02 and share_of(again, DARK.node_fill) == 0


def test_forced_themes_colour_every_widget_and_system_gives_the_desktop_back(window) -> None:
    app = QApplication.instance()
    desktop_window_colour = app.palette().color(QPalette.ColorRole.Window).name()
    window.commands.themes["dark"].trigger()
    QApplication.processEvents()
    for widget in (
        window,
        window.menuBar(),
        window.catalog_view,
        window.search_box,
        window.toc_panel,
    ):
        assert widget.palette().color(QPalette.ColorRole.Window).lightness() < 80, widget
    assert window.search_box.palette().color(QPalette.ColorRole.Text).lightness() > 180
    assert window.search_box.palette().color(QPalette.ColorRole.Base).name() == DARK.background
    # Every role of every group is set, so the desktop's palette cannot leak through.
    dark = app.palette()
    for group in (
        QPalette.ColorGroup.Active,
        QPalette.ColorGroup.Inactive,
        QPalette.ColorGroup.Disabled,
    ):
        assert dark.color(group, QPalette.ColorRole.Base).lightness() < 80
    assert DARK.accent in window.centralWidget().styleSheet()

    window.commands.themes["light"].trigger()
    QApplication.processEvents()
    assert window.catalog_view.palette().color(QPalette.ColorRole.Window).lightness() > 200
    assert LIGHT.accent in window.centralWidget().styleSheet()

    window.commands.themes["system"].trigger()
    QApplication.processEvents()
    assert app.palette().color(QPalette.ColorRole.Window).name() == desktop_window_colour


def test_light_forced_over_a_dark_desktop(window) -> None:
    """A dark desktop (its palette set as the application's) and the Light choice."""
    app = QApplication.instance()
    window.commands.themes["system"].trigger()
    desktop_dark = QPalette(QColor("#202124"))
    app.setPalette(desktop_dark)
    QApplication.processEvents()
    assert current_theme().dark
    window.commands.themes["light"].trigger()
    QApplication.processEvents()
    assert not current_theme().dark
    assert window.catalog_view.palette().color(QPalette.ColorRole.Window).lightness() > 200
    assert window.search_box.palette().color(QPalette.ColorRole.Text).lightness() < 80


def test_theme_choice_is_remembered(window, qtbot) -> None:
    window.commands.themes["dark"].trigger()
    assert window.services.writer.flush()
    window.close()
    apply_theme_choice("system")  # as if the app had quit
    assert not current_theme().dark
    second = build_window(QApplication.instance())
    qtbot.addWidget(second)
    assert current_theme().dark
    assert second.commands.themes["dark"].isChecked()
    assert DARK.accent in second.centralWidget().styleSheet()
