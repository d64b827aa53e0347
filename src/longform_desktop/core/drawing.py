"""The user's drawing: the ``longform-drawing`` v1 file format (drawing-format.md).

A drawing is a flat list of items: shapes, arrows, free text, pen strokes and groups.
Loading is all or nothing: any problem raises :class:`DrawingFormatError` with one line
saying what is wrong, so a bad import never leaves half a drawing behind. Unknown item
types and unknown fields are kept verbatim, so a file written by a newer app survives a
round trip through this one.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

FORMAT = "longform-drawing"
VERSION = 1
SHAPE_KINDS = ("box", "round", "store", "queue", "actor", "cloud")
HEADS = ("end", "start", "both", "none")
ARROW_STYLES = ("solid", "dashed")
ATTACH_MARGIN = 30  # a loose arrow end this close to a shape's rectangle is attached to it
# Size of a shape whose file gives no size (the canvas's default box).
DEFAULT_W, DEFAULT_H = 140, 60

Number = int | float
Point = tuple[Number, Number]


class DrawingFormatError(ValueError):
    """A drawing file that cannot be used; the message is one line for the user."""


@dataclass
class Shape:
    id: str
    shape: str = "box"  # as written in the file; see ``kind`` for how it is drawn
    text: str = ""
    x: Number = 0
    y: Number = 0
    w: Number = DEFAULT_W
    h: Number = DEFAULT_H
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """The shape drawn: unknown values read as box (the contract)."""
        return self.shape if self.shape in SHAPE_KINDS else "box"

    @property
    def labelled(self) -> bool:
        return bool(self.text.strip())

    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def near(self, point: Point, margin: float = ATTACH_MARGIN) -> bool:
        """Whether ``point`` lies in this shape's rectangle grown by ``margin`` on every side."""
        left, right = sorted((self.x, self.x + self.w))
        top, bottom = sorted((self.y, self.y + self.h))
        px, py = point
        return left - margin <= px <= right + margin and top - margin <= py <= bottom + margin


@dataclass
class Arrow:
    id: str
    source: str | None = None  # "from" in the file
    target: str | None = None  # "to" in the file
    text: str = ""
    style: str = "solid"
    heads: str = "end"
    points: list[Point] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Text:
    id: str
    text: str = ""
    x: Number = 0
    y: Number = 0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Stroke:
    id: str
    points: list[Point] = field(default_factory=list)
    width: Number = 2
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Group:
    id: str
    text: str = ""
    members: list[str] = field(default_factory=list)
    x: Number = 0
    y: Number = 0
    w: Number = 0
    h: Number = 0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class UnknownItem:
    """An item of a type this app does not know: kept exactly as read."""

    data: dict[str, Any]

    @property
    def id(self) -> str | None:
        value = self.data.get("id")
        return value if isinstance(value, str) else None


Item = Shape | Arrow | Text | Stroke | Group | UnknownItem
_ID_PREFIX = {Shape: "s", Arrow: "a", Text: "t", Stroke: "p", Group: "g"}


@dataclass
class Drawing:
    article: str | None = None
    diagram: str | None = None
    items: list[Item] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def shapes(self) -> list[Shape]:
        return [i for i in self.items if isinstance(i, Shape)]

    def arrows(self) -> list[Arrow]:
        return [i for i in self.items if isinstance(i, Arrow)]

    def item(self, item_id: str) -> Item | None:
        for item in self.items:
            if item.id == item_id:
                return item
        return None

    def new_id(self, kind: type) -> str:
        """A fresh id for an item of ``kind`` (s1, s2... for shapes), unique in the drawing."""
        prefix = _ID_PREFIX.get(kind, "i")
        used = {item.id for item in self.items}
        n = 1 + sum(1 for item in self.items if isinstance(item, kind))
        while f"{prefix}{n}" in used:
            n += 1
        return f"{prefix}{n}"

    def add(self, item: Item) -> Item:
        """Append ``item``; an item whose id is already taken is refused (ids stay unique)."""
        if item.id is not None and any(i.id == item.id for i in self.items):
            raise ValueError(f"id '{item.id}' is already used in this drawing")
        self.items.append(item)
        return item


def new_drawing(article: str | None = None, diagram: str | None = None) -> Drawing:
    """An empty drawing, tied to an article's diagram or free (both None)."""
    return Drawing(article=article, diagram=diagram)


# --- attaching loose arrow ends ----------------------------------------------------------


