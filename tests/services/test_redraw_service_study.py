"""What the redraw GUI asks of RedrawService beyond scoring: due today and the catalog
summary, score history, dropping an untouched attempt, importing into the open article,
and the sections that explain missed boxes, found through a real search index."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.drawing import Drawing, Shape, dump_drawing, new_drawing
from longform_desktop.services.events import AppEvents
from longform_desktop.services.redraw_sections import EXERCISE_HEADINGS, find_sections
from longform_desktop.services.redraw_service import RedrawService
from longform_desktop.storage.db import open_database
from longform_desktop.storage.drawings import DrawingsRepository
from longform_desktop.storage.reviews import ReviewsRepository

from ..conftest import CONTENT
from .fakes import SyncRunner, SyncWriter

ARTICLE = "idempotency-and-exactly-once"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class FakeSearch:
    """The one thing the service reads of SearchService: where the index is."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(Path(CONTENT))


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory, catalog) -> Path:
    from longform_desktop.core.search import catalog_sources, sync_index

    path = tmp_path_factory.mktemp("index")
    sources = [s for s in catalog_sources(catalog) if s.key == f"article:{ARTICLE}"]
    sync_index(path, sources)
    return path


@pytest.fixture
def setup(tmp_path: Path, catalog, index_dir):
    db = open_database(tmp_path / "db.sqlite3")
    clock = Clock()
    service = RedrawService(
        catalog,
        DrawingsRepository(db),
        ReviewsRepository(db),
        SyncWriter(db),
        AppEvents(),
        clock,
        runner=SyncRunner(),
        search=FakeSearch(index_dir),
    )
    return service, clock


def test_due_today_summary_and_history(setup) -> None:
    service, clock = setup
    total = len(service.statuses())
    assert service.summary().due_today == 0 and service.summary().total == total
    for diagram in ("retry-safe-request", "outbox-inbox-pipeline"):
        service.finish(service.start_attempt(ARTICLE, diagram), new_drawing(), 10.0)
    clock.now += timedelta(hours=2)
    service.finish(service.start_attempt(ARTICLE, "retry-safe-request"), new_drawing(), 5.0)
    assert [s for _, s in service.history(ARTICLE, "retry-safe-request")] == [0, 0]
    assert service.summary().due_today == 0  # a score of 0 comes back tomorrow
    clock.now += timedelta(days=1)
    assert {s.diagram.id for s in service.due_today()} == {
        "retry-safe-request",
        "outbox-inbox-pipeline",
    }
    assert service.summary().due_today == 2 and service.summary().mastered == 0


def test_an_untouched_attempt_is_dropped_a_drawn_one_kept(setup) -> None:
    service, _ = setup
    empty = service.start_attempt(ARTICLE, "retry-safe-request")
    assert service.discard_if_empty(empty, new_drawing())
    assert service.attempt(empty.id) is None
    drawn = service.start_attempt(ARTICLE, "retry-safe-request")
    drawing = Drawing(items=[Shape("s1", text="API")])
    assert not service.discard_if_empty(drawn, drawing)
    assert service.attempt(drawn.id) is not None


def test_import_keeps_an_unknown_articles_drawing_with_the_open_one(setup) -> None:
    service, _ = setup
    text = dump_drawing(Drawing(article="no-such-article", items=[Shape("s1", text="X")]))
    kept = service.import_file(text, ARTICLE)
    assert (kept.article, kept.diagram) == (ARTICLE, None)
    assert service.import_file(text, "also-unknown").article is None


def test_missed_boxes_lead_to_the_sections_that_explain_them(setup) -> None:
    service, _ = setup
    found: list[dict] = []
    service.locate_sections(
        ARTICLE, "outbox-inbox-pipeline", ["relay", "inbox"], [("broker", "consumer")], found.append
    )
    (sections,) = found
    assert set(sections) == {"relay", "inbox", "broker->consumer"}
    for heading_id, heading in sections.values():
        assert heading_id and heading.lower() not in EXERCISE_HEADINGS
    assert sections["relay"][1] == "Queues, Outboxes and Inboxes"
    assert sections["inbox"][1] == "Queues, Outboxes and Inboxes"


def test_no_index_means_no_sections(tmp_path: Path) -> None:
    assert find_sections(tmp_path / "missing", ARTICLE, {"x": ["Outbox relay"]}) == {}


class RecordingSearch(FakeSearch):
    def __init__(self, index_dir: Path) -> None:
        super().__init__(index_dir)
        self.providers: dict = {}
        self.updates: list[tuple[list, list]] = []

    def add_source_provider(self, kind, provider) -> None:
        self.providers[kind] = provider

    def update_drawings(self, upserts=(), deletes=()) -> None:
        self.updates.append((list(upserts), list(deletes)))


def test_drawings_join_the_search_index(qtbot, tmp_path: Path, catalog, index_dir) -> None:
    db = open_database(tmp_path / "db.sqlite3")
    search = RecordingSearch(index_dir)
    service = RedrawService(
        catalog, DrawingsRepository(db), ReviewsRepository(db), SyncWriter(db), AppEvents(),
        Clock(), runner=SyncRunner(), search=search,
    )  # fmt: skip
    attempt = service.start_attempt(ARTICLE, "retry-safe-request")
    drawing = Drawing(items=[Shape("s1", "store", "Origin shield"), Shape("s2", text=" ")])
    service.finish(attempt, drawing, 12.0)
    qtbot.waitUntil(lambda: any(upserts for upserts, _ in search.updates))
    ((source,),) = [upserts for upserts, _ in search.updates if upserts]
    (doc,) = source.documents()
    assert source.key == f"drawing:{attempt.id}" and doc.kind == "drawing"
    assert doc.labels == ("Origin shield",) and doc.title == "Redraw of One payment, retried safely"
    # every stored drawing with words is handed over at each index sync
    assert [s.key for s in search.providers["drawing"]()] == [source.key]
    empty = service.start_attempt(ARTICLE, None)  # no words: nothing to find
    qtbot.waitUntil(lambda: any(empty.id in deletes for _, deletes in search.updates))
    service.delete(attempt)
    qtbot.waitUntil(lambda: any(attempt.id in deletes for _, deletes in search.updates))
    assert search.providers["drawing"]() == []
