"""Where things are on the canvas, without Qt: rectangles, snapping, arrow paths, groups.

The scene (while an item is dragged, from the items' live rectangles) and the document
(when a command writes an arrow's end points, from the drawing's shapes) compute arrow
paths with the same function, :func:`arrow_path`, so what is drawn is what is saved.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

from longform_desktop.core.drawing import Arrow, Group, Shape

Rect = tuple[float, float, float, float]  # x, y, w, h (w, h > 0)
Pt = tuple[float, float]
RectOf = Callable[[str], Rect | None]

GAP = 3.0  # an arrow stops this far from a box, as in the reader's diagrams
LOOP = 28.0  # how far a self-arrow (a shape to itself) sticks out
GRID = 20.0


def norm_rect(x: float, y: float, w: float, h: float) -> Rect:
    """The same rectangle with a positive width and height (a drag can go up or left)."""
    return (min(x, x + w), min(y, y + h), abs(w), abs(h))


def shape_rect(shape: Shape) -> Rect:
    return norm_rect(shape.x, shape.y, shape.w, shape.h)


def group_rect(group: Group) -> Rect:
    return norm_rect(group.x, group.y, group.w, group.h)


def centre(rect: Rect) -> Pt:
    return (rect[0] + rect[2] / 2, rect[1] + rect[3] / 2)


def contains(rect: Rect, point: Pt) -> bool:
    x, y, w, h = rect
    return x <= point[0] <= x + w and y <= point[1] <= y + h


def united(rects: list[Rect]) -> Rect:
    left = min(r[0] for r in rects)
    top = min(r[1] for r in rects)
    right = max(r[0] + r[2] for r in rects)
    bottom = max(r[1] + r[3] for r in rects)
    return (left, top, right - left, bottom - top)


def group_frame(rect: Rect) -> Rect:
    """A group's frame around its boxes' united rectangle, as the reader draws it (room
    above for the label)."""
    x, y, w, h = rect
    return (x - 14, y - 28, w + 28, h + 40)


def snap(value: float, grid: float = GRID) -> float:
    return round(value / grid) * grid


def tidy(value: float) -> float | int:
    """A coordinate as the file writes it: whole numbers stay whole, the rest one decimal."""
    rounded = round(value, 1)
    return int(rounded) if rounded == int(rounded) else rounded


def clip(from_pt: Pt, toward: Pt, rect: Rect, gap: float = GAP) -> Pt:
    """Where the line from ``from_pt`` (inside ``rect``) toward ``toward`` leaves ``rect``
    grown by ``gap``: the reader's diagrams end their arrows the same way."""
    dx, dy = toward[0] - from_pt[0], toward[1] - from_pt[1]
    if dx == 0 and dy == 0:
        return from_pt
    half_w, half_h = rect[2] / 2 + gap, rect[3] / 2 + gap
    t = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    if t >= 1:  # the other point is inside the box: nothing to clip
        return toward
    return (from_pt[0] + dx * t, from_pt[1] + dy * t)


def arrow_path(arrow: Arrow, rect_of: RectOf, offset: float = 0.0) -> list[Pt]:
    """The arrow as a polyline from its ``from`` end to its ``to`` end.

    An attached end starts at the edge of its shape, aimed at the neighbouring point; a
    loose end is its point in ``points``; the points in between are waypoints.
    ``offset`` shifts a straight attached arrow sideways (two arrows between the same
    pair of boxes are drawn side by side instead of on top of each other). Returns []
    when an end is neither attached nor given a point (nothing can be drawn)."""
    points = [(float(p[0]), float(p[1])) for p in arrow.points or []]
    src = rect_of(arrow.source) if arrow.source is not None else None
    dst = rect_of(arrow.target) if arrow.target is not None else None
    if src is not None and src == dst and arrow.source == arrow.target:
        return _loop(src)
    middle = points[1:-1] if len(points) >= 2 else []
    start = None if src is not None else (points[0] if points else None)
    end = None if dst is not None else (points[-1] if len(points) >= 2 else None)
    if (src is None and start is None) or (dst is None and end is None):
        return []
    a = centre(src) if src is not None else start
    b = centre(dst) if dst is not None else end
    assert a is not None and b is not None
    if offset and not middle and a != b:
        length = math.hypot(b[0] - a[0], b[1] - a[1])
        nx, ny = -(b[1] - a[1]) / length * offset, (b[0] - a[0]) / length * offset
        a, b = (a[0] + nx, a[1] + ny), (b[0] + nx, b[1] + ny)
    if src is not None:
        start = clip(a, middle[0] if middle else b, src)
    if dst is not None:
        end = clip(b, middle[-1] if middle else a, dst)
    assert start is not None and end is not None
    return [start, *middle, end]


def _loop(rect: Rect) -> list[Pt]:
    """A shape's arrow to itself: out of the right side, back in through the top."""
    x, y, w, h = rect
    right, top = x + w + GAP, y - GAP
    return [
        (right, y + h * 0.35),
        (right + LOOP, y + h * 0.35),
        (right + LOOP, top - LOOP),
        (x + w * 0.65, top - LOOP),
        (x + w * 0.65, top),
    ]


def distance_to_segment(p: Pt, a: Pt, b: Pt) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def label_anchor(path: list[Pt]) -> Pt:
    """The middle of a polyline, measured along it (where its label is centred)."""
    lengths = [math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(path)]
    half = sum(lengths) / 2
    for (a, b), length in zip(itertools.pairwise(path), lengths, strict=True):
        if half <= length and length > 0:
            t = half / length
            return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        half -= length
    return path[len(path) // 2] if path else (0.0, 0.0)


MIN_SIZE = 20.0


def resize_rect(rect: Rect, handle: str, pos: Pt, min_size: float = MIN_SIZE) -> Rect:
    """``rect`` with the edges named by ``handle`` ("tl", "t", "tr", "r", "br", "b", "bl",
    "l") dragged to ``pos``; the opposite edges stay put and the box keeps a minimum size."""
    left, top, right, bottom = rect[0], rect[1], rect[0] + rect[2], rect[1] + rect[3]
    if "l" in handle:
        left = min(pos[0], right - min_size)
    if "r" in handle:
        right = max(pos[0], left + min_size)
    if "t" in handle:
        top = min(pos[1], bottom - min_size)
    if "b" in handle:
        bottom = max(pos[1], top + min_size)
    return (left, top, right - left, bottom - top)
