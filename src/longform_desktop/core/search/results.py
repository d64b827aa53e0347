"""Running a search and shaping what it found: article hits grouped with their best
sections, note and drawing hits on their own, snippets with the matched words marked,
and the correction that was applied ("Showing results for *deadlock*").
"""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from whoosh import highlight, index, query
from whoosh.searching import Results, Searcher

from ..catalog import Article
from ..markdown import render_markdown
from .documents import whole_text
from .query import QueryPlan, _is_null, highlight_words, plan_query
from .schema import ARTICLE, DRAWING, NOTE, SNIPPET_FIELDS, WHOLE_ARTICLE

SNIPPET_CHARS = 220
#: Fewer sections than this for the words as typed, and the corrected words find more:
#: the corrected results are shown instead ("Showing results for ...").
FEW_RESULTS = 3
_MATCH_OPEN, _MATCH_CLOSE = '<b class="match">', "</b>"


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
    query: str  # what was typed
    hits: list[ArticleHit] = field(default_factory=list)
    suggestion: str = ""  # "did you mean" query text (results are for ``query``), or ""
    # When set, the hits are for this corrected query, not for ``query`` as typed;
    # ``search_instead`` searches the typed words verbatim (they are quoted).
    corrected: str = ""
    search_instead: str = ""
    terms: tuple[str, ...] = ()  # words to highlight in the opened article
    relaxed: bool = False  # no document had every word; showing documents with any
    error: str = ""  # the search failed (shown as an error, never as "no results")

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
                    "score": round(sec.score, 4),
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


def snippet_plain(snippet_html: str) -> str:
    text = snippet_html.replace(_MATCH_OPEN, "[").replace(_MATCH_CLOSE, "]")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


class _Formatter(highlight.Formatter):
    def format_token(self, text, token, replace=False):
        return _MATCH_OPEN + html.escape(highlight.get_text(text, token, replace)) + _MATCH_CLOSE

    def _text(self, text):
        return html.escape(text)

    def format_fragment(self, fragment, replace=False):
        # Overlapping matches (CJK bigrams: 数据 + 据库) are marked as one span; Whoosh's
        # formatter would mark the first and drop the rest.
        spans: list[list[int]] = []
        for t in sorted(fragment.matches, key=lambda t: (t.startchar, t.endchar)):
            if t.startchar is None:
                continue
            if spans and t.startchar < spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], t.endchar)
            else:
                spans.append([t.startchar, t.endchar])
        text, index_, out = fragment.text, fragment.startchar, []
        for start, end in spans:
            if start < index_:
                continue
            out.append(self._text(text[index_:start]))
            out.append(_MATCH_OPEN + html.escape(text[start:end]) + _MATCH_CLOSE)
            index_ = end
        out.append(self._text(text[index_ : fragment.endchar]))
        return "".join(out)


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


def _choose(searcher: Searcher, plan: QueryPlan, results: SearchResults, run) -> Results:
    """Run the plan's queries in turn: as typed; corrected, when the typed words find
    little and the corrected ones more; any word, when nothing has every word."""
    found = run(plan.strict)
    if plan.corrections:
        if found.scored_length() < FEW_RESULTS:
            corrected = run(plan.corrected_strict)
            if corrected.scored_length() > found.scored_length():
                found = corrected
                results.corrected, results.search_instead = plan.corrected_text, plan.verbatim_text
        if not results.corrected and not found.is_empty():
            results.suggestion = plan.corrected_text
    if found.is_empty():
        relaxed = plan.corrected_relaxed if plan.corrections else plan.relaxed
        found = run(relaxed)
        results.relaxed = not found.is_empty()
        if results.relaxed and plan.corrections:
            results.corrected, results.search_instead = plan.corrected_text, plan.verbatim_text
            results.suggestion = ""
    return found


