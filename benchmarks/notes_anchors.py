"""Re-anchoring 200 notes after an edit of the longest article (target <= 50 ms in total).

Prints one JSON object. The notes are spans of the article's anchor text chosen with a
fixed seed (a few words to a few sentences); the edit is one an author makes: a new
opening paragraph (every position hint goes stale), words corrected here and there, one
paragraph deleted and one moved to another section. A second figure is the worst case:
an edit touching nearly every passage (" the " -> " teh "), so most notes take the fuzzy
step. Not a test: nothing is asserted.

    .venv/bin/python benchmarks/notes_anchors.py [--notes 200] [--runs 7] [--seed 11]
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from longform_desktop.core.anchors import locate, make_anchor  # noqa: E402
from longform_desktop.core.article_text import ArticleText, article_text  # noqa: E402
from longform_desktop.core.catalog import Article, load_catalog  # noqa: E402
from longform_desktop.core.markdown import render_markdown  # noqa: E402


def edited_body(article: Article, rng: random.Random) -> str:
    parts = article.body.split("\n\n")
    prose = [
        i
        for i, p in enumerate(parts)
        if len(p) > 200 and p[:1].isalpha() and "\n" not in p.strip() and "`" not in p
    ]
    corrected = set(rng.sample(prose, min(6, len(prose))))
    for i in corrected:
        words = parts[i].split(" ")
        words[len(words) // 2] = "corrected"
        parts[i] = " ".join(words)
    rest = [i for i in prose if i not in corrected]
    deleted, moved = rest[0], rest[len(rest) // 2]
    moved_text = parts[moved]
    parts[deleted] = parts[moved] = ""
    headings = [i for i, p in enumerate(parts) if p.startswith("## ")]
    parts.insert(headings[-1] + 1, moved_text)
    parts.insert(0, "An opening paragraph the author added after the notes were taken.")
    return "\n\n".join(p for p in parts if p)


def note_spans(text: ArticleText, count: int, rng: random.Random) -> list[tuple[int, int]]:
    spans = []
    while len(spans) < count:
        start = rng.randrange(0, len(text.text) - 400)
        while start > 0 and not text.text[start - 1].isspace():
            start += 1  # start on a word
        end = start + rng.choice((12, 25, 40, 80, 150, 300))
        if text.text[start:end].strip():
            spans.append((start, end))
    return spans


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    catalog = load_catalog(ROOT / "content")
    articles = [a for a in catalog.articles if a.is_written]
    texts = {a.slug: article_text(a) for a in articles}
    article = max(articles, key=lambda a: len(texts[a.slug].text))
    before = texts[article.slug]
    anchors = [make_anchor(before, s, e) for s, e in note_spans(before, args.notes, rng)]
    body = edited_body(article, rng)
    diagrams = {d.id: d for d in article.diagrams}

    text_ms, locate_ms = [], []
    steps: collections.Counter[int] = collections.Counter()
    step_ms: collections.defaultdict[int, float] = collections.defaultdict(float)
    for run in range(args.runs):
        t0 = time.perf_counter()
        after = article_text(render_markdown(body, diagrams))
        t1 = time.perf_counter()
        for anchor in anchors:
            s0 = time.perf_counter()
            found = locate(anchor, after)
            if run == 0:
                steps[found.step] += 1
                step_ms[found.step] += (time.perf_counter() - s0) * 1000
        t2 = time.perf_counter()
        text_ms.append((t1 - t0) * 1000)
        locate_ms.append((t2 - t1) * 1000)

    # The worst case: an edit that touches almost every passage, so most notes go fuzzy.
    sweeping = article_text(render_markdown(body.replace(" the ", " teh "), diagrams))
    sweep_ms, sweep_steps = [], collections.Counter()
    for run in range(3):
        t0 = time.perf_counter()
        for anchor in anchors:
            found = locate(anchor, sweeping)
            if run == 0:
                sweep_steps[found.step] += 1
        sweep_ms.append((time.perf_counter() - t0) * 1000)

    names = {1: "position", 2: "exact_elsewhere", 3: "fuzzy_moved", 4: "detached"}
    print(
        json.dumps(
            {
                "article": article.slug,
                "text_chars": len(after.text),
                "notes": len(anchors),
                "runs": args.runs,
                "reanchor_200_ms_median": round(statistics.median(locate_ms), 2),
                "reanchor_200_ms_max": round(max(locate_ms), 2),
                "target_ms": 50,
                "article_text_ms_median": round(statistics.median(text_ms), 2),
                "steps": {names[k]: steps.get(k, 0) for k in names},
                "step_total_ms_first_run": {names[k]: round(step_ms.get(k, 0.0), 2) for k in names},
                "sweeping_edit_reanchor_200_ms_median": round(statistics.median(sweep_ms), 2),
                "sweeping_edit_steps": {names[k]: sweep_steps.get(k, 0) for k in names},
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
