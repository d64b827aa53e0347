"""Redraw figures: scoring a 12-node attempt in-process, loading and dumping a 500-item
drawing. Prints one JSON object (times in milliseconds); not part of the test suite.

    .venv/bin/python benchmarks/redraw_score.py [--runs 200]

Targets (issue "Redraw it from memory"): score <= 20 ms; load and dump <= 50 ms each.
``score_uncached_*`` clears the label caches before every run (every box text new to the
process, as for the first score after start-up); ``score_warm_*`` keeps them, as when
the same attempt is re-scored.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from longform_desktop.core import labels  # noqa: E402
from longform_desktop.core.catalog import load_catalog  # noqa: E402
from longform_desktop.core.drawing import (  # noqa: E402
    Arrow,
    Shape,
    Stroke,
    dump_drawing,
    load_drawing,
    new_drawing,
)
from longform_desktop.core.redraw_score import score  # noqa: E402


def _typo(text: str) -> str:
    """Swap two letters in the middle of the longest word: a typical slip of the pen."""
    words = text.split()
    k = max(range(len(words)), key=lambda i: len(words[i]))
    w = words[k]
    if len(w) >= 6:
        mid = len(w) // 2
        words[k] = w[: mid - 1] + w[mid] + w[mid - 1] + w[mid + 1 :]
    return " ".join(words)


def twelve_node_attempt():
    catalog = load_catalog(ROOT / "content")
    diagram = max((d for a in catalog.articles for d in a.diagrams), key=lambda d: len(d.nodes))
    d = new_drawing("bench", diagram.id)
    ids = {}
    for k, node in enumerate(diagram.nodes):
        name = node.names()[k % len(node.names())]
        text = _typo(name) if k % 3 == 0 else name.lower()
        ids[node.id] = d.add(Shape(f"s{k}", text=text, x=(k % 4) * 250, y=(k // 4) * 200)).id
    for k, word in enumerate(("Monitoring", "Redis cache", "Rate limiter")):
        d.add(Shape(f"x{k}", text=word, x=k * 250, y=900))
    for k, edge in enumerate(diagram.edges):
        heads = ("end", "start", "both", "none")[k % 4]
        src, dst = ids[edge.source], ids[edge.target]
        d.add(Arrow(f"a{k}", *((dst, src) if heads == "start" else (src, dst)), heads=heads))
    d.add(Arrow("loose", "s0", None, points=[(70, 30), (70, 2000)]))
    return diagram, d


def five_hundred_items():
    d = new_drawing("bench", "big")
    for n in range(200):
        d.add(Shape(f"s{n}", text=f"Service {n}", x=(n % 20) * 180, y=(n // 20) * 120))
    for n in range(200):
        d.add(Arrow(f"a{n}", f"s{n}", f"s{(n * 7 + 1) % 200}", text="calls", heads="end"))
    for n in range(100):
        d.add(Stroke(f"p{n}", [(n + i * 1.5, n * 2 + i) for i in range(20)], width=2))
    return d


def _ms(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {"median": round(statistics.median(samples), 3), "p95": round(p95, 3)}


def _clear_caches() -> None:
    labels._analyse.cache_clear()
    labels.typo_similarity.cache_clear()
    labels.heads.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    diagram, attempt = twelve_node_attempt()
    t0 = time.perf_counter()
    first = score(attempt, diagram)
    cold = (time.perf_counter() - t0) * 1000
    uncached, warm = [], []
    for _ in range(args.runs):
        _clear_caches()
        t0 = time.perf_counter()
        score(attempt, diagram)
        uncached.append((time.perf_counter() - t0) * 1000)
    for _ in range(args.runs):
        t0 = time.perf_counter()
        score(attempt, diagram)
        warm.append((time.perf_counter() - t0) * 1000)

    big = five_hundred_items()
    text = dump_drawing(big)
    loads, dumps = [], []
    for _ in range(max(20, args.runs // 4)):
        t0 = time.perf_counter()
        load_drawing(text)
        loads.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        dump_drawing(big)
        dumps.append((time.perf_counter() - t0) * 1000)

    out = {
        "diagram": diagram.id,
        "nodes": len(diagram.nodes),
        "edges": len(diagram.edges),
        "attempt_shapes": len(attempt.shapes()),
        "attempt_score": first.score,
        "score_first_call_ms": round(cold, 3),
        **{f"score_uncached_{k}_ms": v for k, v in _ms(uncached).items()},
        **{f"score_warm_{k}_ms": v for k, v in _ms(warm).items()},
        "drawing_items": len(big.items),
        "drawing_bytes": len(text.encode()),
        **{f"load_500_{k}_ms": v for k, v in _ms(loads).items()},
        **{f"dump_500_{k}_ms": v for k, v in _ms(dumps).items()},
        "runs": args.runs,
        "loadavg_1m": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
