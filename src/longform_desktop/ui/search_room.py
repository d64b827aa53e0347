"""The search room: the search box, the results page and its outline in the left
panel, and the index's state in the status bar, wired for the main window.

Search is not a place in the history: the results page lies over the current place
(navigation.py) and Esc or an empty box gives it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from longform_desktop.core.history import ArticlePlace

from .search_outline import scroll_results_to
from .search_panel import ROLE_TARGET

if TYPE_CHECKING:
    from longform_desktop.core.search import IndexStats, SearchResults

    from .main_window import MainWindow


class SearchRoom(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        w, box, panel, outline = (
            window,
            window.search_box,
            window.search_panel,
            window.search_outline,
        )
        search, status = window.search_service, window.status
        w.commands.search.triggered.connect(self.focus_search)
        box.textChanged.connect(self.on_text)
        box.move_requested.connect(panel.move_selection)
        box.open_requested.connect(self.open_selected)
        box.leave_requested.connect(w.navigator.leave_search)
        panel.open_requested.connect(
            lambda slug, heading, terms: w.open_article(slug, anchor=heading, terms=terms)
        )
        panel.suggestion_accepted.connect(box.setText)
        outline.article_requested.connect(
            lambda slug: scroll_results_to(panel.list, slug, ROLE_TARGET)
        )
        search.results_ready.connect(self.on_results)
        search.related_ready.connect(self.on_related)
        search.indexing_started.connect(status.indexing_started)
        search.indexing_progress.connect(status.indexing_progress)
        search.index_ready.connect(self.on_index_ready)
        search.index_failed.connect(status.index_failed)
        search.related_failed.connect(
            lambda _slug, message: status.error("Related deep dives unavailable", message)
        )
        search.update_failed.connect(lambda m: status.error("Search index not updated", m))
        if box.text().strip():  # typed while the window was being completed
            self.on_text(box.text())

    def focus_search(self) -> None:
        w = self.window
        w.search_box.focus_and_select()
        if w.search_box.text().strip():
            w.navigator.show_search()

    def on_text(self, text: str) -> None:
        w = self.window
        if not text.strip():
            w.navigator.leave_search()
            return
        w.navigator.show_search()
        if not w.search_service.ready:
            w.search_panel.show_busy("Building the search index… results will appear shortly.")
            w.search_outline.show_message("Searching…")
        w.search_service.request(text)

    def on_results(self, results: SearchResults) -> None:
        w = self.window
        if results.query == w.search_box.text():
            w.search_panel.show_results(results)
            w.search_outline.show_results(results)

    def open_selected(self) -> None:
        if self.window.navigator.searching:
            self.window.search_panel.open_current()

    def on_related(self, slug: str, related: list[tuple[str, str]]) -> None:
        view, toc = self.window.article_view, self.window.toc_panel
        if view.append_related(slug, related):
            toc.fill(view.toc())
            toc.follow(view.current_heading())

    def on_index_ready(self, stats: IndexStats) -> None:
        w = self.window
        w.status.index_ready(stats)
        article = w.article_view.article
        if isinstance(w.navigator.place, ArticlePlace) and article is not None:
            w.search_service.request_related(article)
