"""Re-ranking the candidates Whoosh found: proximity, and what each article is about.

Whoosh scores each section by BM25F over its title, heading and text, which knows nothing
of how close the query's words sit or of the article around the section. The best
``limit * 8`` candidates are re-scored here, at a cost bounded by that number, not by the
size of the index:

- **proximity**: a section whose content words (question words left out) sit close
  together scores up to ``PROXIMITY_BONUS`` more (all of them adjacent: the full bonus;
  spread over a window of ``n`` words: ``(k - 1) / (n - 1)`` of it);
- **the article's subject**: each candidate article also gets the BM25 score of the
  query's content words over its *whole* text (the whole-article document), times
  ``ARTICLE_WEIGHT``. An article that is about the words beats one that mentions them
  once in a section that happens to fit.

Sections keep their own scores for ordering within an article.
"""

from __future__ import annotations

import heapq
import weakref
from collections.abc import Iterable

from whoosh import query
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from .query import _filler_terms
from .schema import ARTICLE, SECTION
from .snippets import TermSpans

PROXIMITY_BONUS = 0.5
ARTICLE_WEIGHT = 0.5
PROXIMITY_FIELD = "body"
SECTIONS_PER_RESULT = 2  # candidates measured for proximity, per result asked for
ARTICLES_PER_RESULT = 1  # candidate articles scored over their whole text, per result


def content_terms(q: query.Query, fieldname: str) -> list[str]:
    """The query's words in ``fieldname`` (stemmed, as indexed), question words and
    excluded (NOT) words left out, prefixes and fuzzy terms not expanded."""
    out: dict[str, None] = {}  # ordered and deduplicated in linear time
    fillers = _filler_terms()

    def walk(node: query.Query) -> None:
        if isinstance(node, (query.Not, query.AndNot)):
            if isinstance(node, query.AndNot):
                walk(node.a)
            return
        if isinstance(node, query.Term):
            text = node.text if isinstance(node.text, str) else node.text.decode("utf-8")
            if node.fieldname == fieldname and text not in fillers:
                out.setdefault(text, None)
            return
        if isinstance(node, query.Phrase):
            if node.fieldname == fieldname:
                out.update((w, None) for w in node.words if w not in fillers)
            return
        if not node.is_leaf():
            for child in node.children():
                walk(child)

    walk(q)
    return list(out)


def _min_window(positions: list[list[int]]) -> int:
    """The smallest number of consecutive positions holding one of each list."""
    heap = [(p[0], i, 0) for i, p in enumerate(positions)]
    heapq.heapify(heap)
    high = max(p[0] for p in positions)
    best = high - heap[0][0] + 1
    while True:
        low, i, j = heapq.heappop(heap)
        best = min(best, high - low + 1)
        if j + 1 == len(positions[i]):
            return best
        nxt = positions[i][j + 1]
        high = max(high, nxt)
        heapq.heappush(heap, (nxt, i, j + 1))


def _proximity(spans: TermSpans, terms: list[str], docnums: list[int]) -> dict[int, float]:
    """Per docnum, the proximity factor (1 to 1 + PROXIMITY_BONUS) of its section text."""
    if len(terms) < 2 or not docnums:
        return {}
    spans.load({d: (PROXIMITY_FIELD,) for d in docnums})
    wanted = set(terms)
    factors = {}
    for docnum in docnums:
        by_term: dict[str, list[int]] = {}
        for word, pos, _, _ in spans.get(docnum, PROXIMITY_FIELD):
            if word in wanted:
                by_term.setdefault(word, []).append(pos)
        k = len(by_term)
        if k >= 2:
            window = _min_window([sorted(p) for p in by_term.values()])
            factors[docnum] = 1 + PROXIMITY_BONUS * (k - 1) / max(window - 1, k - 1)
    return factors


# Per reader (a reader's document numbers never change): article slug -> the docnum of
# its whole-article document; a lookup costs a term lookup and a posting read.
_whole_docnums: weakref.WeakKeyDictionary[IndexReader, dict[str, int | None]] = (
    weakref.WeakKeyDictionary()
)


def _article_scores(searcher: Searcher, terms: list[str], slugs: Iterable[str]) -> dict[str, float]:
    """BM25 of ``terms`` over the whole text of each article in ``slugs``, read straight
    from the postings (a Whoosh query joining them costs ten times more)."""
    known = _whole_docnums.setdefault(searcher.reader(), {})
    docnums: dict[int, str] = {}
    for slug in slugs:
        if slug not in known:
            known[slug] = searcher.document_number(doc_id=f"{ARTICLE}:{slug}")
        docnum = known[slug]
        if docnum is not None:
            docnums[docnum] = slug
    scores: dict[str, float] = {}
    if not terms or not docnums:
        return scores
    order = sorted(docnums)
    reader = searcher.reader()
    for term in terms:
        btext = term.encode("utf-8")
        if ("doc_body", btext) not in reader:
            continue
        scorer = searcher.weighting.scorer(searcher, "doc_body", btext)
        m = searcher.postings("doc_body", btext)
        for docnum in order:
            if not m.is_active():
                break
            if m.id() < docnum:
                m.skip_to(docnum)
            if m.is_active() and m.id() == docnum:
                slug = docnums[docnum]
                scores[slug] = scores.get(slug, 0.0) + scorer.score(m)
    return scores


def rerank(
    searcher: Searcher,
    q: query.Query,
    meta: dict[int, dict[str, str]],
    base: dict[int, float],
    spans: TermSpans,
    limit: int = 20,
) -> dict[int, float]:
    """New scores for the candidates (docnum -> ``meta`` of the schema's META_FIELDS)
    from their ``base`` scores: see the module docstring. Only the best
    ``SECTIONS_PER_RESULT * limit`` sections are measured for proximity and the best
    ``ARTICLES_PER_RESULT * limit`` articles for their subject (on the 10M-word corpus the
    candidates come from ~150 articles: scoring all of them cost ~10 ms a query); the
    others keep their base score, too far down to reach the results."""
    body_terms = content_terms(q, PROXIMITY_FIELD)
    ranked = sorted(base, key=base.__getitem__, reverse=True)
    sections = [d for d in ranked if meta[d]["level"] == SECTION]
    proximity = _proximity(spans, body_terms, sections[: SECTIONS_PER_RESULT * limit])
    slugs = list(dict.fromkeys(meta[d]["article"] for d in ranked if meta[d]["kind"] == ARTICLE))
    articles = _article_scores(searcher, body_terms, slugs[: ARTICLES_PER_RESULT * limit])
    scores = {}
    for docnum, info in meta.items():
        score = base[docnum] * proximity.get(docnum, 1.0)
        if info["kind"] == ARTICLE:
            score += ARTICLE_WEIGHT * articles.get(info["article"], 0.0)
        scores[docnum] = score
    return scores
