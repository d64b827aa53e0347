"""The plain text of an article's body as the reader shows it: what note anchors count in.

Offsets of notes (``docs/notes-anchors.md``) are character offsets into this text. It is
computed from the reader's HTML without Qt, so the CLI can re-anchor notes too:

- one block per paragraph, heading, list item, table cell and code block, joined by
  ``"\\n"``; whitespace inside a block collapsed to single spaces; code blocks keep their
  line breaks and indentation; HTML entities decoded;
- diagram images, their captions and the "could not be drawn" notice are left out (they
  are pictures, not passages), and so is everything the reader puts around the body.

The reader's QTextDocument shows the same non-whitespace characters in the same order,
plus the pieces left out here; :func:`align_offsets` maps positions between the two.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .catalog import Article
    from .markdown import RenderedArticle

_BLOCK_TAGS = frozenset(
    [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "td",
        "th",
        "pre",
        "blockquote",
        "div",
        "tr",
        "table",
        "thead",
        "tbody",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "hr",
        "br",
    ]
)
_SECTION_TAGS = frozenset({"h2", "h3", "h4"})  # the levels the table of contents links to
_PICTURE_CLASSES = frozenset({"diagram", "caption"})
# The notice markdown.py writes for a diagram that failed validation. Its first cell holds
# the message; a real "danger" admonition starts with the coloured bar cell instead.
_DIAGRAM_NOTICE = re.compile(
    r'<table class="admonition danger"[^>]*><tr><td><b>This diagram could not be drawn\.</b>'
    r".*?</td></tr></table>",
    re.DOTALL,
)


@dataclass(frozen=True)
class Heading:
    id: str
    level: int
    title: str
    start: int  # offset of the heading's first character in ArticleText.text


@dataclass(frozen=True)
class ArticleText:
    text: str
    headings: tuple[Heading, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [h.start for h in self.headings])

    def section_at(self, offset: int) -> str:
        """Id of the heading the character at ``offset`` sits under ("" before the first)."""
        index = bisect.bisect_right(self._starts, offset) - 1  # type: ignore[attr-defined]
        return self.headings[index].id if index >= 0 else ""

    def heading(self, section_id: str) -> Heading | None:
        return next((h for h in self.headings if h.id == section_id), None)

    @cached_property
    def squeezed(self) -> tuple[str, list[int]]:
        """The text with each whitespace run as one space, and for each of its characters
        the offset it came from (to find a quote whatever its whitespace)."""
        return squeeze(self.text)


_SPACES = re.compile(r"\s+")


def squeeze(text: str) -> tuple[str, list[int]]:
    """``text`` with each whitespace run replaced by one space, plus the offset in
    ``text`` of every character of the result."""
    pieces: list[str] = []
    origins: list[int] = []
    last = 0
    for run in _SPACES.finditer(text):
        pieces.append(text[last : run.start()])
        origins.extend(range(last, run.start()))
        pieces.append(" ")
        origins.append(run.start())
        last = run.end()
    pieces.append(text[last:])
    origins.extend(range(last, len(text)))
    return "".join(pieces), origins


class _BodyTextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.length = 0  # length of "\n".join(self.blocks)
        self.headings: list[Heading] = []
        self._buffer: list[str] = []
        self._pre_depth = 0
        self._skip_depth = 0  # > 0 inside a diagram image or caption paragraph
        self._heading: tuple[str, int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_depth:
            self._skip_depth += tag == "p"
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "p" and classes & _PICTURE_CLASSES:
            self._flush()
            self._skip_depth = 1
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "pre":
            self._pre_depth += 1
        elif tag in _SECTION_TAGS and dict(attrs).get("id"):
            self._heading = (dict(attrs)["id"] or "", int(tag[1]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skip_depth and tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self._skip_depth:
            self._skip_depth -= tag == "p"
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "pre":
            self._pre_depth = max(0, self._pre_depth - 1)
        elif tag in _SECTION_TAGS:
            self._heading = None

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._buffer.append(data)

    def _flush(self) -> None:
        raw = "".join(self._buffer)
        self._buffer.clear()
        if self._pre_depth:
            block = raw.strip("\r\n").rstrip()
            block = "\n".join(line.rstrip() for line in block.splitlines())
        else:
            block = " ".join(raw.split())
        if not block.strip():
            return
        start = self.length + 1 if self.blocks else 0
        if self._heading is not None:
            section_id, level = self._heading
            self.headings.append(Heading(section_id, level, block, start))
            self._heading = None  # one heading, one block
        self.blocks.append(block)
        self.length = start + len(block)

    def result(self) -> ArticleText:
        self._flush()
        return ArticleText("\n".join(self.blocks), tuple(self.headings))


def text_from_html(body_html: str) -> ArticleText:
    """The anchor text of the body HTML that ``render_markdown`` produced."""
    parser = _BodyTextParser()
    parser.feed(_DIAGRAM_NOTICE.sub("", body_html))
    parser.close()
    return parser.result()


def article_text(source: Article | RenderedArticle | str) -> ArticleText:
    """The anchor text of an article, of its rendering, or of its rendered body HTML."""
    if isinstance(source, str):
        return text_from_html(source)
    if hasattr(source, "html"):
        return text_from_html(source.html)
    from .markdown import render_article  # Markdown + Pygments: only when asked

    return text_from_html(render_article(source).html)  # the reader's (cached) rendering


# --- mapping offsets between this text and another rendering of it ------------------


def _non_space(text: str) -> tuple[str, list[int]]:
    positions = [i for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(text[i] for i in positions), positions


# How many characters must agree for the walk to resume after a gap: as many as possible,
# fewer when another gap follows soon (two diagrams a short paragraph apart). Never fewer
# than six: a shorter run recurs by chance.
_WINDOWS = (48, 16, 6)


def _resume(a: str, i: int, b: str, j: int) -> tuple[int | None, int | None]:
    """How far to skip in ``b`` (a piece only it has) or in ``a`` to agree again."""
    for width in _WINDOWS:
        found_b = b.find(a[i : i + width], j)
        found_a = a.find(b[j : j + width], i)
        if found_a >= 0 or found_b >= 0:
            return (
                found_b - j if found_b >= 0 else None,
                found_a - i if found_a >= 0 else None,
            )
    return None, None


class OffsetAlignment:
    """Maps offsets between ``canonical`` (an ArticleText.text) and ``other`` (for example
    QTextDocument.toPlainText() of the reader's page) by their non-whitespace characters.

    ``other`` may hold extra pieces that ``canonical`` leaves out (the page header, diagram
    images, captions, "Related deep dives"). ``runs`` are the stretches of non-whitespace
    characters the two share: (index in canonical, index in other, length), counted in
    non-whitespace characters.
    """

    def __init__(self, canonical: str, other: str, runs: list[tuple[int, int, int]]) -> None:
        self.canonical, self.other, self.runs = canonical, other, tuple(runs)
        self._positions = (_non_space(canonical)[1], _non_space(other)[1])
        self._starts = ([r[0] for r in runs], [r[1] for r in runs])

    def __call__(self, offset: int, *, end: bool = False) -> int:
        """Offset in ``other`` for ``offset`` in ``canonical``. ``end=True`` for the end of
        a span: it then sits just after the last character before it, not before the next."""
        return self._map(offset, end, 0)

    def inverse(self, offset: int, *, end: bool = False) -> int:
        """Offset in ``canonical`` for ``offset`` in ``other``; inside a piece that
        ``canonical`` leaves out it is the nearest shared position."""
        return self._map(offset, end, 1)

    def shared(self) -> int:
        """How many non-whitespace characters the two texts share."""
        return sum(r[2] for r in self.runs)

    def _map(self, offset: int, end: bool, side: int) -> int:
        src, dst = self._positions[side], self._positions[1 - side]
        runs, other = self.runs, 1 - side
        # k: the non-whitespace character just after the offset (just before it for an end).
        k = bisect.bisect_left(src, offset) - (1 if end else 0)
        r = bisect.bisect_right(self._starts[side], k) - 1
        if k >= 0 and r >= 0 and k < runs[r][side] + runs[r][2]:
            target = dst[runs[r][other] + k - runs[r][side]]
            return target + 1 if end else target
        # k is not shared: the end of the run before it (an end), else the next run's start.
        if end and r >= 0:
            return dst[runs[r][other] + runs[r][2] - 1] + 1
        if r + 1 < len(runs):
            return dst[runs[r + 1][other]]
        if runs:
            return dst[runs[-1][other] + runs[-1][2] - 1] + 1
        return 0


def align_offsets(canonical: str, other: str) -> OffsetAlignment:
    """Align two renderings of one text on their non-whitespace characters.

    Walks both together; where they disagree, one of them holds a piece the other lacks
    (usually ``other``: a caption, the page header), and the walk skips the shorter way to
    where the next characters agree again (as many as still agree, up to 48).
    """
    a, b = _non_space(canonical)[0], _non_space(other)[0]
    runs: list[tuple[int, int, int]] = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            start_i, start_j = i, j
            while i < len(a) and j < len(b) and a[i] == b[j]:
                i += 1
                j += 1
            runs.append((start_i, start_j, i - start_i))
            continue
        skip_other, skip_canonical = _resume(a, i, b, j)
        if skip_other is None and skip_canonical is None:
            i += 1  # no sure way back in yet: leave this character unshared
        elif skip_canonical is None or (skip_other is not None and skip_other <= skip_canonical):
            j += skip_other or 0
        else:
            i += skip_canonical
    return OffsetAlignment(canonical, other, runs)
