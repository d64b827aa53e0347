"""``longform search`` from the terminal: what --limit limits, corrections in the JSON,
every script in a user's content folder, notes and drawings the index holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from longform_desktop import paths
from longform_desktop.cli import main
from longform_desktop.core.search import drawing_source, note_source, open_index, update_sources
from longform_desktop.core.search.query import MAX_QUERY_CHARS, MAX_QUERY_WORDS

from ..core.search.scripts import SENTENCES

TXN = "transactions-isolation-and-the-bugs-they-prevent"
IDEMPOTENCY = "idempotency-and-exactly-once"


def _json(capsys, *argv: str) -> dict:
    assert main(["search", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_limit_counts_hits(capsys) -> None:
    for n in (1, 2, 5):
        payload = _json(capsys, "keyset pagination", "--limit", str(n))
        assert len(payload["hits"]) == n
    assert payload["hits"][0]["article"]["slug"] == "pagination-that-survives-real-data"
    assert set(payload) == {"query", "note", "suggestion", "corrected", "relaxed", "hits"}
    assert payload["corrected"] is None and payload["suggestion"] is None
    assert payload["note"] is None


def test_limit_in_plain_output(capsys) -> None:
    assert main(["search", "vacuum", "--limit", "2"]) == 0
    rows = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("  ") and "#" in ln]
    assert len(rows) == 2


def test_a_limit_below_one_is_refused(capsys) -> None:
    assert main(["search", "vacuum", "--limit", "0"]) == 2
    assert "--limit" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("typed", "corrected", "slug"),
    [
        ("deadlok", "deadlock", TXN),
        ("postgress vacum", "postgres vacuum", "how-postgres-stores-and-finds-your-data"),
    ],
)
def test_corrected_results_say_so(capsys, typed: str, corrected: str, slug: str) -> None:
    payload = _json(capsys, typed)
    assert payload["corrected"]["from"] == typed and payload["corrected"]["to"] == corrected
    assert payload["hits"][0]["article"]["slug"] == slug
    instead = payload["corrected"]["search_instead"]
    assert _json(capsys, instead)["corrected"] is None  # searched as typed
    assert main(["search", typed]) == 0
    assert f"Showing results for {corrected}" in capsys.readouterr().out


def test_a_question_finds_its_subject(capsys) -> None:
    payload = _json(capsys, "why does my offset query get slower on later pages")
    assert payload["hits"][0]["article"]["slug"] == "pagination-that-survives-real-data"


ARTICLE = """---
title: Failures Told in Many Scripts
slug: many-scripts
section: apis-in-depth
topic: API Design
difficulty: easy
summary: The same failure, in the scripts the deep dives' readers write in.
order: 99
---

Sentences a reader might keep in their own content folder.

