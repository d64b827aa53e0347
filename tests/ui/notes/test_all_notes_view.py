"""The All notes window (Ctrl+Alt+N): filters, sorting, opening a note in the reader,
exporting the selection; and the catalog cards counting notes."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from longform_desktop.ui.notes.all_notes_view import ROLE_ID
from longform_desktop.ui.notes.transfer import JSON_FILTER

from .conftest import OTHER, PILOT, committed, open_article, span_of


def _notes(win, qtbot) -> dict[str, str]:
    service, ids = win.services.notes, {}
    open_article(win, qtbot, OTHER)
    page = win.notes.layer.ensure_page()
    ids["other"] = service.create(
        OTHER, target=page.anchor(*span_of(win, "cursor", 600)), color="pink", body="keyset!"
    ).id
    open_article(win, qtbot, PILOT)
    page = win.notes.layer.ensure_page()
    for key, phrase, color in (
        ("late", "A retention of 24 hours is common", "green"),
        ("early", "Retries come from every layer", "yellow"),
    ):
        ids[key] = service.create(PILOT, target=page.anchor(*span_of(win, phrase)), color=color).id
    ids["whole"] = service.create(PILOT, body="the whole thing, about retries").id
    committed(win)
    return ids


def test_filter_sort_open_and_export(window, qtbot, tmp_path, monkeypatch) -> None:
    ids = _notes(window, qtbot)
    window.show_catalog()
    qtbot.keyClick(
        window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    view = window.notes.all_notes
    assert view is not None and view.isVisible()
    assert view.count.text() == "4 of 4 notes"
    view.sort.setCurrentText("Article order")  # catalog order, then place in the article
    order = [ids[k] for k in ("whole", "early", "late")]
    pilot_first = window.catalog.articles.index(window.catalog.article(PILOT)) < (
        window.catalog.articles.index(window.catalog.article(OTHER))
    )
    expected = [*order, ids["other"]] if pilot_first else [ids["other"], *order]
    assert view.shown_ids() == expected

    view.article_filter.setCurrentIndex(view.article_filter.findData(PILOT))
    assert set(view.shown_ids()) == {ids["whole"], ids["early"], ids["late"]}
    view.color_filter.setCurrentIndex(view.color_filter.findData("green"))
    assert view.shown_ids() == [ids["late"]]
    view.color_filter.setCurrentIndex(0)
    qtbot.keyClicks(view.text_filter, "RETRIES")  # the quote or the note, any case
    assert set(view.shown_ids()) == {ids["whole"], ids["early"]}
    view.text_filter.clear()
    view.article_filter.setCurrentIndex(0)
    stamps = {n.id: (n.updated, n.created, n.id) for n in window.services.notes.notes()}
    view.sort.setCurrentText("Oldest first")
    assert view.shown_ids() == sorted(stamps, key=stamps.get)
    view.sort.setCurrentText("Newest first")
    assert view.shown_ids() == sorted(stamps, key=stamps.get, reverse=True)

    # Export the selected rows only.
    target = tmp_path / "chosen.json"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), JSON_FILTER))
    )
    view.tree.clearSelection()
    for i in range(view.tree.topLevelItemCount()):
        item = view.tree.topLevelItem(i)
        item.setSelected(item.data(0, ROLE_ID) in (ids["late"], ids["other"]))
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=10000)
    exported = {n["id"] for n in json.loads(target.read_text("utf-8"))["notes"]}
    assert exported == {ids["late"], ids["other"]}

    # Opening a row opens its deep dive at the passage with the panel on the note.
    row = next(
        view.tree.topLevelItem(i)
        for i in range(view.tree.topLevelItemCount())
        if view.tree.topLevelItem(i).data(0, ROLE_ID) == ids["late"]
    )
    view.tree.setCurrentItem(row)
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.article_view
    qtbot.waitUntil(lambda: window.notes.panel.selected == ids["late"], timeout=10000)
    assert window.notes.panel_open and window.notes.layer.flashing == ids["late"]
    browser = window.article_view.browser
    cursor = browser.textCursor()
    cursor.setPosition(window.notes.layer.placement.find(ids["late"]).start)
    assert 0 <= browser.cursorRect(cursor).top() < browser.viewport().height()

    # The list follows changes made elsewhere.
    window.services.notes.delete(ids["other"])
    committed(window)
    assert view.count.text() == "3 of 3 notes"


def test_catalog_cards_count_notes(window, qtbot) -> None:
    ids = _notes(window, qtbot)
    window.show_catalog()
    pilot, other = window.catalog_view.card(PILOT), window.catalog_view.card(OTHER)
    qtbot.waitUntil(lambda: pilot.notes_text == "✎ 3 notes")
    assert other.notes_text == "✎ 1 note"
    assert "3 notes" in pilot.accessibleDescription()  # read out with the card
    window.services.notes.delete(ids["other"])
    committed(window)
    qtbot.waitUntil(lambda: other.notes_text == "")
