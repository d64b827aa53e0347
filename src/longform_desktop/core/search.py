"""Full-text search over the deep dives (and, later, the user's notes and drawings).

The Whoosh index is a cache: ``sync_index`` brings it in line with the sources it is
given, re-indexing only the sources whose content hash changed, and rebuilds it from
scratch when it is missing, from an older schema, or unreadable.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from whoosh import highlight, index, qparser, query
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.searching import Searcher

from .catalog import Article, Catalog
from .markdown import SectionText, render_markdown

SCHEMA_VERSION = 5
MANIFEST = "manifest.json"
FILTER_FIELDS = ("topic", "difficulty", "section", "kind")
TEXT_FIELDS = {"title": 3.0, "heading": 2.0, "body": 1.0, "figures": 1.0}
SNIPPET_CHARS = 220


def build_schema() -> Schema:
    stem = StemmingAnalyzer()
    plain = StandardAnalyzer(stoplist=None)
    return Schema(
        doc_id=ID(stored=True, unique=True),
        source=ID(stored=True),  # the unit of re-indexing, e.g. "article:<slug>"
        kind=ID(stored=True),
        level=ID(stored=True),  # "document" (one per article/note) or "section"
        article=ID(stored=True),
        title=TEXT(stored=True, analyzer=stem),
        heading=TEXT(stored=True, analyzer=stem),
        heading_id=STORED,
        body=TEXT(stored=True, analyzer=stem),
        # The whole-article text lives in its own field: queries search ``body`` (the
        # sections), so each word is scored once, not twice; "related deep dives" use
        # this one. Halves the postings a query walks (benchmarks/README.md).
        doc_body=TEXT(analyzer=stem),
        # Words of the section's diagrams (labels, aliases, arrow labels): found by a
        # search, kept out of ``body`` so they never garble a snippet.
        figures=TEXT(analyzer=stem),
        summary=STORED,
        topic=TEXT(stored=True, analyzer=plain),
        difficulty=KEYWORD(stored=True, lowercase=True),
        section=TEXT(stored=True, analyzer=plain),
        position=NUMERIC(stored=True),
        # Unstemmed words, only for "did you mean": suggestions should be real words,
        # not stems such as "databas".
        spell=TEXT(analyzer=plain),
    )


@dataclass(frozen=True)
class SearchDocument:
    doc_id: str
    source: str
    kind: str
    article: str
    title: str
    body: str
    heading: str = ""
    heading_id: str = ""
    summary: str = ""
    topic: str = ""
    difficulty: str = ""
    section: str = ""
    position: int = 0
    store_body: bool = True
    figures: str = ""


@dataclass(frozen=True)
class Source:
    """A unit of indexing (an article, a note...): its hash and how to make its documents."""

    key: str
    content_hash: str
    documents: Callable[[], list[SearchDocument]]


@dataclass
class IndexStats:
    rebuilt: bool = False
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    documents: int = 0
    seconds: float = 0.0
    reason: str = ""


def article_documents(article: Article, section_title: str = "") -> list[SearchDocument]:
    """One document per heading-level section, plus one for the whole article."""
    rendered = render_markdown(article.body, {d.id: d for d in article.diagrams})
    return section_documents(
        slug=article.slug,
        title=article.title,
        summary=article.summary,
        topic=article.topic,
        difficulty=article.difficulty,
        section=f"{article.section} {section_title}",
        sections=rendered.sections,
    )


def whole_text(sections: Iterable[SectionText]) -> str:
    """An article's text as the whole-document entry holds it: prose and diagram words.
    "Related deep dives" extract key terms from the same text, so both agree."""
    return " ".join(f"{s.text} {s.figures}" for s in sections)


def section_documents(
    *,
    slug: str,
    title: str,
    summary: str,
    topic: str,
    difficulty: str,
    section: str,
    sections: Sequence[SectionText],
    kind: str = "article",
) -> list[SearchDocument]:
    """The index documents of one text already split at its headings (the benchmark's
    generated corpus goes through here too, so it measures the real document shape)."""
    source = f"{kind}:{slug}"
    common = dict(
        source=source,
        kind=kind,
        article=slug,
        title=title,
        summary=summary,
        topic=topic,
        difficulty=difficulty,
        section=section,
    )
    docs = [
        SearchDocument(
            doc_id=source,
            body=whole_text(sections),
            heading="",
            position=-1,
            store_body=False,
            **common,
        )
    ]
    for position, sec in enumerate(sections):
        if sec.text or sec.figures:
            docs.append(
                SearchDocument(
                    doc_id=f"{source}#{sec.id or '_top'}",
                    body=sec.text,
                    figures=sec.figures,
                    heading=sec.heading,
                    heading_id=sec.id,
                    position=position,
                    **common,
                )
            )
    return docs


def catalog_sources(catalog: Catalog) -> list[Source]:
    sources = []
    for section in catalog.sections:
        for article in section.articles:
            if article.is_written:
                sources.append(
                    Source(
                        f"article:{article.slug}",
                        article.content_hash,
                        lambda a=article, t=section.title: article_documents(a, t),
                    )
                )
    return sources


# --- the index on disk -------------------------------------------------------------


def _read_manifest(index_dir: Path) -> dict | None:
    try:
        manifest = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("schema") != SCHEMA_VERSION:
        return None
    return manifest


def _write_manifest(index_dir: Path, hashes: Mapping[str, str]) -> None:
    # Written after the Whoosh commit, atomically: a crash in between leaves an older
    # manifest, which only means some sources are re-indexed next time.
    tmp = index_dir / (MANIFEST + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"schema": SCHEMA_VERSION, "sources": dict(hashes)}, fh, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, index_dir / MANIFEST)


def open_index(index_dir: Path) -> index.Index | None:
    """The index if it is present, current and readable; None if it must be rebuilt."""
    if _read_manifest(index_dir) is None:
        return None
    try:
        ix = index.open_dir(str(index_dir))
        with ix.searcher() as searcher:
            searcher.doc_count()
        return ix
    except Exception:  # any failure to read means "rebuild"; the index is only a cache
        return None


def _add(writer, doc: SearchDocument) -> None:
    section = doc.store_body  # a section (searched, snippets) or a whole document (related)
    writer.add_document(
        doc_id=doc.doc_id,
        source=doc.source,
        kind=doc.kind,
        level="section" if section else "document",
        article=doc.article,
        title=doc.title,
        heading=doc.heading,
        heading_id=doc.heading_id,
        body=doc.body if section else "",
        doc_body="" if section else doc.body,
        figures=doc.figures,
        summary=doc.summary,
        topic=doc.topic,
        difficulty=doc.difficulty,
        section=doc.section,
        position=doc.position,
        spell=f"{doc.title} {doc.heading} {doc.body} {doc.figures}" if section else doc.title,
    )


def sync_index(
    index_dir: Path, sources: Iterable[Source], progress: Callable[[int, int], None] | None = None
) -> IndexStats:
    """Bring the index in line with ``sources``; only changed sources are re-indexed."""
    return sync_and_open(index_dir, sources, progress)[0]


def sync_and_open(
    index_dir: Path, sources: Iterable[Source], progress: Callable[[int, int], None] | None = None
) -> tuple[IndexStats, index.Index]:
    """``sync_index``, also handing back the index it opened (and validated), so a caller
    that goes on to search does not open and validate it a second time."""
    started = time.perf_counter()
    sources = list(sources)
    stats = IndexStats()
    ix = open_index(index_dir)
    manifest = _read_manifest(index_dir) if ix is not None else None
    if ix is None:
        stats.rebuilt = True
        stats.reason = "missing" if not index_dir.exists() else "stale or unreadable"
        shutil.rmtree(index_dir, ignore_errors=True)
        index_dir.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(index_dir), build_schema())
        old: dict[str, str] = {}
    else:
        old = dict(manifest["sources"]) if manifest else {}
    new = {s.key: s.content_hash for s in sources}
    changed = [s for s in sources if old.get(s.key) != s.content_hash]
    removed = [key for key in old if key not in new]
    stats.unchanged = len(sources) - len(changed)
    if changed or removed:
        writer = ix.writer()
        try:
            for key in removed:
                writer.delete_by_term("source", key)
            for done, src in enumerate(changed, start=1):
                if src.key in old:
                    writer.delete_by_term("source", src.key)
                    stats.updated += 1
                else:
                    stats.added += 1
                for doc in src.documents():
                    _add(writer, doc)
                if progress:
                    progress(done, len(changed))
            writer.commit(optimize=stats.rebuilt)
        except BaseException:
            writer.cancel()
            raise
        stats.removed = len(removed)
    if changed or removed or stats.rebuilt:
        _write_manifest(index_dir, new)
    stats.documents = ix.doc_count()  # from the TOC: no searcher (190 ms on a large index)
    stats.seconds = time.perf_counter() - started
    return stats, ix


# --- querying ------------------------------------------------------------------------


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
    kind: str
    article: str
    title: str
    topic: str
    difficulty: str
    score: float
    sections: tuple[SectionHit, ...]


@dataclass
class SearchResults:
    query: str
    hits: list[ArticleHit] = field(default_factory=list)
    suggestion: str = ""  # "did you mean" query text, "" when none
    terms: tuple[str, ...] = ()  # words to highlight in the opened article
    relaxed: bool = False  # no document had every word; showing documents with any

    def to_json(self) -> list[dict]:
        rows = []
        for hit in self.hits:
            for sec in hit.sections:
                rows.append(
                    {
                        "kind": hit.kind,
                        "article": {"slug": hit.article, "title": hit.title},
                        "section": {"heading": sec.heading, "id": sec.heading_id},
                        "score": round(sec.score, 4),
                        "snippet": sec.snippet,
                    }
                )
        return rows


_MATCH_OPEN, _MATCH_CLOSE = '<b class="match">', "</b>"
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_QUERY_WORD = re.compile(_WORD.pattern + r"\*?", re.UNICODE)  # a word, or a prefix*
_FIELD_TERM = re.compile(r"\b(\w+):(\"[^\"]*\"?|\S+)")


def snippet_plain(snippet_html: str) -> str:
    text = snippet_html.replace(_MATCH_OPEN, "[").replace(_MATCH_CLOSE, "]")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


class _Formatter(highlight.Formatter):
    def format_token(self, text, token, replace=False):
        return _MATCH_OPEN + html.escape(highlight.get_text(text, token, replace)) + _MATCH_CLOSE

    def _text(self, text):
        return html.escape(text)


def _parser(schema: Schema, group: type = qparser.AndGroup) -> qparser.QueryParser:
    parser = qparser.MultifieldParser(
        list(TEXT_FIELDS), schema, fieldboosts=TEXT_FIELDS, group=group
    )
    parser.remove_plugin_class(qparser.PlusMinusPlugin)
    return parser


def _sanitize(text: str) -> str:
    """A query with no syntax at all: field filters kept, everything else reduced to words."""
    kept = [
        f"{m.group(1)}:{m.group(2).strip(chr(34))}"
        for m in _FIELD_TERM.finditer(text)
        if m.group(1).lower() in FILTER_FIELDS and m.group(2).strip('"')
    ]
    rest = _FIELD_TERM.sub(" ", text)
    words = [w for w in _WORD.findall(rest) if w.upper() not in _OPERATORS]
    return " ".join(kept + words)


def parse_query(text: str, schema: Schema, group: type = qparser.AndGroup) -> query.Query:
    """Parse the user's query; malformed syntax degrades to plain words, never an exception."""
    text = text.strip()
    if text.count('"') % 2:  # an unbalanced quote: close it rather than lose the phrase
        text += '"'
    try:
        parsed = _parser(schema, group).parse(text)
    except Exception:
        parsed = query.NullQuery
    if (
        parsed is query.NullQuery
        or isinstance(parsed, query.NullQuery.__class__)
        or not list(parsed.iter_all_terms())
    ):
        cleaned = _sanitize(text)
        if not cleaned:
            return query.NullQuery
        try:
            parsed = _parser(schema, group).parse(cleaned)
        except Exception:
            return query.NullQuery
    return _exclusions_as_andnot(parsed)


