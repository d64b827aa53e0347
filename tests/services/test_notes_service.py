"""NotesService with synchronous fakes of the writer and runner (tests/services/fakes.py),
and with a writer that holds jobs back, to see what a panel reads before a commit."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QTextDocument

from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.markdown import render_article
from longform_desktop.core.notes import parse_notes_file
from longform_desktop.services.events import NOTES, AppEvents
from longform_desktop.services.note_places import PageAnchors
from longform_desktop.services.notes_service import NotesService
from longform_desktop.storage.db import open_database, transaction
from longform_desktop.storage.notes import NotesRepository

from ..conftest import CONTENT
from .fakes import SyncRunner, SyncWriter

PILOT = "idempotency-and-exactly-once"


class HeldWriter(SyncWriter):
    """Queues jobs until ``commit()``, like the real writer before its thread gets to them."""

    def __init__(self, conn: sqlite3.Connection):
        super().__init__(conn)
        self.queued: list[tuple[Callable, Any, Any]] = []

    def submit(self, job, on_done=None, on_error=None) -> None:
        self.queued.append((job, on_done, on_error))

    def commit(self) -> None:
        queued, self.queued = self.queued, []
        for job, on_done, on_error in queued:
            SyncWriter.submit(self, job, on_done, on_error)


class FakeSearch:
    def __init__(self) -> None:
        self.calls: list[tuple[list, list]] = []
        self.providers: dict = {}

    def add_source_provider(self, kind: str, provider) -> None:
        self.providers[kind] = provider

    def update_notes(self, upserts: list, deletes: list) -> None:
        self.calls.append((upserts, deletes))


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(CONTENT)


@pytest.fixture
def db(tmp_path: Path):
    conn = open_database(tmp_path / "db.sqlite3")
    yield conn
    conn.close()


def _service(db, catalog, writer=None, search=None):
    events = AppEvents()
    writer = writer or SyncWriter(db)
    service = NotesService(db, writer, SyncRunner(), events, catalog, search)
    return service, events, writer


def _page(article) -> tuple[PageAnchors, str]:
    rendered = render_article(article)
    doc = QTextDocument()
    doc.setHtml(f"<h1>{article.title}</h1><p>{article.summary}</p>{rendered.html}")
    text = doc.toPlainText()
    return PageAnchors(article.slug, rendered.html, text), text


def test_create_commits_announces_and_indexes(qapp, db, catalog) -> None:
    search = FakeSearch()
    service, events, _writer = _service(db, catalog, search=search)
    seen = []
    events.user_data_changed.connect(lambda *args: seen.append(args[:2]))
    note = service.create(PILOT, color="green", body="remember this")
    assert NotesRepository(db).get(note.id) == note
    assert seen == [(NOTES, PILOT)]
    assert service.notes(PILOT) == [note] and service.counts() == {PILOT: 1}
    ((sources, deleted),) = search.calls
    assert [s.key for s in sources] == [f"note:{note.id}"] and deleted == []
    service.delete(note.id)
    assert search.calls[-1][1] == [note.id]


def test_reads_see_queued_writes_before_they_commit(qapp, db, catalog) -> None:
    writer = HeldWriter(db)
    service, _events, _ = _service(db, catalog, writer=writer)
    note = service.create(PILOT, body="a")
    service.save_body(note.id, "ab")
    assert NotesRepository(db).get(note.id) is None  # nothing committed yet
    assert [n.body for n in service.notes(PILOT)] == ["ab"]
    service.delete(note.id)
    assert service.notes(PILOT) == [] and service.get(note.id) is None
    writer.commit()
    assert NotesRepository(db).get(note.id) is None
    assert service._pending == {}


def test_a_newer_queued_edit_outlives_an_older_commit(qapp, db, catalog) -> None:
    writer = HeldWriter(db)
    service, _, _ = _service(db, catalog, writer=writer)
    note = service.create(PILOT, body="first")
    writer.commit()
    service.save_body(note.id, "second")
    first_job = writer.queued.pop(0)
    service.save_body(note.id, "third")
    SyncWriter.submit(writer, *first_job)  # "second" commits; "third" is still queued
    assert service.get(note.id).body == "third"
    writer.commit()
    assert NotesRepository(db).get(note.id).body == "third"


def test_update_changes_only_what_differs(qapp, db, catalog) -> None:
    service, _, writer = _service(db, catalog)
    note = service.create(PILOT, color="yellow")
    jobs = writer.jobs
    assert service.update(note.id, color="yellow") == note
    assert writer.jobs == jobs
    recoloured = service.update(note.id, color="pink")
    assert NotesRepository(db).get(note.id).color == "pink" == recoloured.color
    with pytest.raises(ValueError, match="unknown colour"):
        service.update(note.id, color="red")
    assert service.update("no-such-note", body="x") is None


def test_delete_then_undo_restores_the_same_note(qapp, db, catalog) -> None:
    service, _, _ = _service(db, catalog)
    states = []
    service.undo_available.connect(states.append)
    a = service.create(PILOT, body="a")
    b = service.create(PILOT, body="b")
    service.delete(a.id)
    service.delete(b.id)
    assert service.notes(PILOT) == [] and states == [True, True]
    assert service.undo_delete() == b
    assert service.undo_delete() == a
    assert service.undo_delete() is None and states[-1] is False
    assert NotesRepository(db).all(PILOT) == sorted([a, b], key=lambda n: (n.created, n.id))


def test_page_anchors_turn_a_selection_into_a_note_and_back(qapp, db, catalog) -> None:
    article = catalog.article(PILOT)
    page, text = _page(article)
    phrase = "Retries come from every layer"
    start = text.index(phrase)
    anchor = page.anchor(start, start + len(phrase))
    assert anchor.exact == phrase and anchor.section == "where-retries-come-from"
    service, _, _ = _service(db, catalog)
    note = service.create(PILOT, target=anchor, color="blue")
    whole = service.create(PILOT, body="on the article")
    placement = page.place(service.notes(PILOT))
    assert [p.note.id for p in placement.placed] == [whole.id, note.id]
    placed = placement.find(note.id)
    assert (placed.start, placed.end, placed.status) == (start, start + len(phrase), "anchored")
    assert [p.note.id for p in placement.at(start + 3)] == [note.id]
    assert placement.at(start + len(phrase)) == []
    with pytest.raises(ValueError, match="none of the article's text"):  # the page title
        page.anchor(0, len(article.title))


def test_a_note_whose_passage_is_gone_is_placed_detached_last(qapp, db, catalog) -> None:
    from longform_desktop.core.anchors import Anchor

    page, _ = _page(catalog.article(PILOT))
    service, _, _ = _service(db, catalog)
    lost = service.create(PILOT, target=Anchor("a sentence this article never had", "", ""))
    kept = service.create(PILOT, target=page.anchor(*_span(page, "exactly-once")), color="pink")
    placement = page.place(service.notes(PILOT))
    assert [p.note.id for p in placement.placed] == [kept.id, lost.id]
    assert placement.placed[-1].status == "detached" and not placement.placed[-1].on_page


def _span(page: PageAnchors, phrase: str) -> tuple[int, int]:
    start = page.page_text.lower().index(phrase.lower(), 400)
    return start, start + len(phrase)


def test_import_merges_and_a_bad_file_changes_nothing(qapp, db, catalog, tmp_path) -> None:
    service, _events, _ = _service(db, catalog, search=FakeSearch())
    ours = service.create(PILOT, body="ours")
    good = tmp_path / "good.json"
    good.write_text(
        json.dumps(
            {
                "format": "longform-notes",
                "version": 1,
                "notes": [
                    {
                        "id": "n-1",
                        "article": PILOT,
                        "updated": "2026-11-30T10:00:00Z",
                        "body": "imported",
                        "target": None,
                    },
                    {"id": ours.id, "article": PILOT, "updated": "2001-01-01T00:00:00Z"},
                ],
            }
        ),
        encoding="utf-8",
    )
    results, errors = [], []
    service.import_file(good, results.append, errors.append)
    assert errors == [] and (results[0].added, results[0].updated, results[0].skipped) == (1, 0, 1)
    before = NotesRepository(db).all()
    for name, content in {
        "not-json.json": b"{nope",
        "latin1.json": "caf\xe9".encode("latin-1"),
        "no-id.json": json.dumps(
            {
                "format": "longform-notes",
                "version": 1,
                "notes": [{"id": "n-2", "article": PILOT}, {"article": PILOT}],
            }
        ).encode(),
    }.items():
        bad = tmp_path / name
        bad.write_bytes(content)
        service.import_file(bad, results.append, errors.append)
    assert len(errors) == 3 and len(results) == 1
    assert "not valid JSON" in errors[0] and "UTF-8" in errors[1] and "has no 'id'" in errors[2]
    assert NotesRepository(db).all() == before
    service.import_file(tmp_path / "missing.json", results.append, errors.append)
    assert "cannot be read" in errors[-1]


def test_export_writes_the_contract_file_and_markdown(qapp, db, catalog, tmp_path) -> None:
    service, _, _ = _service(db, catalog)
    page, _ = _page(catalog.article(PILOT))
    service.create(
        PILOT, target=page.anchor(*_span(page, "exactly-once")), color="yellow", body="*why*"
    )
    service.create(PILOT, body="whole")
    written: list[Path] = []
    for name, fmt in (("notes.json", "json"), ("notes.md", "md")):
        service.export(service.notes(), tmp_path / name, fmt, written.append, pytest.fail)
    assert written == [tmp_path / "notes.json", tmp_path / "notes.md"]
    assert parse_notes_file((tmp_path / "notes.json").read_text("utf-8")) == service.notes()
    markdown = (tmp_path / "notes.md").read_text("utf-8")
    assert markdown.startswith("# Notes") and "*why*" in markdown and "About the whole" in markdown
    assert list(tmp_path.glob(".notes*")) == []  # no temporary file left behind


def test_a_failed_write_is_reported_and_the_text_kept(qapp, db, catalog) -> None:
    service, events, _writer = _service(db, catalog)
    note = service.create(PILOT, body="kept")
    errors = []
    events.error_reported.connect(lambda title, message: errors.append(title))
    with transaction(db):
        db.execute(
            "CREATE TRIGGER refuse BEFORE UPDATE ON notes BEGIN SELECT RAISE(ABORT, 'no'); END"
        )
    service.save_body(note.id, "kept and more")
    assert errors == ["Note not saved"]
    assert service.get(note.id).body == "kept and more"  # still what the user typed


def test_warm_up_joins_the_search_index_with_every_note(qapp, db, catalog) -> None:
    search = FakeSearch()
    service, _, _ = _service(db, catalog, search=search)
    notes = [service.create(PILOT, body="one"), service.create(PILOT, body="two")]
    search.calls.clear()
    counted = []
    service.warm_up(lambda: counted.append(service.counts()))
    ((sources, deletes),) = search.calls
    keys = {f"note:{n.id}" for n in notes}
    assert {s.key for s in sources} == keys and deletes == []
    assert {s.key for s in search.providers["note"]()} == keys  # for syncs and rebuilds
    assert counted == [{PILOT: 2}]
