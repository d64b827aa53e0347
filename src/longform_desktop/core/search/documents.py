"""What goes into the index: sources (the unit of re-indexing) and their documents.

A ``Source`` is one article, one note or one drawing: a key ``"<kind>:<id>"``, a hash of
its content (unchanged hash, no re-indexing) and a function that makes its documents.
The builders take plain arguments, so the index does not depend on the notes and
drawings models.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from longform_desktop.core.catalog import Article, Catalog
from longform_desktop.core.markdown import SectionText, render_markdown
from longform_desktop.core.user_files import is_user_article

from .schema import ARTICLE, BUNDLED, DRAWING, ITEM, NOTE, SECTION, USER, WHOLE_ARTICLE


@dataclass(frozen=True)
class SearchDocument:
    doc_id: str
    source: str
    kind: str
    article: str
    title: str
    body: str
    level: str = SECTION  # schema.WHOLE_ARTICLE, SECTION or ITEM
    heading: str = ""
    heading_id: str = ""
    summary: str = ""
    topic: str = ""
    difficulty: str = ""
    section: str = ""
    origin: str = ""  # schema.USER or BUNDLED for a deep dive; "" for a note or drawing
    position: int = 0
    figures: str = ""
    quote: str = ""
    item_id: str = ""
    article_title: str = ""
    color: str = ""
    updated: str = ""
    diagram_id: str = ""
    labels: tuple[str, ...] = ()

    @property
    def is_whole_article(self) -> bool:
        return self.level == WHOLE_ARTICLE


@dataclass(frozen=True)
class Source:
    """A unit of indexing (an article, a note...): its hash and how to make its documents."""

    key: str  # "<kind>:<id>"
    content_hash: str
    documents: Callable[[], list[SearchDocument]]

    @property
    def kind(self) -> str:
        return source_kind(self.key)


def source_kind(key: str) -> str:
    return key.partition(":")[0]


def whole_text(sections: Iterable[SectionText]) -> str:
    """An article's text as the whole-article document holds it: prose and diagram words.
    "Related deep dives" extract key terms from the same text, so both agree."""
    return " ".join(f"{s.text} {s.figures}" for s in sections)


def article_documents(article: Article, section_title: str = "") -> list[SearchDocument]:
    """One document per heading-level section, plus the whole-article document."""
    rendered = render_markdown(article.body, {d.id: d for d in article.diagrams})
    return section_documents(
        slug=article.slug,
        title=article.title,
        summary=article.summary,
        topic=article.topic,
        difficulty=article.difficulty,
        section=f"{article.section} {section_title}",
        origin=USER if is_user_article(article) else BUNDLED,
        sections=rendered.sections,
    )


def section_documents(
    *,
    slug: str,
    title: str,
    summary: str,
    topic: str,
    difficulty: str,
    section: str,
    sections: Sequence[SectionText],
    kind: str = ARTICLE,
    origin: str = "",
) -> list[SearchDocument]:
    """The index documents of one text already split at its headings (the benchmark's
    generated corpus goes through here too, so it measures the real document shape).
    ``origin`` is what ``source:`` matches (``schema.ORIGINS``); "" matches neither."""
    source = f"{kind}:{slug}"
    common: dict[str, Any] = dict(
        source=source,
        kind=kind,
        article=slug,
        title=title,
        summary=summary,
        topic=topic,
        difficulty=difficulty,
        section=section,
        origin=origin,
    )
    docs = [
        SearchDocument(
            doc_id=source, body=whole_text(sections), level=WHOLE_ARTICLE, position=-1, **common
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
                        f"{ARTICLE}:{article.slug}",
                        article.content_hash,
                        _article_maker(article, section.title),
                    )
                )
    return sources


def _article_maker(article: Article, section_title: str) -> Callable[[], list[SearchDocument]]:
    return lambda: article_documents(article, section_title)


def _digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def note_source(
    note_id: str,
    article_slug: str,
    article_title: str,
    heading_id: str,
    quote: str,
    body: str,
    color: str,
    updated: str,
) -> Source:
    """A user's note: its text and the passage it quotes are searchable; the result shows
    the quote, the note, its colour, and opens its article at ``heading_id``."""
    key = f"{NOTE}:{note_id}"
    fields = (note_id, article_slug, article_title, heading_id, quote, body, color, updated)

    def documents() -> list[SearchDocument]:
        return [
            SearchDocument(
                doc_id=key,
                source=key,
                kind=NOTE,
                level=ITEM,
                article=article_slug,
                title="",  # the article's title is context, not what the note says
                body=body,
                quote=quote,
                heading_id=heading_id,
                item_id=note_id,
                article_title=article_title,
                color=color,
                updated=updated,
            )
        ]

    return Source(key, _digest(*fields), documents)


def drawing_source(
    drawing_id: str,
    article_slug: str,
    article_title: str,
    diagram_id: str,
    title: str,
    labels: Sequence[str],
) -> Source:
    """A user's drawing (a redraw of ``diagram_id``): its title and shape labels are
    searchable, so "origin shield" finds the drawing with that box."""
    key = f"{DRAWING}:{drawing_id}"
    labels = tuple(label for label in (lab.strip() for lab in labels) if label)

    def documents() -> list[SearchDocument]:
        return [
            SearchDocument(
                doc_id=key,
                source=key,
                kind=DRAWING,
                level=ITEM,
                article=article_slug,
                title=title,
                body=" · ".join(labels),  # the snippet shows the matching labels
                item_id=drawing_id,
                article_title=article_title,
                diagram_id=diagram_id,
                labels=labels,
            )
        ]

    digest = _digest(drawing_id, article_slug, article_title, diagram_id, title, labels)
    return Source(key, digest, documents)
