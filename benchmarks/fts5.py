"""A yardstick for the search figures: SQLite FTS5 (porter + unicode61) over the same
documents and the same queries, timed in the same run (not a test, not the product).

What FTS5 is asked to do mirrors ``core.search.search`` as closely as its features allow:
one row per section (title, heading, text and diagram words searchable; topic,
difficulty, section and kind as columns a query may filter on), ranked by ``bm25()``
with the same column weights (title 3, heading 2, text 1, diagram words 1), the best
``limit * 8`` rows fetched with a ``snippet()`` each, then grouped by article in Python
(``limit`` articles, 3 sections each), as the Whoosh search groups its hits.

What FTS5 does not do, and Whoosh does: typo tolerance, the any-word fallback, question
words made optional, re-ranking by proximity and by the whole article. A query FTS5
cannot parse the way it is written is translated (``to_match``); one with no positive
word (``NOT x``) finds nothing.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

COLUMNS = ("title", "heading", "body", "figures", "topic", "difficulty", "section", "kind")
WEIGHTS = (3.0, 2.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0)
FILTERS = {"topic", "difficulty", "section", "kind"}
_TOKEN = re.compile(r'"[^"]*"?|\(|\)|[^\s()"]+')
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def build(path: Path, documents: Iterable) -> int:
    """An FTS5 database at ``path`` of the shown documents (sections, notes, drawings)
    of ``documents`` (``core.search.SearchDocument``); returns the rows written."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.execute(
        f"CREATE VIRTUAL TABLE sections USING fts5({', '.join(COLUMNS)}, article UNINDEXED, "
        "heading_id UNINDEXED, tokenize='porter unicode61 remove_diacritics 2')"
    )
    rows = 0
    with conn:
        batch = []
        for doc in documents:
            if doc.is_whole_article:
                continue
            batch.append(
                (
                    doc.title,
                    doc.heading,
                    doc.body,
                    doc.figures,
                    doc.topic,
                    doc.difficulty,
                    doc.section,
                    doc.kind,
                    doc.article,
                    doc.heading_id,
                )
            )
            if len(batch) >= 2000:
                conn.executemany(f"INSERT INTO sections VALUES ({', '.join('?' * 10)})", batch)
                rows += len(batch)
                batch = []
        conn.executemany(f"INSERT INTO sections VALUES ({', '.join('?' * 10)})", batch)
        rows += len(batch)
        conn.execute("INSERT INTO sections(sections) VALUES ('optimize')")
    conn.close()
    return rows


def _quote(word: str) -> str:
    return '"' + word.replace('"', "") + '"'


def to_match(text: str) -> str | None:
    """Our query syntax as an FTS5 MATCH expression (None: nothing FTS5 can search)."""
    out: list[str] = []
    for token in _TOKEN.findall(text):
        if token in ("(", ")"):
            out.append(token)
        elif token.upper() in ("AND", "OR", "NOT"):
            out.append(token.upper())
        elif token.startswith('"'):
            words = _WORD.findall(token)
            if words:
                out.append(_quote(" ".join(words)))
        elif ":" in token and token.split(":", 1)[0].lower() in FILTERS:
            name, value = token.split(":", 1)
            words = _WORD.findall(value)
            if words:
                out.append(f"{name.lower()} : {_quote(' '.join(words))}")
        else:
            prefix = token.endswith("*")
            for word in _WORD.findall(token):
                out.append(_quote(word) + ("*" if prefix else ""))
    # Operators with nothing on one side are not FTS5 syntax: drop them.
    cleaned: list[str] = []
    for token in out:
        if token in ("AND", "OR", "NOT") and (
            not cleaned or cleaned[-1] in ("AND", "OR", "NOT", "(")
        ):
            continue
        cleaned.append(token)
    while cleaned and cleaned[-1] in ("AND", "OR", "NOT", "("):
        cleaned.pop()
    depth = 0
    balanced = []
    for token in cleaned:
        if token == ")" and depth == 0:
            continue
        depth += token == "("
        depth -= token == ")"
        balanced.append(token)
    balanced += [")"] * depth
    expr = " ".join(balanced).replace("( )", "").strip()
    return expr or None


def search(conn: sqlite3.Connection, text: str, limit: int = 20) -> list[tuple[str, list]]:
    """[(article, [(heading_id, snippet, score)...])...], best article first."""
    expr = to_match(text)
    if expr is None:
        return []
    try:
        rows = conn.execute(
            "SELECT article, heading_id, snippet(sections, 2, '[', ']', '…', 24), "
            f"bm25(sections, {', '.join(map(str, WEIGHTS))}) AS score "
            "FROM sections WHERE sections MATCH ? ORDER BY score LIMIT ?",
            (expr, limit * 8),
        ).fetchall()
    except sqlite3.OperationalError:  # a query FTS5 refuses finds nothing
        return []
    grouped: dict[str, list] = {}
    for article, heading_id, snippet, score in rows:
        sections = grouped.get(article)
        if sections is None:
            if len(grouped) >= limit:
                continue
            sections = grouped[article] = []
        if len(sections) < 3:
            sections.append((heading_id, snippet, -score))
    return list(grouped.items())


def time_queries(
    path: Path, queries: list[str], passes: int, limit: int = 20
) -> tuple[list[float], list[float], int]:
    """(all samples in ms, per-query median in ms, queries with no hit): the same shape as
    ``run.time_queries``; one connection kept open, one untimed warm-up pass."""
    import statistics

    conn = sqlite3.connect(path)
    try:
        empty = sum(not search(conn, q, limit) for q in queries)
        per_query: list[list[float]] = [[] for _ in queries]
        for _ in range(passes):
            for i, q in enumerate(queries):
                started = time.perf_counter()
                search(conn, q, limit)
                per_query[i].append((time.perf_counter() - started) * 1000)
    finally:
        conn.close()
    samples = [s for row in per_query for s in row]
    return samples, [statistics.median(row) for row in per_query], empty


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def yardstick(searcher, path: Path, queries: list[str], passes: int, prefix: str) -> dict:
    """Whoosh (``core.search.search`` on a kept-open searcher, as the app) and FTS5 on the
    same queries, interleaved query by query so both see the same machine load; one
    untimed warm-up pass each. Keys: ``{prefix}_whoosh_p50_ms`` ... and the ratio of the
    p95s, ``{prefix}_ratio_p95``."""
    from longform_desktop.core.search import search as whoosh_search

    conn = sqlite3.connect(path)
    try:
        for q in queries:
            whoosh_search(searcher, q, limit=20)
            search(conn, q, 20)
        whoosh: list[float] = []
        fts: list[float] = []
        for _ in range(passes):
            for q in queries:
                started = time.perf_counter()
                whoosh_search(searcher, q, limit=20)
                whoosh.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                search(conn, q, 20)
                fts.append((time.perf_counter() - started) * 1000)
        fts_empty = sum(not search(conn, q, 20) for q in queries)
    finally:
        conn.close()
    out = {
        f"{prefix}_whoosh_p50_ms": round(_percentile(whoosh, 50), 2),
        f"{prefix}_whoosh_p95_ms": round(_percentile(whoosh, 95), 2),
        f"{prefix}_fts5_p50_ms": round(_percentile(fts, 50), 2),
        f"{prefix}_fts5_p95_ms": round(_percentile(fts, 95), 2),
        f"{prefix}_fts5_queries_without_hits": fts_empty,
    }
    out[f"{prefix}_ratio_p95"] = round(
        out[f"{prefix}_whoosh_p95_ms"] / max(out[f"{prefix}_fts5_p95_ms"], 0.01), 2
    )
    return out
