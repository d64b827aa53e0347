"""Running a search and shaping what it found: article hits grouped with their best
sections, note and drawing hits on their own, the correction that was applied
("Showing results for *deadlock*"), and related deep dives.
"""

from __future__ import annotations

import contextlib
import html
import logging
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from whoosh import index, query
from whoosh.searching import Results, Searcher

from longform_desktop.core.catalog import Article
from longform_desktop.core.markdown import render_markdown

from .documents import whole_text
from .query import QueryPlan, bound_query, highlight_words, is_null, plain_words, plan_query
from .ranking import rerank
from .schema import ARTICLE, DRAWING, META_FIELDS, NOTE, WHOLE_ARTICLE
from .snippets import Snippets, TermSpans, snippet_plain

log = logging.getLogger(__name__)

#: Fewer sections than this for the words as typed: it counts as finding "little". A
#: correction is then shown as the results ("Showing results for"), and sections with
#: only some of the words are added below (Typesense's drop_tokens_threshold, at 3).
FEW_RESULTS = 3
#: Weight of a section that has only some of the words, added when the whole query found
#: little, against one that has them all.
PARTIAL_WEIGHT = 0.5


@dataclass(frozen=True)
class SectionHit:
    heading: str
    heading_id: str
    score: float
    snippet_html: str  # matched terms wrapped in <b class="match">

    @property
    def snippet(self) -> str:
        return snippet_plain(self.snippet_html)


@dataclass(frozen=True)
class ArticleHit:
    """One result: a deep dive with its best sections, or one note, or one drawing.

    For a note or drawing, ``article``/``title`` are the article it belongs to,
    ``item_id`` is the note or drawing id, ``sections`` holds one row (its snippet, and
    for a note the heading it is attached to) and ``details`` what it takes to show it:
    a note: ``quote``, ``body``, ``color``, ``updated``; a drawing: ``title``,
    ``diagram_id``, ``labels``.
    """

    kind: str
    article: str
    title: str
    topic: str
    difficulty: str
    score: float
    sections: tuple[SectionHit, ...]
    item_id: str = ""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class SearchResults:
    query: str  # what was searched: what was typed, bounded (``query.bound_query``)
    hits: list[ArticleHit] = field(default_factory=list)
    suggestion: str = ""  # "did you mean" query text (results are for ``query``), or ""
    # When set, the hits are for this corrected query, not for ``query`` as typed;
    # ``search_instead`` searches the typed words verbatim (they are quoted).
    corrected: str = ""
    search_instead: str = ""
    terms: tuple[str, ...] = ()  # words to highlight in the opened article
    relaxed: bool = False  # no section had every word; showing sections with any
    error: str = ""  # the search failed (shown as an error, never as "no results")
    note: str = ""  # shown with the results: e.g. the query was shortened

    def to_json(self, limit: int | None = None) -> list[dict]:
        """One row per shown section, note or drawing, best result first; ``limit``
        caps the number of rows."""
        rows = []
        for hit in self.hits:
            for sec in hit.sections:
                row: dict[str, Any] = {
                    "kind": hit.kind,
                    "article": {"slug": hit.article, "title": hit.title},
                    "section": {"heading": sec.heading, "id": sec.heading_id},
                    "score": round(sec.score, 4) if math.isfinite(sec.score) else 0.0,
                    "snippet": sec.snippet,
                }
                if hit.kind in (NOTE, DRAWING):
                    row["id"] = hit.item_id
                    row[hit.kind] = dict(hit.details)
                rows.append(row)
        return rows if limit is None else rows[:limit]

    def correction_json(self) -> dict | None:
        if not self.corrected:
            return None
        return {"from": self.query, "to": self.corrected, "search_instead": self.search_instead}


@contextlib.contextmanager
def _searching(source: index.Index | Searcher) -> Iterator[Searcher]:
    """Use a long-lived searcher as given; open (and close) one for an index.

    Opening a searcher on a large index is expensive (the whoosh3 fork copies the term
    dictionary out of the mapped file: ~270 ms on the 10M-word benchmark corpus), so the
    GUI keeps one open and passes it in; the CLI passes the index.
    """
    if isinstance(source, Searcher):
        yield source
    else:
        with source.searcher() as searcher:
            yield searcher


