"""The search panel: corrections shown with both links, failures shown as failures, note
and drawing rows; and the real window with a typo typed key by key."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from longform_desktop.core.search import ArticleHit, SearchResults, SectionHit
from longform_desktop.ui.search_panel import ROLE_TARGET, SearchPanel

TXN = "transactions-isolation-and-the-bugs-they-prevent"


def _links(label_text: str) -> list[str]:
    import html

    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', label_text)]


def _section(heading: str = "Deadlocks", heading_id: str = "deadlocks") -> SectionHit:
    return SectionHit(heading, heading_id, 1.0, 'a <b class="match">deadlock</b> cycle')


@pytest.fixture
def panel(qtbot) -> SearchPanel:
    widget = SearchPanel()
    qtbot.addWidget(widget)
    return widget


def test_a_failed_search_says_so(panel) -> None:
    panel.show_results(SearchResults(query="vacuum", error="OSError: segment missing"))
    text = panel.status.text()
    assert "Search failed" in text and "segment missing" in text
    assert "No results" not in text


def test_no_results_is_only_for_a_search_that_found_nothing(panel) -> None:
    panel.show_results(SearchResults(query="zzzz"))
    assert "No results for <b>zzzz</b>" in panel.status.text()


def test_a_correction_offers_both_queries(panel, qtbot) -> None:
    hit = ArticleHit("article", TXN, "Transactions", "Databases", "hard", 3.0, (_section(),))
    panel.show_results(
        SearchResults(query="deadlok", hits=[hit], corrected="deadlock", search_instead='"deadlok"')
    )
    text = panel.status.text()
    assert "Showing results for" in text and "search instead for" in text
    assert _links(text) == ["deadlock", '"deadlok"']
    for href in _links(text):
        with qtbot.waitSignal(panel.suggestion_accepted) as blocker:
            panel.status.linkActivated.emit(href)
        assert blocker.args == [href]


def test_did_you_mean_is_a_link(panel) -> None:
    panel.show_results(SearchResults(query="x", suggestion="deadlock OR token"))
    assert _links(panel.status.text()) == ["deadlock OR token"]


def _note_and_drawing() -> SearchResults:
    note = ArticleHit(
        "note",
        TXN,
        "Transactions",
        "",
        "",
        2.0,
        (_section("", "deadlocks"),),
        item_id="n1",
        details={"quote": "cycles", "body": "deadlock", "color": "pink", "updated": "t"},
    )
    drawing = ArticleHit(
        "drawing",
        TXN,
        "Transactions",
        "",
        "",
        1.0,
        (_section("", ""),),
        item_id="d1",
        details={"title": "Lock graph", "diagram_id": "g", "labels": ["deadlock"]},
    )
    return SearchResults(query="deadlock", hits=[note, drawing])


def test_note_and_drawing_rows_ask_for_their_item(panel, qtbot) -> None:
    panel.show_results(_note_and_drawing())
    assert "1 note, 1 drawing" in panel.status.text()
    opened = []
    panel.note_open_requested.connect(lambda i: opened.append(("note", i)))
    panel.drawing_open_requested.connect(lambda i: opened.append(("drawing", i)))
    panel.open_requested.connect(lambda *a: opened.append(("article", a)))
    assert panel.open_current()
    panel.move_selection(1)
    assert panel.open_current()
    assert opened == [("note", "n1"), ("drawing", "d1")]


def test_without_a_note_handler_a_note_opens_its_article(panel) -> None:
    panel.show_results(_note_and_drawing())
    opened = []
    panel.open_requested.connect(lambda *a: opened.append(a))
    assert panel.open_current()
    assert opened == [(TXN, "deadlocks", ())]


# --- the real window ------------------------------------------------------------------


@pytest.fixture
def window(indexed_window):
    return indexed_window


def _wait_for(qtbot, panel, query: str) -> SearchResults:
    qtbot.waitUntil(
        lambda: panel.results is not None and panel.results.query == query, timeout=10000
    )
    return panel.results


def test_typing_a_typo_shows_the_corrected_results(window, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_box, "deadlok")
    panel = window.search_panel
    results = _wait_for(qtbot, panel, "deadlok")
    assert results.corrected == "deadlock"
    assert results.hits[0].article == TXN
    assert "Showing results for" in panel.status.text()
    slug, _ = panel.list.currentItem().data(ROLE_TARGET)
    assert slug == TXN
    # "Search instead for deadlok": the words as typed, quoted, and no correction.
    instead = _links(panel.status.text())[1]
    panel.status.linkActivated.emit(instead)
    assert window.search_box.text() == '"deadlok"'
    verbatim = _wait_for(qtbot, panel, '"deadlok"')
    assert not verbatim.corrected and not verbatim.hits
    assert "No results" in panel.status.text()
    # Enter on a corrected result opens the article with the corrected word marked.
    window.search_box.clear()
    qtbot.keyClicks(window.search_box, "postgress vacum")
    results = _wait_for(qtbot, panel, "postgress vacum")
    assert results.hits[0].article == "how-postgres-stores-and-finds-your-data"
    assert "vacuum" in results.terms
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.article_view.article.slug == "how-postgres-stores-and-finds-your-data"


def test_a_question_typed_in_the_box_ranks_its_subject_first(window, qtbot) -> None:
    window.search_box.setFocus()
    qtbot.keyClicks(window.search_box, "how does a seat not get sold twice")
    results = _wait_for(qtbot, window.search_panel, "how does a seat not get sold twice")
    assert results.hits[0].article == "surviving-the-irctc-tatkal-rush"
