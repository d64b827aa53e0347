"""Redraw attempts through the service: autosave, scoring with its review card in one
transaction, paper sketches, due lists and mastery, with time fixed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.drawing import Arrow, DrawingFormatError, Shape, load_drawing
from longform_desktop.services.events import DRAWINGS, REVIEWS, AppEvents
from longform_desktop.services.redraw_service import RedrawService
from longform_desktop.storage.db import open_database
from longform_desktop.storage.drawings import DrawingsRepository
from longform_desktop.storage.reviews import ReviewsRepository

from ..conftest import CONTENT
from .fakes import SyncWriter

ARTICLE = "idempotency-and-exactly-once"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def setup(tmp_path: Path):
    db = open_database(tmp_path / "db.sqlite3")
    catalog = load_catalog(Path(CONTENT))
    events = AppEvents()
    clock = Clock()
    service = RedrawService(
        catalog, DrawingsRepository(db), ReviewsRepository(db), SyncWriter(db), events, clock
    )
    return service, events, clock


def _perfect_copy(service: RedrawService, diagram_id: str):
    diagram = service.diagram(ARTICLE, diagram_id)
    assert diagram is not None
    attempt = service.start_attempt(ARTICLE, diagram_id)
    drawing = load_drawing(attempt.scene)
    ids = {}
    for i, node in enumerate(diagram.nodes):
        ids[node.id] = f"s{i}"
        drawing.add(Shape(f"s{i}", "box", node.label, x=i * 200, y=0))
    for i, edge in enumerate(diagram.edges):
        drawing.add(Arrow(f"a{i}", ids[edge.source], ids[edge.target]))
    return attempt, drawing


def test_a_perfect_redraw_scores_100_and_schedules_the_next(qtbot, setup) -> None:
    service, events, clock = setup
    seen: list[tuple[str, str]] = []
    events.user_data_changed.connect(lambda kind, key, _i: seen.append((kind, key)))
    attempt, drawing = _perfect_copy(service, "retry-safe-request")
    saved = service.save_scene(attempt, drawing, 30.0)
    assert service.attempt(attempt.id).scene == saved.scene
    result = service.finish(saved, drawing, 95.0)
    assert result.score == 100
    stored = service.attempt(attempt.id)
    assert stored.score == 100 and stored.score_parts["score"] == 100
    assert stored.duration_s == 95.0
    card = service.card(ARTICLE, "retry-safe-request")
    assert card is not None and card.last_score == 100
    (status,) = [s for s in service.statuses(ARTICLE) if s.diagram.id == "retry-safe-request"]
    assert status.attempts == 1 and status.due is not None and status.due > clock.now
    assert (REVIEWS, f"{ARTICLE}/retry-safe-request") in seen and (DRAWINGS, attempt.id) in seen
    assert service.due() == []  # not due yet
    clock.now = status.due + timedelta(minutes=1)
    assert [s.diagram.id for s in service.due()] == ["retry-safe-request"]


def test_an_empty_attempt_scores_0_and_is_due_soon(setup) -> None:
    service, _events, clock = setup
    attempt = service.start_attempt(ARTICLE, "outbox-inbox-pipeline")
    result = service.finish(attempt, load_drawing(attempt.scene), 10)
    assert result.score == 0
    (status,) = [s for s in service.statuses(ARTICLE) if s.diagram.id == "outbox-inbox-pipeline"]
    assert status.due is not None and status.due - clock.now <= timedelta(days=1)
    assert not status.mastered


def test_paper_sketch_scored_by_its_checklist(setup) -> None:
    service, _events, _clock = setup
    diagram = service.diagram(ARTICLE, "retry-safe-request")
    attempt = service.attach_photo(ARTICLE, diagram.id, b"\x89PNG...", "image/png")
    nodes = [n.id for n in diagram.nodes]
    edges = [(e.source, e.target) for e in diagram.edges]
    result = service.score_paper(attempt, nodes, edges)
    assert result.score == 100
    stored = service.attempt(attempt.id)
    assert stored.kind == "paper" and stored.photo == b"\x89PNG..."
    assert stored.checklist["nodes"] == sorted(nodes)
    with pytest.raises(ValueError, match="PNG or JPEG"):
        service.attach_photo(ARTICLE, diagram.id, b"GIF89a", "image/gif")


def test_mastery_counts_every_reference_diagram(setup) -> None:
    service, _events, _clock = setup
    mastered, total = service.mastery()
    catalog = load_catalog(Path(CONTENT))
    assert (mastered, total) == (0, sum(len(a.diagrams) for a in catalog.articles))


def test_import_keeps_known_diagrams_and_frees_unknown(setup) -> None:
    service, _events, _clock = setup
    header = '{"format": "longform-drawing", "version": 1, '
    known = service.import_file(
        header + f'"article": "{ARTICLE}", "diagram": "retry-safe-request", "items": []}}'
    )
    assert (known.article, known.diagram) == (ARTICLE, "retry-safe-request")
    unknown = service.import_file(
        '{"format": "longform-drawing", "version": 1, "article": "nope", "items": []}'
    )
    assert (unknown.article, unknown.diagram) == (None, None)
    with pytest.raises(DrawingFormatError):
        service.import_file("{not json")
    assert len(service.all_attempts()) == 2
    with pytest.raises(ValueError, match="no reference diagram"):
        service.finish(unknown, load_drawing(unknown.scene), 1)
