"""The Markdown export of notes: for people to read, not for importing back.

Grouped by article (catalog order) and by the section each passage sits in now (document
order), each note with its quote as a block quote, its colour, its date and a link back:
``longform://article/SLUG`` for an article, ``longform://article/SLUG#SECTION`` for a
passage (the heading ids the reader's table of contents uses).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .anchors import Location, locate
from .article_text import ArticleText, article_text
from .notes import Note, parse_timestamp

if TYPE_CHECKING:
    from .catalog import Catalog

LINK_SCHEME = "longform://article/"
DETACHED_HEADING = "Passage no longer in the article"
WHOLE_ARTICLE_HEADING = "About the whole article"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])(?=\s|$)")  # "1. " would start a list


def article_link(slug: str, section: str | None = None) -> str:
    return LINK_SCHEME + slug + (f"#{section}" if section else "")


def _date(stamp: str) -> str:
    moment = parse_timestamp(stamp)
    return f"{moment.day} {moment:%b %Y}"


def _quote(text: str) -> str:
    """A block quote of plain text: each line of the quote its own paragraph (a quote may
    span a heading and the paragraph after it), Markdown characters escaped."""
    lines = []
    for line in text.splitlines() or [""]:
        escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", line.strip())
        if escaped[:1] in {"#", "+", "-", "="}:
            escaped = "\\" + escaped
        escaped = _ORDERED_ITEM.sub(r"\1\\\2", escaped)
        lines.append(f"> {escaped}".rstrip())
    return "\n>\n".join(lines)


def _meta(note: Note, location: Location, link: str, link_text: str) -> str:
    parts = [f"{note.color.capitalize()} highlight" if note.color else "Note"]
    created, updated = _date(note.created), _date(note.updated)
    parts.append(created if created == updated else f"{created}, edited {updated}")
    if location.status == "moved":
        parts.append("the passage has changed since")
    return f"*{' · '.join(parts)}* · [{link_text}]({link})"


def _note_block(note: Note, location: Location, slug: str) -> str:
    pieces = []
    if note.target is not None:
        pieces.append(_quote(note.target.exact))
    if note.body.strip():
        pieces.append(note.body.strip())
    if note.target is None or location.status == "detached":
        pieces.append(_meta(note, location, article_link(slug), "Open the article"))
    else:
        link = article_link(slug, location.section)
        pieces.append(_meta(note, location, link, "Open the passage"))
    return "\n\n".join(pieces)


def notes_markdown(
    notes: Iterable[Note],
    catalog: Catalog,
    *,
    exported: str | None = None,
    texts: Mapping[str, ArticleText] | None = None,
) -> str:
    """The Markdown document of ``notes``; ``texts`` (slug -> ArticleText) saves rendering
    articles the caller already has."""
    by_article: dict[str, list[Note]] = {}
    for note in notes:
        by_article.setdefault(note.article, []).append(note)
    order = {a.slug: i for i, a in enumerate(catalog.articles)}
    slugs = sorted(by_article, key=lambda s: (order.get(s, len(order)), s))
    count = sum(len(v) for v in by_article.values())
    out = ["# Notes", ""]
    line = f"{count} note{'s' if count != 1 else ''} from Longform Desktop"
    if exported:
        line += f", exported {_date(exported)}"
    out += [line, ""]
    for slug in slugs:
        out += _article_part(slug, by_article[slug], catalog, texts)
    return "\n".join(out).rstrip("\n") + "\n"


def _article_part(
    slug: str,
    notes: list[Note],
    catalog: Catalog,
    texts: Mapping[str, ArticleText] | None,
) -> list[str]:
    article = catalog.article(slug)
    if article is None:
        out = [f"## {slug} (not in this installation)", ""]
        text = ArticleText("")
    else:
        out = [f"## [{article.title}]({article_link(slug)})", ""]
        text = (texts or {}).get(slug) or article_text(article)
    placed = [(note, locate(note.target, text)) for note in notes]
    groups: list[tuple[str, str | None, list[tuple[Note, Location]]]] = []
    whole = [(n, loc) for n, loc in placed if n.target is None]
    if whole:
        groups.append((WHOLE_ARTICLE_HEADING, None, _by_date(whole)))
    found = sorted(
        ((n, loc) for n, loc in placed if n.target is not None and loc.status != "detached"),
        key=lambda pair: (pair[1].start or 0, pair[0].created, pair[0].id),
    )
    for note, location in found:
        section = location.section or ""
        if not groups or groups[-1][1] != section:
            found_heading = text.heading(section)
            title = found_heading.title if found_heading else "Introduction"
            groups.append((title, section, []))
        groups[-1][2].append((note, location))
    lost = [(n, loc) for n, loc in placed if n.target is not None and loc.status == "detached"]
    if lost:
        groups.append((DETACHED_HEADING, None, _by_date(lost)))
    for title, group_section, members in groups:
        linked = group_section is not None
        heading = f"[{title}]({article_link(slug, group_section)})" if linked else title
        out += [f"### {heading}", ""]
        for note, location in members:
            out += [_note_block(note, location, slug), "", "---", ""]
    return out


def _by_date(pairs: list[tuple[Note, Location]]) -> list[tuple[Note, Location]]:
    return sorted(pairs, key=lambda pair: (pair[0].created, pair[0].id))
