"""The reader on its own: search words and find-in-page marks survive each other, zoom
and re-rendering."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from longform_desktop.core.catalog import load_catalog
from longform_desktop.ui.reader.article_view import ArticleView
from longform_desktop.ui.reader.highlights import FIND, SEARCH

from ...conftest import CONTENT


@pytest.fixture
def view(qtbot) -> ArticleView:
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show()
    article = load_catalog(Path(CONTENT)).article("idempotency-and-exactly-once")
    assert article is not None
    widget.show_article(article, terms=("idempotency",))
    return widget


def test_search_words_survive_find_zoom_and_restyle(view: ArticleView, qtbot) -> None:
    layers = view.browser.layers
    words = layers.count(SEARCH)
    assert words > 10
    view.find_bar.open_bar()
    qtbot.keyClicks(view.find_bar.edit, "retry")
    assert layers.count(FIND) > 0 and layers.count(SEARCH) == words
    assert view.find_bar.status.text().startswith("1 of ")
    view.set_zoom(1.3)
    assert layers.count(SEARCH) == words and layers.count(FIND) > 0
    view.restyle()
    assert layers.count(SEARCH) == words
    qtbot.keyClick(view.find_bar.edit, Qt.Key.Key_Escape)
    assert layers.count(FIND) == 0 and layers.count(SEARCH) == words


def test_document_changed_is_announced_for_every_rebuild(view: ArticleView, qtbot) -> None:
    with qtbot.waitSignal(view.document_changed):
        view.set_zoom(1.2)
    with qtbot.waitSignal(view.document_changed):
        view.restyle()
