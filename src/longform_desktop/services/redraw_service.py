"""Redraw attempts and their review schedule as the GUI uses them.

Reads are immediate (the GUI thread's connection); every write goes through the writer
thread, and scoring an attempt writes the attempt, its review card and the rating log in
ONE transaction (architecture rule 2). Changes are announced on AppEvents as
``DRAWINGS`` (key: attempt id) and ``REVIEWS`` (key: "article/diagram"), which the
Redraws panel, the catalog's "due today" line and the search index follow.

Scoring itself is Qt-free (core/redraw_score.py) and scheduling too (core/review.py);
``now`` comes from ``clock`` so tests can fix time. ``locate_sections`` asks the search
index, on a worker, which section of the article explains each box the user forgot.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from longform_desktop.core.catalog import Catalog
from longform_desktop.core.drawing import Drawing, dump_drawing, load_drawing, new_drawing
from longform_desktop.storage.drawings import Attempt, DrawingsRepository
from longform_desktop.storage.redraw_overview import DiagramStatus, card_key, diagram_statuses
from longform_desktop.storage.reviews import (
    ReviewCard,
    ReviewLogEntry,
    ReviewsRepository,
    parse_utc,
)

from .events import DRAWINGS, REVIEWS, AppEvents
from .redraw_sections import DrawingIndexer, Sections, edge_key, find_sections
from .writer import Writer

if TYPE_CHECKING:
    from longform_desktop.core.diagram import Diagram
    from longform_desktop.core.redraw_score import Score

    from .search_service import SearchService
    from .tasks import TaskRunner

Clock = Callable[[], datetime]


def _review() -> ModuleType:
    """core.review, imported when first needed: FSRS (and the scorer's rapidfuzz) stay
    out of the app's start-up imports."""
    from longform_desktop.core import review

    return review


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class StudySummary:
    """What the catalog says: diagrams due by the end of today, and overall mastery."""

    due_today: int
    mastered: int
    total: int


class RedrawService(QObject):
    def __init__(
        self,
        catalog: Catalog,
        drawings: DrawingsRepository,
        reviews: ReviewsRepository,
        writer: Writer,
        events: AppEvents,
        clock: Clock = lambda: datetime.now(UTC),
        parent: QObject | None = None,
        *,
        runner: TaskRunner | None = None,
        search: SearchService | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalog, self._drawings, self._reviews = catalog, drawings, reviews
        self._writer, self._events, self.clock = writer, events, clock
        self._runner, self._search = runner, search
        self.indexer = (
            DrawingIndexer(search, catalog, self._drawings.all, self)
            if search is not None and hasattr(search, "add_source_provider")
            else None
        )

    # --- reading -------------------------------------------------------------------
    def diagram(self, article: str, diagram_id: str) -> Diagram | None:
        found = self.catalog.article(article)
        return next((d for d in found.diagrams if d.id == diagram_id), None) if found else None

    def attempts(self, article: str, diagram: str | None = None) -> list[Attempt]:
        """Attempts at one diagram, or every drawing of the article (oldest first)."""
        if diagram is None:
            return self._drawings.for_article(article)
        return self._drawings.for_diagram(article, diagram)

    def attempt(self, attempt_id: str) -> Attempt | None:
        return self._drawings.get(attempt_id)

    def all_attempts(self) -> list[Attempt]:
        return self._drawings.all()

    def card(self, article: str, diagram: str) -> ReviewCard | None:
        return self._reviews.get(article, diagram)

    def statuses(self, article: str | None = None) -> list[DiagramStatus]:
        """Every reference diagram (of one article, or all) with its review status."""
        return diagram_statuses(self.catalog, self._drawings, self._reviews, article)

    def due(self, at: datetime | None = None) -> list[DiagramStatus]:
        """Diagrams due for a redraw at ``at`` (default now), soonest first."""
        at = at or self.clock()
        due = [s for s in self.statuses() if s.due is not None and s.due <= at]
        return sorted(due, key=lambda s: s.due or at)

    def mastery(self) -> tuple[int, int]:
        """(diagrams mastered, reference diagrams in all)."""
        statuses = self.statuses()
        return sum(s.mastered for s in statuses), len(statuses)

    def end_of_today(self) -> datetime:
        """The last instant of the user's local day (what "due today" counts up to)."""
        local = self.clock().astimezone()
        return local.replace(hour=23, minute=59, second=59, microsecond=999999)

    def due_today(self) -> list[DiagramStatus]:
        return self.due(self.end_of_today())

    def summary(self) -> StudySummary:
        statuses = self.statuses()
        end = self.end_of_today()
        due = sum(1 for s in statuses if s.due is not None and s.due <= end)
        return StudySummary(due, sum(s.mastered for s in statuses), len(statuses))

    def history(self, article: str, diagram: str) -> list[tuple[datetime, int]]:
        """(when, score) of every scored attempt at a diagram, oldest first."""
        return [
            (parse_utc(a.started), a.score)
            for a in self._drawings.for_diagram(article, diagram)
            if a.score is not None
        ]

    def locate_sections(
        self,
        article: str,
        diagram_id: str,
        nodes: Iterable[str],
        edges: Iterable[tuple[str, str]],
        on_done: Callable[[Sections], None],
    ) -> None:
        """Find, through the search index and on a worker, the section of ``article``
        that explains each node (key: node id) and edge (key: ``edge_key``). Delivers
        what was found (possibly nothing: no index yet, or no section mentions it)."""
        diagram = self.diagram(article, diagram_id)
        if diagram is None or self._runner is None or self._search is None:
            on_done({})
            return
        names = {n.id: list(n.names()) for n in diagram.nodes}
        queries = {n: names[n] for n in nodes if n in names}
        for source, target in edges:
            if source in names and target in names:
                pair = f"{names[source][0]} {names[target][0]}"
                queries[edge_key(source, target)] = [pair, names[source][0]]
        # Last resort for each: every label of the diagram finds the section it is drawn in.
        everything = " ".join(n.label for n in diagram.nodes)
        queries = {key: [*texts, everything] for key, texts in queries.items()}
        index_dir = self._search.index_dir
        self._runner.run(
            lambda: find_sections(index_dir, article, queries), on_done, lambda _e: on_done({})
        )

    # --- writing -------------------------------------------------------------------
    def start_attempt(self, article: str | None, diagram: str | None) -> Attempt:
        """A new, empty attempt (or a free drawing when ``diagram`` is None), saved now."""
        attempt = self._new_attempt(article, diagram, new_drawing(article, diagram))
        self._save(attempt)
        return attempt

    def _new_attempt(
        self, article: str | None, diagram: str | None, drawing: Drawing, **fields: Any
    ) -> Attempt:
        """An attempt started now, with a fresh id (not yet saved)."""
        now = iso(self.clock())
        return Attempt(
            id=str(uuid.uuid4()),
            article=article,
            diagram=diagram,
            scene=dump_drawing(drawing),
            started=now,
            created=now,
            updated=now,
            **fields,
        )

    def save_scene(
        self,
        attempt: Attempt,
        drawing: Drawing,
        duration_s: float,
        on_saved: Callable[[Attempt], None] | None = None,
    ) -> Attempt:
        """Autosave: the newest scene and time spent (the score, if any, is kept)."""
        updated = attempt.with_changes(
            scene=dump_drawing(drawing), duration_s=duration_s, updated=iso(self.clock())
        )
        self._save(updated, on_saved)
        return updated

    def finish(self, attempt: Attempt, drawing: Drawing, duration_s: float) -> Score:
        """Score the attempt against its diagram, then store the attempt, the review
        card and the rating in one transaction. Returns the score at once."""
        if attempt.article is None or attempt.diagram is None:
            raise ValueError("a free drawing has no reference diagram to compare with")
        diagram = self.diagram(attempt.article, attempt.diagram)
        if diagram is None:
            raise ValueError(f"{attempt.article} has no diagram '{attempt.diagram}'")
        from longform_desktop.core.redraw_score import score

        result = score(drawing, diagram, attempt.article)
        scored = attempt.with_changes(
            scene=dump_drawing(drawing),
            duration_s=duration_s,
            score=result.score,
            score_parts=result.to_json(),
            updated=iso(self.clock()),
        )
        self._record(scored, result.score)
        return result

    def attach_photo(
        self, article: str, diagram: str, photo: bytes, photo_type: str, duration_s: float = 0
    ) -> Attempt:
        """A paper sketch kept as an attempt, to be scored by its checklist."""
        if photo_type not in ("image/png", "image/jpeg"):
            raise ValueError("a paper sketch is a PNG or JPEG photo")
        attempt = self._new_attempt(
            article,
            diagram,
            new_drawing(article, diagram),
            kind="paper",
            duration_s=duration_s,
            photo=photo,
            photo_type=photo_type,
        )
        self._save(attempt)
        return attempt

    def score_paper(
        self, attempt: Attempt, ticked_nodes: Iterable[str], ticked_edges: Iterable[tuple[str, str]]
    ) -> Score:
        """The contract's paper rule: ticked node = matched, ticked edge = credit 1."""
        if attempt.article is None or attempt.diagram is None:
            raise ValueError("a paper sketch belongs to a reference diagram")
        diagram = self.diagram(attempt.article, attempt.diagram)
        if diagram is None:
            raise ValueError(f"{attempt.article} has no diagram '{attempt.diagram}'")
        nodes, edges = sorted(set(ticked_nodes)), sorted(set(ticked_edges))
        from longform_desktop.core.redraw_score import score_checklist

        result = score_checklist(diagram, nodes, edges, attempt.article)
        scored = attempt.with_changes(
            checklist={"nodes": nodes, "edges": [list(e) for e in edges]},
            score=result.score,
            score_parts=result.to_json(),
            updated=iso(self.clock()),
        )
        self._record(scored, result.score)
        return result

    def import_file(self, text: str, article: str | None = None) -> Attempt:
        """A ``longform-drawing`` file as a new free drawing or unscored attempt.
        Raises core.drawing.DrawingFormatError (nothing saved) for a bad file.
        ``article`` (the one open) keeps a drawing of no known article as its free
        drawing, so it shows in that article's Redraws panel."""
        drawing = load_drawing(text)
        # An attempt at a diagram this installation has; else kept as a free drawing.
        if self.catalog.article(drawing.article or ""):
            article = drawing.article
        elif article is not None and self.catalog.article(article) is None:
            article = None
        known = article is not None and self.diagram(article, drawing.diagram or "") is not None
        diagram = drawing.diagram if known else None
        attempt = self._new_attempt(article, diagram, drawing)
        self._save(attempt)
        return attempt

    def discard_if_empty(self, attempt: Attempt, drawing: Drawing) -> bool:
        """Delete an unscored canvas attempt the user left without drawing anything."""
        if attempt.kind != "canvas" or attempt.score is not None or drawing.items:
            return False
        self.delete(attempt)
        return True

    def delete(self, attempt: Attempt) -> None:
        self._writer.submit(
            lambda conn: DrawingsRepository(conn).delete(attempt.id),
            lambda _: self._deleted(attempt.id),
        )

    def _deleted(self, attempt_id: str) -> None:
        self._events.changed(DRAWINGS, attempt_id)
        if self.indexer is not None:
            self.indexer.deleted(attempt_id)

    def _save(self, attempt: Attempt, on_saved: Callable[[Attempt], None] | None = None) -> None:
        def done(saved: Attempt) -> None:
            self._events.changed(DRAWINGS, saved.id)
            if self.indexer is not None:
                self.indexer.changed(saved)
            if on_saved is not None:
                on_saved(saved)

        self._writer.submit(lambda conn: DrawingsRepository(conn).save(attempt), done)

    def _record(self, scored: Attempt, points: int) -> None:
        """The attempt, its review card and the rating log: one transaction."""
        article, diagram = scored.article, scored.diagram
        assert article is not None and diagram is not None
        now = self.clock()
        review_core = _review()

        def job(conn: sqlite3.Connection) -> None:
            reviews = ReviewsRepository(conn)
            DrawingsRepository(conn).save(scored)
            old = reviews.get(article, diagram)
            state, due = review_core.review(old.state if old else None, points, now)
            rating = int(review_core.rating_for(points))
            reviews.put(
                ReviewCard(article, diagram, state, iso(due), points, iso(now)),
                ReviewLogEntry(article, diagram, scored.id, points, rating, iso(now)),
            )

        def done(_: object) -> None:
            self._events.changed(DRAWINGS, scored.id)
            if self.indexer is not None:
                self.indexer.changed(scored, soon=True)
            self._events.changed(REVIEWS, card_key(article, diagram))

        self._writer.submit(job, done)
