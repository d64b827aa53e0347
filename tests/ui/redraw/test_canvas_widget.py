"""The canvas driven like a user drives it: real mouse and keyboard events on the view."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from longform_desktop.core.drawing import Arrow, Group, Stroke, Text, dump_drawing

from .conftest import (
    at,
    click,
    double_click,
    drag,
    drag_px,
    draw_box,
    key,
    reloaded,
    type_text,
    wheel,
)

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def two_boxes_and_arrow(canvas):
    api = draw_box(canvas, "box", 100, 100, label="API")
    db = draw_box(canvas, "store", 460, 100, label="Orders DB")
    canvas.set_tool("arrow")
    drag(canvas, (170, 130), (530, 130))
    (arrow,) = canvas.document.drawing.arrows()
    return api, db, arrow


def test_tool_keys_draw_boxes_and_an_arrow_between_them(canvas) -> None:
    key(canvas, Qt.Key.Key_B)
    assert canvas.tool() == "box"
    drag(canvas, (100, 100), (240, 160))
    key(canvas, Qt.Key.Key_Escape)  # leave the label empty for now
    key(canvas, Qt.Key.Key_D)
    assert canvas.tool() == "store"
    drag(canvas, (460, 100), (600, 170))
    key(canvas, Qt.Key.Key_Escape)
    key(canvas, Qt.Key.Key_A)
    assert canvas.tool() == "arrow"
    drag(canvas, (170, 130), (530, 135))
    box, store = canvas.document.drawing.shapes()
    assert (box.shape, box.x, box.y, box.w, box.h) == ("box", 100, 100, 140, 60)
    assert (store.shape, store.x, store.y, store.w, store.h) == ("store", 460, 100, 140, 70)
    (arrow,) = canvas.document.drawing.arrows()
    assert (arrow.source, arrow.target, arrow.heads, arrow.style) == (
        box.id,
        store.id,
        "end",
        "solid",
    )
    assert arrow.points is None  # both ends on boxes: a straight arrow needs no points
    assert canvas.tool() == "select"  # shape and arrow tools hand back to select


def test_an_arrow_dropped_near_a_box_attaches_and_one_dropped_far_stays_loose(canvas) -> None:
    api = draw_box(canvas, "box", 100, 100, label="API")
    near = draw_box(canvas, "box", 460, 100, label="Cache")
    canvas.set_tool("arrow")
    drag(canvas, (170, 130), (440, 130))  # 20 units left of the box: within 30
    canvas.set_tool("arrow")
    drag(canvas, (170, 150), (300, 400))
    attached, loose = canvas.document.drawing.arrows()
    assert (attached.source, attached.target) == (api.id, near.id)
    assert (loose.source, loose.target) == (api.id, None)
    assert loose.points is not None and loose.points[-1] == (300, 400)


def test_label_typed_in_place_after_a_double_click(canvas) -> None:
    api, db, arrow = two_boxes_and_arrow(canvas)
    double_click(canvas, 170, 130)
    type_text(canvas, "Load balancer")  # letters that are tool keys (a, b, d...) are typing
    key(canvas, Qt.Key.Key_Return)
    assert canvas.document.item(api.id).text == "Load balancer"
    assert canvas.tool() == "select"
    double_click(canvas, 350, 130)  # the middle of the arrow
    type_text(canvas, "POST + key")
    key(canvas, Qt.Key.Key_Return)
    assert canvas.document.item(arrow.id).text == "POST + key"
    double_click(canvas, 530, 140)
    type_text(canvas, "thrown away")
    key(canvas, Qt.Key.Key_Escape)
    assert canvas.document.item(db.id).text == "Orders DB"
    assert [s.text for s in reloaded(canvas).shapes()] == ["Load balancer", "Orders DB"]


def test_moving_a_box_drags_its_arrow_along(canvas) -> None:
    _api, db, arrow = two_boxes_and_arrow(canvas)
    item = canvas.scene.canvas_item(arrow.id)
    before_end = item.points[-1]
    viewport = canvas.view.viewport()
    QTest.mousePress(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(canvas, 530, 140)
    )
    for step in range(1, 6):
        QTest.mouseMove(viewport, at(canvas, 530, 140 + 40 * step))
    # Mid-drag: nothing is a command yet, but the arrow already follows the box.
    assert canvas.document.item(db.id).y == 100
    assert item.points[-1].y() > before_end.y() + 100
    QTest.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(canvas, 530, 340)
    )
    moved = canvas.document.item(db.id)
    assert (moved.x, moved.y) == (460, 300)
    end = item.points[-1]
    # The arrow now ends on the moved box's edge (3 units of gap, like the reader's).
    assert 297 - 1 <= end.y() <= 300 + 60 + 3 + 1 and 457 - 1 <= end.x() <= 600 + 3 + 1
    start = item.points[0]
    assert math.isclose(start.y(), 130, abs_tol=40)  # the other end stayed on the API box
    key(canvas, Qt.Key.Key_Z, CTRL)
    assert canvas.document.item(db.id).y == 100
    assert math.isclose(item.points[-1].y(), before_end.y(), abs_tol=0.01)
    key(canvas, Qt.Key.Key_Z, CTRL | SHIFT)
    assert canvas.document.item(db.id).y == 300


def test_resize_by_dragging_a_corner_handle(canvas) -> None:
    box = draw_box(canvas, "cloud", 100, 100, label="Internet")
    click(canvas, 170, 130)
    drag(canvas, (240, 160), (300, 220))  # the bottom-right handle
    resized = canvas.document.item(box.id)
    assert (resized.x, resized.y, resized.w, resized.h) == (100, 100, 200, 120)
    drag(canvas, (100, 100), (500, 500))  # top-left past the far corner: a minimum box
    resized = canvas.document.item(box.id)
    assert (resized.w, resized.h) == (20, 20)
    key(canvas, Qt.Key.Key_Z, CTRL)
    key(canvas, Qt.Key.Key_Z, CTRL)
    resized = canvas.document.item(box.id)
    assert (resized.w, resized.h) == (140, 60)


def test_rubber_band_selects_what_it_encloses_and_delete_removes_it(canvas) -> None:
    api, db, arrow = two_boxes_and_arrow(canvas)
    third = draw_box(canvas, "queue", 100, 400, label="Jobs")
    canvas.set_tool("arrow")
    drag(canvas, (170, 430), (170, 140))  # Jobs -> API
    before = dump_drawing(canvas.document.drawing)
    drag(canvas, (60, 370), (280, 490))  # a band around the Jobs box only
    assert canvas.scene.selected_ids() == [third.id]
    drag(canvas, (60, 60), (640, 200))  # around API, Orders DB and the arrow between them
    assert set(canvas.scene.selected_ids()) == {api.id, db.id, arrow.id}
    key(canvas, Qt.Key.Key_Delete)
    drawing = canvas.document.drawing
    assert [s.id for s in drawing.shapes()] == [third.id]
    (left,) = drawing.arrows()
    assert (left.source, left.target) == (third.id, None)  # kept, with a loose end
    assert left.points is not None
    key(canvas, Qt.Key.Key_Z, CTRL)
    assert dump_drawing(canvas.document.drawing) == before


def test_copy_and_paste_with_the_keyboard(canvas) -> None:
    _api, _db, _arrow = two_boxes_and_arrow(canvas)
    drag(canvas, (60, 60), (640, 200))
    key(canvas, Qt.Key.Key_C, CTRL)
    key(canvas, Qt.Key.Key_V, CTRL)
    drawing = canvas.document.drawing
    assert len(drawing.shapes()) == 4 and len(drawing.arrows()) == 2
    new_api, new_db = drawing.shapes()[2:]
    assert (new_api.text, new_api.x, new_api.y) == ("API", 120, 120)
    new_arrow = drawing.arrows()[1]
    assert (new_arrow.source, new_arrow.target) == (new_api.id, new_db.id)
    assert set(canvas.scene.selected_ids()) == {new_api.id, new_db.id, new_arrow.id}
    key(canvas, Qt.Key.Key_V, CTRL)
    assert canvas.document.drawing.shapes()[4].x == 140  # each paste lands further on
    key(canvas, Qt.Key.Key_Z, CTRL)
    key(canvas, Qt.Key.Key_Z, CTRL)
    assert len(canvas.document.drawing.items) == 3


def test_undo_and_redo_with_the_keyboard(canvas) -> None:
    draw_box(canvas, "round", 100, 100, label="Client")
    assert [s.text for s in canvas.document.drawing.shapes()] == ["Client"]
    key(canvas, Qt.Key.Key_Z, CTRL)  # the label
    assert [s.text for s in canvas.document.drawing.shapes()] == [""]
    key(canvas, Qt.Key.Key_Z, CTRL)  # the box
    assert canvas.document.drawing.items == []
    key(canvas, Qt.Key.Key_Z, CTRL | SHIFT)
    key(canvas, Qt.Key.Key_Y, CTRL)
    assert [s.text for s in canvas.document.drawing.shapes()] == ["Client"]


def test_zoom_with_ctrl_wheel_and_keys(canvas) -> None:
    view = canvas.view
    wheel(canvas, 300, 200, 2, CTRL)
    assert math.isclose(view.zoom(), 1.25**2)
    # Zooming with the wheel keeps the point under the pointer where it was.
    assert (at(canvas, 300, 200) - view.mapFromScene(300, 200)).manhattanLength() == 0
    key(canvas, Qt.Key.Key_0, CTRL)
    assert view.zoom() == 1.0
    key(canvas, Qt.Key.Key_Equal, CTRL)
    assert math.isclose(view.zoom(), 1.25)
    key(canvas, Qt.Key.Key_Minus, CTRL)
    key(canvas, Qt.Key.Key_Minus, CTRL)
    assert math.isclose(view.zoom(), 0.8)
    wheel(canvas, 300, 200, 1)  # no Ctrl: scrolls, does not zoom
    assert math.isclose(view.zoom(), 0.8)


def test_a_drawing_drawn_while_zoomed_lands_in_scene_units(canvas) -> None:
    key(canvas, Qt.Key.Key_Equal, CTRL)
    key(canvas, Qt.Key.Key_Equal, CTRL)
    box = draw_box(canvas, "box", 200, 200, 100, 50, label="Zoomed")
    # Within a screen pixel (the pointer moves in whole pixels, 1/1.5625 of a unit here).
    for got, want in zip((box.x, box.y, box.w, box.h), (200, 200, 100, 50), strict=True):
        assert math.isclose(got, want, abs_tol=1 / canvas.view.zoom())


def test_pan_with_space_drag_and_with_the_middle_button(canvas) -> None:
    draw_box(canvas, "box", 300, 250, label="Stay put")
    before, selected = dump_drawing(canvas.document.drawing), canvas.scene.selected_ids()
    view = canvas.view
    centre = view.viewport().rect().center()
    start = view.mapToScene(centre)
    QTest.keyPress(view, Qt.Key.Key_Space)
    drag_px(canvas, centre, centre + QPoint(-200, -120))
    QTest.keyRelease(view, Qt.Key.Key_Space)
    moved = view.mapToScene(centre)
    assert math.isclose(moved.x() - start.x(), 200, abs_tol=1)
    assert math.isclose(moved.y() - start.y(), 120, abs_tol=1)
    drag_px(canvas, centre, centre + QPoint(150, 100), button=Qt.MouseButton.MiddleButton)
    again = view.mapToScene(centre)
    assert math.isclose(moved.x() - again.x(), 150, abs_tol=1)
    assert math.isclose(moved.y() - again.y(), 100, abs_tol=1)
    assert dump_drawing(canvas.document.drawing) == before  # panning edits nothing
    assert canvas.scene.selected_ids() == selected  # ...and selects nothing either


def test_snap_to_grid(canvas) -> None:
    key(canvas, Qt.Key.Key_G)
    assert canvas.snap()
    box = draw_box(canvas, "box", 33, 47, 138, 62, label="Snapped")
    assert (box.x, box.y, box.w, box.h) == (40, 40, 140, 60)
    drag(canvas, (100, 70), (133, 111))  # moved by (33, 41): lands on the grid
    moved = canvas.document.item(box.id)
    assert (moved.x, moved.y) == (80, 80)
    key(canvas, Qt.Key.Key_G)
    drag(canvas, (120, 110), (127, 113))
    moved = canvas.document.item(box.id)
    assert (moved.x, moved.y) == (87, 83)  # off again: moves follow the pointer exactly


def test_pen_draws_a_stroke_and_the_eraser_removes_it(canvas) -> None:
    box = draw_box(canvas, "box", 400, 100, label="Keep me")
    key(canvas, Qt.Key.Key_P)
    drag(canvas, (100, 300), (300, 340), steps=20)
    (stroke,) = [i for i in canvas.document.drawing.items if isinstance(i, Stroke)]
    assert len(stroke.points) >= 10 and stroke.points[0] == (100, 300)
    assert canvas.tool() == "pen"  # the pen stays: strokes come in bunches
    key(canvas, Qt.Key.Key_E)
    drag(canvas, (200, 250), (200, 400), steps=30)  # across the stroke, clear of the box
    assert [i.id for i in canvas.document.drawing.items] == [box.id]
    key(canvas, Qt.Key.Key_Z, CTRL)
    assert stroke.id in [i.id for i in canvas.document.drawing.items]


def test_text_tool_places_typed_text(canvas) -> None:
    key(canvas, Qt.Key.Key_T)
    click(canvas, 300, 40)
    type_text(canvas, "retries happen here")
    key(canvas, Qt.Key.Key_Return)
    (text,) = canvas.document.drawing.items
    assert isinstance(text, Text)
    assert (text.text, text.x, text.y) == ("retries happen here", 300, 40)
    double_click(canvas, 320, 48)
    key(canvas, Qt.Key.Key_Delete)  # typing replaces the selected text: now empty
    key(canvas, Qt.Key.Key_Return)
    assert canvas.document.drawing.items == []  # an emptied text is deleted


def test_dragging_an_arrow_end_reconnects_it(canvas) -> None:
    api, _db, arrow = two_boxes_and_arrow(canvas)
    cache = draw_box(canvas, "box", 460, 400, label="Cache")
    click(canvas, 350, 130)
    assert canvas.scene.selected_ids() == [arrow.id]
    end = canvas.scene.canvas_item(arrow.id).points[-1]
    drag(canvas, (end.x(), end.y()), (530, 420))
    assert canvas.document.item(arrow.id).target == cache.id
    end = canvas.scene.canvas_item(arrow.id).points[-1]
    drag(canvas, (end.x(), end.y()), (800, 600))
    moved = canvas.document.item(arrow.id)
    assert (moved.source, moved.target) == (api.id, None)
    assert moved.points[-1] == (800, 600)


def test_arrow_heads_and_style_from_the_menu(canvas) -> None:
    _api, _db, arrow = two_boxes_and_arrow(canvas)
    click(canvas, 350, 130)
    canvas.action("heads_both").trigger()
    canvas.action("style_dashed").trigger()
    changed = canvas.document.item(arrow.id)
    assert (changed.heads, changed.style) == ("both", "dashed")
    canvas.action("heads_none").trigger()
    assert canvas.document.item(arrow.id).heads == "none"
    key(canvas, Qt.Key.Key_Z, CTRL)
    assert canvas.document.item(arrow.id).heads == "both"
    canvas.set_tool("arrow")
    drag(canvas, (170, 140), (530, 150))
    newest = canvas.document.drawing.arrows()[-1]
    assert (newest.heads, newest.style) == ("none", "dashed")  # the next arrow takes them too


def test_group_the_selection_and_move_it_with_its_boxes(canvas) -> None:
    api, db, arrow = two_boxes_and_arrow(canvas)
    drag(canvas, (60, 60), (640, 200))
    key(canvas, Qt.Key.Key_G, CTRL)
    type_text(canvas, "Our service")
    key(canvas, Qt.Key.Key_Return)
    (group,) = [i for i in canvas.document.drawing.items if isinstance(i, Group)]
    assert group.text == "Our service" and set(group.members) == {api.id, db.id}
    click(canvas, 700, 400)  # nothing there: clears the selection
    drag(canvas, (group.x + 1, group.y + 1), (group.x + 1, group.y + 201))  # by its frame
    assert canvas.document.item(api.id).y == 300 and canvas.document.item(db.id).y == 300
    assert canvas.document.item(group.id).y == group.y
    assert isinstance(canvas.document.item(arrow.id), Arrow)


def test_escape_mid_drag_puts_everything_back(canvas) -> None:
    _api, db, arrow = two_boxes_and_arrow(canvas)
    before = dump_drawing(canvas.document.drawing)
    item, line = canvas.scene.canvas_item(db.id), canvas.scene.canvas_item(arrow.id)
    end = line.points[-1]
    viewport = canvas.view.viewport()
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for grab, to in (((530, 140), (530, 400)), ((600, 160), (700, 300))):  # move, then resize
        click(canvas, 530, 140)
        QTest.mousePress(viewport, left, none, at(canvas, *grab))
        QTest.mouseMove(viewport, at(canvas, (grab[0] + to[0]) / 2, (grab[1] + to[1]) / 2))
        QTest.mouseMove(viewport, at(canvas, *to))
        assert item.pos().y() != 100 or item.rect.width() != 140  # the preview shows it
        key(canvas, Qt.Key.Key_Escape)
        QTest.mouseRelease(viewport, left, none, at(canvas, *to))
        assert (item.pos().x(), item.pos().y(), item.rect.width()) == (460, 100, 140)
        assert line.points[-1] == end
    assert dump_drawing(canvas.document.drawing) == before
    assert canvas.undo_stack.count() == 5  # two boxes, their labels, the arrow: nothing more


def test_arrow_keys_nudge_and_plain_text_pastes_as_a_text(canvas) -> None:
    from PySide6.QtGui import QGuiApplication

    box = draw_box(canvas, "box", 100, 100, label="Nudged")
    key(canvas, Qt.Key.Key_Right)
    key(canvas, Qt.Key.Key_Down, SHIFT)
    moved = canvas.document.item(box.id)
    assert (moved.x, moved.y) == (101, 120)
    QGuiApplication.clipboard().setText("  a note from elsewhere ")
    key(canvas, Qt.Key.Key_V, CTRL)
    (text,) = [i for i in canvas.document.drawing.items if isinstance(i, Text)]
    assert text.text == "a note from elsewhere"


def test_double_click_on_empty_canvas_starts_a_text(canvas) -> None:
    double_click(canvas, 400, 400)
    type_text(canvas, "why here?")
    click(canvas, 100, 600)  # clicking elsewhere keeps what was typed
    (text,) = canvas.document.drawing.items
    assert (text.text, text.x, text.y) == ("why here?", 400, 400)
