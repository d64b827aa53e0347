"""Exports, import, thumbnails, marks, read-only mode and the light/dark themes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from longform_desktop.core.drawing import (
    DrawingFormatError,
    drawing_to_json,
    dump_drawing,
    load_drawing,
)

from .conftest import double_click, drag, draw_box, key, make_canvas

CTRL = Qt.KeyboardModifier.ControlModifier
FILE = """{"format": "longform-drawing", "version": 1, "diagram": "retry-safe-request",
 "items": [
  {"type": "shape", "id": "s1", "shape": "actor", "text": "Client", "x": 40, "y": 120, "w": 140, "h": 60},
  {"type": "shape", "id": "s2", "shape": "box", "text": "API", "x": 300, "y": 120, "w": 140, "h": 60},
  {"type": "shape", "id": "s3", "shape": "store", "text": "Idempotency keys", "x": 300, "y": 300, "w": 160, "h": 70},
  {"type": "arrow", "id": "a1", "from": "s1", "to": "s2", "text": "POST + key"},
  {"type": "arrow", "id": "a2", "from": "s2", "to": "s3", "style": "dashed", "heads": "both"},
  {"type": "text", "id": "t1", "text": "retries happen here", "x": 60, "y": 40},
  {"type": "stroke", "id": "p1", "points": [[60, 260], [90, 280], [130, 265]], "width": 2},
  {"type": "future-thing", "id": "f1", "payload": [1, 2, 3]}
 ]}"""  # noqa: E501


@pytest.fixture
def loaded(qtbot):
    return make_canvas(qtbot, load_drawing(FILE))


@contextmanager
def palette(window: str):
    app = QApplication.instance()
    original = QPalette(app.palette())
    changed = QPalette(original)
    changed.setColor(QPalette.ColorRole.Window, QColor(window))
    app.setPalette(changed)
    try:
        yield
    finally:
        app.setPalette(original)


def test_json_export_round_trips_through_the_loader(loaded, tmp_path) -> None:
    draw_box(loaded, "cloud", 600, 120, label="PSP")
    path = loaded.export_json(tmp_path / "attempt.json")
    again = load_drawing(path.read_text(encoding="utf-8"))
    assert drawing_to_json(again) == drawing_to_json(loaded.drawing())
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["items"][7] == {"type": "future-thing", "id": "f1", "payload": [1, 2, 3]}
    assert raw["items"][-1]["text"] == "PSP"


def test_import_replaces_the_drawing_in_one_undoable_step(canvas, tmp_path) -> None:
    draw_box(canvas, "box", 100, 100, label="Mine")
    mine = dump_drawing(canvas.document.drawing)
    good = tmp_path / "good.json"
    good.write_text(FILE, encoding="utf-8")
    canvas.import_json(good)
    assert [s.text for s in canvas.document.drawing.shapes()] == [
        "Client",
        "API",
        "Idempotency keys",
    ]
    assert canvas.scene.canvas_item("s3") is not None
    key(canvas, Qt.Key.Key_Z, CTRL)
    assert dump_drawing(canvas.document.drawing) == mine
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "longform-drawing", "version": 9, "items": []}', encoding="utf-8")
    with pytest.raises(DrawingFormatError, match="newer"):
        canvas.import_json(bad)
    assert dump_drawing(canvas.document.drawing) == mine  # a refused file changes nothing


def test_png_export_is_the_drawing_at_twice_the_size(loaded, tmp_path) -> None:
    path = loaded.export_png(tmp_path / "attempt.png")
    image = QImage(str(path))
    assert not image.isNull()
    # Items span x 40..460 and y ~35..373, plus a 24-unit margin, at 2 px per unit.
    assert 2 * (460 - 40) < image.width() < 2 * (460 - 40 + 70)
    assert 2 * (373 - 35) < image.height() < 2 * (373 - 35 + 70)
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 9)
        for y in range(0, image.height(), 9)
    }
    assert len(colours) > 5  # boxes, text and arrows drawn, not a blank page


def test_svg_export_parses_and_carries_the_labels_as_text(loaded, tmp_path) -> None:
    path = loaded.export_svg(tmp_path / "attempt.svg")
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    for label in ("Client", "API", "POST + key", "retries happen here"):
        assert label in texts
    assert "selection" not in path.read_text(encoding="utf-8").lower()


def test_exports_leave_out_selection_handles(loaded, tmp_path) -> None:
    plain = loaded.thumbnail(QSize(300, 200))
    loaded.scene.select_only(["s1", "s2", "a1"])
    assert loaded.thumbnail(QSize(300, 200)) == plain


def test_thumbnail_fits_the_drawing_into_the_size_asked(loaded) -> None:
    image = loaded.thumbnail(QSize(240, 160))
    assert (image.width(), image.height()) == (240, 160)
    background = QColor(loaded.scene.colours.background)
    drawn = [
        (x, y)
        for x in range(0, 240, 4)
        for y in range(0, 160, 4)
        if image.pixelColor(x, y) != background
    ]
    assert len(drawn) > 40
    xs = [x for x, _ in drawn]
    assert min(xs) < 40 and max(xs) > 200  # the drawing spans the width, not a corner


def _pixel(canvas, x: float, y: float) -> QColor:
    canvas.view.viewport().repaint()
    point = canvas.view.mapFromScene(x, y)
    return canvas.view.viewport().grab().toImage().pixelColor(point)


def test_light_and_dark_draw_with_different_colours(loaded, qtbot) -> None:
    light_fill, light_background = _pixel(loaded, 370, 160), _pixel(loaded, 700, 500)
    with palette("#202124"):
        qtbot.waitUntil(lambda: loaded.scene.colours.theme.dark)
        dark_fill, dark_background = _pixel(loaded, 370, 160), _pixel(loaded, 700, 500)
    qtbot.waitUntil(lambda: not loaded.scene.colours.theme.dark)
    assert light_background.lightness() > 200 and dark_background.lightness() < 60
    assert light_fill.lightness() > dark_fill.lightness() + 100
    assert _pixel(loaded, 370, 160) == light_fill  # back to light when the palette is


def test_marks_colour_items_and_are_not_saved(loaded) -> None:
    before = dump_drawing(loaded.document.drawing)
    plain = _pixel(loaded, 300, 150)  # the API box's left outline
    loaded.set_marks({"s2": "matched", "s1": "missed", "a2": "reversed", "s3": "extra"})
    green = _pixel(loaded, 300, 150)
    assert green.green() > green.red() + 60 and green != plain
    red = _pixel(loaded, 40, 150)
    assert red.red() > red.green() + 60
    loaded.clear_marks()
    assert _pixel(loaded, 300, 150) == plain
    assert dump_drawing(loaded.document.drawing) == before
    with pytest.raises(ValueError, match="unknown mark"):
        loaded.set_marks({"s1": "sort of"})


def test_read_only_allows_looking_but_no_edit(loaded) -> None:
    before = dump_drawing(loaded.document.drawing)
    edits: list[int] = []
    loaded.changed.connect(lambda: edits.append(1))
    loaded.set_read_only(True)
    drag(loaded, (370, 150), (370, 450))
    double_click(loaded, 370, 150)
    assert not loaded.scene.editing
    loaded.scene.select_only(["s2"])
    key(loaded, Qt.Key.Key_Delete)
    key(loaded, Qt.Key.Key_B)
    assert loaded.tool() == "select"
    key(loaded, Qt.Key.Key_Equal, CTRL)  # zoom still works
    assert loaded.view.zoom() > 1
    assert dump_drawing(loaded.document.drawing) == before and edits == []
    loaded.set_read_only(False)
    drag(loaded, (370, 150), (370, 250))
    assert loaded.document.item("s2").y == 220 and edits == [1]


def test_changed_follows_edits_undo_and_redo_but_not_loading(canvas, qtbot) -> None:
    edits: list[int] = []
    canvas.changed.connect(lambda: edits.append(1))
    canvas.set_drawing(load_drawing(FILE))
    assert edits == []
    with qtbot.waitSignal(canvas.changed):
        drag(canvas, (370, 150), (370, 250))
    key(canvas, Qt.Key.Key_Z, CTRL)
    key(canvas, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert len(edits) == 3


def test_to_json_is_the_document_and_leaves_typing_alone(loaded) -> None:
    assert load_drawing(loaded.to_json()).diagram == "retry-safe-request"
    assert loaded.to_json() == dump_drawing(loaded.drawing())
    double_click(loaded, 370, 150)
    assert loaded.scene.editing
    loaded.to_json()  # an autosave mid-typing
    assert loaded.scene.editing