def attach_point(shapes: list[Shape], point: Point) -> Shape | None:
    """The shape a loose end at ``point`` attaches to, or None: the contract's rule (the
    rectangle grown by 30 units contains the point; the nearest centre wins a tie; an
    exact tie of distances goes to the shape first in the file)."""
    best: Shape | None = None
    best_d = math.inf
    for shape in shapes:
        if shape.near(point):
            cx, cy = shape.centre()
            d = math.hypot(point[0] - cx, point[1] - cy)
            if d < best_d:
                best, best_d = shape, d
    return best


def arrow_ends(
    drawing: Drawing, arrow: Arrow, shapes: list[Shape] | None = None
) -> tuple[Shape | None, Shape | None]:
    """The shapes at the arrow's ``from`` and ``to`` ends; None for an end that stays loose.
    ``shapes`` is ``drawing.shapes()`` when the caller already has it (many arrows)."""
    shapes = drawing.shapes() if shapes is None else shapes
    by_id = {s.id: s for s in shapes}
    ends: list[Shape | None] = []
    for ref, index in ((arrow.source, 0), (arrow.target, -1)):
        if ref is not None:
            ends.append(by_id.get(ref))
        elif arrow.points and len(arrow.points) >= 2:
            ends.append(attach_point(shapes, arrow.points[index]))
        else:
            ends.append(None)
    return ends[0], ends[1]


# --- loading --------------------------------------------------------------------------

_KNOWN = {
    "shape": ("type", "id", "shape", "text", "x", "y", "w", "h"),
    "arrow": ("type", "id", "from", "to", "text", "style", "heads", "points"),
    "text": ("type", "id", "text", "x", "y"),
    "stroke": ("type", "id", "points", "width"),
    "group": ("type", "id", "text", "members", "x", "y", "w", "h"),
}
_TOP = ("format", "version", "article", "diagram", "items")


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def load_drawing(text: str) -> Drawing:
    """Parse a ``longform-drawing`` file; raise DrawingFormatError on any problem."""
    try:
        root = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DrawingFormatError(f"not a drawing: the file is not JSON ({detail})") from None
    if not isinstance(root, dict):
        raise DrawingFormatError("not a drawing: the JSON is not an object")
    fmt = root.get("format")
    if fmt is None:
        raise DrawingFormatError(f"not a drawing: 'format' is missing (expected '{FORMAT}')")
    if fmt != FORMAT:
        raise DrawingFormatError(f"not a drawing: 'format' is {fmt!r}, expected '{FORMAT}'")
    version = root.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise DrawingFormatError(f"'version' must be a whole number, got {version!r}")
    if version > VERSION:
        raise DrawingFormatError(
            f"drawing version {version} is newer than this app knows (up to {VERSION}); "
            "update Longform Desktop to open it"
        )
    if version < 1:
        raise DrawingFormatError(f"drawing version {version} does not exist (versions start at 1)")
    drawing = Drawing(
        article=_opt_str(root, "article", "the drawing"),
        diagram=_opt_str(root, "diagram", "the drawing"),
        extra={k: v for k, v in root.items() if k not in _TOP},
    )
    raw_items = root.get("items", [])
    if not isinstance(raw_items, list):
        raise DrawingFormatError("'items' must be a list")
    seen: set[str] = set()
    for index, raw in enumerate(raw_items):
        item = _load_item(raw, index)
        if item.id is not None:
            if item.id in seen:
                raise DrawingFormatError(f"duplicate item id '{item.id}'")
            seen.add(item.id)
        drawing.items.append(item)
    shape_ids = {s.id for s in drawing.shapes()}
    for arrow in drawing.arrows():
        for key, ref in (("from", arrow.source), ("to", arrow.target)):
            if ref is not None and ref not in shape_ids:
                what = "an item that is not a shape" if ref in seen else "no shape"
                raise DrawingFormatError(
                    f"arrow '{arrow.id}': '{key}' names '{ref}', but there is {what} with that id"
                )
    return drawing


