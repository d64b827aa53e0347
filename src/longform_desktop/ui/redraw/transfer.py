"""Moving items between drawings without Qt: copy to a file, paste under fresh ids, and a
reference diagram turned into a drawing (for a canvas that shows the reference)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from longform_desktop.core.drawing import (
    Arrow,
    Drawing,
    Group,
    Item,
    Point,
    Shape,
    Stroke,
    Text,
    UnknownItem,
    drawing_to_json,
    load_drawing,
)

from . import geometry as geo

if TYPE_CHECKING:
    from longform_desktop.core.diagram import Diagram

PREFIX = {Shape: "s", Arrow: "a", Text: "t", Stroke: "p", Group: "g", UnknownItem: "i"}


def fresh_id(prefix: str, used: set[str]) -> str:
    n = 1
    while f"{prefix}{n}" in used:
        n += 1
    return f"{prefix}{n}"


def tidy_point(p: tuple[float, float]) -> Point:
    return (geo.tidy(p[0]), geo.tidy(p[1]))


def copy_drawing(drawing: Drawing) -> Drawing:
    """A copy sharing nothing mutable with ``drawing``: each item copied, its lists new;
    unknown fields and items deep-copied (they can hold anything). A tenth of the time
    of ``copy.deepcopy`` on a 500-item drawing, which matters for autosave."""
    items: list[Item] = []
    for item in drawing.items:
        if isinstance(item, UnknownItem):
            items.append(UnknownItem(copy.deepcopy(item.data)))
            continue
        twin = copy.copy(item)
        twin.extra = copy.deepcopy(item.extra) if item.extra else {}
        if isinstance(twin, (Arrow, Stroke)) and twin.points is not None:
            twin.points = list(twin.points)  # the points themselves are tuples
        if isinstance(twin, Group):
            twin.members = list(twin.members)
        items.append(twin)
    extra = copy.deepcopy(drawing.extra) if drawing.extra else {}
    return Drawing(drawing.article, drawing.diagram, items, extra)


def copy_items(
    drawing: Drawing, by_id: dict[str, Item], ids: Iterable[str], rect_of: geo.RectOf
) -> str:
    """The items as a ``longform-drawing`` file: members of copied groups come along, and
    so does every arrow whose attached ends are all on copied shapes; an arrow end on a
    shape left behind becomes a loose end where it was drawn."""
    chosen = dict.fromkeys(i for i in ids if i in by_id)
    for item_id in list(chosen):
        item = by_id[item_id]
        if isinstance(item, Group):
            chosen.update(dict.fromkeys(m for m in item.members if m in by_id))
    for arrow in drawing.arrows():
        ends = [e for e in (arrow.source, arrow.target) if e is not None]
        if ends and all(e in chosen for e in ends):
            chosen[arrow.id] = None
    items = [copy.deepcopy(i) for i in drawing.items if i.id in chosen]
    for arrow in (i for i in items if isinstance(i, Arrow)):
        if arrow.source not in chosen or arrow.target not in chosen:
            path = geo.arrow_path(arrow, rect_of)
            arrow.points = [tidy_point(p) for p in path] if path else arrow.points
            arrow.source = arrow.source if arrow.source in chosen else None
            arrow.target = arrow.target if arrow.target in chosen else None
    for group in (i for i in items if isinstance(i, Group)):
        group.members = [m for m in group.members if m in chosen]
    return json.dumps(drawing_to_json(Drawing(items=items)), ensure_ascii=False)


def pasted_items(text: str, used: set[str], offset: Point) -> list[Item]:
    """The items of a ``longform-drawing`` file, shifted by ``offset``, renamed to ids not
    in ``used`` (references between them follow). Raises ``DrawingFormatError``."""
    items = load_drawing(text).items
    used = set(used)
    ids: dict[str, str] = {}
    for item in items:
        if item.id is not None:
            ids[item.id] = fresh_id(PREFIX[type(item)], used)
            used.add(ids[item.id])
    dx, dy = offset
    for item in items:
        if isinstance(item, UnknownItem):
            if item.id is not None:
                item.data["id"] = ids[item.id]
            continue
        item.id = ids[item.id]
        if isinstance(item, (Shape, Text, Group)):
            item.x, item.y = geo.tidy(item.x + dx), geo.tidy(item.y + dy)
        if isinstance(item, (Arrow, Stroke)) and item.points:
            item.points = [(geo.tidy(p[0] + dx), geo.tidy(p[1] + dy)) for p in item.points]
        if isinstance(item, Arrow):
            item.source = ids.get(item.source) if item.source else None
            item.target = ids.get(item.target) if item.target else None
        if isinstance(item, Group):
            item.members = [ids[m] for m in item.members if m in ids]
    return items


def drawing_from_diagram(diagram: Diagram, article: str | None = None) -> Drawing:
    """A reference diagram as a drawing laid out like the reader draws it: shape ids are
    the node ids, so compare marks can name reference boxes by node id."""
    from longform_desktop.ui.diagram_painter import (
        node_rect,  # the reader's layout, so both views agree
    )

    drawing = Drawing(article=article, diagram=diagram.id)
    for node in diagram.nodes:
        r = node_rect(node, diagram)
        x, y, w, h = (geo.tidy(v) for v in (r.x(), r.y(), r.width(), r.height()))
        drawing.items.append(Shape(node.id, node.shape, node.label, x=x, y=y, w=w, h=h))
    for n, edge in enumerate(diagram.edges, 1):
        arrow = Arrow(f"e{n}", edge.source, edge.target, edge.label, edge.style)
        drawing.items.append(arrow)
    for n, group in enumerate(diagram.groups, 1):
        x, y, w, h = geo.united(
            [geo.shape_rect(s) for s in drawing.shapes() if s.id in group.nodes]
        )
        gx, gy, gw, gh = (geo.tidy(v) for v in geo.group_frame((x, y, w, h)))
        frame = Group(f"g{n}", group.label, list(group.nodes), x=gx, y=gy, w=gw, h=gh)
        drawing.items.append(frame)
    return drawing
