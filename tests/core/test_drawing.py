"""The longform-drawing v1 file: loading, refusals, round trips, loose-end attachment."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from longform_desktop.core.drawing import (
    Arrow,
    DrawingFormatError,
    Group,
    Shape,
    Stroke,
    Text,
    UnknownItem,
    arrow_ends,
    attach_point,
    dump_drawing,
    load_drawing,
    new_drawing,
)

# The example of drawing-format.md, verbatim.
EXAMPLE = """{
  "format": "longform-drawing",
  "version": 1,
  "article": "idempotency-and-exactly-once",
  "diagram": "retry-safe-request",
  "items": [
    {"type": "shape", "id": "s1", "shape": "actor", "text": "Client",
     "x": 40, "y": 120, "w": 140, "h": 60},
    {"type": "shape", "id": "s2", "shape": "box", "text": "API",
     "x": 260, "y": 120, "w": 140, "h": 60},
    {"type": "arrow", "id": "a1", "from": "s1", "to": "s2",
     "text": "POST + key", "style": "solid", "heads": "end"},
    {"type": "arrow", "id": "a2", "from": "s2", "to": null,
     "points": [[400, 150], [520, 150]], "heads": "end"},
    {"type": "text", "id": "t1", "text": "retries happen here", "x": 300, "y": 40},
    {"type": "stroke", "id": "p1", "points": [[10, 10], [14, 18], [22, 25]], "width": 2},
    {"type": "group", "id": "g1", "text": "Our service", "members": ["s2"],
     "x": 240, "y": 90, "w": 320, "h": 140}
  ]
}"""


def _doc(*items: dict, **top) -> str:
    return json.dumps({"format": "longform-drawing", "version": 1, **top, "items": list(items)})


def test_contract_example_loads_every_item_type() -> None:
    d = load_drawing(EXAMPLE)
    assert (d.article, d.diagram) == ("idempotency-and-exactly-once", "retry-safe-request")
    kinds = [type(i) for i in d.items]
    assert kinds == [Shape, Shape, Arrow, Arrow, Text, Stroke, Group]
    client, _api, a1, a2 = d.items[:4]
    assert client.shape == "actor" and client.text == "Client" and client.w == 140
    assert (a1.source, a1.target, a1.text, a1.heads) == ("s1", "s2", "POST + key", "end")
    assert a2.target is None and a2.points == [(400, 150), (520, 150)]
    assert a2.style == "solid"  # the default
    assert d.items[6].members == ["s2"]


def test_round_trip_is_exact_and_stable() -> None:
    d = load_drawing(EXAMPLE)
    text = dump_drawing(d)
    assert load_drawing(text) == d
    assert dump_drawing(load_drawing(text)) == text
    assert json.loads(text)["format"] == "longform-drawing"


def test_unknown_item_types_and_fields_survive_a_round_trip() -> None:
    future = {"type": "sticky-note", "id": "n1", "colour": "#ffcc00", "nested": {"a": [1, 2]}}
    no_id = {"type": "laser-pointer", "path": [[1, 2]]}
    shape = {"type": "shape", "id": "s1", "text": "Queue", "shape": "hexagon", "rotation": 15}
    d = load_drawing(_doc(shape, future, no_id, theme="dark", created_by={"app": "x"}))
    assert isinstance(d.items[1], UnknownItem) and d.items[1].id == "n1"
    assert d.items[0].kind == "box" and d.items[0].shape == "hexagon"  # drawn as box, kept
    out = json.loads(dump_drawing(d))
    assert out["items"][1] == future and out["items"][2] == no_id
    assert out["items"][0]["rotation"] == 15 and out["items"][0]["shape"] == "hexagon"
    assert out["theme"] == "dark" and out["created_by"] == {"app": "x"}


def test_missing_optional_fields_take_their_defaults() -> None:
    d = load_drawing(_doc({"type": "shape", "id": "s1"}, {"type": "arrow", "id": "a1"}))
    shape, arrow = d.items
    assert (shape.text, shape.kind, shape.w, shape.h) == ("", "box", 140, 60)
    assert (arrow.source, arrow.target, arrow.heads, arrow.style) == (None, None, "end", "solid")
    assert d.article is None and d.diagram is None
    assert load_drawing('{"format": "longform-drawing", "version": 1}').items == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("not json at all", "not JSON"),
        ("", "not JSON"),
        ('{"format": "longform-drawing", "version": 1, "items": [', "not JSON"),
        ('{"format": "longform-drawing", "version": 1, "x": NaN}', "not JSON"),
        ("[1, 2]", "not an object"),
        ('{"version": 1, "items": []}', "'format' is missing"),
        ('{"format": "excalidraw", "version": 1, "items": []}', "'format' is 'excalidraw'"),
        ('{"format": "longform-drawing", "version": 2, "items": []}', "newer than this app"),
        ('{"format": "longform-drawing", "items": []}', "'version' must be a whole number"),
        ('{"format": "longform-drawing", "version": "1"}', "'version' must be a whole number"),
        ('{"format": "longform-drawing", "version": 0}', "does not exist"),
        ('{"format": "longform-drawing", "version": 1, "items": {}}', "'items' must be a list"),
        (_doc({"id": "s1", "text": "API"}), "item 1 has no 'type'"),
        (
            _doc({"type": "shape", "id": "s1"}, {"type": "shape", "id": "s1"}),
            "duplicate item id 's1'",
        ),
        (
            _doc({"type": "shape", "id": "x"}, {"type": "future", "id": "x"}),
            "duplicate item id 'x'",
        ),
        (_doc({"type": "arrow", "id": "a1", "from": "s9", "to": None}), "names 's9'"),
        (
            _doc({"type": "text", "id": "t1"}, {"type": "arrow", "id": "a1", "to": "t1"}),
            "not a shape",
        ),
        (_doc({"type": "shape", "id": "s1", "x": "40"}), "'x' must be a number"),
        (_doc({"type": "shape", "id": "s1", "text": 5}), "'text' must be a text"),
        (_doc({"type": "arrow", "id": "a1", "points": [[1, 2, 3]]}), "'points' must be"),
        (_doc({"type": "shape"}), "has no 'id'"),
        (_doc("just a string"), "item 1 is not an object"),
    ],
)
def test_refusals_are_one_clear_line(text: str, expected: str) -> None:
    with pytest.raises(DrawingFormatError) as info:
        load_drawing(text)
    message = str(info.value)
    assert expected in message
    assert "\n" not in message and "Traceback" not in message


def test_a_refused_file_gives_no_partial_result() -> None:
    good = {"type": "shape", "id": "s1", "text": "API"}
    with pytest.raises(DrawingFormatError):
        load_drawing(_doc(good, good))  # nothing comes back, not even the first shape


def _shape(sid: str, x: float, y: float, w: float = 100, h: float = 50, text: str = "X") -> Shape:
    return Shape(sid, text=text, x=x, y=y, w=w, h=h)


def test_attach_point_uses_the_rectangle_grown_by_30() -> None:
    box = _shape("s1", 100, 100)  # 100..200 x 100..150
    assert attach_point([box], (70, 125)) is box  # exactly 30 to the left
    assert attach_point([box], (230, 180)) is box  # a corner of the grown rectangle
    assert attach_point([box], (69.5, 125)) is None
    assert attach_point([box], (150, 181)) is None
    assert attach_point([], (0, 0)) is None


def test_attach_point_nearest_centre_wins_then_file_order() -> None:
    left = _shape("s1", 0, 0)  # centre (50, 25)
    right = _shape("s2", 140, 0)  # centre (190, 25); grown rectangles overlap at x 110..130
    assert attach_point([left, right], (115, 25)) is left
    assert attach_point([left, right], (125, 25)) is right
    assert attach_point([left, right], (120, 25)) is left  # equal distance: first in file
    assert attach_point([right, left], (120, 25)) is right


def test_arrow_ends_resolve_ids_then_points() -> None:
    d = load_drawing(EXAMPLE)
    a1, a2 = d.arrows()
    assert [s.id for s in arrow_ends(d, a1)] == ["s1", "s2"]
    start, end = arrow_ends(d, a2)
    assert start.id == "s2" and end is None  # (520, 150) is 90 right of the API box
    a2.points = [(400, 150), (60, 150)]  # now ends inside the client box
    assert [s.id for s in arrow_ends(d, a2) if s] == ["s2", "s1"]
    both_loose = Arrow("a3", points=[(45, 100), (265, 190)])
    d.items.append(both_loose)
    assert [s.id for s in arrow_ends(d, both_loose)] == ["s1", "s2"]
    assert arrow_ends(d, Arrow("a4")) == (None, None)  # no ids, no points: loose


def test_new_drawing_and_unique_ids() -> None:
    d = new_drawing("idempotency-and-exactly-once", "retry-safe-request")
    assert d.items == [] and d.article == "idempotency-and-exactly-once"
    first = d.add(Shape(d.new_id(Shape), text="API"))
    second = d.add(Shape(d.new_id(Shape), text="DB"))
    d.add(Arrow(d.new_id(Arrow), first.id, second.id))
    d.add(Shape("s4"))
    assert [i.id for i in d.items] == ["s1", "s2", "a1", "s4"]
    assert d.new_id(Shape) not in {i.id for i in d.items}
    with pytest.raises(ValueError, match="already used"):
        d.add(Text("s1"))
    assert load_drawing(dump_drawing(d)) == d
    assert dump_drawing(new_drawing()).count("article") == 0


def test_five_hundred_items_round_trip() -> None:
    d = new_drawing("a", "b")
    for n in range(250):
        d.add(Shape(f"s{n}", text=f"Box {n}", x=n * 10, y=n * 5))
    for n in range(249):
        d.add(Arrow(f"a{n}", f"s{n}", f"s{n + 1}", heads="both" if n % 2 else "end"))
    d.add(Stroke("p1", [(0, 0), (1.5, 2.25)]))
    assert len(d.items) == 500
    assert load_drawing(dump_drawing(d)) == d


_numbers = st.integers(-5000, 5000) | st.floats(-5000, 5000, allow_nan=False).map(
    lambda f: round(f, 2)
)
_text = st.text(max_size=20)


@st.composite
def _drawings(draw: st.DrawFn):
    d = new_drawing(draw(st.none() | _text), draw(st.none() | _text))
    n_shapes = draw(st.integers(0, 6))
    for i in range(n_shapes):
        d.add(
            Shape(
                f"s{i}",
                draw(st.sampled_from(["box", "cloud", "weird"])),
                draw(_text),
                draw(_numbers),
                draw(_numbers),
                draw(_numbers),
                draw(_numbers),
            )
        )
    ids = [None] + [f"s{i}" for i in range(n_shapes)]
    for i in range(draw(st.integers(0, 5))):
        src, dst = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        pts = [(draw(_numbers), draw(_numbers)) for _ in range(2)] if None in (src, dst) else None
        d.add(
            Arrow(
                f"a{i}",
                src,
                dst,
                draw(_text),
                "dashed",
                draw(st.sampled_from(["end", "start", "both", "none"])),
                pts,
                extra={"z": draw(_numbers)},
            )
        )
    if draw(st.booleans()):
        d.add(UnknownItem({"type": "future", "id": "f1", "payload": draw(_text)}))
    return d


@given(_drawings())
def test_any_drawing_round_trips(d) -> None:
    assert load_drawing(dump_drawing(d)) == d