"""


def test_every_script_through_a_user_content_folder(content_copy: Path, capsys) -> None:
    body = "".join(f"## {script}\n\n{sentence}\n\n" for script, sentence, _, _ in SENTENCES)
    (content_copy / "apis-in-depth" / "many-scripts.md").write_text(ARTICLE + body)
    for script, _, word, _ in SENTENCES:
        payload = _json(capsys, word)
        top = payload["hits"][0]
        assert top["article"]["slug"] == "many-scripts", script
        assert top["section"]["heading"] == script
        assert f"[{word}]" in top["snippet"]


def test_notes_and_drawings_in_the_index_are_found(capsys) -> None:
    _json(capsys, "vacuum")  # builds the index
    ix = open_index(paths.index_dir())
    update_sources(
        ix,
        [
            note_source("n1", TXN, "Transactions", "deadlocks", "lock order", "zugzwang", "", "t"),
            drawing_source("d1", TXN, "Transactions", "wait-for", "Wait-for graph", ["zugzwang"]),
        ],
    )
    payload = _json(capsys, "zugzwang")
    assert {(h["kind"], h["id"]) for h in payload["hits"]} == {("note", "n1"), ("drawing", "d1")}
    note = next(h for h in payload["hits"] if h["kind"] == "note")
    assert note["note"]["quote"] == "lock order" and note["section"]["id"] == "deadlocks"
    # Re-syncing the articles (every search does) keeps them.
    assert len(_json(capsys, "kind:note zugzwang")["hits"]) == 1
    assert main(["reindex", "--json"]) == 0
    capsys.readouterr()
    assert len(_json(capsys, "zugzwang")["hits"]) == 2


# --- issue 16: source:user / source:bundled -------------------------------------------------


@pytest.fixture
def user_folder(tmp_path: Path, monkeypatch) -> Path:
    from ..user_library_files import make_library

    root = tmp_path / "my-folder"
    make_library(root)
    # A user file placed in a bundled section is still the user's.
    (root / "apis").mkdir()
    (root / "apis" / "retries.md").write_text(
        "---\ntitle: My retry idempotency rules\nsection: apis-in-depth\n---\n"
        "# My retry idempotency rules\n\nEvery retry carries its idempotency key.\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("LONGFORM_USER_CONTENT_DIR", str(root))
    return root


def _slugs(capsys, *argv: str) -> list[str]:
    return [h["article"]["slug"] for h in _json(capsys, *argv, "--limit", "50")["hits"]]


def test_source_user_keeps_the_users_deep_dives(user_folder: Path, capsys) -> None:
    everything = set(_slugs(capsys, "idempotency"))
    assert {"my-idempotency-and-exactly-once", "apis-retries", IDEMPOTENCY} <= everything
    mine = set(_slugs(capsys, "idempotency source:user"))
    assert mine == {"my-idempotency-and-exactly-once", "apis-retries"}
    bundled = set(_slugs(capsys, "idempotency source:bundled"))
    assert IDEMPOTENCY in bundled and not bundled & mine
    assert bundled | mine == everything
    kafka = _slugs(capsys, "kafka partitions source:user")
    assert kafka[0] == "kafka" and IDEMPOTENCY not in kafka


def test_source_filter_alone_and_with_other_filters(user_folder: Path, capsys) -> None:
    assert "databases-postgres-vacuum" in _slugs(capsys, "source:user")
    assert set(_slugs(capsys, "vacuum source:user difficulty:hard")) == {
        "databases-postgres-vacuum"
    }
    assert _slugs(capsys, "idempotency source:nowhere") == []
    assert "databases-postgres-vacuum" in _slugs(capsys, "vacuum source:USER")
    # Schema 7 kept the origin as a word in the section field, which section: matched.
    assert _slugs(capsys, "section:lf_source_user") == []
    # Searched as typed, the filter is echoed as typed (never as the schema 7 marker).
    payload = _json(capsys, "idempotncy source:user")
    assert "lf_source" not in json.dumps(payload)


# --- issue 17: what is typed never breaks the output ---------------------------------------


@pytest.mark.parametrize(
    "typed",
    ['difficulty:"hard medium', "tuple\udcff*", "heading_id:[TO]", "dead\udcfflok vacum"],
)
def test_hostile_queries_print_valid_utf8(capsysbinary, typed: str) -> None:
    assert main(["search", typed, "--json"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")  # strict: raises on a surrogate
    payload = json.loads(out)
    assert "\udcff" not in payload["query"]
    if "\udcff" in typed:
        assert "\ufffd" in payload["query"]
    assert main(["search", typed]) == 0
    capsysbinary.readouterr().out.decode("utf-8")


def test_a_long_query_is_cut_with_a_note(capsys) -> None:
    payload = _json(capsys, "vacuum " * 5000)
    assert payload["note"] == (
        f"The query was shortened to its first {MAX_QUERY_CHARS} characters"
        f" and its first {MAX_QUERY_WORDS} words."
    )
    assert len(payload["query"]) <= MAX_QUERY_CHARS and payload["hits"]
    assert main(["search", "vacuum " * 5000]) == 0
    assert capsys.readouterr().out.startswith("The query was shortened")