def search(
    source: index.Index | Searcher,
    text: str,
    limit: int = 10,
    sections_per_article: int = 3,
    kinds: Iterable[str] | None = None,
) -> SearchResults:
    """Search sections, notes and drawings; ``limit`` results (an article with up to
    ``sections_per_article`` sections counts as one), best first."""
    results = SearchResults(query=text)
    if not text.strip():
        return results
    with _searching(source) as searcher:
        plan = plan_query(text, searcher)
        if _is_null(plan.strict):
            return results
        kinds = list(kinds or ())
        kind_filter = query.Or([query.Term("kind", k) for k in kinds]) if kinds else None

        def run(q: query.Query) -> Results:
            return searcher.search(q, limit=limit * 8, filter=kind_filter)

        found = _choose(searcher, plan, results, run)
        results.hits = _group(found, limit, sections_per_article)
        results.terms = highlight_words(results.corrected or text)
    return results


def _snippet_terms(q: query.Query, reader) -> set[tuple[str, bytes]]:
    """The query's terms (prefixes expanded) in the snippet fields that the index has.
    (whoosh3's ``Query.existing_terms`` reuses its ``fieldname`` argument as a loop
    variable and drops every field but the first one it meets.)"""
    schema, out = reader.schema, set()
    for leaf in q.leaves():
        for fieldname, text in leaf.expanded_terms(reader, phrases=True):
            if fieldname in SNIPPET_FIELDS:
                btext = text if isinstance(text, bytes) else schema[fieldname].to_bytes(text)
                if (fieldname, btext) in reader:
                    out.add((fieldname, btext))
    return out


class _Snippets:
    """Snippets cut around the matched words, whose character offsets come from the
    postings (the snippet fields keep them), so no shown text is analysed again."""

    def __init__(self, found: Results, wanted: dict[int, tuple[str, ...]]):
        self.searcher = found.searcher
        self.stored = {docnum: self.searcher.stored_fields(docnum) for docnum in wanted}
        self.spans: dict[tuple[int, str], list[tuple[str, int, int]]] = {}
        for fieldname, btext in _snippet_terms(found.q, self.searcher.reader()):
            docnums = sorted(d for d, fields in wanted.items() if fieldname in fields)
            if not docnums:
                continue
            word = btext.decode("utf-8")
            m = self.searcher.postings(fieldname, btext)
            for docnum in docnums:
                if not m.is_active():
                    break
                if m.id() < docnum:
                    m.skip_to(docnum)
                if m.is_active() and m.id() == docnum:
                    spans = self.spans.setdefault((docnum, fieldname), [])
                    spans.extend((word, s, e) for _, s, e in m.value_as("characters"))

    def html(self, docnum: int, *fields: str) -> str:
        """Marked fragments of the first of ``fields`` with a match, else its opening."""
        stored = self.stored[docnum]
        for name in fields:
            spans = self.spans.get((docnum, name))
            text = stored.get(name) or ""
            if spans and text:
                return _fragments_html(text, [s for s in spans if s[2] <= len(text)])
        return html.escape((stored.get(fields[0]) or "")[:SNIPPET_CHARS])


