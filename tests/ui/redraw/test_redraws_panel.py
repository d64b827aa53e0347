"""The Redraws panel in the real window: each diagram's last score, history chart, next
review and attempt thumbnails; tiles that open an attempt; free drawings; export of a
drawing as PNG, SVG and JSON from the GUI (file dialogs stood in for), import of a
drawing file (and a bad one refused), delete."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from longform_desktop.core.drawing import Arrow, Drawing, Shape, dump_drawing, load_drawing
from longform_desktop.ui.redraw.score_chart import short_date

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


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC) - timedelta(days=30)

    def __call__(self) -> datetime:
        return self.now


def partial_copy(diagram, nodes: int) -> Drawing:
    """The first ``nodes`` boxes of the reference and the arrows between them."""
    drawing = Drawing(article=ARTICLE, diagram=diagram.id)
    kept = diagram.nodes[:nodes]
    for i, node in enumerate(kept):
        drawing.add(Shape(f"s{i}", node.shape, node.label, i * 200, (i % 2) * 120))
    ids = {n.id: f"s{i}" for i, n in enumerate(kept)}
    for i, edge in enumerate(diagram.edges):
        if edge.source in ids and edge.target in ids:
            drawing.add(Arrow(f"a{i}", ids[edge.source], ids[edge.target]))
    return drawing


@pytest.fixture
def window(qtbot):
    win = make_window(qtbot)
    service = win.services.redraws
    clock = service.clock = Clock()
    diagram = service.diagram(ARTICLE, DIAGRAM)
    for nodes in (3, 5, 7):  # three attempts, each better, four days apart
        attempt = service.start_attempt(ARTICLE, DIAGRAM)
        service.finish(attempt, partial_copy(diagram, nodes), 60.0 * nodes)
        clock.now += timedelta(days=4)
    service.start_attempt(ARTICLE, DIAGRAM)  # an empty one, left unfinished
    win.services.writer.flush()
    qtbot.waitUntil(lambda: len(service.attempts(ARTICLE, DIAGRAM)) == 4)
    assert win.open_article(ARTICLE)
    win.activateWindow()
    win.article_view.browser.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    QTest.keyClick(
        win.article_view.browser,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    yield win
    close_window(win)


def test_cards_show_score_history_due_date_and_thumbnails(qtbot, window) -> None:
    room, service = window.redraws, window.services.redraws
    assert window.study_panel.isVisible() and window.study_panel.currentWidget() is room.tab
    panel = room.panel
    history = [s for _, s in service.history(ARTICLE, DIAGRAM)]
    assert len(history) == 3 and history == sorted(history) and history[-1] == 100
    card = panel.cards[DIAGRAM]
    assert card.status_label.text() == "Last score 100 · 3 attempts"
    assert [s for _, s in card.chart.points] == history
    status = next(s for s in service.statuses(ARTICLE) if s.diagram.id == DIAGRAM)
    days = (status.due.astimezone().date() - service.clock().astimezone().date()).days
    assert card.due_label.text() == f"Next review: in {days} days ({short_date(status.due)})"
    captions = [t.text() for t in card.tiles]
    attempts = service.attempts(ARTICLE, DIAGRAM)
    assert captions[0] == "Unfinished"  # newest first
    assert captions[1:] == [
        f"{a.score} · {short_date(datetime.fromisoformat(a.started.replace('Z', '+00:00')))}"
        for a in reversed(attempts[:3])
    ]
    assert all(not t.icon().isNull() for t in card.tiles)
    never = panel.cards["outbox-inbox-pipeline"]
    assert never.status_label.text() == "Not redrawn yet"
    assert not never.chart.isVisibleTo(panel) and never.tiles == []

    # a click on a scored thumbnail compares it again; on the unfinished one, resumes it
    QTest.mouseClick(card.tiles[2], LEFT)
    session = room.session
    assert window.pages.currentWidget() is session
    assert session.compare_view.header.score_label.text() == str(attempts[1].score)
    QTest.mouseClick(session.compare_view.back_button, LEFT)
    QTest.mouseClick(room.panel.cards[DIAGRAM].tiles[0], LEFT)
    assert session.stack.currentWidget() is session.drawing_page
    assert session.attempt.id == attempts[3].id


def test_free_drawing_from_the_panel(qtbot, window) -> None:
    room = window.redraws
    QTest.mouseClick(room.panel.free_button, LEFT)
    session = room.session
    assert session.done_button.isVisible() and not session.compare_button.isVisible()
    assert session.title_label.text() == "Free drawing"
    focus_canvas(qtbot, session.canvas)
    draw_box(session.canvas, Qt.Key.Key_C, 100, 100, "My own cloud")
    QTest.mouseClick(session.done_button, LEFT)
    window.services.writer.flush()
    qtbot.waitUntil(lambda: len(room.panel.free_tiles) == 1)
    assert room.panel.free_tiles[0].text().startswith("Drawing · ")
    (free,) = [a for a in window.services.redraws.attempts(ARTICLE) if a.diagram is None]
    assert [s.text for s in load_drawing(free.scene).shapes()] == ["My own cloud"]


def test_export_png_svg_json_from_the_gui(qtbot, window, tmp_path, monkeypatch) -> None:
    room, service = window.redraws, window.services.redraws
    best = service.attempts(ARTICLE, DIAGRAM)[2]
    asked: list[str] = []

    def save_as(parent, caption, name, filters):
        asked.append(filters)
        return str(tmp_path / Path(name).name), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    tile = next(t for t in room.panel.cards[DIAGRAM].tiles if t.attempt.id == best.id)
    menu = tile.menu()
    for text in ("Export as PNG…", "Export as SVG…", "Export as Drawing File (JSON)…"):
        next(a for a in menu.actions() if a.text() == text).trigger()
    assert asked == ["PNG image (*.png)", "SVG image (*.svg)", "Longform drawing (*.json)"]
    png = QImage(str(tmp_path / f"{DIAGRAM}.png"))
    assert not png.isNull() and png.width() > 400
    svg = ET.parse(tmp_path / f"{DIAGRAM}.svg").getroot()
    words = " ".join(t.text or "" for t in svg.iter() if t.tag.endswith("text"))
    assert "Payments API" in words and "Webhook handler" in words
    exported = (tmp_path / f"{DIAGRAM}.json").read_text(encoding="utf-8")
    assert exported == dump_drawing(load_drawing(best.scene))

    # File > Export Drawing in a session writes what is on the canvas, in the format
    # the file name asks for
    session = room.redraw(ARTICLE, DIAGRAM)
    focus_canvas(qtbot, session.canvas)
    draw_box(session.canvas, Qt.Key.Key_B, 80, 80, "Orders DB")
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a: (str(tmp_path / "now.svg"), "PNG image (*.png)")),
    )
    room.export_action.trigger()
    root = ET.parse(tmp_path / "now.svg").getroot()
    assert "Orders DB" in " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))


def test_import_a_drawing_file_and_refuse_a_bad_one(qtbot, window, tmp_path, monkeypatch) -> None:
    room, service = window.redraws, window.services.redraws
    good = tmp_path / "mine.json"
    drawing = Drawing(items=[Shape("s1", "box", "Imported box")])
    good.write_text(dump_drawing(drawing), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something-else", "version": 1}', encoding="utf-8")
    chosen = [str(good)]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a: (chosen[0], "Longform drawing"))
    )
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, m: warnings.append(m)))
    QTest.mouseClick(room.panel.import_button, LEFT)
    window.services.writer.flush()
    qtbot.waitUntil(lambda: len(room.panel.free_tiles) == 1)
    (free,) = [a for a in service.attempts(ARTICLE) if a.diagram is None]
    assert load_drawing(free.scene).shapes()[0].text == "Imported box"
    chosen[0] = str(bad)
    before = len(service.all_attempts())
    QTest.mouseClick(room.panel.import_button, LEFT)
    assert warnings and "bad.json" in warnings[0] and "format" in warnings[0]
    window.services.writer.flush()
    assert len(service.all_attempts()) == before


def test_delete_an_attempt_from_its_thumbnail(qtbot, window, monkeypatch) -> None:
    room, service = window.redraws, window.services.redraws
    first = service.attempts(ARTICLE, DIAGRAM)[0]
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.Yes)
    )
    tile = next(t for t in room.panel.cards[DIAGRAM].tiles if t.attempt.id == first.id)
    next(a for a in tile.menu().actions() if a.text() == "Delete…").trigger()
    window.services.writer.flush()
    qtbot.waitUntil(lambda: len(room.panel.cards[DIAGRAM].tiles) == 3)
    assert service.attempt(first.id) is None
