"""Where the article explains what the user forgot: the search index, asked on a worker.

For each missed box (its label) and missed arrow (the labels at both ends), the best
section of the same article, skipping the sections that only quiz the reader ("Redraw
it", "Self-test"). The index is read through ``core.search``'s public functions with a
searcher of its own, so it never waits on (or disturbs) the search box's queries.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.search import SearchResults

# Sections that quiz the reader rather than explain: never where "reread this" points.
EXERCISE_HEADINGS = frozenset({"redraw it", "self-test", "self test", "quiz"})
Sections = dict[str, tuple[str, str]]  # node id or "from->to" -> (heading id, heading)


def edge_key(source: str, target: str) -> str:
    return f"{source}->{target}"


def _query_words(text: str) -> str:
    """A label as plain query words: no quotes, fields or operators to misparse."""
    return " ".join(w.lower() for w in re.findall(r"\w+", text))


def find_sections(
    index_dir: Path, article: str, queries: dict[str, list[str]], wide: int = 50
) -> Sections:
    """For each key, the best section of ``article`` that is not an exercise, as
    (heading id, heading), trying its texts in order (a label, then its aliases).
    Each text is asked restricted to the article first; when the search had to relax
    the query (and with it the restriction), it is asked of the whole index with room
    for every article (``wide``) and the article's own hit is kept. Runs on a worker;
    {} when there is no index yet."""
    from ..core.search import open_index, search

    ix = open_index(index_dir)
    if ix is None:
        return {}

    def best(results: SearchResults) -> tuple[str, str] | None:
        for hit in results.hits:
            if hit.article != article or getattr(hit, "kind", "article") != "article":
                continue
            for section in hit.sections:
                heading = section.heading.strip()
                if section.heading_id and heading.lower() not in EXERCISE_HEADINGS:
                    return section.heading_id, heading
        return None

    found: Sections = {}
    with ix.searcher() as searcher:
        for key, texts in queries.items():
            for text in texts:
                words = _query_words(text)
                if not words:
                    continue
                hit = best(search(searcher, f"article:{article} {words}", 3, 6))
                hit = hit or best(search(searcher, words, wide, 6))
                if hit is not None:
                    found[key] = hit
                    break
    return found