def _fragments_html(text: str, spans: list[tuple[str, int, int]], top: int = 2) -> str:
    """Up to ``top`` windows of about ``SNIPPET_CHARS`` around the matched words: the
    windows with the most distinct words (then the most matches), in text order, joined
    by an ellipsis; each marked word's span in ``<b class="match">``."""
    spans = sorted(spans, key=lambda x: (x[1], x[2]))
    windows: list[list] = []  # [start, end, matched spans]
    for span in spans:
        if windows and span[2] - windows[-1][0] <= SNIPPET_CHARS - 2 * _SURROUND:
            windows[-1][1] = max(windows[-1][1], span[2])
            windows[-1][2].append(span)
        else:
            windows.append([span[1], span[2], [span]])
    best = sorted(windows, key=lambda w: (-len({s[0] for s in w[2]}), -len(w[2]), w[0]))[:top]
    best.sort(key=lambda w: w[0])
    out, last_end = [], 0
    for start, end, matched in best:
        joined = out and start - _SURROUND <= last_end  # touches the previous window
        lo = last_end if joined else _word_start(text, max(last_end, start - _SURROUND))
        hi = _word_end(text, min(len(text), end + _SURROUND))
        marked, at = [], lo
        for _, s, e in matched:
            if s < at:  # overlapping CJK bigrams: extend the open mark
                if marked and e > at:
                    marked[-1] = marked[-1][: -len(_MATCH_CLOSE)]
                    marked.append(html.escape(text[at:e]) + _MATCH_CLOSE)
                    at = e
                continue
            marked.append(html.escape(text[at:s]))
            marked.append(_MATCH_OPEN + html.escape(text[s:e]) + _MATCH_CLOSE)
            at = e
        marked.append(html.escape(text[at:hi]))
        if out and not joined:
            out.append("…")
        out.append("".join(marked))
        last_end = hi
    return "".join(out).strip()


_SURROUND = 70


def _word_start(text: str, i: int) -> int:
    """``i``, moved forward past a cut word (at most 20 characters)."""
    if i <= 0 or text[i - 1].isspace():
        return max(i, 0)
    space = text.find(" ", i, i + 20)
    return space + 1 if space >= 0 else i


def _word_end(text: str, i: int) -> int:
    if i >= len(text) or text[i].isspace():
        return i
    space = text.rfind(" ", max(0, i - 20), i)
    return space if space > 0 else i


def _group(found: Results, limit: int, sections_per_article: int) -> list[ArticleHit]:
    grouped: dict[str, dict] = {}
    wanted: dict[int, tuple[str, ...]] = {}  # shown docnum -> fields a snippet may come from
    for hit in found:
        kind = hit["kind"]
        key = f"{ARTICLE}:{hit['article']}" if kind == ARTICLE else hit["source"]
        group = grouped.get(key)
        if group is None:
            if len(grouped) >= limit:
                continue
            group = grouped[key] = {"hit": hit, "score": hit.score, "rows": []}
        if hit["level"] == WHOLE_ARTICLE:  # never shown: only lends its score
            group["score"] = max(group["score"], hit.score)
            continue
        if kind in (NOTE, DRAWING) or len(group["rows"]) < sections_per_article:
            group["rows"].append(hit)
            wanted[hit.docnum] = ("body", "quote") if kind == NOTE else ("body",)
    snippets = _Snippets(found, wanted)
    hits = []
    for group in grouped.values():
        group["sections"] = [
            SectionHit(
                hit.get("heading") or "",
                hit.get("heading_id") or "",
                hit.score,
                snippets.html(hit.docnum, *wanted[hit.docnum]),
            )
            for hit in group["rows"]
        ]
        hits.append(_article_hit(group))
    hits.sort(key=lambda h: h.score, reverse=True)
    return hits


def _article_hit(group: dict) -> ArticleHit:
    hit, kind = group["hit"], group["hit"]["kind"]
    if kind == NOTE:
        details = {k: hit.get(k) or "" for k in ("quote", "body", "color", "updated")}
    elif kind == DRAWING:
        details = {
            "title": hit.get("title") or "",
            "diagram_id": hit.get("diagram_id") or "",
            "labels": list(hit.get("labels") or ()),
        }
    else:
        sections = group["sections"] or [
            SectionHit("", "", group["score"], html.escape(hit.get("summary") or ""))
        ]
        return ArticleHit(
            kind,
            hit["article"],
            hit["title"],
            hit.get("topic") or "",
            hit.get("difficulty") or "",
            group["score"],
            tuple(sections),
        )
    return ArticleHit(
        kind,
        hit["article"],
        hit.get("article_title") or "",
        "",
        "",
        group["score"],
        tuple(group["sections"]),
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
