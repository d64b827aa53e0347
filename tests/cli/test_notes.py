"""``longform notes export|import|list`` end to end, against private data dirs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from longform_desktop import paths
from longform_desktop.cli import main
from longform_desktop.core.anchors import make_anchor
from longform_desktop.core.article_text import article_text
from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.notes import Note
from longform_desktop.storage.db import open_database
from longform_desktop.storage.notes import NotesRepository

from ..core.test_anchors import pick
from ..core.test_notes import CONTRACT_EXAMPLE

T0 = "2026-11-30T18:02:11Z"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["notes", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def stored() -> list[Note]:
    conn = open_database(paths.database_path())
    try:
        return NotesRepository(conn).all()
    finally:
        conn.close()


def without_exported(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith('  "exported": ')]


def test_import_prints_what_it_did(tmp_path: Path, capsys) -> None:
    source = tmp_path / "notes.json"
    source.write_text(CONTRACT_EXAMPLE, encoding="utf-8")
    code, out, _ = run(capsys, "import", str(source))
    assert code == 0
    assert out.splitlines()[0] == f"Imported {source}: 2 added, 0 updated, 0 skipped"
    assert "added   5f0c8f8e-0d4e-4d43-9b7e-2f5b9a5a6c10" in out
    code, out, _ = run(capsys, "import", str(source), "--json")
    assert json.loads(out) == {
        "added": [],
        "updated": [],
        "skipped": ["5f0c8f8e-0d4e-4d43-9b7e-2f5b9a5a6c10", "c1d2"],
    }
    assert len(stored()) == 2


def test_export_fresh_data_dir_import_export_is_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    source = tmp_path / "notes.json"
    source.write_text(CONTRACT_EXAMPLE, encoding="utf-8")
    assert run(capsys, "import", str(source))[0] == 0
    first = tmp_path / "first.json"
    code, out, _ = run(capsys, "export", "--format", "json", "--output", str(first))
    assert code == 0 and out == f"Exported 2 notes to {first}\n"

    monkeypatch.setenv("LONGFORM_DATA_DIR", str(tmp_path / "fresh-data"))
    assert stored() == []
    assert run(capsys, "import", str(first))[0] == 0
    code, second, _ = run(capsys, "export", "--format", "json")  # to stdout
    assert code == 0
    original = first.read_text(encoding="utf-8")
    assert without_exported(second) == without_exported(original)
    stamps = json.loads(second)["exported"], json.loads(original)["exported"]
    assert second.replace(*stamps, 1).encode("utf-8") == first.read_bytes()


@pytest.mark.parametrize(
    "text",
    [
        "this is not json",
        '{"version": 1, "notes": []}',
        '{"format": "longform-notes", "version": 9, "notes": []}',
        '{"format": "longform-notes", "version": 1, "notes": [{"article": "a"}]}',
        '{"format": "longform-notes", "version": 1, "notes": [{"id": "x"}]}',
        '{"format": "longform-notes", "version": 1, "notes": ['
        '{"id": "ok", "article": "a", "created": "2026-11-30T18:02:11Z"},'
        '{"id": "y", "article": "a", "target": {"prefix": "no exact"}}]}',
    ],
)
def test_malformed_import_is_refused_with_nothing_changed(tmp_path: Path, capsys, text) -> None:
    good = tmp_path / "good.json"
    good.write_text(CONTRACT_EXAMPLE, encoding="utf-8")
    run(capsys, "import", str(good))
    before = stored()
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "import", str(bad))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and str(bad) in err
    assert "nothing was imported" in err
    assert stored() == before


def test_unreadable_files_are_refused(tmp_path: Path, capsys) -> None:
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"body": "caf\xe9"}'.encode("latin-1"))
    for path in (latin, tmp_path / "missing.json"):
        code, _, err = run(capsys, "import", str(path))
        assert code == 2 and len(err.strip().splitlines()) == 1
    assert stored() == []


def _replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_list_reports_statuses_against_edited_content(content_copy: Path, capsys) -> None:
    catalog = load_catalog(content_copy)
    first, second, third = [a for a in catalog.articles if a.is_written][:3]
    notes = []
    for number, article in enumerate((first, second, third)):
        text = article_text(article)
        _, block, sentence = pick(article, text)
        start = text.text.index(sentence)
        anchor = make_anchor(text, start, start + len(sentence))
        notes.append(Note(f"n{number}", article.slug, T0, T0, "yellow", "", anchor))
        if number == 0:  # a word corrected inside the quote
            words = sentence.split(" ")
            words[len(words) // 2] = "corrected"
            _replace_in(article.path, sentence, " ".join(words))
        elif number == 1:  # the paragraph deleted
            _replace_in(article.path, block + "\n\n", "")
        else:  # text inserted before the passage: the position hint is stale
            _replace_in(article.path, block, "A sentence the author added. " + block)
    notes.append(Note("whole", first.slug, T0, T0, None, "about it all", None))
    notes.append(Note("elsewhere", "not-installed", T0, T0, "pink", "", notes[0].target))
    conn = open_database(paths.database_path())
    for note in notes:
        NotesRepository(conn).save(note)
    conn.close()

    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    listed = {entry["id"]: entry for entry in json.loads(out)["notes"]}
    assert {k: v["status"] for k, v in listed.items()} == {
        "n0": "moved",
        "n1": "detached",
        "n2": "anchored",
        "whole": "anchored",
        "elsewhere": "detached",
    }
    assert listed["n0"]["section"] == notes[0].target.section
    assert listed["n2"]["section"] == notes[2].target.section and listed["n2"]["step"] == 2
    assert listed["n2"]["start"] == notes[2].target.start + len("A sentence the author added. ")
    assert listed["n1"]["section"] is None and listed["n1"]["start"] is None
    assert listed["n1"]["target"]["exact"] == notes[1].target.exact  # kept, never lost
    assert listed["whole"]["target"] is None and listed["elsewhere"]["article_title"] is None
    assert set(listed["n0"]) == {
        "id", "article", "article_title", "status", "section", "section_title", "start",
        "end", "step", "color", "created", "updated", "body", "target",
    }  # fmt: skip

    code, out, _ = run(capsys, "list", "--article", second.slug)
    assert code == 0 and "detached" in out and "n1" in out and "n0" not in out
    code, _, err = run(capsys, "list", "--article", "no-such-article")
    assert code == 2 and "no-such-article" in err


def test_markdown_export_of_one_article(tmp_path: Path, capsys) -> None:
    source = tmp_path / "notes.json"
    source.write_text(CONTRACT_EXAMPLE, encoding="utf-8")
    run(capsys, "import", str(source))
    code, out, _ = run(
        capsys, "export", "--format", "md", "--article", "pagination-that-survives-real-data"
    )
    assert code == 0
    assert out.startswith("# Notes\n\n1 note from Longform Desktop, exported ")
    assert "(longform://article/pagination-that-survives-real-data)" in out
    assert "An article-level note: no target" in out and "quoted passage" not in out
    code, out, _ = run(capsys, "export", "--format", "md")
    assert "### Passage no longer in the article\n\n> the quoted passage" in out


def test_other_commands_do_not_load_the_notes_machinery() -> None:
    import subprocess
    import sys

    probe = (
        "import sys, longform_desktop.cli; "
        "print(any(m in sys.modules for m in ('longform_desktop.core.anchors', "
        "'longform_desktop.storage.notes', 'longform_desktop.core.notes')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "False"
