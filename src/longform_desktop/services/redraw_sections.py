"""The redraw feature and the search index: where the article explains what the user
forgot (asked on a worker), and the user's drawings kept in the index (``kind:drawing``).

For each missed box (its label) and missed arrow (the labels at both ends), the best
section of the same article, skipping the sections that only quiz the reader ("Redraw
it", "Self-test"). The index is read through ``core.search``'s public functions with a
searcher of its own, so it never waits on (or disturbs) the search box's queries.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from longform_desktop.core.catalog import Catalog
    from longform_desktop.core.search import SearchResults, Source
    from longform_desktop.storage.drawings import Attempt

    from .search_service import SearchService

INDEX_DELAY_MS = 2000  # autosaves come every few seconds while drawing; index them together

# Sections that quiz the reader rather than explain: never where "reread this" points.
EXERCISE_HEADINGS = frozenset({"redraw it", "self-test", "self test", "quiz"})
Sections = dict[str, tuple[str, str]]  # node id or "from->to" -> (heading id, heading)


def edge_key(source: str, target: str) -> str:
    return f"{source}->{target}"


def _query_words(text: str) -> str:
    """A label as plain query words: no quotes, fields or operators to misparse."""
    return " ".join(w.lower() for w in re.findall(r"\w+", text))


def find_sections(
    index_dir: Path, article: str, queries: dict[str, list[str]], wide: int = 50
) -> Sections:
    """For each key, the best section of ``article`` that is not an exercise, as
    (heading id, heading), trying its texts in order (a label, then its aliases).
    Each text is asked restricted to the article first; when the search had to relax
    the query (and with it the restriction), it is asked of the whole index with room
    for every article (``wide``) and the article's own hit is kept. Runs on a worker;
    {} when there is no index yet."""
    from longform_desktop.core.search import open_index, search

    ix = open_index(index_dir)
    if ix is None:
        return {}

    def best(results: SearchResults) -> tuple[str, str] | None:
        for hit in results.hits:
            if hit.article != article or getattr(hit, "kind", "article") != "article":
                continue
            for section in hit.sections:
                heading = section.heading.strip()
                if section.heading_id and heading.lower() not in EXERCISE_HEADINGS:
                    return section.heading_id, heading
        return None

    found: Sections = {}
    with ix.searcher() as searcher:
        for key, texts in queries.items():
            for text in texts:
                words = _query_words(text)
                if not words:
                    continue
                hit = best(search(searcher, f"article:{article} {words}", 3, 6))
                hit = hit or best(search(searcher, words, wide, 6))
                if hit is not None:
                    found[key] = hit
                    break
    return found


# --- the user's drawings in the index (kind:drawing) -------------------------------------


def drawing_search_source(attempt: Attempt, catalog: Catalog) -> Source | None:
    """The index entry of a canvas drawing: its words (box, arrow, text and group
    labels) under its diagram's title; None when it has no words or no article."""
    from longform_desktop.core.drawing import (
        Arrow,
        DrawingFormatError,
        Group,
        Shape,
        Text,
        load_drawing,
    )
    from longform_desktop.core.search import drawing_source

    if attempt.kind != "canvas" or not attempt.article:
        return None
    try:
        drawing = load_drawing(attempt.scene)
    except DrawingFormatError:
        return None
    worded = (i for i in drawing.items if isinstance(i, (Shape, Arrow, Text, Group)))
    labels = [i.text for i in worded if i.text.strip()]
    article = catalog.article(attempt.article)
    if not labels or article is None:
        return None
    diagram = next((d for d in article.diagrams if d.id == attempt.diagram), None)
    title = f"Redraw of {diagram.title}" if diagram is not None else "Free drawing"
    return drawing_source(
        attempt.id, article.slug, article.title, attempt.diagram or "", title, labels
    )


class DrawingIndexer(QObject):
    """Keeps the search index's drawing entries current: every stored drawing at each
    index sync (a source provider), each change after its commit. Autosaves come
    often, so changes are gathered for INDEX_DELAY_MS and sent together."""

    def __init__(
        self,
        search: SearchService,
        catalog: Catalog,
        everything: Callable[[], list[Attempt]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.search, self.catalog, self._everything = search, catalog, everything
        self._changed: dict[str, Attempt | None] = {}  # id -> attempt, None: deleted
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(INDEX_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        search.add_source_provider("drawing", self.sources)

    def sources(self) -> list[Source]:
        found = (drawing_search_source(a, self.catalog) for a in self._everything())
        return [s for s in found if s is not None]

    def changed(self, attempt: Attempt, soon: bool = False) -> None:
        self._changed[attempt.id] = attempt
        self._timer.start(0 if soon else INDEX_DELAY_MS)

    def deleted(self, attempt_id: str) -> None:
        self._changed[attempt_id] = None
        self._timer.start(0)

    def flush(self) -> None:
        self._timer.stop()
        changed, self._changed = self._changed, {}
        upserts, deletes = [], []
        for attempt_id, attempt in changed.items():
            source = drawing_search_source(attempt, self.catalog) if attempt else None
            if source is None:
                deletes.append(attempt_id)
            else:
                upserts.append(source)
        if upserts or deletes:
            self.search.update_drawings(upserts, deletes)
