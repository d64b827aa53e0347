"""The compare view: marks on the reference checked in its pixels (light and dark), the
score's parts and the missed list, a missed box clicked on the reference, and in the
real window with the search index, the link that opens the article at the section
explaining a forgotten box."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest

from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.drawing import Arrow, Drawing, Shape
from longform_desktop.core.redraw_score import score
from longform_desktop.services.events import AppEvents
from longform_desktop.services.redraw_service import RedrawService
from longform_desktop.storage.db import open_database
from longform_desktop.storage.drawings import DrawingsRepository
from longform_desktop.storage.reviews import ReviewsRepository
from longform_desktop.ui.diagram_painter import natural_size, node_rect
from longform_desktop.ui.redraw.compare_marks import marks_from_score
from longform_desktop.ui.redraw.compare_view import CompareView
from longform_desktop.ui.redraw.reference_view import edge_lines, marked_image
from longform_desktop.ui.theme import DARK, LIGHT

from ...conftest import CONTENT
from ...services.fakes import SyncWriter
from .redraw_ui_helpers import (  # collect_windows_here: autouse
    ARTICLE,
    DIAGRAM,
    LEFT,
    close_window,
    collect_windows_here,  # noqa: F401
    draw_box,
    focus_canvas,
    make_window,
)

MARKS_LIGHT = {"matched": "#2f9e57", "missed": "#cc4444", "reversed": "#c98a12"}
MARKS_DARK = {"matched": "#4cc27a", "missed": "#ff6b6b", "reversed": "#f0b43c"}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(Path(CONTENT))


@pytest.fixture
def service(tmp_path: Path, catalog):
    db = open_database(tmp_path / "db.sqlite3")
    return RedrawService(
        catalog, DrawingsRepository(db), ReviewsRepository(db), SyncWriter(db), AppEvents()
    )


def attempt_drawing() -> Drawing:
    """LB for the load balancer, Payments API, an arrow LB <- API (reversed), Redis."""
    drawing = Drawing(article=ARTICLE, diagram=DIAGRAM)
    drawing.add(Shape("s1", "box", "LB", 0, 0))
    drawing.add(Shape("s2", "box", "Payments API", 250, 0))
    drawing.add(Shape("s3", "box", "Redis cache", 250, 200))
    drawing.add(Arrow("a1", "s2", "s1"))
    return drawing


def nearest(image: QImage, point: QPointF, colour: str, radius: int = 2) -> float:
    """The smallest colour distance to ``colour`` around ``point``."""
    want = QColor(colour)
    best = 1e9
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            c = image.pixelColor(int(point.x()) + dx, int(point.y()) + dy)
            d = sum((a - b) ** 2 for a, b in zip(c.getRgb()[:3], want.getRgb()[:3], strict=True))
            best = min(best, d**0.5)
    return best


@pytest.mark.parametrize(("theme", "colours"), [(LIGHT, MARKS_LIGHT), (DARK, MARKS_DARK)])
def test_reference_pixels_carry_the_marks(qapp, catalog, theme, colours) -> None:
    diagram = next(d for d in catalog.article(ARTICLE).diagrams if d.id == DIAGRAM)
    marks = marks_from_score(score(attempt_drawing(), diagram, ARTICLE).to_json())
    assert marks.nodes["lb"] == "matched" and marks.nodes["hook"] == "missed"
    assert marks.edges[("lb", "api")] == "reversed"
    width = int(natural_size(diagram)[0])
    image, scale = marked_image(diagram, marks.nodes, marks.edges, width, theme)
    assert scale == 1.0
    for node, mark in (("lb", "matched"), ("api", "matched"), ("hook", "missed")):
        rect = node_rect(diagram.node(node), diagram)
        left_edge = QPointF(rect.left(), rect.center().y())
        assert nearest(image, left_edge, colours[mark]) < 40, (node, mark)
    line = edge_lines(diagram)[("lb", "api")]
    assert nearest(image, line.pointAt(0.3), colours["reversed"]) < 40
    missed_edge = edge_lines(diagram)[("api", "psp")]
    assert nearest(image, missed_edge.pointAt(0.2), colours["missed"]) < 40
    # without marks the same box is drawn in the reader's accent colour
    plain, _ = marked_image(diagram, {}, {}, width, theme)
    rect = node_rect(diagram.node("lb"), diagram)
    edge = QPointF(rect.left(), rect.center().y())
    assert nearest(plain, edge, theme.accent) < 60 < nearest(plain, edge, colours["matched"])


def test_view_shows_parts_missed_list_and_clicks_on_missed_boxes(qtbot, service) -> None:
    diagram = service.diagram(ARTICLE, DIAGRAM)
    attempt = service.start_attempt(ARTICLE, DIAGRAM)
    drawing = attempt_drawing()
    result = service.finish(attempt, drawing, 42.0)
    stored = service.attempt(attempt.id)
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    qtbot.waitExposed(view)
    view.show_canvas(stored, diagram, drawing, stored.score_parts)
    assert view.header.score_label.text() == str(result.score)
    assert view.attempt_caption.text() == "YOUR DRAWING · 42 s"
    assert set(view.details.rows) >= {"app", "keys", "db", "psp", "hook", "api->keys"}
    assert "finding where the article explains it" in view.details.rows["keys"].text()
    view.set_sections({"keys": ("the-key-store", "The Key Store and Its Constraint")})
    assert "The Key Store and Its Constraint" in view.details.rows["keys"].text()
    assert "not found" in view.details.rows["db"].text()
    assert view.canvas.scene.marks == {"s1": "matched", "s2": "matched", "s3": "extra"} | {
        "a1": "reversed"
    }
    asked: list[str] = []
    view.section_requested.connect(asked.append)
    QTest.mouseClick(view.reference, LEFT, pos=view.reference.node_centre("keys").toPoint())
    QTest.mouseClick(view.reference, LEFT, pos=view.reference.node_centre("lb").toPoint())
    assert asked == ["keys"]  # a recalled box has nothing to reread


def test_missed_box_link_opens_the_article_at_its_section(qtbot) -> None:
    window = make_window(qtbot, index=True)
    try:
        assert window.open_article(ARTICLE)
        session = window.redraws.redraw(ARTICLE, DIAGRAM)
        focus_canvas(qtbot, session.canvas)
        draw_box(session.canvas, Qt.Key.Key_B, 100, 100, "Payments API")
        assert session.compare()
        view = session.compare_view
        qtbot.waitUntil(lambda: "keys" in session.sections)
        heading_id, heading = session.sections["keys"]
        assert heading_id and heading.lower() not in ("redraw it", "self-test")
        assert 'Reread: <a href="section:keys"' in view.details.rows["keys"].text()
        QTest.mouseClick(view.reference, LEFT, pos=view.reference.node_centre("keys").toPoint())
        assert window.pages.currentWidget() is window.article_view
        assert window.sidebar.isVisible()
        qtbot.waitUntil(lambda: window.article_view.current_heading() == heading_id)
    finally:
        close_window(window)


def test_switching_to_dark_redraws_the_marks_in_dark_colours(qtbot, service) -> None:
    from longform_desktop.ui.theme import apply_theme_choice

    diagram = service.diagram(ARTICLE, DIAGRAM)
    attempt = service.start_attempt(ARTICLE, DIAGRAM)
    drawing = attempt_drawing()
    service.finish(attempt, drawing, 10.0)
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    qtbot.waitExposed(view)
    view.show_canvas(
        service.attempt(attempt.id), diagram, drawing, service.attempt(attempt.id).score_parts
    )

    def left_edge_colour_distance(colour: str) -> float:
        image = view.reference.grab().toImage()
        scale, offset = view.reference.transform()
        rect = node_rect(diagram.node("lb"), diagram)
        point = QPointF(rect.left(), rect.center().y()) * scale + offset
        return nearest(image, point * image.devicePixelRatio(), colour)

    assert left_edge_colour_distance(MARKS_LIGHT["matched"]) < 60
    try:
        apply_theme_choice("dark")
        qtbot.waitUntil(lambda: left_edge_colour_distance(MARKS_DARK["matched"]) < 60)
        assert MARKS_DARK["missed"] in view.details.rows["hook"].text()
    finally:
        apply_theme_choice("light")
