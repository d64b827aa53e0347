"""The real window, shown at a fixed size, for the UI tests that need the whole app."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from longform_desktop.app import build_window
from longform_desktop.ui.main_window import MainWindow
from longform_desktop.ui.theme import apply_theme_choice


@pytest.fixture
def shown_window(qtbot) -> MainWindow:
    """Built as the app builds it, shown at 1200x800; afterwards background work is
    waited for and the theme handed back to the system (the QApplication outlives it)."""
    win = build_window(QApplication.instance())
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.search_service.runner.wait()
    apply_theme_choice("system")


@pytest.fixture
def indexed_window(qtbot) -> MainWindow:
    """The real window at 1200x800 with its search index built (as after start-up)."""
    win = build_window(QApplication.instance())
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    with qtbot.waitSignal(win.search_service.index_ready, timeout=60000):
        win.search_service.ensure_index()
    yield win
    win.search_service.runner.wait()