def _exclusions_as_andnot(q: query.Query) -> query.Query:
    """``a AND NOT b`` as AndNot(a, b): Whoosh runs a bare Not by walking every document
    in the index (140 ms on the 10M-word corpus), AndNot by skipping b's few postings."""
    if not q.is_leaf():
        q = q.apply(_exclusions_as_andnot)
    if isinstance(q, query.And):
        keep = [c for c in q.subqueries if not isinstance(c, query.Not)]
        drop = [c.query for c in q.subqueries if isinstance(c, query.Not)]
        if keep and drop:
            positive = keep[0] if len(keep) == 1 else query.And(keep, boost=q.boost)
            negative = drop[0] if len(drop) == 1 else query.Or(drop)
            return query.AndNot(positive, negative)
    return q


def _relaxed_query(text: str, schema: Schema) -> query.Query:
    """Any of the words, but every field filter still applies."""
    filters = " ".join(
        m.group(0) for m in _FIELD_TERM.finditer(text) if m.group(1).lower() in FILTER_FIELDS
    )
    words = parse_query(_FIELD_TERM.sub(" ", text), schema, qparser.OrGroup)
    if not filters:
        return words
    return query.And([parse_query(filters, schema), words])


def _query_words(text: str) -> list[str]:
    """The plain words of a query (filters and operators removed); a prefix keeps its '*'."""
    rest = _FIELD_TERM.sub(" ", text)
    return [w for w in _QUERY_WORD.findall(rest) if w.upper() not in _OPERATORS]


