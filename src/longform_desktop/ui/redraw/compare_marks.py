"""Compare marks read from a score's JSON (the contract's ``score --json`` shape, which is
also what an attempt stores as ``score_parts``): what to colour on the reference and on
the attempt. Qt-free, so a stored attempt and a fresh one are marked the same way.

- reference nodes: recalled ``matched`` (green), forgotten ``missed`` (red);
- reference edges: recalled in the right direction (or both heads) ``matched``, recalled
  the other way round or with no head (half credit) ``reversed`` (amber), else ``missed``;
- attempt items: shapes and arrows that recalled something ``matched`` / ``reversed``,
  shapes and arrows that recalled nothing ``extra`` (violet). Arrows with a loose end
  and unlabelled boxes are left unmarked: the contract neither credits nor penalises them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MATCHED, MISSED, EXTRA, REVERSED = "matched", "missed", "extra", "reversed"
HALF_CREDIT = ("reversed", "undirected")


@dataclass
class Marks:
    nodes: dict[str, str] = field(default_factory=dict)  # reference node id -> mark
    edges: dict[tuple[str, str], str] = field(default_factory=dict)  # (from, to) -> mark
    attempt: dict[str, str] = field(default_factory=dict)  # attempt item id -> mark


def marks_from_score(parts: dict[str, Any]) -> Marks:
    marks = Marks()
    boxes, arrows = parts.get("boxes", {}), parts.get("arrows", {})
    for m in boxes.get("matched", []):
        marks.nodes[m["node"]] = MATCHED
        if m.get("shape"):
            marks.attempt[m["shape"]] = MATCHED
    for m in boxes.get("missed", []):
        marks.nodes[m["node"]] = MISSED
    for m in boxes.get("extra", []):
        marks.attempt[m["shape"]] = EXTRA
    for m in arrows.get("matched", []):
        mark = REVERSED if m.get("direction") in HALF_CREDIT else MATCHED
        marks.edges[(m["from"], m["to"])] = mark
        if m.get("arrow"):
            marks.attempt[m["arrow"]] = mark
    for m in arrows.get("missed", []):
        marks.edges[(m["from"], m["to"])] = MISSED
    for m in arrows.get("extra", []):
        marks.attempt[m["arrow"]] = EXTRA
    return marks


@dataclass(frozen=True)
class Parts:
    """The score's parts in the words the compare view shows them."""

    score: int
    boxes_matched: int
    boxes_total: int
    arrow_credit: float  # sum of edge credits (a reversed arrow counts a half)
    arrows_total: int
    box_part: float
    arrow_part: float
    penalty: int
    extras: int
    reversed: int
    unattached: int


def parts_of(parts: dict[str, Any]) -> Parts:
    boxes, arrows = parts.get("boxes", {}), parts.get("arrows", {})
    matched_arrows = arrows.get("matched", [])
    return Parts(
        score=int(parts.get("score", 0)),
        boxes_matched=len(boxes.get("matched", [])),
        boxes_total=int(boxes.get("total", 0)),
        arrow_credit=sum(float(m.get("credit", 0)) for m in matched_arrows),
        arrows_total=int(arrows.get("total", 0)),
        box_part=float(parts.get("box_part", 0)),
        arrow_part=float(parts.get("arrow_part", 0)),
        penalty=int(parts.get("penalty", 0)),
        extras=len(boxes.get("extra", [])) + len(arrows.get("extra", [])),
        reversed=sum(1 for m in matched_arrows if m.get("direction") in HALF_CREDIT),
        unattached=len(arrows.get("unattached", [])),
    )


def rating_name(score: int) -> str:
    """The review rating a score gives (core.review's mapping, named for people)."""
    if score < 40:
        return "Again"
    if score < 70:
        return "Hard"
    if score < 90:
        return "Good"
    return "Easy"


def number(value: float) -> str:
    """2.0 -> "2", 2.5 -> "2.5"."""
    return f"{value:g}"