def _load_item(raw: Any, index: int) -> Item:
    if not isinstance(raw, dict):
        raise DrawingFormatError(f"item {index + 1} is not an object")
    kind = raw.get("type")
    if kind is None:
        raise DrawingFormatError(f"item {index + 1} has no 'type'")
    if not isinstance(kind, str):
        raise DrawingFormatError(f"item {index + 1}: 'type' must be a text, got {kind!r}")
    if kind not in _KNOWN:
        if "id" in raw and not isinstance(raw["id"], str):
            raise DrawingFormatError(f"item {index + 1}: 'id' must be a text")
        return UnknownItem(dict(raw))
    item_id = raw.get("id")
    if not isinstance(item_id, str) or not item_id:
        raise DrawingFormatError(f"item {index + 1} ({kind}) has no 'id'")
    where = f"{kind} '{item_id}'"
    extra = {k: v for k, v in raw.items() if k not in _KNOWN[kind]}
    if kind == "shape":
        return Shape(
            item_id,
            _str(raw, "shape", where, "box"),
            _str(raw, "text", where),
            x=_num(raw, "x", where),
            y=_num(raw, "y", where),
            w=_num(raw, "w", where, DEFAULT_W),
            h=_num(raw, "h", where, DEFAULT_H),
            extra=extra,
        )
    if kind == "arrow":
        return Arrow(
            item_id,
            _opt_str(raw, "from", where),
            _opt_str(raw, "to", where),
            _str(raw, "text", where),
            _str(raw, "style", where, "solid"),
            _str(raw, "heads", where, "end"),
            _points(raw, where) if raw.get("points") is not None else None,
            extra=extra,
        )
    if kind == "text":
        return Text(
            item_id, _str(raw, "text", where), _num(raw, "x", where), _num(raw, "y", where), extra
        )
    if kind == "stroke":
        pts = _points(raw, where) if raw.get("points") is not None else []
        return Stroke(item_id, pts, _num(raw, "width", where, 2), extra)
    members = raw.get("members", [])
    if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
        raise DrawingFormatError(f"{where}: 'members' must be a list of item ids")
    x, y, w, h = (_num(raw, k, where) for k in ("x", "y", "w", "h"))
    return Group(item_id, _str(raw, "text", where), list(members), x, y, w, h, extra)


def _str(raw: dict, key: str, where: str, default: str = "") -> str:
    value = raw.get(key)
    if value is None:
        return default
    if not isinstance(value, str):
        raise DrawingFormatError(f"{where}: '{key}' must be a text, got {value!r}")
    return value


def _opt_str(raw: dict, key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, str):
        raise DrawingFormatError(f"{where}: '{key}' must be a text or null, got {value!r}")
    return value


def _is_num(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _num(raw: dict, key: str, where: str, default: Number = 0) -> Number:
    value = raw.get(key)
    if value is None:
        return default
    if not _is_num(value):
        raise DrawingFormatError(f"{where}: '{key}' must be a number, got {value!r}")
    return value


def _points(raw: dict, where: str) -> list[Point]:
    value = raw["points"]
    ok = isinstance(value, list) and all(
        isinstance(p, list) and len(p) == 2 and all(_is_num(c) for c in p) for p in value
    )
    if not ok:
        raise DrawingFormatError(f"{where}: 'points' must be a list of [x, y] number pairs")
    return [(p[0], p[1]) for p in value]


# --- dumping --------------------------------------------------------------------------


def item_to_json(item: Item) -> dict[str, Any]:
    """The item as the file writes it: known fields in the contract's order, then the rest."""
    if isinstance(item, UnknownItem):
        return dict(item.data)
    out: dict[str, Any]
    if isinstance(item, Shape):
        out = {"type": "shape", "id": item.id, "shape": item.shape, "text": item.text}
        out.update(x=item.x, y=item.y, w=item.w, h=item.h)
    elif isinstance(item, Arrow):
        out = {"type": "arrow", "id": item.id, "from": item.source, "to": item.target}
        out.update(text=item.text, style=item.style, heads=item.heads)
        if item.points is not None:
            out["points"] = [list(p) for p in item.points]
    elif isinstance(item, Text):
        out = {"type": "text", "id": item.id, "text": item.text, "x": item.x, "y": item.y}
    elif isinstance(item, Stroke):
        out = {"type": "stroke", "id": item.id, "points": [list(p) for p in item.points]}
        out["width"] = item.width
    else:
        out = {"type": "group", "id": item.id, "text": item.text, "members": list(item.members)}
        out.update(x=item.x, y=item.y, w=item.w, h=item.h)
    for key, value in item.extra.items():
        out.setdefault(key, value)
    return out


def drawing_to_json(drawing: Drawing) -> dict[str, Any]:
    out: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if drawing.article is not None:
        out["article"] = drawing.article
    if drawing.diagram is not None:
        out["diagram"] = drawing.diagram
    out["items"] = [item_to_json(item) for item in drawing.items]
    for key, value in drawing.extra.items():
        out.setdefault(key, value)
    return out


def dump_drawing(drawing: Drawing) -> str:
    """The drawing as ``longform-drawing`` v1 JSON text, one item per line (diffable)."""
    body = drawing_to_json(drawing)
    items = body.pop("items")
    lines = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in body.items()]
    rows = ",\n".join("    " + json.dumps(i, ensure_ascii=False) for i in items)
    lines.append('  "items": [\n' + rows + "\n  ]" if items else '  "items": []')
    return "{\n" + "\n".join(lines) + "\n}\n"
