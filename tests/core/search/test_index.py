"""The index on disk: incremental, scoped by kind, rebuilt when it cannot be used."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from longform_desktop.core.search import (
    MANIFEST,
    SCHEMA_VERSION,
    catalog_sources,
    drawing_source,
    note_source,
    open_index,
    search,
    sync_and_open,
    sync_index,
    update_sources,
)

from .conftest import CATALOG


def _note(note_id: str, body: str, quote: str = "the dead tuples", updated: str = "1") -> object:
    return note_source(
        note_id,
        "how-postgres-stores-and-finds-your-data",
        "How Postgres Stores and Finds Your Data",
        "vacuum-free-space-map-and-visibility-map",
        quote,
        body,
        "yellow",
        updated,
    )


def _manifest(target: Path) -> dict:
    return json.loads((target / MANIFEST).read_text())


def test_incremental_sync(tmp_path: Path) -> None:
    sources = catalog_sources(CATALOG)
    first = sync_index(tmp_path / "ix", sources)
    assert first.rebuilt and first.added == len(sources) and first.documents > len(sources)
    again = sync_index(tmp_path / "ix", sources)
    assert (again.rebuilt, again.added, again.updated, again.unchanged) == (
        False,
        0,
        0,
        len(sources),
    )
    # One changed source is the only one re-indexed; a vanished source is removed.
    changed = [*sources[1:-1], replace(sources[0], content_hash="different-hash")]
    third = sync_index(tmp_path / "ix", changed)
    assert (third.updated, third.removed, third.added) == (1, 1, 0)


def test_corrupt_index_is_rebuilt(tmp_path: Path) -> None:
    target = tmp_path / "ix"
    sync_index(target, catalog_sources(CATALOG))
    for segment in target.glob("*.seg"):
        segment.write_bytes(b"garbage")
    for toc in target.glob("_MAIN_*.toc"):
        toc.write_bytes(b"not a toc")
    assert open_index(target) is None
    stats = sync_index(target, catalog_sources(CATALOG))
    assert stats.rebuilt
    assert search(open_index(target), "idempotency").hits


def test_older_schema_is_rebuilt(tmp_path: Path) -> None:
    target = tmp_path / "ix"
    sync_index(target, catalog_sources(CATALOG))
    manifest = _manifest(target)
    manifest["schema"] = SCHEMA_VERSION - 1
    (target / MANIFEST).write_text(json.dumps(manifest))
    stats = sync_index(target, catalog_sources(CATALOG))
    assert stats.rebuilt and stats.reason == "older schema"
    assert _manifest(target)["schema"] == SCHEMA_VERSION


def test_article_sync_keeps_notes_and_drawings(tmp_path: Path) -> None:
    """A sync scoped to articles adds, updates and removes articles only: the notes and
    drawings stay in the index and in the manifest (the defect of issue 10)."""
    target = tmp_path / "ix"
    articles = catalog_sources(CATALOG)
    sync_index(target, articles, kinds={"article"})
    note = _note("n1", "remember the autovacuum thresholds")
    drawing = drawing_source(
        "d1",
        "live-cricket-streaming-at-jiohotstar-scale",
        "Live Cricket Streaming at JioHotstar Scale",
        "origin-shield",
        "My CDN redraw",
        ["Viewers", "Edge PoP", "Origin shield", "Packager"],
    )
    sync_index(target, [note], kinds={"note"})
    sync_index(target, [drawing], kinds={"drawing"})
    # Articles again, one fewer: that article goes; the note and the drawing stay.
    stats, ix = sync_and_open(target, articles[1:], kinds={"article"})
    assert (stats.removed, stats.added, stats.updated) == (1, 0, 0)
    keys = set(_manifest(target)["sources"])
    assert {"note:n1", "drawing:d1"} <= keys and articles[0].key not in keys
    assert [h.item_id for h in search(ix, "autovacuum thresholds", kinds=["note"]).hits] == ["n1"]
    assert [h.item_id for h in search(ix, '"origin shield"', kinds=["drawing"]).hits] == ["d1"]
    # A notes-only sync with no notes removes the note, and nothing else.
    stats, ix = sync_and_open(target, [], kinds={"note"})
    assert stats.removed == 1
    assert search(ix, "autovacuum").hits and not search(ix, "autovacuum", kinds=["note"]).hits
    assert search(ix, "origin shield", kinds=["drawing"]).hits


def test_sync_refuses_sources_outside_its_kinds(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="note"):
        sync_index(tmp_path / "ix", [_note("n1", "x")], kinds={"article"})


def test_update_sources_adds_replaces_and_deletes(tmp_path: Path) -> None:
    target = tmp_path / "ix"
    stats, ix = sync_and_open(target, catalog_sources(CATALOG), kinds={"article"})
    articles = stats.documents
    added = update_sources(ix, [_note("n1", "a note about freezing xids")])
    assert (added.added, added.documents) == (1, articles + 1)
    assert [h.item_id for h in search(ix, "freezing xids", kinds=["note"]).hits] == ["n1"]
    # The same content again is no work; new content replaces the old document.
    same = update_sources(ix, [_note("n1", "a note about freezing xids")])
    assert (same.added, same.updated, same.unchanged) == (0, 0, 1)
    edited = update_sources(ix, [_note("n1", "now about bloat instead", updated="2")])
    assert (edited.updated, edited.documents) == (1, articles + 1)
    assert not search(ix, "freezing xids", kinds=["note"]).hits
    assert search(ix, "bloat instead", kinds=["note"]).hits
    gone = update_sources(ix, deletes=["note:n1", "note:never-indexed"])
    assert (gone.removed, gone.documents) == (1, articles)
    assert "note:n1" not in _manifest(target)["sources"]
    # The articles were never touched: a no-change article sync finds nothing to do.
    again = sync_index(target, catalog_sources(CATALOG), kinds={"article"})
    assert (again.added, again.updated, again.removed, again.rebuilt) == (0, 0, 0, False)


def test_update_needs_a_current_index(tmp_path: Path) -> None:
    target = tmp_path / "ix"
    _, ix = sync_and_open(target, [], kinds={"note"})
    (target / MANIFEST).unlink()
    with pytest.raises(RuntimeError, match="manifest"):
        update_sources(ix, [_note("n1", "x")])
