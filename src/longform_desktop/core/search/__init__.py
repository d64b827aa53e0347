"""Full-text search over the deep dives, the user's notes and drawings (Whoosh).

The index is a cache: ``sync_index`` brings it in line with the sources it is given (one
kind or several), ``update_sources`` applies a few changes, and a missing, older-schema
or unreadable index is rebuilt. The modules:

- ``analysis``: words in every script, CJK bigrams, folded accents, English stemming;
- ``schema``: the fields, document levels and kinds;
- ``documents``: sources and their documents (articles, notes, drawings);
- ``index``: the index on disk, its manifest, sync and incremental updates;
- ``spelling``: the vocabulary and the close terms of a misspelt word;
- ``query``: parsing that never fails, question words, corrections;
- ``ranking``: re-ranking the candidates by proximity and by what each article is about;
- ``snippets``: the marked windows of text a result shows;
- ``results``: running a search and grouping what it found; related deep dives.

Everything the rest of the app uses is importable from here.
"""

from .documents import (
    SearchDocument,
    Source,
    article_documents,
    catalog_sources,
    drawing_source,
    note_source,
    section_documents,
    source_kind,
    whole_text,
)
from .index import (
    MANIFEST,
    IndexStats,
    open_index,
    stats_dict,
    sync_and_open,
    sync_index,
    update_sources,
)
from .query import FILLER_WORDS, highlight_words, parse_query
from .results import (
    ArticleHit,
    SearchResults,
    SectionHit,
    Superseded,
    related_articles,
    search,
)
from .schema import (
    ARTICLE,
    DRAWING,
    FILTER_FIELDS,
    ITEM,
    KINDS,
    NOTE,
    SCHEMA_VERSION,
    SECTION,
    TEXT_FIELDS,
    WHOLE_ARTICLE,
    build_schema,
)
from .snippets import SNIPPET_CHARS, snippet_plain
from .spelling import allowed_edits, close_terms, warm_up

__all__ = [
    "ARTICLE",
    "DRAWING",
    "FILLER_WORDS",
    "FILTER_FIELDS",
    "ITEM",
    "KINDS",
    "MANIFEST",
    "NOTE",
    "SCHEMA_VERSION",
    "SECTION",
    "SNIPPET_CHARS",
    "TEXT_FIELDS",
    "WHOLE_ARTICLE",
    "ArticleHit",
    "IndexStats",
    "SearchDocument",
    "SearchResults",
    "SectionHit",
    "Source",
    "Superseded",
    "allowed_edits",
    "article_documents",
    "build_schema",
    "catalog_sources",
    "close_terms",
    "drawing_source",
    "highlight_words",
    "note_source",
    "open_index",
    "parse_query",
    "related_articles",
    "search",
    "section_documents",
    "snippet_plain",
    "source_kind",
    "stats_dict",
    "sync_and_open",
    "sync_index",
    "update_sources",
    "warm_up",
    "whole_text",
]
