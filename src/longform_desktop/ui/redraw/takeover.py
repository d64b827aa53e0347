"""The main area taken over by a redraw page (session or review), and given back.

While one of the room's pages shows, the sidebar and the study panel are hidden (neither
the article's outline nor the Redraws panel may give the answer away), the window title
says what is going on, and the window's zoom and find commands are switched off so the
canvas's own Ctrl+= / Ctrl+- / Ctrl+0 reach it. Whatever shows another page (Leave,
Back, a "reread" link, the catalog) gives it all back, as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from longform_desktop.ui.main_window import MainWindow

PAUSED = ("zoom_in", "zoom_out", "zoom_reset", "find", "find_next", "find_previous")
TITLE = "Redraw from memory — Longform Desktop"


class Takeover(QObject):
    given_back = Signal()  # another page shows: the room's pages were left

    def __init__(self, window: MainWindow, pages: Callable[[], tuple[QWidget, ...]]) -> None:
        super().__init__(window)
        self.window, self.pages = window, pages
        self._return_to: QWidget | None = None
        self._hidden: tuple[bool, bool, str] | None = None  # sidebar, study panel, title
        window.pages.currentChanged.connect(self._on_page_changed)

    @property
    def active(self) -> bool:
        return self._hidden is not None

    def enter(self, page: QWidget) -> None:
        w = self.window
        if w.pages.currentWidget() not in self.pages():
            self._return_to = w.pages.currentWidget()
            self._hidden = (w.sidebar.isVisible(), w.study_panel.isVisible(), w.windowTitle())
        w.sidebar.hide()
        w.study_panel.hide()
        for name in PAUSED:
            w.commands.named(name).setEnabled(False)
        w.pages.setCurrentWidget(page)
        w.setWindowTitle(TITLE)

    def leave(self) -> None:
        """Back to the page the first redraw page was opened from."""
        back = self._return_to or self.window.article_view
        if back in self.pages():
            back = self.window.catalog_view
        self.window.pages.setCurrentWidget(back)

    def _on_page_changed(self, _index: int) -> None:
        w = self.window
        if w.pages.currentWidget() in self.pages() or self._hidden is None:
            return
        sidebar, study, title = self._hidden
        self._hidden = None
        w.sidebar.setVisible(sidebar)
        w.study_panel.setVisible(study)
        w.setWindowTitle(title)
        for name in PAUSED:
            w.commands.named(name).setEnabled(True)
        self.given_back.emit()
