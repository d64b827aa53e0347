"""Sources and documents: levels, note and drawing builders, what a hit carries."""

from __future__ import annotations

from pathlib import Path

from longform_desktop.core.search import (
    ITEM,
    SECTION,
    WHOLE_ARTICLE,
    article_documents,
    drawing_source,
    note_source,
    search,
    sync_and_open,
)

from .conftest import CATALOG

ARTICLE = "live-cricket-streaming-at-jiohotstar-scale"
TITLE = "Live Cricket Streaming at JioHotstar Scale"


def test_one_whole_article_document_then_its_sections() -> None:
    docs = article_documents(CATALOG.article(ARTICLE))
    assert [d.level for d in docs].count(WHOLE_ARTICLE) == 1
    assert docs[0].is_whole_article and docs[0].doc_id == f"article:{ARTICLE}"
    assert {d.level for d in docs[1:]} == {SECTION}
    assert all(not d.is_whole_article for d in docs[1:])


def test_note_source_is_one_item_whose_hash_follows_its_content() -> None:
    a = note_source(
        "n1", ARTICLE, TITLE, "origin-shield", "request collapsing", "why", "blue", "t1"
    )
    b = note_source(
        "n1", ARTICLE, TITLE, "origin-shield", "request collapsing", "why", "blue", "t2"
    )
    assert a.key == "note:n1" and a.kind == "note"
    assert a.content_hash != b.content_hash
    (doc,) = a.documents()
    assert (doc.level, doc.kind, doc.item_id, doc.article) == (ITEM, "note", "n1", ARTICLE)
    assert doc.title == ""  # the article's title is context: "cricket" must not find it


def test_notes_and_drawings_are_found_with_what_it_takes_to_show_them(tmp_path: Path) -> None:
    note = note_source(
        "n7",
        ARTICLE,
        TITLE,
        "origin-shield-and-request-collapsing",
        "one request goes to the origin",
        "Collapsing is why the origin survives a wicket.",
        "yellow",
        "2026-11-30T18:02:11Z",
    )
    drawing = drawing_source(
        "d3", ARTICLE, TITLE, "cdn-tiers", "My CDN", ["Viewers", "Edge PoP", "Origin shield"]
    )
    _, ix = sync_and_open(tmp_path / "ix", [note, drawing], kinds={"note", "drawing"})
    # The drawing has both words; the note (only "origin") is added below it, as a
    # search that finds little adds what has some of the words.
    hit, *rest = search(ix, "origin shield").hits
    assert [h.item_id for h in rest] == ["n7"] and rest[0].score < hit.score
    assert (hit.kind, hit.item_id, hit.article, hit.title) == ("drawing", "d3", ARTICLE, TITLE)
    assert hit.details == {
        "title": "My CDN",
        "diagram_id": "cdn-tiers",
        "labels": ["Viewers", "Edge PoP", "Origin shield"],
    }
    assert "[Origin] [shield]" in hit.sections[0].snippet
    (hit,) = search(ix, "wicket", kinds=["note"]).hits
    assert (hit.kind, hit.item_id, hit.sections[0].heading_id) == (
        "note",
        "n7",
        "origin-shield-and-request-collapsing",
    )
    assert hit.details["quote"] == "one request goes to the origin"
    assert hit.details["color"] == "yellow" and hit.details["updated"] == "2026-11-30T18:02:11Z"
    # The quoted passage is searchable too, and its snippet comes from it.
    (hit,) = search(ix, "kind:note request").hits
    assert "[request]" in hit.sections[0].snippet
    rows = search(ix, "origin").to_json()
    assert {(r["kind"], r["id"]) for r in rows} == {("note", "n7"), ("drawing", "d3")}
    assert next(r for r in rows if r["kind"] == "note")["note"]["color"] == "yellow"
    assert next(r for r in rows if r["kind"] == "drawing")["drawing"]["title"] == "My CDN"
