"""The search index as the GUI sees it: kept current in the background, queried with
debounce, and answered only with the newest query's results.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ..core.catalog import Article, Catalog
from .tasks import TaskRunner

if TYPE_CHECKING:
    from whoosh.index import Index
    from whoosh.searching import Searcher

    from ..core.search import IndexStats, SearchResults

# core.search (Whoosh, Markdown, Pygments) is imported on the worker thread the first
# time it is needed, not at start-up: about 100 ms of imports off the path to the
# first painted catalog.

DEBOUNCE_MS = 150


class SearchService(QObject):
    indexing_started = Signal()
    indexing_progress = Signal(int, int)  # done, total
    index_ready = Signal(object)  # IndexStats
    index_failed = Signal(str)
    results_ready = Signal(object)  # SearchResults (only the newest query's)
    related_ready = Signal(str, object)  # article slug, [(slug, title)]

    def __init__(
        self, catalog: Catalog, index_dir: Path, runner: TaskRunner, parent: QObject | None = None
    ):
        super().__init__(parent)
        self.catalog, self.index_dir, self.runner = catalog, index_dir, runner
        self._index: Index | None = None
        self._lock = threading.Lock()  # one Whoosh writer at a time
        # One searcher kept open between queries (opening one is the dominant cost on a
        # large index); Whoosh searchers are not thread-safe, so queries take turns.
        self._searcher: Searcher | None = None
        self._searcher_index: Index | None = None
        self._searcher_lock = threading.Lock()
        self._generation = 0
        self._pending = ""
        self._limit = 20
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run_pending)

    @property
    def ready(self) -> bool:
        return self._index is not None

    # --- indexing ----------------------------------------------------------------
    def ensure_index(self) -> None:
        """Sync the index with the catalog on a worker; rebuilds if missing or corrupt."""
        self.indexing_started.emit()

        def work() -> tuple[IndexStats, Index]:
            from ..core.search import catalog_sources, sync_and_open

            sources = catalog_sources(self.catalog)
            with self._lock:
                stats, ix = sync_and_open(self.index_dir, sources, self._report_progress)
            if stats.added + stats.updated == 0:
                self._warm_up_renderer()
            return stats, ix

        self.runner.run(work, self._on_indexed, lambda e: self.index_failed.emit(str(e)))

    def _warm_up_renderer(self) -> None:
        """Render one deep dive on this worker so Markdown and the Pygments lexers are
        loaded before the reader first needs them (a cold first render costs ~180 ms,
        a warm one ~70 ms). Indexing did this already when anything was re-indexed."""
        from ..core.markdown import render_markdown

        written = [a for a in self.catalog.articles if a.is_written]
        if written:
            article = min(written, key=lambda a: a.word_count)
            render_markdown(article.body, {d.id: d for d in article.diagrams})

    def _report_progress(self, done: int, total: int) -> None:
        self.indexing_progress.emit(done, total)  # queued to the GUI thread by Qt

    def _on_indexed(self, result: tuple[IndexStats, Index]) -> None:
        stats, self._index = result
        self.index_ready.emit(stats)
        if self._pending:
            self._run_pending()

    # --- searching ---------------------------------------------------------------
    def request(self, text: str, immediate: bool = False, limit: int = 20) -> None:
        """Ask for results; only the latest request's results are ever delivered."""
        self._generation += 1
        self._pending, self._limit = text, limit
        if immediate:
            self._timer.stop()
            self._run_pending()
        else:
            self._timer.start()

    def _run_pending(self) -> None:
        if self._index is None:
            return  # delivered once the index is ready
        generation, text, limit, ix = self._generation, self._pending, self._limit, self._index

        def work() -> tuple[int, SearchResults]:
            from ..core.search import SearchResults, search

            with self._searcher_lock:
                if generation != self._generation:  # overtaken while queued: skip the work
                    return generation, SearchResults(query=text)
                return generation, search(self._searcher_for(ix), text, limit=limit)

        def failed(error: BaseException) -> None:
            from ..core.search import SearchResults

            self._deliver((generation, SearchResults(query=text)))

        self.runner.run(work, self._deliver, failed)

    def _searcher_for(self, ix: Index) -> Searcher:
        """The open searcher, reopened when the index object changed (call with the lock)."""
        if self._searcher is None or self._searcher_index is not ix:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher, self._searcher_index = ix.searcher(), ix
        return self._searcher

    def _deliver(self, result: tuple[int, SearchResults]) -> None:
        generation, results = result
        if generation == self._generation:  # a newer query is in flight: drop this one
            self.results_ready.emit(results)

    def request_related(self, article: Article) -> None:
        if self._index is None:
            return
        ix = self._index

        def work() -> list[tuple[str, str]]:
            from ..core.search import related_articles

            with self._searcher_lock:
                return related_articles(self._searcher_for(ix), article)

        self.runner.run(
            work,
            lambda related: self.related_ready.emit(article.slug, related),
            lambda e: None,
        )
