"""Score a redraw against its reference diagram: the fixed rules of drawing-format.md.

Boxes are paired with reference nodes one to one by the best total label similarity
(``label_match``); arrows then recall the reference edges between paired boxes; the
score is the contract's formula, computed in exact fractions so that a half rounds up
the same way on every machine. ``Score.to_json()`` is the stable output of
``longform redraw score --json`` (docs/redraw-scoring.md).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .diagram import Diagram, Edge
from .drawing import HEADS, Arrow, Drawing, Shape, arrow_ends
from .label_match import NodeMatcher

BOX_WEIGHT, ARROW_WEIGHT = Fraction(2, 5), Fraction(3, 5)
PENALTY_PER_EXTRA, PENALTY_CAP = 3, 15
SIMILARITY_STEPS = 10**6  # similarities are compared at this resolution (ties are exact)


@dataclass(frozen=True)
class BoxMatch:
    node: str
    label: str
    shape: str | None  # None for a ticked paper checklist
    text: str | None
    similarity: float


@dataclass(frozen=True)
class ArrowMatch:
    source: str
    target: str
    arrow: str | None  # None for a ticked paper checklist
    direction: str  # same | reversed | both | undirected
    credit: Fraction


@dataclass(frozen=True)
class ExtraArrow:
    arrow: str
    source: str  # shape ids, in the arrow's own from -> to order
    target: str


@dataclass
class Score:
    article: str | None
    diagram: str
    box_part: Fraction
    arrow_part: Fraction
    penalty: int
    boxes_total: int
    arrows_total: int
    matched_boxes: list[BoxMatch] = field(default_factory=list)
    missed_boxes: list[tuple[str, str]] = field(default_factory=list)  # (node id, label)
    extra_boxes: list[tuple[str, str]] = field(default_factory=list)  # (shape id, text)
    matched_arrows: list[ArrowMatch] = field(default_factory=list)
    missed_arrows: list[tuple[str, str]] = field(default_factory=list)  # (from, to) node ids
    extra_arrows: list[ExtraArrow] = field(default_factory=list)
    unattached: list[str] = field(default_factory=list)  # arrow ids

    @property
    def score(self) -> int:
        raw = 100 * (BOX_WEIGHT * self.box_part + ARROW_WEIGHT * self.arrow_part)
        return max(0, round_half_up(raw) - self.penalty)

    def to_json(self) -> dict[str, Any]:
        """The contract's JSON shape (section 5), key for key."""
        return {
            "article": self.article,
            "diagram": self.diagram,
            "score": self.score,
            "box_part": round3(self.box_part),
            "arrow_part": round3(self.arrow_part),
            "penalty": self.penalty,
            "boxes": {
                "total": self.boxes_total,
                "matched": [
                    {
                        "node": m.node,
                        "label": m.label,
                        "shape": m.shape,
                        "text": m.text,
                        "similarity": round3(m.similarity),
                    }
                    for m in self.matched_boxes
                ],
                "missed": [{"node": n, "label": label} for n, label in self.missed_boxes],
                "extra": [{"shape": s, "text": text} for s, text in self.extra_boxes],
            },
            "arrows": {
                "total": self.arrows_total,
                "matched": [
                    {
                        "from": m.source,
                        "to": m.target,
                        "arrow": m.arrow,
                        "direction": m.direction,
                        "credit": float(m.credit),
                    }
                    for m in self.matched_arrows
                ],
                "missed": [{"from": s, "to": t} for s, t in self.missed_arrows],
                "extra": [
                    {"arrow": e.arrow, "from": e.source, "to": e.target} for e in self.extra_arrows
                ],
                "unattached": list(self.unattached),
            },
        }


def round_half_up(x: Fraction | float) -> int:
    """floor(x + 0.5): 57.5 -> 58, 56.5 -> 57 (Python's round would give 58 and 56)."""
    return math.floor(Fraction(x) + Fraction(1, 2))


def round3(x: Fraction | float) -> float:
    """Three decimals, halves up (0.6665 -> 0.667), as the JSON shows parts."""
    return round_half_up(Fraction(x) * 1000) / 1000


# --- boxes ----------------------------------------------------------------------------


