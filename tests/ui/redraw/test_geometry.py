"""The canvas's Qt-free geometry: arrow paths, clipping, resizing, snapping."""

from __future__ import annotations

import math

from longform_desktop.core.drawing import Arrow
from longform_desktop.ui.redraw import geometry as geo

RECTS = {
    "a": (0.0, 0.0, 100.0, 50.0),
    "b": (300.0, 0.0, 100.0, 50.0),
    "c": (0.0, 200.0, 100.0, 50.0),
}


def path(arrow: Arrow, offset: float = 0.0) -> list[geo.Pt]:
    return geo.arrow_path(arrow, RECTS.get, offset)


def test_an_attached_arrow_runs_edge_to_edge_with_the_readers_gap() -> None:
    assert path(Arrow("x", "a", "b")) == [(103.0, 25.0), (297.0, 25.0)]
    assert path(Arrow("x", "a", "c")) == [(50.0, 53.0), (50.0, 197.0)]


def test_a_loose_end_is_its_point_and_aims_the_attached_end() -> None:
    arrow = Arrow("x", "a", None, points=[(0, 0), (50, 400)])
    start, end = path(arrow)
    assert end == (50.0, 400.0)
    assert start == (50.0, 53.0)  # straight down toward the loose end
    assert path(Arrow("x", None, None, points=[(5, 5), (9, 9)])) == [(5.0, 5.0), (9.0, 9.0)]


def test_waypoints_are_kept_and_ends_aim_at_them() -> None:
    arrow = Arrow("x", "a", "b", points=[(0, 0), (50, 150), (350, 150), (0, 0)])
    assert path(arrow) == [(50.0, 53.0), (50.0, 150.0), (350.0, 150.0), (350.0, 53.0)]


def test_an_arrow_that_cannot_be_drawn_gives_no_path() -> None:
    assert path(Arrow("x", "a", None)) == []  # loose end without a point
    assert path(Arrow("x", "a", "gone")) == []


def test_opposite_arrows_are_shifted_to_either_side() -> None:
    there = path(Arrow("x", "a", "b"), offset=9)
    back = path(Arrow("y", "b", "a"), offset=9)
    assert there[0][1] == 34.0 and back[0][1] == 16.0


def test_a_shape_to_itself_is_a_loop_outside_the_box() -> None:
    loop = path(Arrow("x", "a", "a"))
    assert len(loop) == 5
    assert all(not geo.contains((1, 1, 98, 48), p) for p in loop)


def test_resize_keeps_the_far_edges_and_a_minimum_size() -> None:
    rect = (100.0, 100.0, 140.0, 60.0)
    assert geo.resize_rect(rect, "br", (300, 220)) == (100, 100, 200, 120)
    assert geo.resize_rect(rect, "l", (50, 999)) == (50, 100, 190, 60)
    assert geo.resize_rect(rect, "tl", (900, 900)) == (220, 140, 20, 20)


def test_snap_tidy_and_label_anchor() -> None:
    assert (geo.snap(29), geo.snap(31), geo.snap(-11)) == (20, 40, -20)
    assert geo.tidy(12.0) == 12 and isinstance(geo.tidy(12.0), int)
    assert geo.tidy(12.345) == 12.3
    assert geo.label_anchor([(0, 0), (100, 0), (100, 100)]) == (100.0, 0.0)
    assert geo.norm_rect(10, 10, -5, -5) == (5, 5, 5, 5)
    assert math.isclose(geo.distance_to_segment((5, 5), (0, 0), (10, 0)), 5)
