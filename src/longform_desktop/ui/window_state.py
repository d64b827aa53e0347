"""The window as it was left: geometry, panel widths, the side panel, the open deep dive.

Saved when the window closes and restored when the next one is built, all in the
settings table through Preferences (one place for every preference; no QSettings file).
The reading position is not here: it is the deep dive's reading progress already.
The study panel's tabs remember whether they are open themselves (each room has its
setting, e.g. NOTES_PANEL_OPEN); here the splitter keeps the panel's width, also while
it is hidden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from longform_desktop.storage.settings import (
    LAST_ARTICLE,
    SIDE_PANEL_SHOWN,
    SPLITTER_SIZES,
    WINDOW_GEOMETRY,
)

if TYPE_CHECKING:
    from .main_window import MainWindow

DEFAULT_SIZES = (250, 1030, 340)  # side panel, pages, study panel


class WindowState:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.preferences = window.settings
        # The last width each pane had while shown: a hidden pane reports 0.
        self._widths = list(self._sizes(self.preferences.get(SPLITTER_SIZES)) or DEFAULT_SIZES)
        window.splitter.splitterMoved.connect(lambda *_: self.note_widths())

    def restore_layout(self) -> None:
        """Geometry, panel widths and the side panel (before the window is shown)."""
        w, prefs = self.window, self.preferences
        geometry = prefs.get(WINDOW_GEOMETRY)
        if geometry:
            w.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        sizes = self._sizes(prefs.get(SPLITTER_SIZES))
        if sizes:
            w.splitter.setSizes(sizes)
        w.sidebar.setVisible(prefs.get(SIDE_PANEL_SHOWN))

    def last_article(self) -> str:
        return self.preferences.get(LAST_ARTICLE)

    def note_widths(self) -> None:
        """Remember the shown panes' widths (before one is hidden, after a drag)."""
        splitter = self.window.splitter
        for i, width in enumerate(splitter.sizes()):
            pane = splitter.widget(i)
            if width > 0 and pane is not None and not pane.isHidden() and i < len(self._widths):
                self._widths[i] = width

    def save(self) -> None:
        from longform_desktop.core.history import ArticlePlace  # on close, not at start-up

        w, prefs = self.window, self.preferences
        prefs.set(WINDOW_GEOMETRY, bytes(w.saveGeometry().toBase64().data()).decode("ascii"))
        prefs.set(SPLITTER_SIZES, self._current_sizes())
        prefs.set(SIDE_PANEL_SHOWN, not w.sidebar.isHidden())
        place = w.navigator.place
        prefs.set(LAST_ARTICLE, place.slug if isinstance(place, ArticlePlace) else "")

    def _current_sizes(self) -> list[int]:
        """The splitter's widths; a hidden pane keeps the width it last had when shown."""
        self.note_widths()
        splitter = self.window.splitter
        sizes = splitter.sizes()
        for i in range(splitter.count()):
            pane = splitter.widget(i)
            if pane is not None and pane.isHidden() and i < len(self._widths):
                sizes[i] = self._widths[i]
        return sizes

    def _sizes(self, stored: list) -> list[int] | None:
        """``stored`` if it is one sensible width per splitter pane, else None."""
        count = self.window.splitter.count()
        if len(stored) != count or not all(
            isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= 20000 for n in stored
        ):
            return None
        return [int(n) for n in stored]