def match_boxes(
    shapes: list[Shape], diagram: Diagram, matcher: NodeMatcher | None = None
) -> tuple[dict[int, tuple[Shape, float]], list[Shape]]:
    """Pair labelled shapes with nodes: {node index: (shape, similarity)}, extra shapes."""
    matcher = matcher or NodeMatcher(diagram)
    labelled = [s for s in shapes if s.labelled]
    steps = [
        [round(matcher.similarity(s.text, i) * SIMILARITY_STEPS) for s in labelled]
        for i in range(len(diagram.nodes))
    ]
    candidates = [j for j in range(len(labelled)) if any(row[j] for row in steps)]
    chosen = _assign([[row[j] for j in candidates] for row in steps])
    pairs: dict[int, tuple[Shape, float]] = {}
    for i, col in enumerate(chosen):
        if col is not None:
            pairs[i] = (labelled[candidates[col]], steps[i][candidates[col]] / SIMILARITY_STEPS)
    used = {id(shape) for shape, _ in pairs.values()}
    return pairs, [s for s in labelled if id(s) not in used]


def _assign(weights: list[list[int]]) -> list[int | None]:
    """Rows (nodes) to columns (shapes), maximising the total weight; 0 means "not allowed".

    Ties are broken exactly by folding a lexicographic bonus into integer weights: rows
    in order take the earliest column they can, without ever trading away similarity
    (the bonus of all rows together is below one similarity step). Solved with the
    Hungarian algorithm (Kuhn-Munkres with potentials) on rows x (columns + one dummy
    column per row, which leaves that row unmatched)."""
    n = len(weights)
    m = len(weights[0]) if n else 0
    if not n or not m:
        return [None] * n
    base = m + 1
    step = base**n
    w = [
        [q * step + (m - j) * base ** (n - 1 - i) if q > 0 else 0 for j, q in enumerate(row)]
        for i, row in enumerate(weights)
    ]
    cols = m + n
    inf = sum(max(row) for row in w) + 1

    def cost(i: int, j: int) -> int:
        return -w[i][j] if j < m else 0

    u = [0] * (n + 1)
    v = [0] * (cols + 1)
    owner = [0] * (cols + 1)  # owner[j]: the row (1-based) holding column j; 0 = free
    way = [0] * (cols + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minv = [inf] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, cols + 1):
                if not used[j]:
                    cur = cost(i0 - 1, j - 1) - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    result: list[int | None] = [None] * n
    for j in range(1, m + 1):
        if owner[j] and w[owner[j] - 1][j - 1] > 0:
            result[owner[j] - 1] = j - 1
    return result


# --- arrows ---------------------------------------------------------------------------


def _direction(arrow: Arrow, start: Shape, end: Shape, source: Shape) -> str:
    """How the arrow (drawn from ``start`` to ``end``) runs relative to an edge whose
    source box is ``source``. Unknown ``heads`` read as the default, ``end``."""
    heads = arrow.heads if arrow.heads in HEADS else "end"
    if heads == "both":
        return "both"
    if heads == "none":
        return "undirected"
    tail = end if heads == "start" else start
    return "same" if tail is source else "reversed"


_PASSES = (("same",), ("both",), ("reversed", "undirected"))
_CREDIT = {"same": Fraction(1), "both": Fraction(1)}


