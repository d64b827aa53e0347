"""The search index as the GUI sees it: kept current in the background, queried with
debounce, and answered only with the newest query's results.

Articles come from the catalog; other kinds (notes, drawings) from *providers*
registered with ``add_source_provider``, so a rebuild (new schema, corrupt index)
brings them back too. Single changes (a note saved, a drawing deleted) go through
``update_notes`` / ``update_drawings`` / ``update_sources``: queued in order, applied on
a worker under the same lock as indexing, and seen by the next query (the long-lived
searcher is reopened after each update).

Failures are visible: a failed search is delivered as ``SearchResults.error`` (and on
``search_failed``), never as "no results"; a failed related-articles lookup or index
update is logged and announced (``related_failed``, ``update_failed``).

The index heals (issue 17, docs/search.md "Index health"): ``core.search.index`` rebuilds a
damaged index when it is opened, or falls back to the old one read-only or to one built
elsewhere, and says why in ``IndexStats.note`` (shown by the status bar). A search that
fails later, or an update that finds the files damaged, has the index checked; when it is
damaged it is rebuilt and the newest query runs again, once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from longform_desktop.core.catalog import Article, Catalog

from .tasks import TaskRunner

if TYPE_CHECKING:
    from whoosh.index import Index
    from whoosh.searching import Searcher

    from longform_desktop.core.search import IndexStats, SearchResults, Source

# core.search (Whoosh, Markdown, Pygments) is imported on the worker thread the first
# time it is needed, not at start-up: about 100 ms of imports off the path to the
# first painted catalog.

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150
#: How long a query waits for the shared searcher before opening its own: an older
#: query holding it must never delay the newest one's results.
SEARCHER_WAIT_S = 0.05


def _message(error: BaseException) -> str:
    """A readable message: never empty, the OS's wording for OSError, and Whoosh's bare
    ``LockError`` said in words."""
    if type(error).__name__ == "LockError" and not str(error):
        return "LockError: another process is writing the search index"
    if isinstance(error, OSError) and error.strerror:
        where = f": {error.filename}" if error.filename else ""
        return f"{type(error).__name__}: {error.strerror}{where}"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


class SearchService(QObject):
    indexing_started = Signal()
    indexing_progress = Signal(int, int)  # done, total
    index_ready = Signal(object)  # IndexStats
    index_failed = Signal(str)
    results_ready = Signal(object)  # SearchResults (only the newest query's)
    related_ready = Signal(str, object)  # article slug, [(slug, title)]
    search_failed = Signal(str, str)  # query, readable message (also in results.error)
    related_failed = Signal(str, str)  # article slug, readable message
    index_updated = Signal(object)  # IndexStats of an incremental update (notes, drawings)
    update_failed = Signal(str)  # readable message; the changes stay queued for a retry

    def __init__(
        self, catalog: Catalog, index_dir: Path, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.catalog, self.index_dir, self.runner = catalog, index_dir, runner
        self._index: Index | None = None
        self._lock = threading.Lock()  # one Whoosh writer at a time
        # One searcher kept open between queries (opening one is the dominant cost on a
        # large index); Whoosh searchers are not thread-safe, so queries take turns.
        self._searcher: Searcher | None = None
        self._searcher_index: Index | None = None
        self._searcher_version = -1
        self._searcher_lock = threading.Lock()
        self._version = 0  # bumped by every committed update: the searcher reopens
        self._providers: dict[str, Callable[[], Iterable[Source]]] = {}
        # Incremental updates waiting for the worker: key -> Source (upsert) or None
        # (delete), in the order they were asked for; one drain job at a time.
        self._queued: dict[str, Source | None] = {}
        self._queue_lock = threading.Lock()
        self._draining = False
        self._generation = 0
        self._pending = ""
        self._limit = 20
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run_pending)
        # Healing (ensure_index / _check_health): where the index in use lives (it may be a
        # temporary one elsewhere), the query generation that already had its rebuild, and
        # whether a check or a rebuild is under way.
        self._location = index_dir
        self._healed_generation = -1
        self._healing = False
        self._damage_rebuilds = 0  # rebuilds asked for by updates since the last good one
        self.results_ready.connect(self._check_health)

    @property
    def ready(self) -> bool:
        return self._index is not None

    # --- indexing ----------------------------------------------------------------
    def add_source_provider(self, kind: str, provider: Callable[[], Iterable[Source]]) -> None:
        """Index every source of ``kind`` that ``provider`` returns at each
        ``ensure_index`` (called on the GUI thread; the sources' ``documents()`` run on
        the worker). Sources of that kind the provider no longer returns are removed."""
        self._providers[kind] = provider

    def ensure_index(self) -> None:
        """Sync the index with the catalog (and every provider) on a worker; rebuilds if
        missing, stale or corrupt."""
        self.indexing_started.emit()
        extra: list[Source] = []
        for kind, provider in self._providers.items():
            try:
                extra.extend(provider())
            except Exception:  # the index can do without them until the next sync
                log.exception("the %s source provider failed; indexing without them", kind)
        kinds = {"article", *self._providers}

        def work() -> tuple[IndexStats, Index]:
            from longform_desktop.core.search import catalog_sources, sync_and_open, warm_up

            sources = [*catalog_sources(self.catalog), *extra]
            with self._lock:
                stats, ix = sync_and_open(
                    self.index_dir, sources, self._report_progress, kinds=kinds
                )
                self._version += 1
            with self._searcher_lock:  # open it here, not on the first keystroke
                warm_up(self._searcher_for(ix))
            if stats.added + stats.updated == 0:
                self._warm_up_renderer()
            return stats, ix

        def failed(error: BaseException) -> None:
            self._healing = False
            log.error("search index sync failed: %s", _message(error))
            self.index_failed.emit(_message(error))

        self.runner.run(work, self._on_indexed, failed)

    def _warm_up_renderer(self) -> None:
        """Render one deep dive on this worker so Markdown and the Pygments lexers are
        loaded before the reader first needs them (a cold first render costs ~180 ms,
        a warm one ~70 ms). Indexing did this already when anything was re-indexed."""
        from longform_desktop.core.markdown import render_markdown

        written = [a for a in self.catalog.articles if a.is_written]
        if written:
            article = min(written, key=lambda a: a.word_count)
            render_markdown(article.body, {d.id: d for d in article.diagrams})

    def _report_progress(self, done: int, total: int) -> None:
        self.indexing_progress.emit(done, total)  # queued to the GUI thread by Qt

    def _on_indexed(self, result: tuple[IndexStats, Index]) -> None:
        stats, self._index = result
        self._location = Path(stats.location) if stats.location else self.index_dir
        self._healing = False
        self.index_ready.emit(stats)
        self._drain()  # changes asked for while the index was being built
        if self._pending:
            self._run_pending()

    def _check_health(self, results: SearchResults) -> None:
        """A search answered with an error: check the index on a worker, and if it is
        damaged rebuild it; ``_on_indexed`` then runs the newest query again. Once per
        query, so a query that fails on a healthy index is not retried for ever."""
        if not results.error or self._index is None or self._healing:
            return
        if self._healed_generation == self._generation:
            return
        self._healing = True
        self._healed_generation = self._generation
        location = self._location
        # After this emission's other slots (the results page shows the error first),
        # never nested inside it.
        QTimer.singleShot(0, self, lambda: self._start_check(location))

    def _start_check(self, location: Path) -> None:
        """Check the index at ``location`` on a worker; rebuild it if damaged."""

        def work() -> str:
            from longform_desktop.core.search.index import check_index

            with self._lock:  # not while a writer is half-way through a commit
                checked = check_index(location)
            return f"{checked.reason}: {checked.detail}" if checked.ix is None else ""

        def done(problem: str) -> None:
            self._healing = False
            if problem:
                log.warning("search failed on a damaged index (%s); rebuilding it", problem)
                self._rebuild_damaged()

        def failed(error: BaseException) -> None:
            self._healing = False

        self.runner.run(work, done, failed)

    def _rebuild_damaged(self) -> None:
        """Stop using the damaged index (queries wait, updates stay queued) and sync again:
        the sync finds the damage and rebuilds, and its note tells the user."""
        if self._healing and self._index is None:
            return  # a rebuild is already under way
        self._index = None
        self._healing = True
        self.ensure_index()

    # --- incremental updates -------------------------------------------------------
    def update_sources(self, upserts: Iterable[Source] = (), deletes: Iterable[str] = ()) -> None:
        """Add or replace ``upserts`` and remove the sources keyed ``deletes``
        (``"note:<id>"``), on a worker, after any update asked for earlier."""
        with self._queue_lock:
            for key in deletes:
                self._queued.pop(key, None)
                self._queued[key] = None
            for src in upserts:
                self._queued.pop(src.key, None)
                self._queued[src.key] = src
        self._drain()

    def update_notes(self, upserts: Iterable[Source] = (), deletes: Iterable[str] = ()) -> None:
        """``update_sources`` for notes: ``deletes`` are note ids (or ``note:`` keys)."""
        self.update_sources(upserts, [_key("note", d) for d in deletes])

    def update_drawings(self, upserts: Iterable[Source] = (), deletes: Iterable[str] = ()) -> None:
        """``update_sources`` for drawings: ``deletes`` are drawing ids (or keys)."""
        self.update_sources(upserts, [_key("drawing", d) for d in deletes])

    def _drain(self) -> None:
        if self._index is None or self._draining or not self._queued:
            return  # applied once the index is ready / by the job already running
        self._draining = True
        ix = self._index

        def work() -> IndexStats:
            from longform_desktop.core.search import update_sources

            with self._queue_lock:
                batch, self._queued = self._queued, {}
            try:
                with self._lock:
                    ups = [s for s in batch.values() if s is not None]
                    stats = update_sources(ix, ups, [k for k, s in batch.items() if s is None])
                    self._version += 1
            except BaseException:
                with self._queue_lock:  # keep them, behind anything asked for since
                    self._queued = {**batch, **self._queued}
                raise
            return stats

        def done(stats: IndexStats) -> None:
            self._draining = False
            self._damage_rebuilds = 0
            self.index_updated.emit(stats)
            self._drain()

        def failed(error: BaseException) -> None:
            from longform_desktop.core.search.index import IndexDamaged

            self._draining = False
            # The changes stay queued for the rebuilt index; twice in a row is not damage
            # a rebuild heals, so it is reported instead of looping.
            if isinstance(error, IndexDamaged) and self._damage_rebuilds < 2:
                self._damage_rebuilds += 1
                log.warning("search index damaged while updating: %s", error)
                self._rebuild_damaged()
                return
            log.error("search index update failed: %s", _message(error))
            self.update_failed.emit(_message(error))

        self.runner.run(work, done, failed)

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
        """Search for the newest request on a worker. It never waits behind an older
        query: one overtaken before it starts is skipped, one running stops at its next
        step (``should_stop``), and when the shared searcher is still busy with an older
        one this query opens a searcher of its own rather than wait for the lock."""
        if self._index is None:
            return  # delivered once the index is ready
        generation, text, limit, ix = self._generation, self._pending, self._limit, self._index

        def superseded() -> bool:
            return generation != self._generation

        def work() -> tuple[int, SearchResults]:
            from longform_desktop.core.search import SearchResults, Superseded, search

            if superseded():  # overtaken while queued: skip the work
                return generation, SearchResults(query=text)
            try:
                if self._searcher_lock.acquire(timeout=SEARCHER_WAIT_S):
                    try:
                        searcher = self._searcher_for(ix)
                        return generation, search(
                            searcher, text, limit=limit, should_stop=superseded
                        )
                    finally:
                        self._searcher_lock.release()
                with ix.searcher() as own:  # an older query still has the shared one
                    return generation, search(own, text, limit=limit, should_stop=superseded)
            except Superseded:  # never delivered: a newer query is in flight
                return generation, SearchResults(query=text)

        def failed(error: BaseException) -> None:
            from longform_desktop.core.search import SearchResults

            message = _message(error)
            log.error("search for %r failed: %s", text, message)
            if generation == self._generation:
                self.search_failed.emit(text, message)
            self._deliver((generation, SearchResults(query=text, error=message)))

        self.runner.run(work, self._deliver, failed)

    def _searcher_for(self, ix: Index) -> Searcher:
        """The open searcher, reopened when the index object changed or an update was
        committed since it was opened (call with the searcher lock). Reopened, not
        ``refresh()``-ed: whoosh3's refresh keeps documents deleted since (measured)."""
        version = self._version
        if (
            self._searcher is None
            or self._searcher_index is not ix
            or self._searcher_version != version
        ):
            if self._searcher is not None:
                self._searcher.close()
            self._searcher, self._searcher_index = ix.searcher(), ix
            self._searcher_version = version
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
            from longform_desktop.core.search import related_articles

            with self._searcher_lock:
                return related_articles(self._searcher_for(ix), article)

        def failed(error: BaseException) -> None:
            message = _message(error)
            log.error("related deep dives of %s failed: %s", article.slug, message)
            self.related_failed.emit(article.slug, message)

        def done(related: list[tuple[str, str]]) -> None:
            self.related_ready.emit(article.slug, related)

        self.runner.run(work, done, failed)


def _key(kind: str, ident: str) -> str:
    return ident if ident.startswith(f"{kind}:") else f"{kind}:{ident}"
