"""Where a note's passage is in the current text of its article.

An anchor is a W3C TextQuoteSelector (the exact quote, up to 32 characters before and
after it) plus a TextPositionSelector (offsets, a hint) over :class:`ArticleText`, plus
the id of the heading it sat under. :func:`locate` re-anchors it in the four steps of
``notes-format.md``; the choices it makes are explained in ``docs/notes-anchors.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from .article_text import ArticleText

CONTEXT = 32  # characters of prefix and suffix kept with a quote
MIN_SIMILARITY = 0.80  # step 3: the quote itself, and the quote judged with its context
_REFINE_REACH = 32  # how far step 3 moves a fuzzy match's ends to fit the quote best

Status = Literal["anchored", "moved", "detached"]


@dataclass(frozen=True)
class Anchor:
    exact: str
    prefix: str = ""
    suffix: str = ""
    section: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Location:
    status: Status
    start: int | None = None  # None for a detached or an article-level note
    end: int | None = None
    section: str | None = None  # the heading id it now sits under ("" before the first)
    step: int = 0  # which re-anchoring step decided: 1-4 (0: an article-level note)
    similarity: float = 1.0  # step 3: how alike the found passage is, judged with context


def make_anchor(text: ArticleText, start: int, end: int) -> Anchor:
    """The anchor of the selection ``start..end``, trimmed of surrounding whitespace."""
    if not 0 <= start <= end <= len(text.text):
        raise ValueError(f"selection {start}..{end} is outside the text (0..{len(text.text)})")
    while start < end and text.text[start].isspace():
        start += 1
    while end > start and text.text[end - 1].isspace():
        end -= 1
    if start == end:
        raise ValueError("an empty or blank selection cannot be anchored")
    return Anchor(
        exact=text.text[start:end],
        prefix=text.text[max(0, start - CONTEXT) : start],
        suffix=text.text[end : end + CONTEXT],
        section=text.section_at(start),
        start=start,
        end=end,
    )


def locate(anchor: Anchor | None, text: ArticleText) -> Location:
    """Re-anchor ``anchor`` in ``text``. Never raises; a span is always inside the text."""
    if anchor is None:
        return Location("anchored")
    body, exact = text.text, anchor.exact
    words = exact.split()
    if not words:
        return Location("detached", step=4, similarity=0.0)
    hint = _hint(anchor, len(body))
    # 1. The position hint still holds the quote (whitespace aside: see _exact_spans).
    if hint is not None:
        held = body[hint[0] : hint[1]]
        if held == exact:
            return _found("anchored", hint[0], hint[1], text, 1)
        if held.split() == words:
            start, end = _trimmed(body, *hint)
            return _found("anchored", start, end, text, 1)
    # 2. The exact quote elsewhere: best context, then nearest the hint.
    spans = _exact_spans(text, exact) or _exact_spans(text, " ".join(words), squeezed=True)
    if spans:
        start, end = max(spans, key=lambda span: _exact_rank(anchor, body, span, hint))
        return _found("anchored", start, end, text, 2)
    # 3. The best approximate match, judged with its context.
    match = _fuzzy(anchor, body, hint)
    if match is not None:
        start, end, judged = match
        return _found("moved", start, end, text, 3, judged)
    # 4. Nothing close enough: the note keeps its quote and waits to be re-attached.
    return Location("detached", step=4, similarity=0.0)


def _found(
    status: Status, start: int, end: int, text: ArticleText, step: int, sim: float = 1.0
) -> Location:
    return Location(status, start, end, text.section_at(start), step, sim)


def _hint(anchor: Anchor, length: int) -> tuple[int, int] | None:
    start, end = anchor.start, anchor.end
    if not (isinstance(start, int) and isinstance(end, int)):
        return None
    if isinstance(start, bool) or isinstance(end, bool) or not 0 <= start <= end <= length:
        return None
    return start, end


def _trimmed(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def _exact_spans(text: ArticleText, needle: str, squeezed: bool = False) -> list[tuple[int, int]]:
    """Every span of the text that is the quote; with ``squeezed``, whitespace runs count as
    one space (the quote then has single spaces, none at its ends).

    Whitespace is how a rendering lays blocks out, not what was written: Qt's text joins
    blocks with U+2029, a copied selection may carry a space where we have a line break,
    and an author may re-indent a code block. Words and punctuation must all be there."""
    haystack, origins = text.squeezed if squeezed else (text.text, None)
    spans, pos = [], haystack.find(needle)
    while pos >= 0:
        if origins is None:
            spans.append((pos, pos + len(needle)))
        else:
            spans.append((origins[pos], origins[pos + len(needle) - 1] + 1))
        pos = haystack.find(needle, pos + 1)
    return spans


def _context_similarity(anchor: Anchor, body: str, start: int, end: int) -> float:
    """0..1: how alike the text around ``start..end`` is to the anchor's prefix and suffix,
    weighted by their lengths (1.0 when the anchor has no context)."""
    weight = len(anchor.prefix) + len(anchor.suffix)
    if not weight:
        return 1.0
    before = body[max(0, start - len(anchor.prefix)) : start]
    after = body[end : end + len(anchor.suffix)]
    total = 0.0
    if anchor.prefix:
        total += len(anchor.prefix) * fuzz.ratio(anchor.prefix, before) / 100
    if anchor.suffix:
        total += len(anchor.suffix) * fuzz.ratio(anchor.suffix, after) / 100
    return total / weight


def _exact_rank(
    anchor: Anchor, body: str, span: tuple[int, int], hint: tuple[int, int] | None
) -> tuple[float, bool, int, int]:
    start, end = span
    context = _context_similarity(anchor, body, start, end)
    distance = abs(start - hint[0]) if hint is not None else 0
    return (round(context, 6), body[start:end] == anchor.exact, -distance, -start)


def _judged(anchor: Anchor, body: str, start: int, end: int) -> tuple[float, float]:
    """(similarity of the quote, similarity of quote and context together), both 0..1.
    The context weighs by its length, so it decides for a short quote (a few words recur
    anywhere) and only tips the balance for a long one."""
    quote = fuzz.ratio(anchor.exact, body[start:end]) / 100
    quote_weight, context_weight = len(anchor.exact), len(anchor.prefix) + len(anchor.suffix)
    context = _context_similarity(anchor, body, start, end)
    judged = (quote_weight * quote + context_weight * context) / (quote_weight + context_weight)
    return quote, judged


def _fuzzy(
    anchor: Anchor, body: str, hint: tuple[int, int] | None
) -> tuple[int, int, float] | None:
    exact = anchor.exact
    cutoff = MIN_SIMILARITY * 100
    spans: set[tuple[int, int]] = set()
    # The quote's best match anywhere...
    best = fuzz.partial_ratio_alignment(exact, body, score_cutoff=cutoff)
    if best is not None:
        spans.add((best.dest_start, best.dest_end))
    # ...the quote inside the best match of quote-with-context (the right one of several
    # look-alikes)...
    if anchor.prefix or anchor.suffix:
        window = fuzz.partial_ratio_alignment(anchor.prefix + exact + anchor.suffix, body)
        if window is not None:
            spans |= _inside(exact, body, window.dest_start, window.dest_end, cutoff)
    # ...and the quote near where it was.
    if hint is not None:
        spans |= _inside(exact, body, hint[0] - len(exact), hint[1] + len(exact), cutoff)
    best_match: tuple[tuple[float, int, int], tuple[int, int, float]] | None = None
    for span in spans:
        start, end = _refine(exact, body, *span)
        quote, judged = _judged(anchor, body, start, end)
        if quote < MIN_SIMILARITY or judged < MIN_SIMILARITY:
            continue
        rank = (round(judged, 6), -abs(start - hint[0]) if hint else 0, -start)
        if best_match is None or rank > best_match[0]:
            best_match = (rank, (start, end, judged))
    return best_match[1] if best_match else None


def _inside(exact: str, body: str, start: int, end: int, cutoff: float) -> set[tuple[int, int]]:
    margin = len(exact) // 4 + 8  # room for a quote that grew when edited
    lo, hi = max(0, start - margin), min(len(body), end + margin)
    found = fuzz.partial_ratio_alignment(exact, body[lo:hi], score_cutoff=cutoff)
    return {(lo + found.dest_start, lo + found.dest_end)} if found is not None else set()


def _refine(exact: str, body: str, start: int, end: int) -> tuple[int, int]:
    """Move the ends of a fuzzy match (whose length is the quote's) to where the quote fits
    best: a corrected word may have made the passage longer or shorter."""
    reach = min(_REFINE_REACH, max(4, len(exact) // 5))

    def score(s: int, e: int) -> tuple[float, int]:
        return fuzz.ratio(exact, body[s:e]), -abs((e - s) - len(exact))

    for _ in range(2):
        end = max(
            range(max(start + 1, end - reach), min(len(body), end + reach) + 1),
            key=lambda e: score(start, e),
        )
        start = max(
            range(max(0, start - reach), min(end - 1, start + reach) + 1),
            key=lambda s: score(s, end),
        )
    while start < end - 1 and body[start].isspace():
        start += 1
    while end > start + 1 and body[end - 1].isspace():
        end -= 1
    return start, end
