"""SearchService with a synchronous runner: indexing, incremental note updates seen by the
long-lived searcher, providers surviving a rebuild, and failures that are visible."""

from __future__ import annotations

from pathlib import Path

import pytest

from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.search import MANIFEST, note_source
from longform_desktop.services.search_service import SearchService

from ..conftest import CONTENT
from .fakes import SyncRunner

CATALOG = load_catalog(CONTENT)
PG = "how-postgres-stores-and-finds-your-data"


def _note(note_id: str, body: str) -> object:
    return note_source(note_id, PG, "How Postgres Stores", "", "", body, "green", "t")


class Recorder:
    def __init__(self, service: SearchService):
        self.results, self.errors, self.related, self.updates = [], [], [], []
        service.results_ready.connect(self.results.append)
        service.search_failed.connect(lambda q, m: self.errors.append(("search", q, m)))
        service.related_failed.connect(lambda s, m: self.errors.append(("related", s, m)))
        service.update_failed.connect(lambda m: self.errors.append(("update", m)))
        service.index_failed.connect(lambda m: self.errors.append(("index", m)))
        service.related_ready.connect(lambda s, r: self.related.append((s, r)))
        service.index_updated.connect(self.updates.append)


@pytest.fixture
def service(qapp, tmp_path: Path) -> SearchService:
    svc = SearchService(CATALOG, tmp_path / "index", SyncRunner())
    return svc


def _search(service: SearchService, rec: Recorder, text: str):
    service.request(text, immediate=True)
    return rec.results[-1]


def test_notes_updates_are_seen_by_the_open_searcher(service: SearchService) -> None:
    rec = Recorder(service)
    ready = []
    service.index_ready.connect(ready.append)
    service.ensure_index()
    assert service.ready
    assert not _search(service, rec, "kind:note autovacuum").hits  # the searcher is open now
    service.update_notes([_note("n1", "autovacuum wakes up every minute")])
    assert len(rec.updates) == 1 and rec.updates[0].added == 1
    assert [h.item_id for h in _search(service, rec, "kind:note autovacuum").hits] == ["n1"]
    # A notes-only update leaves every article document where it was.
    assert rec.updates[0].documents == ready[0].documents + 1
    assert PG in {h.article for h in _search(service, rec, "kind:article autovacuum").hits}
    service.update_notes(deletes=["n1"])
    assert not _search(service, rec, "kind:note autovacuum").hits
    assert _search(service, rec, "vacuum").hits[0].article == PG
    assert rec.errors == []


def test_updates_asked_before_the_index_is_ready_are_applied_after(service) -> None:
    rec = Recorder(service)
    service.update_notes([_note("early", "written before indexing finished")])
    assert rec.updates == []  # nothing to write into yet
    service.ensure_index()
    assert rec.updates and rec.updates[0].added == 1
    assert _search(service, rec, "kind:note indexing").hits[0].item_id == "early"


def test_the_last_change_to_a_note_wins(service) -> None:
    rec = Recorder(service)
    service.ensure_index()
    service.update_sources([_note("n1", "first words")])
    service.update_notes(deletes=["note:n1"])
    service.update_notes([_note("n1", "final words")])
    assert [h.item_id for h in _search(service, rec, "kind:note final").hits] == ["n1"]
    assert not _search(service, rec, "kind:note first").hits


def test_providers_bring_their_sources_back_after_a_rebuild(service, tmp_path) -> None:
    rec = Recorder(service)
    notes = [_note("kept", "the heap page header")]
    service.add_source_provider("note", lambda: notes)
    service.ensure_index()
    assert _search(service, rec, "kind:note header").hits
    (tmp_path / "index" / MANIFEST).unlink()  # the index must be rebuilt
    service.ensure_index()
    assert _search(service, rec, "kind:note header").hits[0].item_id == "kept"
    notes.clear()  # the provider no longer has it: the next sync removes it
    service.ensure_index()
    assert not _search(service, rec, "kind:note header").hits


def test_a_failed_search_is_an_error_not_no_results(service, monkeypatch) -> None:
    rec = Recorder(service)
    service.ensure_index()

    def broken(*args, **kwargs):
        raise RuntimeError("the index went away")

    monkeypatch.setattr("longform_desktop.core.search.search", broken)
    results = _search(service, rec, "vacuum")
    assert results.error == "RuntimeError: the index went away" and not results.hits
    assert rec.errors == [("search", "vacuum", "RuntimeError: the index went away")]


def test_related_failures_are_logged_and_reported(service, monkeypatch, caplog) -> None:
    rec = Recorder(service)
    service.ensure_index()
    service.request_related(CATALOG.article(PG))
    assert rec.related and all(slug != PG for slug, _ in rec.related[0][1])

    def broken(*args, **kwargs):
        raise OSError("segment missing")

    monkeypatch.setattr("longform_desktop.core.search.related_articles", broken)
    with caplog.at_level("ERROR", logger="longform_desktop.services.search_service"):
        service.request_related(CATALOG.article(PG))
    assert rec.errors == [("related", PG, "OSError: segment missing")]
    assert "segment missing" in caplog.text


def test_a_failed_update_is_reported_and_kept_for_the_next_try(service, monkeypatch) -> None:
    rec = Recorder(service)
    service.ensure_index()
    import longform_desktop.core.search as core_search

    real = core_search.update_sources
    monkeypatch.setattr(
        core_search, "update_sources", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full"))
    )
    service.update_notes([_note("n1", "kept for later")])
    assert rec.errors == [("update", "OSError: disk full")]
    monkeypatch.setattr(core_search, "update_sources", real)
    service.update_notes([_note("n2", "another one")])
    assert {h.item_id for h in _search(service, rec, "kind:note kept OR another").hits} == {
        "n1",
        "n2",
    }
