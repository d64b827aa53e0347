"""Where an article's notes are on the reader's page (no Qt: strings and offsets).

The page is the reader's QTextDocument; its ``toPlainText()`` offsets are the document's
cursor positions. Anchors count in the article's anchor text (``core.article_text``);
:class:`PageAnchors` holds both texts and their alignment for one rendered page, so
re-anchoring a note and drawing it, or turning a selection into an anchor, is a lookup.

Built on a worker when an article opens (the alignment of the longest article takes
~30 ms); re-used while the page shows the same text (zoom, theme, find).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from longform_desktop.core.article_text import (
    ArticleText,
    OffsetAlignment,
    align_offsets,
    text_from_html,
)

if TYPE_CHECKING:
    from longform_desktop.core.anchors import Anchor, Location
    from longform_desktop.core.notes import Note

DETACHED, MOVED, ANCHORED = "detached", "moved", "anchored"


@dataclass(frozen=True)
class Placed:
    """One note on the page: how it re-anchored and its span in document positions."""

    note: Note
    location: Location
    start: int | None = None  # None: detached, or a note on the whole article
    end: int | None = None

    @property
    def status(self) -> str:
        return self.location.status

    @property
    def on_page(self) -> bool:
        return self.start is not None and self.end is not None

    @property
    def article_level(self) -> bool:
        return self.note.target is None


@dataclass
class Placement:
    """Every note of one article on one page, in panel order: notes on the whole article
    (oldest first), passages in document order, then detached ones (oldest first)."""

    slug: str
    placed: list[Placed] = field(default_factory=list)

    def __post_init__(self) -> None:
        spans = sorted(
            (p.start, p.end, i)
            for i, p in enumerate(self.placed)
            if p.start is not None and p.end is not None
        )
        self._spans: list[tuple[int, int, int]] = spans
        self._starts = [s[0] for s in spans]

    def find(self, note_id: str) -> Placed | None:
        return next((p for p in self.placed if p.note.id == note_id), None)

    def at(self, position: int) -> list[Placed]:
        """Notes whose passage holds the character at ``position``, innermost first."""
        reach = bisect.bisect_right(self._starts, position)
        hits = [self.placed[i] for start, end, i in self._spans[:reach] if start <= position < end]
        return sorted(hits, key=lambda p: (p.end or 0) - (p.start or 0))

    @property
    def on_page(self) -> list[Placed]:
        return [p for p in self.placed if p.on_page]


class PageAnchors:
    """The anchor text of one rendered page and its alignment with the page's text."""

    def __init__(self, slug: str, body_html: str, page_text: str) -> None:
        self.slug, self.page_text = slug, page_text
        self.text: ArticleText = text_from_html(body_html)
        self.alignment: OffsetAlignment = align_offsets(self.text.text, page_text)
        self._located: dict[tuple[str, object], Location] = {}

    def same_page(self, slug: str, page_text: str) -> bool:
        return slug == self.slug and page_text == self.page_text

    def locate(self, note: Note) -> Location:
        """Re-anchor ``note`` (cached by its target: editing the body costs nothing)."""
        from longform_desktop.core.anchors import locate

        key = (note.id, note.target)
        found = self._located.get(key)
        if found is None:
            found = self._located[key] = locate(note.target, self.text)
        return found

    def place(self, notes: list[Note]) -> Placement:
        placed: list[Placed] = []
        for note in notes:
            where = self.locate(note)
            if note.target is None or where.status == DETACHED or where.start is None:
                placed.append(Placed(note, where))
                continue
            start = self.alignment(where.start)
            end = self.alignment(where.end or where.start, end=True)
            placed.append(Placed(note, where, start, max(start, end)))
        return Placement(self.slug, sorted(placed, key=_panel_order))

    def anchor(self, start: int, end: int) -> Anchor:
        """The anchor of the page's selection ``start..end`` (document positions).

        ValueError when the selection holds none of the article's own text (only the
        title, a caption or the related links)."""
        from longform_desktop.core.anchors import make_anchor

        lo = self.alignment.inverse(min(start, end))
        hi = self.alignment.inverse(max(start, end), end=True)
        if hi <= lo:
            raise ValueError("the selection holds none of the article's text")
        return make_anchor(self.text, lo, hi)


def _panel_order(p: Placed) -> tuple:
    if p.article_level:
        return (0, 0, p.note.created, p.note.id)
    if p.location.status == DETACHED or p.location.start is None:
        return (2, 0, p.note.created, p.note.id)
    return (1, p.location.start, p.note.created, p.note.id)
