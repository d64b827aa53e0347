"""Notes in the database: core Note objects in and out, merges in one transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from longform_desktop.core.anchors import Anchor
from longform_desktop.core.notes import Note, NotesFormatError, dump_notes, new_note
from longform_desktop.storage.db import open_database
from longform_desktop.storage.notes import NotesRepository

EXPORTED = "2026-12-01T10:00:00Z"
T0, T1, T2 = "2026-11-30T10:00:00Z", "2026-11-30T11:00:00Z", "2026-11-30T12:00:00Z"


@pytest.fixture
def repo(tmp_path: Path) -> NotesRepository:
    return NotesRepository(open_database(tmp_path / "db.sqlite3"))


def sample_notes() -> list[Note]:
    return [
        Note("n1", "idempotency-and-exactly-once", T0, T1, "yellow", "**why** — ü",
             Anchor("the quoted passage", "before ", " after", "the-state-machine", 10, 28)),
        Note("n2", "idempotency-and-exactly-once", T1, T1, None, "whole article", None),
        Note("n3", "pagination-that-survives-real-data", T0, T0, "pink", "",
             Anchor("a quote with no hint", section="")),
        Note("n4", "not-installed", T2, T2, "blue", "kept", Anchor("orphan", "p", "s", "x")),
    ]  # fmt: skip


def test_notes_come_back_as_they_were_saved(repo: NotesRepository) -> None:
    for note in sample_notes():
        repo.save(note)
    assert repo.all() == sorted(sample_notes(), key=lambda n: (n.article, n.created, n.id))
    for note in sample_notes():
        assert repo.get(note.id) == note
    assert repo.get("nope") is None
    assert [n.id for n in repo.all("idempotency-and-exactly-once")] == ["n1", "n2"]
    assert repo.counts() == {
        "idempotency-and-exactly-once": 2,
        "pagination-that-survives-real-data": 1,
        "not-installed": 1,
    }


def test_article_level_note_is_stored_without_selectors(repo: NotesRepository) -> None:
    repo.save(sample_notes()[1])
    row = repo.db.execute("SELECT exact, prefix, suffix, section FROM notes").fetchone()
    assert row == (None, None, None, None)


def test_save_replaces_and_delete_can_be_undone(repo: NotesRepository, tmp_path) -> None:
    note = new_note("slug", color="green", body="first", now=T0)
    repo.save(note)
    repo.save(note.edited(body="second", now=T1))
    assert repo.get(note.id).body == "second" and len(repo.all()) == 1
    deleted = repo.delete(note.id)
    assert deleted is not None and deleted.body == "second" and repo.all() == []
    assert repo.delete(note.id) is None
    repo.save(deleted)
    # Committed: another connection sees it.
    other = NotesRepository(open_database(tmp_path / "db.sqlite3"))
    assert other.get(note.id) == deleted


def test_import_merges_by_id_newer_wins(repo: NotesRepository) -> None:
    ours = [
        Note("a", "s", T0, T1, None, "ours, older", None),
        Note("b", "s", T0, T1, None, "ours, newer", None),
    ]
    for note in ours:
        repo.save(note)
    plan = repo.import_notes(
        [
            Note("a", "s", T0, T2, None, "theirs, newer", None),
            Note("b", "s", T0, T0, None, "theirs, older", None),
            Note("c", "s", T0, T0, "blue", "new", None),
        ]
    )
    assert ([n.id for n in plan.added], [n.id for n in plan.updated]) == (["c"], ["a"])
    assert [n.id for n in plan.skipped] == ["b"]
    assert {n.id: n.body for n in repo.all()} == {
        "a": "theirs, newer",
        "b": "ours, newer",
        "c": "new",
    }


def test_a_failing_import_changes_nothing(repo: NotesRepository) -> None:
    repo.save(Note("a", "s", T0, T0, None, "ours", None))
    before = repo.all()
    broken = Note("z", "s", T0, T0, "red", "", None)  # the database refuses the colour
    with pytest.raises(sqlite3.IntegrityError):
        repo.import_notes([Note("a", "s", T0, T2, None, "theirs", None), broken])
    assert repo.all() == before
    with pytest.raises(NotesFormatError):
        repo.import_file('{"format": "longform-notes", "version": 1, "notes": [{"id": "q"}]}')
    assert repo.all() == before


def test_export_into_a_fresh_database_and_back_is_byte_identical(tmp_path: Path) -> None:
    first = NotesRepository(open_database(tmp_path / "one.sqlite3"))
    for note in sample_notes():
        first.save(note)
    exported = dump_notes(first.all(), EXPORTED)
    fresh = NotesRepository(open_database(tmp_path / "two.sqlite3"))
    plan = fresh.import_file(exported)
    assert len(plan.added) == 4 and not plan.updated and not plan.skipped
    assert dump_notes(fresh.all(), EXPORTED) == exported
    assert len(fresh.import_file(exported).skipped) == 4  # again: nothing changes
    assert dump_notes(fresh.all(), EXPORTED) == exported
