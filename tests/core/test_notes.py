"""The longform-notes v1 file, the merge of an import, and the Markdown export."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest

from longform_desktop.core.anchors import Anchor, make_anchor
from longform_desktop.core.article_text import article_text
from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.notes import (
    COLORS,
    Note,
    NotesFormatError,
    dump_notes,
    new_note,
    notes_markdown,
    parse_notes_file,
    plan_merge,
)

CONTENT = Path(__file__).resolve().parents[2] / "content"
EXPORTED = "2026-12-01T10:00:00Z"

CONTRACT_EXAMPLE = """{
  "format": "longform-notes",
  "version": 1,
  "exported": "2026-12-01T10:00:00Z",
  "notes": [
    {
      "id": "5f0c8f8e-0d4e-4d43-9b7e-2f5b9a5a6c10",
      "article": "idempotency-and-exactly-once",
      "created": "2026-11-30T18:02:11Z",
      "updated": "2026-11-30T18:05:40Z",
      "color": "yellow",
      "body": "Markdown text of the note (may be empty: a plain highlight)",
      "target": {
        "section": "the-state-machine",
        "exact": "the quoted passage",
        "prefix": "up to 32 characters before it",
        "suffix": "up to 32 characters after it",
        "start": 10452,
        "end": 10470
      }
    },
    {
      "id": "c1d2",
      "article": "pagination-that-survives-real-data",
      "created": "2026-11-30T18:02:11Z", "updated": "2026-11-30T18:02:11Z",
      "color": null,
      "body": "An article-level note: no target",
      "target": null
    }
  ]
}"""


def note(**changes) -> Note:
    base = {
        "id": str(uuid.uuid4()),
        "article": "idempotency-and-exactly-once",
        "created": "2026-11-30T18:02:11Z",
        "updated": "2026-11-30T18:05:40Z",
        "color": "green",
        "body": "why **this** matters — ünïcode",
        "target": Anchor("quoted", "before ", " after", "a-section", 10, 16),
    }
    base.update(changes)
    return Note(**base)


def file_with(*notes: dict, **top) -> str:
    document = {"format": "longform-notes", "version": 1, "exported": EXPORTED}
    document.update(top)
    document.setdefault("notes", list(notes))
    return json.dumps(document)


def good_note(**fields) -> dict:
    raw = {"id": "n1", "article": "a", "created": EXPORTED, "updated": EXPORTED}
    raw.update(fields)
    return raw


# --- reading the file -----------------------------------------------------------------


def test_the_contract_example_parses() -> None:
    first, second = parse_notes_file(CONTRACT_EXAMPLE)
    assert first == Note(
        "5f0c8f8e-0d4e-4d43-9b7e-2f5b9a5a6c10",
        "idempotency-and-exactly-once",
        "2026-11-30T18:02:11Z",
        "2026-11-30T18:05:40Z",
        "yellow",
        "Markdown text of the note (may be empty: a plain highlight)",
        Anchor(
            "the quoted passage",
            "up to 32 characters before it",
            "up to 32 characters after it",
            "the-state-machine",
            10452,
            10470,
        ),
    )
    assert second.target is None and second.color is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ("", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        (json.dumps({"version": 1, "notes": []}), "has no 'format'"),
        (json.dumps({"format": "hypothesis", "version": 1, "notes": []}), "'hypothesis'"),
        (json.dumps({"format": "longform-notes", "version": 2, "notes": []}), "newer"),
        (json.dumps({"format": "longform-notes", "notes": []}), "'version'"),
        (json.dumps({"format": "longform-notes", "version": "1", "notes": []}), "'version'"),
        (json.dumps({"format": "longform-notes", "version": 0, "notes": []}), "version 0"),
        (json.dumps({"format": "longform-notes", "version": 1}), "'notes'"),
        (file_with(notes={"id": "x"}), "'notes'"),
        (file_with("a note"), "note 1 is not an object"),
        (file_with({"article": "a"}), "note 1 has no 'id'"),
        (file_with({"id": "", "article": "a"}), "note 1 has no 'id'"),
        (file_with({"id": 7, "article": "a"}), "note 1 has no 'id'"),
        (file_with(good_note(), {"id": "n2"}), "note 2 (id n2) has no 'article'"),
        (file_with(good_note(target={"prefix": "p"})), "no 'exact'"),
        (file_with(good_note(target={"exact": ""})), "no 'exact'"),
        (file_with(good_note(target={"exact": 5})), "no 'exact'"),
        (file_with(good_note(target="a quote")), "'target' must be an object"),
        (file_with(good_note(color="red")), "colour 'red'"),
        (file_with(good_note(color=1)), "colour 1"),
        (file_with(good_note(created="yesterday")), "'created' is not an ISO-8601"),
        (file_with(good_note(updated="2026-13-45T00:00:00Z")), "'updated' is not an ISO"),
        (file_with(good_note(updated=1764500000)), "'updated' is not an ISO"),
        (file_with(good_note(body=["x"])), "'body' must be text"),
        (file_with(good_note(target={"exact": "q", "start": "1", "end": 5})), "'start'"),
        (file_with(good_note(target={"exact": "q", "start": -1, "end": 5})), "'start'"),
        (file_with(good_note(target={"exact": "q", "start": 1.5, "end": 5})), "'start'"),
        (file_with(good_note(target={"exact": "q", "start": 9, "end": 5})), "after its"),
        (file_with(good_note(target={"exact": "q", "prefix": 3})), "'prefix' must be text"),
    ],
)
def test_refusals_say_why(text: str, message: str) -> None:
    with pytest.raises(NotesFormatError, match=None) as refusal:
        parse_notes_file(text)
    assert message in str(refusal.value)
    assert "\n" not in str(refusal.value)


def test_unknown_fields_are_ignored_and_optional_ones_default() -> None:
    notes = parse_notes_file(
        file_with(
            {
                "id": "n1",
                "article": "not-installed-here",
                "created": "2026-11-30T18:02:11+05:30",
                "mood": "happy",
                "target": {"exact": "q", "colour": "x", "start": 3},
            },
            {"id": "n2", "article": "a"},
            tags=["unknown", "top-level"],
        )
    )
    first, second = notes
    assert first.created == first.updated == "2026-11-30T12:32:11Z"  # to UTC
    assert first.color is None and first.body == ""
    assert first.target == Anchor("q")  # a lone start is no position
    assert second.created == second.updated == EXPORTED  # no dates: when it was exported
    assert second.target is None


def test_colours_and_timestamps_are_normalised() -> None:
    (parsed,) = parse_notes_file(
        file_with(good_note(color=" Pink ", created="2026-11-30T18:02:11.250Z", updated=None))
    )
    assert parsed.color == "pink"
    assert parsed.created == parsed.updated == "2026-11-30T18:02:11.250000Z"
    (naive,) = parse_notes_file(file_with(good_note(created="2026-11-30T18:02:11")))
    assert naive.created == "2026-11-30T18:02:11Z"


# --- writing the file ---------------------------------------------------------------------


def test_dump_then_parse_gives_the_same_notes_and_the_same_bytes() -> None:
    notes = [note(), note(target=None, color=None, body=""), note(article="b-article")]
    notes.append(note(target=Anchor("no hint", section="s")))
    text = dump_notes(notes, EXPORTED)
    parsed = parse_notes_file(text)
    assert sorted(parsed, key=lambda n: n.id) == sorted(notes, key=lambda n: n.id)
    assert dump_notes(reversed(parsed), EXPORTED) == text
    assert (
        dump_notes(parsed, "2027-01-01T00:00:00Z").replace("2027-01-01T00:00:00Z", EXPORTED, 1)
        == text
    )


def test_dump_layout_is_the_contracts() -> None:
    first = note(id="b", created="2026-01-02T00:00:00Z")
    second = note(id="a", created="2026-01-03T00:00:00Z", target=Anchor("x", section="s"))
    document = json.loads(dump_notes([second, first], EXPORTED))
    assert list(document) == ["format", "version", "exported", "notes"]
    assert (document["format"], document["version"]) == ("longform-notes", 1)
    assert [n["id"] for n in document["notes"]] == ["b", "a"]  # by article, then created
    assert list(document["notes"][0]) == [
        "id",
        "article",
        "created",
        "updated",
        "color",
        "body",
        "target",
    ]
    assert list(document["notes"][0]["target"]) == [
        "section",
        "exact",
        "prefix",
        "suffix",
        "start",
        "end",
    ]
    assert "start" not in document["notes"][1]["target"]  # no hint: no offsets
    text = dump_notes([first], EXPORTED)
    assert "ünïcode" in text and text.endswith("}\n")


def test_new_note() -> None:
    made = new_note("slug", color="blue", body="b", now="2026-11-30T18:02:11Z")
    assert uuid.UUID(made.id).version == 4
    assert made.created == made.updated == "2026-11-30T18:02:11Z"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", new_note("slug").created)
    edited = made.edited(body="c", now="2026-12-01T00:00:00Z")
    assert (edited.body, edited.created, edited.updated) == ("c", made.created, edited.updated)
    with pytest.raises(ValueError, match="unknown colour 'red'"):
        new_note("slug", color="red")
    assert set(COLORS) == {"yellow", "green", "blue", "pink"}


# --- merging --------------------------------------------------------------------------


def test_merge_by_id_newer_wins_never_a_duplicate() -> None:
    ours_old = note(id="1", updated="2026-11-30T10:00:00Z")
    ours_new = note(id="2", updated="2026-11-30T10:00:00Z")
    ours_same = note(id="3", updated="2026-11-30T10:00:00Z")
    theirs = [
        note(id="1", updated="2026-11-30T11:00:00Z", body="newer"),  # -> updated
        note(id="2", updated="2026-11-30T09:00:00Z", body="older"),  # -> skipped
        note(id="3", updated="2026-11-30T10:00:00Z", body="tie"),  # -> skipped (ours kept)
        note(id="4"),  # -> added
    ]
    plan = plan_merge([ours_old, ours_new, ours_same], theirs)
    assert [n.id for n in plan.added] == ["4"]
    assert [(n.id, n.body) for n in plan.updated] == [("1", "newer")]
    assert sorted((n.id, n.body) for n in plan.skipped) == [("2", "older"), ("3", "tie")]
    assert plan.changes == plan.added + plan.updated


def test_merge_compares_times_not_strings() -> None:
    ours = note(id="1", updated="2026-11-30T10:00:00Z")
    theirs = note(id="1", updated="2026-11-30T10:00:00.500000Z")
    assert plan_merge({"1": ours}, [theirs]).updated == [theirs]


def test_an_id_twice_in_one_file_counts_once() -> None:
    old = note(id="x", updated="2026-11-30T10:00:00Z", body="old")
    new = note(id="x", updated="2026-11-30T12:00:00Z", body="new")
    plan = plan_merge([], [new, old])
    assert plan.added == [new] and plan.skipped == [old]
    plan = plan_merge([], [old, new])
    assert plan.added == [new] and plan.skipped == [old]


def test_import_twice_changes_nothing_the_second_time() -> None:
    notes = [note(), note(target=None)]
    first = plan_merge([], notes)
    second = plan_merge(first.added, notes)
    assert len(first.added) == 2 and not second.added and not second.updated
    assert len(second.skipped) == 2


# --- the Markdown export ----------------------------------------------------------------


def test_markdown_export_groups_by_article_and_section() -> None:
    catalog = load_catalog(CONTENT)
    article = next(a for a in catalog.articles if a.is_written)
    text = article_text(article)
    late, early = text.headings[-1], text.headings[1]
    stamp = "2026-11-30T18:02:11Z"

    def on(heading):
        return make_anchor(text, heading.start, heading.start + len(heading.title))

    edited = "2026-12-02T08:00:00Z"
    notes = [
        Note("n1", article.slug, stamp, stamp, "pink", "late note", on(late)),
        Note("n2", article.slug, stamp, edited, "yellow", "", on(early)),
        Note("n3", article.slug, stamp, stamp, None, "whole article", None),
        Note("n4", article.slug, stamp, stamp, "blue", "lost", Anchor("nobody wrote *here*")),
        Note("n5", "gone", stamp, stamp, None, "", Anchor("Orphan heading\n1. first # step")),
    ]
    out = notes_markdown(notes, catalog, exported=EXPORTED)
    assert out.startswith("# Notes\n\n5 notes from Longform Desktop, exported 1 Dec 2026\n")
    assert f"## [{article.title}](longform://article/{article.slug})" in out
    order = [
        out.index("### About the whole article"),
        out.index(f"### [{early.title}](longform://article/{article.slug}#{early.id})"),
        out.index(f"### [{late.title}](longform://article/{article.slug}#{late.id})"),
        out.index("### Passage no longer in the article"),
        out.index("## gone (not in this installation)"),
    ]
    assert order == sorted(order)
    assert f"> {late.title}\n\nlate note\n\n*Pink highlight · 30 Nov 2026* · " in out
    assert f"[Open the passage](longform://article/{article.slug}#{late.id})" in out
    assert "*Yellow highlight · 30 Nov 2026, edited 2 Dec 2026*" in out
    assert "whole article\n\n*Note · 30 Nov 2026* · [Open the article]" in out
    assert "> nobody wrote \\*here\\*" in out
    assert "> Orphan heading\n>\n> 1\\. first # step\n\n*Note · 30 Nov 2026*" in out
    assert out.endswith("---\n")
