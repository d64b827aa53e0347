"""File > Export/Import Notes through the window's actions (the file dialogs answered by
monkeypatch): a JSON export imported into a fresh data dir exports the same bytes, the
Markdown export, and a malformed file refused with nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from longform_desktop.ui.notes.transfer import JSON_FILTER, MARKDOWN_FILTER

from .conftest import OTHER, PILOT, close, committed, make_window, open_article, span_of


def _answer_save(monkeypatch, path: Path, chosen: str) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), chosen))
    )


def _answer_open(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), JSON_FILTER))
    )


def _some_notes(win, qtbot) -> None:
    service = win.services.notes
    open_article(win, qtbot, OTHER)
    page = win.notes.layer.ensure_page()
    service.create(OTHER, target=page.anchor(*span_of(win, "cursor", 600)), color="pink")
    open_article(win, qtbot, PILOT)
    page = win.notes.layer.ensure_page()
    start, end = span_of(win, "Retries come from every layer")
    service.create(PILOT, target=page.anchor(start, end), color="yellow", body="Ünïcode *ok*")
    service.create(PILOT, body="On the whole deep dive")
    committed(win)


def _without_exported(text: str) -> dict:
    document = json.loads(text)
    document.pop("exported")
    return document


def _wait_for(qtbot, path: Path) -> str:
    qtbot.waitUntil(path.exists, timeout=10000)
    return path.read_text("utf-8")


def test_json_export_import_into_a_fresh_data_dir_round_trips(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    _some_notes(window, qtbot)
    first = tmp_path / "all.json"
    _answer_save(monkeypatch, first, JSON_FILTER)
    window.notes.commands.export_all.trigger()
    exported = _wait_for(qtbot, first)
    assert len(json.loads(exported)["notes"]) == 3
    article_only = tmp_path / "pilot"
    _answer_save(monkeypatch, article_only, JSON_FILTER)  # no extension: one is added
    window.notes.commands.export_article.trigger()
    pilot = json.loads(_wait_for(qtbot, tmp_path / "pilot.json"))
    assert {n["article"] for n in pilot["notes"]} == {PILOT} and len(pilot["notes"]) == 2
    close(window)

    monkeypatch.setenv("LONGFORM_DATA_DIR", str(tmp_path / "fresh-data"))
    fresh = make_window(qtbot)
    assert fresh.services.notes.notes() == []
    _answer_open(monkeypatch, first)
    fresh.notes.commands.import_notes.trigger()
    qtbot.waitUntil(lambda: len(fresh.services.notes.notes()) == 3, timeout=10000)
    qtbot.waitUntil(lambda: fresh.notes.transfer.last_message is not None)
    box = fresh.notes.transfer.last_message
    assert "3 added, 0 updated, 0 skipped" in box.text()
    assert box.icon() == QMessageBox.Icon.Information
    card = fresh.catalog_view.card(PILOT)
    qtbot.waitUntil(lambda: card.notes_text == "✎ 2 notes")
    again = tmp_path / "again.json"
    _answer_save(monkeypatch, again, JSON_FILTER)
    fresh.notes.commands.export_all.trigger()
    assert _without_exported(_wait_for(qtbot, again)) == _without_exported(exported)
    assert _wait_for(qtbot, again).splitlines()[4:] == exported.splitlines()[4:]  # bytes

    _answer_open(monkeypatch, first)  # the same file twice: nothing new, no duplicate
    fresh.notes.commands.import_notes.trigger()
    qtbot.waitUntil(
        lambda: "0 added, 0 updated, 3 skipped" in fresh.notes.transfer.last_message.text()
    )
    assert len(committed(fresh).all()) == 3
    close(fresh)


def test_markdown_export_of_the_open_article(window, qtbot, tmp_path, monkeypatch) -> None:
    _some_notes(window, qtbot)
    target = tmp_path / "pilot.md"
    _answer_save(monkeypatch, target, MARKDOWN_FILTER)
    window.notes.commands.export_article.trigger()
    text = _wait_for(qtbot, target)
    assert text.startswith("# Notes") and "Ünïcode *ok*" in text
    assert "> Retries come from every layer" in text and "About the whole article" in text
    assert OTHER not in text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"not json at all", "not valid JSON"),
        (b'{"format": "something-else", "version": 1, "notes": []}', "its format is"),
        (b'{"format": "longform-notes", "version": 9, "notes": []}', "newer than this app"),
        (
            b'{"format": "longform-notes", "version": 1, "notes": ['
            b'{"id": "ok-1", "article": "x", "target": null},'
            b'{"id": "bad-2", "article": "x", "target": {"prefix": "no quote"}}]}',
            "has no 'exact' quote",
        ),
    ],
)
def test_a_malformed_file_is_refused_and_nothing_changes(
    window, qtbot, tmp_path, monkeypatch, content, reason
) -> None:
    _some_notes(window, qtbot)
    before = committed(window).all()
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    _answer_open(monkeypatch, bad)
    window.notes.commands.import_notes.trigger()
    qtbot.waitUntil(lambda: window.notes.transfer.last_message is not None, timeout=10000)
    box = window.notes.transfer.last_message
    assert box.icon() == QMessageBox.Icon.Warning and box.windowTitle() == "Notes not imported"
    assert reason in box.text() and "Nothing was changed." in box.text()
    assert committed(window).all() == before
