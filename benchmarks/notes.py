"""Figures for highlights and notes in the app (prints one JSON object; not a test).

- ``save``: a keystroke in the real note editor to the committed row (the autosave's
  300 ms pause left out: the save is handed on at once), measured until the service
  says the writer committed it; and the GUI thread's share of it (the key event and
  handing the text on). Target: p95 <= 5 ms, off the GUI thread. Also a few saves with
  the real pause, keystroke to commit.
- ``open_longest``: opening the longest deep dive in the real window with 200 notes vs
  with none, until its highlights are painted (target <= 150 ms more), with the Notes
  panel closed and open.
- ``highlight_method``: 200 highlights as extra selections (what the app does) vs as
  character formats merged into the document: applying them, painting the view, and
  taking them away again (zoom, theme and find re-render the page).
- ``search``: search p95 over the bundled deep dives plus 2,000 notes (target <= 16 ms),
  with the note documents the search package builds; and one note's incremental index
  update.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/notes.py [--runs 5] [--saves 200]

Nothing touches the real home directory: data, cache and config go to a temporary
directory deleted at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LONGFORM_CONTENT_DIR", str(ROOT / "content"))
TEMP = Path(tempfile.mkdtemp(prefix="longform-bench-notes-"))
for _name in ("DATA", "CACHE", "CONFIG"):
    os.environ[f"LONGFORM_{_name}_DIR"] = str(TEMP / _name.lower())

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QTextCharFormat, QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def summary(values: list[float]) -> dict:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(values),
        "p50": round(statistics.median(ordered), 3),
        "p95": round(p95, 3),
        "max": round(ordered[-1], 3),
    }


def wait_for(condition, timeout: float = 30.0) -> None:
    """Run the event loop until ``condition()``. The loop sleeps in Qt between events
    (the GIL released, as in the app): a Python busy-wait here would keep the writer
    thread from the GIL for up to the 5 ms switch interval and measure that instead."""
    deadline = time.perf_counter() + timeout
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(1)
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("condition not met")
        poll.start()
        loop.exec()
    poll.stop()


def wait_signal(signal, timeout_ms: int = 30000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def build(data: str):
    from longform_desktop.app import build_window

    os.environ["LONGFORM_DATA_DIR"] = str(TEMP / data)
    window = build_window(QApplication.instance())
    window.resize(1400, 900)
    window.show()
    QTest.qWait(50)
    return window


def longest(catalog):
    written = [a for a in catalog.articles if a.is_written]
    return max(written, key=lambda a: a.word_count)


def select(window, start: int, end: int) -> None:
    browser = window.article_view.browser
    cursor = QTextCursor(browser.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)


# --- save latency ------------------------------------------------------------------------
def bench_save(window, saves: int, paused: int) -> dict:
    slug = "idempotency-and-exactly-once"
    window.open_article(slug)
    wait_for(lambda: window.notes.layer.placement is not None)
    text = window.article_view.browser.toPlainText()
    start = text.index("Retries come from every layer")
    select(window, start, start + 29)
    note = window.notes.highlight_with_note()
    editor = window.notes.panel.editor(note.id)
    service = window.services.notes
    committed: list[float] = []
    service.saved.connect(lambda note_id: committed.append(time.perf_counter()))
    total, gui = [], []
    letters = "the quick brown fox jumps over the lazy dog "
    for i in range(saves):
        QTest.qWait(2)  # let the previous save's announcement settle
        t0 = time.perf_counter()
        QTest.keyClick(editor, letters[i % len(letters)])
        editor.save_now()  # what the 300 ms timer does once typing pauses
        gui.append(ms(time.perf_counter() - t0))
        wait_signal(service.saved)
        total.append(ms(committed[-1] - t0))
    with_pause = []
    for i in range(paused):
        QTest.qWait(2)
        t0 = time.perf_counter()
        QTest.keyClick(editor, letters[i % len(letters)])
        wait_signal(service.saved)
        with_pause.append(ms(committed[-1] - t0))
    editor.save_now()
    window.services.writer.flush()
    return {
        "keystroke_to_commit_ms": summary(total),
        "gui_thread_ms": summary(gui),
        "target_p95_ms": 5,
        "with_the_300ms_pause_keystroke_to_commit_ms": summary(with_pause),
        "note_body_chars_at_end": len(editor.toPlainText()),
    }


# --- opening the longest article ------------------------------------------------------------
def make_notes(article, count: int, seed: int) -> list:
    from longform_desktop.core.anchors import make_anchor
    from longform_desktop.core.article_text import article_text
    from longform_desktop.core.notes import COLORS, new_note

    rng = random.Random(seed)
    text = article_text(article)
    notes = []
    while len(notes) < count:
        start = rng.randrange(0, len(text.text) - 400)
        end = start + rng.choice((12, 25, 40, 80, 150))
        if not text.text[start:end].strip():
            continue
        body = "A note with *some* Markdown: why this matters." if rng.random() < 0.3 else ""
        anchor = make_anchor(text, start, end)
        notes.append(new_note(article.slug, target=anchor, color=rng.choice(COLORS), body=body))
    return notes


def time_open(window, slug: str) -> tuple[float, float]:
    window.show_catalog()
    QTest.qWait(30)
    t0 = time.perf_counter()
    window.open_article(slug)
    shown = time.perf_counter()
    wait_for(lambda: window.notes.layer.placement is not None)
    QApplication.processEvents()  # the panel's layout, the paint
    window.repaint()
    return ms(shown - t0), ms(time.perf_counter() - t0)


def bench_open(runs: int, count: int) -> dict:
    from longform_desktop.storage.db import open_database
    from longform_desktop.storage.notes import NotesRepository

    empty = build("open-none")
    article = longest(empty.catalog)
    os.environ["LONGFORM_DATA_DIR"] = str(TEMP / "open-200")
    db = open_database(TEMP / "open-200" / "longform.sqlite3")
    NotesRepository(db).import_notes(make_notes(article, count, seed=7))
    db.close()
    full = build("open-200")
    out: dict = {"article": article.slug, "words": article.word_count, "notes": count}
    for panel in (False, True):
        for window in (empty, full):
            window.notes.set_panel_open(panel)
            time_open(window, article.slug)  # warm: the render cache, first layouts
        rows = {"none": [], "with_notes": []}
        for _ in range(runs):
            for key, window in (("none", empty), ("with_notes", full)):
                rows[key].append(time_open(window, article.slug))
        part = {}
        for key, values in rows.items():
            part[f"{key}_page_shown_ms"] = round(statistics.median(v[0] for v in values), 1)
            part[f"{key}_highlights_painted_ms"] = round(statistics.median(v[1] for v in values), 1)
        part["extra_ms"] = round(
            part["with_notes_highlights_painted_ms"] - part["none_highlights_painted_ms"], 1
        )
        part["highlights_on_page"] = full.article_view.browser.layers.count("notes")
        out["panel_open" if panel else "panel_closed"] = part
    out["target_extra_ms"] = 150
    for window in (empty, full):
        window.close()
        window.services.shut_down()
    return out


# --- extra selections vs character formats -----------------------------------------------------
def bench_highlight_method(runs: int, count: int) -> dict:
    from longform_desktop.core.catalog import load_catalog
    from longform_desktop.services.note_places import PageAnchors
    from longform_desktop.ui.notes import palette
    from longform_desktop.ui.reader.article_view import ArticleView
    from longform_desktop.ui.reader.highlights import NOTES, background, selection
    from longform_desktop.ui.theme import LIGHT

    catalog = load_catalog(ROOT / "content")
    article = longest(catalog)
    view = ArticleView()
    view.resize(1100, 900)
    view.show()
    view.show_article(article)
    browser = view.browser
    page = PageAnchors(article.slug, view.rendered.html, browser.toPlainText())
    placed = [p for p in page.place(make_notes(article, count, seed=7)).placed if p.on_page]
    formats = {c: background(palette.page_color(c, LIGHT)) for c in palette.COLORS}

    def paint_pages() -> float:
        bar = browser.verticalScrollBar()
        t0 = time.perf_counter()
        for fraction in (0.1, 0.4, 0.7):
            bar.setValue(int(bar.maximum() * fraction))
            browser.viewport().grab()
        return ms((time.perf_counter() - t0) / 3)

    def extra() -> None:
        doc = browser.document()
        selections = []
        for p in placed:
            cursor = QTextCursor(doc)
            cursor.setPosition(p.start)
            cursor.setPosition(p.end, QTextCursor.MoveMode.KeepAnchor)
            selections.append(selection(cursor, formats[p.note.color]))
        browser.layers.set(NOTES, selections)

    def char_formats() -> None:
        doc = browser.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        for p in placed:
            cursor.setPosition(p.start)
            cursor.setPosition(p.end, QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(formats[p.note.color].background())
            cursor.mergeCharFormat(fmt)
        cursor.endEditBlock()

    rows: dict[str, dict[str, list[float]]] = {
        "extra_selections": {"apply": [], "paint": [], "remove": []},
        "char_formats": {"apply": [], "paint": [], "remove": []},
        "none": {"paint": []},
    }
    for _ in range(runs):
        rows["none"]["paint"].append(paint_pages())
        t0 = time.perf_counter()
        extra()
        rows["extra_selections"]["apply"].append(ms(time.perf_counter() - t0))
        rows["extra_selections"]["paint"].append(paint_pages())
        t0 = time.perf_counter()
        browser.layers.clear(NOTES)
        rows["extra_selections"]["remove"].append(ms(time.perf_counter() - t0))
        t0 = time.perf_counter()
        char_formats()
        browser.document().size()  # the re-layout merging formats asks for
        rows["char_formats"]["apply"].append(ms(time.perf_counter() - t0))
        rows["char_formats"]["paint"].append(paint_pages())
        t0 = time.perf_counter()
        view.restyle()  # taking formats away again means rebuilding the page
        rows["char_formats"]["remove"].append(ms(time.perf_counter() - t0))
    view.close()
    return {
        "highlights": len(placed),
        **{
            method: {f"{k}_ms_median": round(statistics.median(v), 2) for k, v in parts.items()}
            for method, parts in rows.items()
        },
    }


# --- search with 2,000 notes ---------------------------------------------------------------
def bench_search(passes: int, count: int) -> dict:
    from longform_desktop.core.anchors import make_anchor
    from longform_desktop.core.article_text import article_text
    from longform_desktop.core.catalog import load_catalog
    from longform_desktop.core.notes import COLORS
    from longform_desktop.core.search import (
        catalog_sources,
        note_source,
        search,
        sync_and_open,
        update_sources,
    )
    from queries import BUNDLED_QUERIES

    catalog = load_catalog(ROOT / "content")
    written = [a for a in catalog.articles if a.is_written]
    texts = {a.slug: article_text(a) for a in written}
    words = (ROOT / "benchmarks" / "english_words.txt").read_text().split()[:3000]
    rng = random.Random(5)
    sources = []
    while len(sources) < count:
        i = len(sources)
        article = rng.choice(written)
        text = texts[article.slug]
        start = rng.randrange(0, len(text.text) - 200)
        end = start + rng.choice((20, 60, 120))
        if not text.text[start:end].strip():
            continue
        anchor = make_anchor(text, start, end)
        body = " ".join(rng.choice(words) for _ in range(rng.randrange(0, 40)))
        sources.append(
            note_source(
                f"bench-{i}",
                article.slug,
                article.title,
                anchor.section,
                anchor.exact,
                body,
                rng.choice(COLORS),
                "2026-11-30T10:00:00Z",
            )
        )
    index_dir = TEMP / "search-index"
    t0 = time.perf_counter()
    _, ix = sync_and_open(index_dir, [*catalog_sources(catalog), *sources])
    build_s = time.perf_counter() - t0
    queries = [
        *BUNDLED_QUERIES,
        "kind:note retries",
        "kind:note idempotency key",
        "kind:article ledger",
        "cursor kind:note",
    ]
    times, note_hits = [], 0
    with ix.searcher() as searcher:
        for q in queries:  # warm-up pass
            search(searcher, q, limit=20)
        for _ in range(passes):
            for q in queries:
                t0 = time.perf_counter()
                results = search(searcher, q, limit=20)
                times.append(ms(time.perf_counter() - t0))
                note_hits += sum(1 for h in results.hits if h.kind == "note")
    update = []
    for i in range(10):
        changed = note_source(
            "bench-1",
            written[0].slug,
            written[0].title,
            "",
            "a quote",
            f"edited body {i}",
            "yellow",
            "2026-12-01T10:00:00Z",
        )
        t0 = time.perf_counter()
        update_sources(ix, [changed])
        update.append(ms(time.perf_counter() - t0))
    return {
        "notes_indexed": count,
        "documents": ix.doc_count(),
        "index_build_s": round(build_s, 2),
        "queries": len(queries),
        "passes": passes,
        "search_ms": summary(times),
        "target_p95_ms": 16,
        "note_hits_per_pass": note_hits // passes,
        "one_note_incremental_update_ms": summary(update),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--paused-saves", type=int, default=10)
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--search-notes", type=int, default=2000)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--skip-search", action="store_true")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(["bench-notes"])
    try:
        out: dict = {"load_average": os.getloadavg() if hasattr(os, "getloadavg") else None}
        window = build("save")
        out["save"] = bench_save(window, args.saves, args.paused_saves)
        window.close()
        window.services.shut_down()
        out["open_longest"] = bench_open(args.runs, args.notes)
        out["highlight_method"] = bench_highlight_method(args.runs, args.notes)
        if not args.skip_search:
            out["search"] = bench_search(args.passes, args.search_notes)
        print(json.dumps(out, indent=2))
    finally:
        QTimer.singleShot(0, app.quit)
        shutil.rmtree(TEMP, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