class _Found:
    """The candidates a search will rank (docnum -> base score), what each is (read from
    the index's columns: no stored text is unpacked for a candidate that is not shown),
    and the queries they came from (their words are the ones a snippet marks)."""

    def __init__(self, searcher: Searcher) -> None:
        self.base: dict[int, float] = {}
        self.queries: list[query.Query] = []
        reader = searcher.reader()
        self._columns = {name: reader.column_reader(name) for name in META_FIELDS}

    def add(self, found: Results, weight: float = 1.0) -> None:
        self.queries.append(found.q)
        for score, docnum in found.top_n:
            if docnum not in self.base:
                self.base[docnum] = score * weight

    def meta(self, docnum: int) -> dict[str, str]:
        return {name: column[docnum] for name, column in self._columns.items()}

    def __len__(self) -> int:
        return len(self.base)


def _has_and(q: query.Query) -> bool:
    if isinstance(q, (query.And, query.AndMaybe, query.AndNot, query.Require, query.Not)):
        return True
    return any(_has_and(child) for child in q.children())


def _choose(plan: QueryPlan, results: SearchResults, run: Callable) -> _Found:
    """Run the plan's queries in turn, and say which correction applies.

    A word the index lacks is always searched with its close terms (weighing less than
    the words as typed, so exact matches rank above). When the words as typed find
    little, the results are presented as the corrected query's ("Showing results for");
    when they find plenty, the correction is only offered ("Did you mean"). When few
    sections have every word, sections with some of them are added below them; when none
    has, those are the results (``relaxed``).
    """
    found = run(plan.strict)
    if plan.corrections:
        typed_found = found.scored_length()
        found = run(plan.corrected_strict)
        if typed_found < FEW_RESULTS and found.scored_length() > typed_found:
            results.corrected, results.search_instead = plan.corrected_text, plan.verbatim_text
        elif not found.is_empty():
            results.suggestion = plan.corrected_text
    out = _Found(found.searcher)
    out.add(found)
    # A query without an AND anywhere (one word, a phrase, words joined by OR) is its
    # own relaxed form: running it again would find the same sections.
    if len(out) < FEW_RESULTS and _has_and(found.q):
        relaxed = run(plan.corrected_relaxed if plan.corrections else plan.relaxed)
        if not len(out) and not relaxed.is_empty():
            results.relaxed = True
            if plan.corrections:
                results.corrected, results.search_instead = plan.corrected_text, plan.verbatim_text
                results.suggestion = ""
        out.add(relaxed, 1.0 if results.relaxed else PARTIAL_WEIGHT)
    return out


class Superseded(Exception):
    """``search``'s ``should_stop`` said stop: a newer query wants the searcher."""