def score(drawing: Drawing, diagram: Diagram, article: str | None = None) -> Score:
    """Score ``drawing`` against ``diagram`` (contract sections 1-4)."""
    pairs, extra_shapes = match_boxes(drawing.shapes(), diagram)
    node_shape = {diagram.nodes[i].id: shape for i, (shape, _) in pairs.items()}
    result = Score(
        article=article if article is not None else drawing.article,
        diagram=diagram.id,
        box_part=Fraction(len(pairs), len(diagram.nodes)) if diagram.nodes else Fraction(1),
        arrow_part=Fraction(1),
        penalty=0,
        boxes_total=len(diagram.nodes),
        arrows_total=len(diagram.edges),
    )
    for i, node in enumerate(diagram.nodes):
        if i in pairs:
            shape, sim = pairs[i]
            result.matched_boxes.append(BoxMatch(node.id, node.label, shape.id, shape.text, sim))
        else:
            result.missed_boxes.append((node.id, node.label))
    result.extra_boxes = [(s.id, s.text) for s in extra_shapes]

    joined: list[tuple[Arrow, Shape, Shape]] = []  # (arrow, from shape, to shape)
    shapes = drawing.shapes()
    for arrow in drawing.arrows():
        start, end = arrow_ends(drawing, arrow, shapes)
        if start is None or end is None or not start.labelled or not end.labelled:
            result.unattached.append(arrow.id)
        else:
            joined.append((arrow, start, end))

    taken: dict[int, ArrowMatch] = {}  # edge index -> match
    used_arrows: set[str] = set()
    for kinds in _PASSES:
        for k, edge in enumerate(diagram.edges):
            src, dst = node_shape.get(edge.source), node_shape.get(edge.target)
            if k in taken or src is None or dst is None:
                continue
            for arrow, start, end in joined:
                if arrow.id in used_arrows or {id(start), id(end)} != {id(src), id(dst)}:
                    continue
                direction = _direction(arrow, start, end, src)
                if src is dst and direction == "reversed":
                    direction = "same"  # a loop has one way round
                if direction in kinds:
                    credit = _CREDIT.get(direction, Fraction(1, 2))
                    taken[k] = ArrowMatch(edge.source, edge.target, arrow.id, direction, credit)
                    used_arrows.add(arrow.id)
                    break
    for k, edge in enumerate(diagram.edges):
        if k in taken:
            result.matched_arrows.append(taken[k])
        else:
            result.missed_arrows.append((edge.source, edge.target))
    for arrow, start, end in joined:
        if arrow.id not in used_arrows:
            result.extra_arrows.append(ExtraArrow(arrow.id, start.id, end.id))

    if diagram.edges:
        credits = sum((m.credit for m in result.matched_arrows), Fraction(0))
        result.arrow_part = credits / len(diagram.edges)
    extras = len(result.extra_boxes) + len(result.extra_arrows)
    result.penalty = min(PENALTY_CAP, PENALTY_PER_EXTRA * extras)
    return result


def score_checklist(
    diagram: Diagram,
    ticked_nodes: Iterable[str],
    ticked_edges: Iterable[tuple[str, str] | Edge],
    article: str | None = None,
) -> Score:
    """The paper-sketch rule: ticked node = matched, ticked edge = credit 1, no extras.
    Edges are the diagram's Edge objects or (from, to) node-id pairs; an id or edge the
    diagram does not have is a ValueError."""
    nodes = set(ticked_nodes)
    edges = {(e.source, e.target) if isinstance(e, Edge) else tuple(e) for e in ticked_edges}
    ids = {n.id for n in diagram.nodes}
    pairs = {(e.source, e.target) for e in diagram.edges}
    if unknown := sorted(nodes - ids):
        raise ValueError(f"diagram '{diagram.id}' has no node {', '.join(unknown)}")
    if unknown_edges := sorted(edges - pairs):
        names = ", ".join(f"{s} -> {t}" for s, t in unknown_edges)
        raise ValueError(f"diagram '{diagram.id}' has no edge {names}")
    result = Score(
        article=article,
        diagram=diagram.id,
        box_part=Fraction(len(nodes), len(diagram.nodes)) if diagram.nodes else Fraction(1),
        arrow_part=Fraction(1),
        penalty=0,
        boxes_total=len(diagram.nodes),
        arrows_total=len(diagram.edges),
    )
    for node in diagram.nodes:
        if node.id in nodes:
            result.matched_boxes.append(BoxMatch(node.id, node.label, None, None, 1.0))
        else:
            result.missed_boxes.append((node.id, node.label))
    for edge in diagram.edges:
        if (edge.source, edge.target) in edges:
            result.matched_arrows.append(
                ArrowMatch(edge.source, edge.target, None, "same", Fraction(1))
            )
        else:
            result.missed_arrows.append((edge.source, edge.target))
    if diagram.edges:
        result.arrow_part = Fraction(len(result.matched_arrows), len(diagram.edges))
    return result
