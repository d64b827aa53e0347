"""Thousands of notes (issue 16): 5,000 on one deep dive and 5,000 more across 50, made
by importing a notes file through NotesService (one transaction), then listed, counted,
exported, imported again (every one skipped, nothing duplicated), edited one at a time,
turned into search documents and re-read after a reopen. Timings are figures, never
asserted; correctness (counts, ids, bodies) is."""

from __future__ import annotations

import json
import time
from pathlib import Path

from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.notes import FORMAT, VERSION, parse_notes_file
from longform_desktop.services.events import AppEvents
from longform_desktop.services.notes_service import NotesService
from longform_desktop.storage.db import open_database
from longform_desktop.storage.notes import NotesRepository
from tests.conftest import CONTENT
from tests.hardening.report import tally
from tests.services.fakes import SyncRunner, SyncWriter

PILOT = "idempotency-and-exactly-once"
ON_ONE, ACROSS, ARTICLES = 5000, 5000, 50
T = "2026-11-30T18:02:11Z"


def _file(path: Path) -> None:
    notes = []
    for i in range(ON_ONE + ACROSS):
        article = PILOT if i < ON_ONE else f"article-{i % ARTICLES}"
        notes.append(
            {
                "id": f"00000000-0000-4000-8000-{i:012d}",
                "article": article,
                "created": T,
                "updated": T,
                "color": ("yellow", "green", "blue", "pink")[i % 4],
                "body": f"note {i}: retries, idempotency keys and **ledger** entry {i}",
                "target": {
                    "section": "s",
                    "exact": f"passage {i}",
                    "prefix": "before ",
                    "suffix": " after",
                    "start": i * 10,
                    "end": i * 10 + 9,
                },
            }
        )
    doc = {"format": FORMAT, "version": VERSION, "exported": T, "notes": notes}
    path.write_text(json.dumps(doc), encoding="utf-8")


def _ms(start: float) -> int:
    return round((time.monotonic() - start) * 1000)


def test_ten_thousand_notes_stay_workable(tmp_path: Path) -> None:
    source = tmp_path / "many.longform-notes.json"
    _file(source)
    db = open_database(tmp_path / "db.sqlite3")
    events = AppEvents()
    service = NotesService(db, SyncWriter(db), SyncRunner(), events, load_catalog(CONTENT))
    results, errors = [], []
    figures: dict[str, int] = {}
    failures = 0

    started = time.monotonic()
    service.import_file(source, results.append, errors.append)
    figures["max_import_ms"] = _ms(started)
    assert errors == [] and results[0].added == ON_ONE + ACROSS

    started = time.monotonic()
    on_pilot = service.notes(PILOT)
    figures["max_list_article_ms"] = _ms(started)
    started = time.monotonic()
    everything = service.notes()
    counts = service.counts()
    figures["max_list_all_ms"] = _ms(started)
    failures += len(on_pilot) != ON_ONE or len(everything) != ON_ONE + ACROSS
    failures += counts[PILOT] != ON_ONE or len(counts) != ARTICLES + 1

    exported = tmp_path / "out.json"
    done: list[Path] = []
    started = time.monotonic()
    service.export(everything, exported, "json", done.append, errors.append)
    figures["max_export_ms"] = _ms(started)
    back = parse_notes_file(exported.read_text(encoding="utf-8"))
    failures += [n.id for n in back] != [n.id for n in everything]
    started = time.monotonic()
    service.export(on_pilot, tmp_path / "out.md", "md", done.append, errors.append)
    figures["max_export_markdown_ms"] = _ms(started)

    started = time.monotonic()
    service.import_file(exported, results.append, errors.append)
    figures["max_reimport_ms"] = _ms(started)
    again = results[-1]
    failures += again.added != 0 or again.updated != 0 or again.skipped != ON_ONE + ACROSS

    edit_ms = 0
    for note in on_pilot[:: ON_ONE // 20]:  # 20 edits, each one transaction
        started = time.monotonic()
        service.save_body(note.id, note.body + " (edited)")
        service.notes(PILOT)  # the panel reloads after each
        edit_ms = max(edit_ms, _ms(started))
    figures["max_edit_and_relist_ms"] = edit_ms

    started = time.monotonic()
    sources = service.all_sources()
    figures["max_search_documents_ms"] = _ms(started)
    failures += len(sources) != ON_ONE + ACROSS
    assert errors == []
    db.close()

    db = open_database(tmp_path / "db.sqlite3")
    started = time.monotonic()
    stored = NotesRepository(db).all(PILOT)
    figures["max_reopen_list_ms"] = _ms(started)
    failures += len(stored) != ON_ONE or sum(n.body.endswith("(edited)") for n in stored) != 20
    db.close()

    tally(
        "writes", "5,000 notes on one article, 10,000 in all", tried=1, failures=failures, **figures
    )
    assert failures == 0, figures