def search(
    source: index.Index | Searcher,
    text: str,
    limit: int = 10,
    sections_per_article: int = 3,
    kinds: Iterable[str] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> SearchResults:
    """Search sections, notes and drawings; ``limit`` results (an article with up to
    ``sections_per_article`` sections counts as one), best first.

    Never raises for what the query says: the text is bounded first (``bound_query``:
    valid UTF-8, at most ``MAX_QUERY_CHARS`` / ``MAX_QUERY_WORDS``, with ``note`` saying
    so), and a query the search still fails on is searched again as plain words. Only a
    failure of that plain search (a damaged index) is raised. ``should_stop`` is asked
    between the steps; when it answers true the search stops with ``Superseded``.
    """
    bounded = bound_query(text)
    results = SearchResults(query=bounded.text, note=bounded.note)
    if not bounded.text:
        return results
    with _searching(source) as searcher:
        try:
            _search(
                searcher, bounded.text, results, limit, sections_per_article, kinds, should_stop
            )
        except Superseded:
            raise
        except Exception as exc:
            plain = plain_words(bounded.text)
            log.warning("search for %r failed (%s); searching %r", bounded.text, exc, plain)
            results = SearchResults(query=bounded.text, note=bounded.note)
            if plain:
                _search(searcher, plain, results, limit, sections_per_article, kinds, should_stop)
    return results


def _search(
    searcher: Searcher,
    text: str,
    results: SearchResults,
    limit: int,
    sections_per_article: int,
    kinds: Iterable[str] | None,
    should_stop: Callable[[], bool] | None,
) -> None:
    plan = plan_query(text, searcher)
    if is_null(plan.strict):
        return
    kinds = list(kinds or ())
    kind_filter = query.Or([query.Term("kind", k) for k in kinds]) if kinds else None

    def run(q: query.Query) -> Results:
        if should_stop is not None and should_stop():
            raise Superseded
        return searcher.search(q, limit=limit * 8, filter=kind_filter)

    found = _choose(plan, results, run)
    meta = {docnum: found.meta(docnum) for docnum in found.base}
    spans = TermSpans(searcher, found.queries)
    scores = rerank(searcher, found.queries[-1], meta, found.base, spans, limit)
    results.hits = _group(spans, meta, scores, limit, sections_per_article)
    results.terms = highlight_words(results.corrected or text)


def _group(
    spans: TermSpans,
    meta: dict[int, dict[str, str]],
    scores: dict[int, float],
    limit: int,
    sections_per_article: int,
) -> list[ArticleHit]:
    grouped: dict[str, dict] = {}
    wanted: dict[int, tuple[str, ...]] = {}  # shown docnum -> fields a snippet may come from
    for docnum in sorted(scores, key=scores.__getitem__, reverse=True):
        info = meta[docnum]
        kind = info["kind"]
        key = f"{ARTICLE}:{info['article']}" if kind == ARTICLE else info["source"]
        group = grouped.get(key)
        if group is None:
            if len(grouped) >= limit:
                continue
            group = grouped[key] = {"doc": docnum, "score": scores[docnum], "rows": []}
        if info["level"] == WHOLE_ARTICLE:  # never shown: only lends its score
            group["score"] = max(group["score"], scores[docnum])
            continue
        if kind in (NOTE, DRAWING) or len(group["rows"]) < sections_per_article:
            group["rows"].append(docnum)
            wanted[docnum] = ("body", "quote") if kind == NOTE else ("body",)
    for group in grouped.values():  # an article found only by its title: its summary
        wanted.setdefault(group["doc"], ())
    snippets = Snippets(spans, wanted)
    hits = []
    for group in grouped.values():
        sections = [
            SectionHit(
                snippets.stored[d].get("heading") or "",
                snippets.stored[d].get("heading_id") or "",
                scores[d],
                snippets.html(d, *wanted[d]),
            )
            for d in group["rows"]
        ]
        hits.append(_result(snippets.stored[group["doc"]], group["score"], sections))
    hits.sort(key=lambda h: h.score, reverse=True)
    return hits


def _result(hit: dict[str, Any], score: float, sections: list[SectionHit]) -> ArticleHit:
    kind = hit["kind"]
    if kind == ARTICLE:
        return ArticleHit(
            kind,
            hit["article"],
            hit["title"],
            hit.get("topic") or "",
            hit.get("difficulty") or "",
            score,
            tuple(sections or [SectionHit("", "", score, html.escape(hit.get("summary") or ""))]),
        )
    if kind == NOTE:
        details = {k: hit.get(k) or "" for k in ("quote", "body", "color", "updated")}
    else:
        details = {
            "title": hit.get("title") or "",
            "diagram_id": hit.get("diagram_id") or "",
            "labels": list(hit.get("labels") or ()),
        }
    return ArticleHit(
        kind,
        hit["article"],
        hit.get("article_title") or "",
        "",
        "",
        score,
        tuple(sections),
        item_id=hit.get("item_id") or "",
        details=details,
    )


def related_articles(
    source: index.Index | Searcher, article: Article, limit: int = 3
) -> list[tuple[str, str]]:
    """Deep dives most like ``article`` by its key terms: [(slug, title)]."""
    text = whole_text(render_markdown(article.body, {d.id: d for d in article.diagrams}).sections)
    with _searching(source) as searcher:
        docnum = searcher.document_number(doc_id=f"{ARTICLE}:{article.slug}")
        if docnum is None:
            return []
        found = searcher.more_like(
            docnum,
            "doc_body",
            text=text,
            top=limit + 1,
            numterms=25,
            filter=query.And([query.Term("kind", ARTICLE), query.Term("level", WHOLE_ARTICLE)]),
        )
        return [(h["article"], h["title"]) for h in found if h["article"] != article.slug][:limit]