def _suggest(searcher: Searcher, text: str) -> str:
    """'Did you mean': replace words the corpus does not have with the closest one it has."""
    changed = False
    out = text
    corrector = None
    for word in _query_words(text):
        if word.endswith("*") or len(word) < 3:
            continue  # a prefix is not a misspelling
        if searcher.doc_frequency("spell", word.lower()):
            continue  # a real word of the corpus, even if it matched nothing here
        corrector = corrector or searcher.reader().corrector("spell")
        # prefix=1: most typos keep the first letter, and it cuts the work per word
        # from ~30 ms to a few ms on the bundled vocabulary (benchmarks/README.md).
        options = corrector.suggest(word.lower(), limit=1, maxdist=2, prefix=1)
        if options and options[0] != word.lower():
            out = re.sub(rf"\b{re.escape(word)}\b", options[0], out, count=1)
            changed = True
    return out if changed else ""


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


def search(
    source: index.Index | Searcher,
    text: str,
    limit: int = 10,
    sections_per_article: int = 3,
    kinds: Iterable[str] | None = None,
) -> SearchResults:
    """Search sections and articles; hits are grouped by article, best first."""
    results = SearchResults(query=text)
    if not text.strip():
        return results
    with _searching(source) as searcher:
        schema = searcher.schema
        q = parse_query(text, schema)
        if q is query.NullQuery:
            return results
        kind_filter = query.Or([query.Term("kind", k) for k in kinds]) if kinds else None
        found = searcher.search(q, limit=limit * 8, filter=kind_filter)
        if found.is_empty():
            found = searcher.search(
                _relaxed_query(text, schema), limit=limit * 8, filter=kind_filter
            )
            results.relaxed = not found.is_empty()
        results.suggestion = _suggest(searcher, text)
        found.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
        found.formatter = _Formatter()
        grouped: dict[str, dict] = {}
        for hit in found:
            slug = hit["article"]
            group = grouped.get(slug)
            if group is None:
                if len(grouped) >= limit:
                    continue
                group = grouped[slug] = {"hit": hit, "score": hit.score, "sections": []}
            if hit["position"] < 0:  # the whole-article document: only lends its score
                group["score"] = max(group["score"], hit.score)
                continue
            if len(group["sections"]) < sections_per_article:
                snippet = hit.highlights("body", top=2) or html.escape(hit["body"][:SNIPPET_CHARS])
                group["sections"].append(
                    SectionHit(hit["heading"], hit["heading_id"] or "", hit.score, snippet)
                )
        for slug, group in grouped.items():
            hit = group["hit"]
            sections = group["sections"] or [
                SectionHit("", "", group["score"], html.escape(hit["summary"]))
            ]
            results.hits.append(
                ArticleHit(
                    hit["kind"],
                    slug,
                    hit["title"],
                    hit["topic"],
                    hit["difficulty"],
                    group["score"],
                    tuple(sections),
                )
            )
        results.hits.sort(key=lambda h: h.score, reverse=True)
        results.terms = _highlight_words(text)
    return results


def _highlight_words(text: str) -> tuple[str, ...]:
    """The words to mark in the opened article (the view matches their inflections)."""
    words = {w.lower().rstrip("*") for w in _query_words(text)}
    return tuple(sorted(w for w in words if len(w) > 1))


def related_articles(
    source: index.Index | Searcher, article: Article, limit: int = 3
) -> list[tuple[str, str]]:
    """Deep dives most like ``article`` by its key terms: [(slug, title)]."""
    text = whole_text(render_markdown(article.body, {d.id: d for d in article.diagrams}).sections)
    with _searching(source) as searcher:
        docnum = searcher.document_number(doc_id=f"article:{article.slug}")
        if docnum is None:
            return []
        found = searcher.more_like(
            docnum,
            "doc_body",
            text=text,
            top=limit + 1,
            numterms=25,
            filter=query.And([query.Term("kind", "article"), query.Term("level", "document")]),
        )
        return [(h["article"], h["title"]) for h in found if h["article"] != article.slug][:limit]


def stats_dict(stats: IndexStats) -> dict:
    return asdict(stats)
