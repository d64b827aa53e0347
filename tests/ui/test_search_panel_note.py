"""The search panel shows the search's note (issue 17: a query too long is shortened)."""

from __future__ import annotations

from longform_desktop.core.search import SearchResults, search
from longform_desktop.ui.search_panel import SearchPanel


def test_the_note_of_a_shortened_query_is_shown(qtbot, tmp_path) -> None:
    from longform_desktop.core.catalog import load_catalog
    from longform_desktop.core.search import catalog_sources, sync_and_open

    from ..conftest import CONTENT

    ix = sync_and_open(tmp_path / "ix", catalog_sources(load_catalog(CONTENT)), kinds={"article"})[
        1
    ]
    panel = SearchPanel()
    qtbot.addWidget(panel)
    results = search(ix, "vacuum <b> " * 2000)
    assert results.note
    panel.show_results(results)
    text = panel.status.text()
    assert "The query was shortened to its first" in text
    assert "<b> " not in text  # escaped like the rest of the query
    panel.show_results(SearchResults(query="vacuum"))
    assert "shortened" not in panel.status.text()
