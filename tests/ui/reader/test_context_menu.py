"""Features add actions to the reader's context menu; diagrams are found under the mouse."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QTextCursor

from longform_desktop.core.catalog import load_catalog
from longform_desktop.ui.reader.article_view import ArticleView
from longform_desktop.ui.reader.context_menu import diagram_at

from ...conftest import CONTENT


def _view(qtbot) -> ArticleView:
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(1000, 800)
    view.show()
    article = load_catalog(Path(CONTENT)).article("pagination-that-survives-real-data")
    assert article is not None
    view.show_article(article)
    return view


def _figure_point(view: ArticleView) -> tuple[str, QPoint]:
    """Scroll the first diagram into view and return its id and a point on it."""
    doc = view.browser.document()
    block = doc.begin()
    while block.isValid():
        fmt = block.begin().fragment().charFormat() if block.text() == "\ufffc" else None
        if fmt is not None and fmt.isImageFormat():
            view.browser.setTextCursor(QTextCursor(block))
            view.browser.ensureCursorVisible()
            rect = doc.documentLayout().blockBoundingRect(block)
            y = int(rect.center().y()) - view.browser.verticalScrollBar().value()
            return fmt.toImageFormat().name().removeprefix("diagram:"), QPoint(
                int(rect.center().x()), y
            )
        block = block.next()
    raise AssertionError("no diagram in the article")


def test_a_diagram_is_found_under_the_point_and_text_is_not(qtbot) -> None:
    view = _view(qtbot)
    diagram_id, point = _figure_point(view)
    assert diagram_at(view.browser, point) == diagram_id
    assert diagram_id in {d.id for d in view.article.diagrams}
    assert diagram_at(view.browser, QPoint(point.x(), max(0, point.y() - 400))) is None


def test_providers_add_their_actions(qtbot) -> None:
    view = _view(qtbot)
    asked: list[QPoint] = []

    def provider(pos: QPoint) -> list[QAction]:
        asked.append(pos)
        return [QAction("Redraw from memory", view)]

    view.context_menu.add_provider(provider)
    menu = view.context_menu.build(QPoint(10, 10))
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "Redraw from memory" and asked == [QPoint(10, 10)]
    assert any("Copy" in t for t in texts)  # Qt's own actions stay
