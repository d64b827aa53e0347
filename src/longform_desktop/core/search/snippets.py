"""Snippets: a window or two of a shown section's text, the matched words marked.

The matched words' character offsets come from the postings (the snippet fields keep
them, ``chars=True`` in the schema), so no shown text is analysed again: that
re-analysis was half the time of a search on the bundled content.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from whoosh import query
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from .schema import SNIPPET_FIELDS

SNIPPET_CHARS = 220
SURROUND = 70  # characters of context around the first and last matched word
MATCH_OPEN, MATCH_CLOSE = '<b class="match">', "</b>"


def snippet_plain(snippet_html: str) -> str:
    text = snippet_html.replace(MATCH_OPEN, "[").replace(MATCH_CLOSE, "]")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def snippet_terms(queries: Iterable[query.Query], reader: IndexReader) -> set[tuple[str, bytes]]:
    """The queries' terms (prefixes expanded) in the snippet fields that the index has.
    (whoosh3's ``Query.existing_terms`` reuses its ``fieldname`` argument as a loop
    variable and drops every field but the first one it meets.)"""
    schema, out = reader.schema, set()
    for q in queries:
        for leaf in q.leaves():
            if isinstance(leaf, query.Not):
                continue
            for fieldname, text in leaf.expanded_terms(reader, phrases=True):
                if fieldname in SNIPPET_FIELDS:
                    btext = text if isinstance(text, bytes) else schema[fieldname].to_bytes(text)
                    if (fieldname, btext) in reader:
                        out.add((fieldname, btext))
    return out


class TermSpans:
    """Where the queries' words are in some documents: per (docnum, field), the list of
    (word, position, startchar, endchar), read from the postings. Loaded once for the
    best candidates and shared: ranking measures proximity from the positions, snippets
    mark the characters (each ``skip_to`` into a long posting list decodes a block, the
    dominant cost of both on a large index)."""

    def __init__(self, searcher: Searcher, queries: Iterable[query.Query]) -> None:
        self.searcher = searcher
        self.terms = sorted(snippet_terms(queries, searcher.reader()))
        self.spans: dict[tuple[int, str], list[tuple[str, int, int, int]]] = {}
        self._loaded: set[tuple[int, str]] = set()

    def load(self, wanted: dict[int, tuple[str, ...]]) -> None:
        """Read the spans of ``wanted`` (docnum -> fields) not read yet."""
        todo = {(d, f) for d, fields in wanted.items() for f in fields} - self._loaded
        if not todo:
            return
        self._loaded |= todo
        for fieldname, btext in self.terms:
            docnums = sorted(d for d, f in todo if f == fieldname)
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
                    spans.extend((word, p, s, e) for p, s, e in m.value_as("characters"))

    def get(self, docnum: int, fieldname: str) -> list[tuple[str, int, int, int]]:
        return self.spans.get((docnum, fieldname), [])


class Snippets:
    """The marked snippets of the documents ``wanted`` (docnum -> the fields, in order of
    preference, a snippet may come from)."""

    def __init__(self, spans: TermSpans, wanted: dict[int, tuple[str, ...]]) -> None:
        reader = spans.searcher.reader()
        self.stored = {docnum: reader.stored_fields(docnum) for docnum in wanted}
        spans.load(wanted)
        self.spans = spans

    def html(self, docnum: int, *fields: str) -> str:
        """Marked fragments of the first of ``fields`` with a match, else its opening."""
        stored = self.stored[docnum]
        if not fields:
            return ""
        for name in fields:
            text = stored.get(name) or ""
            spans = [(w, s, e) for w, _, s, e in self.spans.get(docnum, name) if e <= len(text)]
            if spans and text:
                return fragments_html(text, spans)
        return html.escape((stored.get(fields[0]) or "")[:SNIPPET_CHARS])


def fragments_html(text: str, spans: list[tuple[str, int, int]], top: int = 2) -> str:
    """Up to ``top`` windows of about ``SNIPPET_CHARS`` around the matched words: the
    windows with the most distinct words (then the most matches), in text order, joined
    by an ellipsis; each marked word's span in ``<b class="match">``."""
    spans = sorted(spans, key=lambda x: (x[1], x[2]))
    windows: list[list] = []  # [start, end, matched spans]
    for span in spans:
        if windows and span[2] - windows[-1][0] <= SNIPPET_CHARS - 2 * SURROUND:
            windows[-1][1] = max(windows[-1][1], span[2])
            windows[-1][2].append(span)
        else:
            windows.append([span[1], span[2], [span]])
    best = sorted(windows, key=lambda w: (-len({s[0] for s in w[2]}), -len(w[2]), w[0]))[:top]
    best.sort(key=lambda w: w[0])
    out: list[str] = []
    last_end = 0
    for start, end, matched in best:
        joined = bool(out) and start - SURROUND <= last_end  # touches the previous window
        lo = last_end if joined else _word_start(text, max(last_end, start - SURROUND))
        hi = _word_end(text, min(len(text), end + SURROUND))
        marked: list[str] = []
        at = lo
        for _, s, e in matched:
            if s < at:  # overlapping CJK bigrams: extend the open mark
                if marked and e > at:
                    marked[-1] = marked[-1][: -len(MATCH_CLOSE)]
                    marked.append(html.escape(text[at:e]) + MATCH_CLOSE)
                    at = e
                continue
            marked.append(html.escape(text[at:s]))
            marked.append(MATCH_OPEN + html.escape(text[s:e]) + MATCH_CLOSE)
            at = e
        marked.append(html.escape(text[at:hi]))
        if out and not joined:
            out.append("…")
        out.append("".join(marked))
        last_end = hi
    return "".join(out).strip()


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
