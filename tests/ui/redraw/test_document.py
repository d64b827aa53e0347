"""DrawingDocument: every edit an undo step, the scene's signals, the file kept whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from longform_desktop.core.diagram import parse_diagrams
from longform_desktop.core.drawing import (
    Arrow,
    DrawingFormatError,
    Group,
    Shape,
    dump_drawing,
    load_drawing,
)
from longform_desktop.ui.redraw.document import DrawingDocument
from longform_desktop.ui.redraw.transfer import drawing_from_diagram

FILE = """{"format": "longform-drawing", "version": 1, "article": "idempotency-and-exactly-once",
 "diagram": "retry-safe-request", "zoom_hint": 2,
 "items": [
  {"type": "shape", "id": "s1", "shape": "actor", "text": "Client", "x": 40, "y": 120,
   "w": 140, "h": 60, "colour": "teal"},
  {"type": "shape", "id": "s2", "shape": "hexagon", "text": "API", "x": 260, "y": 120,
   "w": 140, "h": 60},
  {"type": "arrow", "id": "a1", "from": "s1", "to": "s2", "text": "POST + key"},
  {"type": "arrow", "id": "a2", "from": "s2", "to": null, "points": [[403, 150], [520, 150]]},
  {"type": "sticky-note", "id": "n1", "text": "from a newer app", "x": 5},
  {"type": "group", "id": "g1", "text": "Our service", "members": ["s2"],
   "x": 240, "y": 90, "w": 320, "h": 140}
 ]}"""


@pytest.fixture
def doc(qtbot) -> DrawingDocument:
    return DrawingDocument(load_drawing(FILE))


def test_every_edit_is_one_undo_step_and_says_changed(doc, qtbot) -> None:
    before = dump_drawing(doc.drawing)
    seen: list[str] = []
    doc.changed.connect(lambda: seen.append("changed"))
    doc.item_changed.connect(seen.append)
    doc.set_text("s1", "Mobile app")
    doc.move(["s1"], 10, 0)
    doc.resize("s2", (260, 120, 200, 80))
    doc.set_fields({"a1": {"heads": "both", "style": "dashed"}})
    assert doc.undo_stack.count() == 4
    assert seen.count("changed") == 4 and "s1" in seen and "a1" in seen
    for _ in range(4):
        doc.undo_stack.undo()
    assert dump_drawing(doc.drawing) == before
    doc.undo_stack.redo()
    assert doc.item("s1").text == "Mobile app"


def test_a_no_op_edit_pushes_nothing(doc) -> None:
    doc.set_text("s1", "Client")
    doc.move(["s1"], 0, 0)
    assert doc.undo_stack.count() == 0


def test_unknown_items_and_fields_survive_editing_and_export(doc) -> None:
    doc.move(["s1", "s2", "g1"], 15, 5)
    doc.set_text("s2", "API server")
    doc.remove(["a1"])
    out = json.loads(dump_drawing(doc.drawing))
    assert out["zoom_hint"] == 2
    items = {i["id"]: i for i in out["items"]}
    assert items["n1"] == {"type": "sticky-note", "id": "n1", "text": "from a newer app", "x": 5}
    assert items["s1"]["colour"] == "teal"
    assert items["s2"]["shape"] == "hexagon"  # drawn as a box, written as it was read


def test_moving_a_box_updates_its_arrows_written_ends_and_its_groups(doc) -> None:
    doc.move(["s2"], 0, 300)  # out of the group "Our service"
    a2 = doc.item("a2")
    # The written end follows the box (now y 420..480): it leaves by the top, toward (520, 150).
    assert a2.points[0][1] == 417
    assert a2.points[-1] == (520, 150)  # the loose end stays where it was
    assert doc.item("g1").members == []
    doc.move(["s1"], 240, 0)  # s1's centre lands inside the group
    assert doc.item("g1").members == ["s1"]
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.item("g1").members == ["s2"] and doc.item("a2").points[0] == (403, 150)


def test_a_group_moves_with_its_members_and_resizing_it_changes_who_is_in(doc) -> None:
    doc.move(["g1"], 100, 0)
    assert (doc.item("g1").x, doc.item("s2").x, doc.item("s1").x) == (340, 360, 40)
    doc.resize("g1", (0, 90, 560, 140))
    assert sorted(doc.item("g1").members) == ["s1", "s2"]
    doc.resize("g1", (0, 90, 200, 140))
    assert doc.item("g1").members == ["s1"]


def test_deleting_a_box_keeps_its_arrows_with_loose_ends(doc) -> None:
    doc.remove(["s2"])
    a1 = doc.item("a1")
    assert (a1.source, a1.target) == ("s1", None)
    assert a1.points[-1] == (257, 150)  # where it was drawn, at the deleted box's edge
    assert doc.item("g1").members == []
    load_drawing(dump_drawing(doc.drawing))  # still a valid file: no arrow names s2
    doc.undo_stack.undo()
    assert dump_drawing(doc.drawing) == dump_drawing(load_drawing(FILE))


def test_reconnecting_an_arrow_end(doc) -> None:
    doc.set_arrow_end("a2", "to", "s1", (100, 150))
    a2 = doc.item("a2")
    assert (a2.source, a2.target, a2.points) == ("s2", "s1", None)
    doc.set_arrow_end("a1", "from", None, (10, 400))
    a1 = doc.item("a1")
    assert (a1.source, a1.target) == (None, "s2")
    # The attached end is written where it is drawn: s2's bottom edge, 3 units below.
    assert a1.points[0] == (10, 400) and a1.points[-1] == (287.8, 183)


def test_copy_and_paste_gives_fresh_ids_and_keeps_the_links_inside(doc) -> None:
    text = doc.copy_json(["g1"])  # the group brings its member s2
    copied = load_drawing(text)
    assert [i.id for i in copied.items] == ["s2", "a2", "g1"]
    new = doc.paste_json(text, (30, 30))
    assert new == ["s3", "a3", "g2"]
    assert doc.item("g2").members == ["s3"]
    assert doc.item("a3").source == "s3" and doc.item("a3").points[-1] == (550, 180)
    text = doc.copy_json(["s1", "a1"])  # a1 points at s2, which is not copied
    pasted = load_drawing(text)
    (arrow,) = pasted.arrows()
    assert (arrow.source, arrow.target) == ("s1", None) and arrow.points[-1] == (257, 150)
    with pytest.raises(DrawingFormatError):
        doc.paste_json("just some words")
    assert doc.undo_stack.count() == 1


def test_ids_stay_unique_and_import_is_undoable(doc) -> None:
    doc.add([Shape("s1", "box", "clash")])
    assert doc.drawing.shapes()[-1].id == "s3"
    other = load_drawing('{"format": "longform-drawing", "version": 1, "items": []}')
    doc.replace(other)
    assert doc.drawing.items == []
    doc.undo_stack.undo()
    assert len(doc.drawing.shapes()) == 3


def test_a_reference_diagram_as_a_drawing() -> None:
    root = Path(__file__).resolve().parents[3]
    md = root / "content" / "apis-in-depth" / "idempotency-and-exactly-once.md"
    diagrams, _ = parse_diagrams(md.read_text(encoding="utf-8"))
    diagram = next(d for d in diagrams if d.id == "retry-safe-request")
    drawing = drawing_from_diagram(diagram, "idempotency-and-exactly-once")
    assert [s.id for s in drawing.shapes()] == [n.id for n in diagram.nodes]
    assert [(a.source, a.target) for a in drawing.arrows()] == [
        (e.source, e.target) for e in diagram.edges
    ]
    assert len([i for i in drawing.items if isinstance(i, Group)]) == len(diagram.groups)
    assert load_drawing(dump_drawing(drawing)).diagram == "retry-safe-request"
    assert all(isinstance(a, Arrow) and a.points is None for a in drawing.arrows())


def test_a_snapshot_shares_nothing_with_later_edits(doc) -> None:
    snap = doc.snapshot()
    frozen = dump_drawing(snap)
    doc.move(["s1", "a2"], 50, 50)
    doc.set_members("g1", ["s1", "s2"])
    doc.item("s1").extra["colour"] = "red"  # even a change behind the document's back
    next(i for i in doc.drawing.items if i.id == "n1").data["text"] = "changed"
    assert dump_drawing(snap) == frozen


def test_grouping_frames_the_boxes_like_the_reader(doc) -> None:
    new = doc.group(iter(["s1", "s2", "a1"]), "Everything")  # an arrow is not a member
    group = doc.item(new)
    assert group.members == ["s1", "s2"]
    assert (group.x, group.y, group.w, group.h) == (26, 92, 388, 100)
