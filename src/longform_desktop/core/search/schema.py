"""The Whoosh schema: what every index document holds, and the names the other modules
use to speak about it.

Three *levels* of document, one way to say each (``level`` field, constants below):

- ``WHOLE_ARTICLE``: one per article, its whole text in ``doc_body``. Never shown as a
  result: it lends its score to the article and is what "related deep dives" compare.
- ``SECTION``: one per heading-level section of an article; these are the rows a search
  shows, with snippets from ``body``.
- ``ITEM``: a note or a drawing, one document each, shown as a result of its own.
"""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analysis import plain_analyzer, stemming_analyzer

# 6: multi-script tokenizer, folded accents, CJK bigrams; levels named; note and
#    drawing fields.
# 7: a source:user/bundled marker in ``section`` (issue 16); same fields.
# 8: the origin in a field of its own (``origin``); ``section`` holds the section only.
SCHEMA_VERSION = 8

WHOLE_ARTICLE = "article"
SECTION = "section"
ITEM = "item"
LEVELS = (WHOLE_ARTICLE, SECTION, ITEM)

ARTICLE, NOTE, DRAWING = "article", "note", "drawing"
KINDS = (ARTICLE, NOTE, DRAWING)

#: Where a deep dive comes from, for the ``source:user`` / ``source:bundled`` filter: the
#: user's own folder (``core.user_library``, wherever its front matter places it) or the
#: content the app ships. Notes and drawings have no origin, so the filter keeps only
#: deep dives. The field is not ``source``: that name is the unit of re-indexing
#: (``"<kind>:<id>"``); the query parser routes ``source:`` here (``query._checked``).
ORIGIN_FIELD = "origin"
USER, BUNDLED = "user", "bundled"
ORIGINS = (USER, BUNDLED)

#: Fields a query searches, with their weights: a word in a title or heading says more
#: about what a section is about than the same word in its prose.
TEXT_FIELDS = {"title": 3.0, "heading": 2.0, "body": 1.0, "figures": 1.0, "quote": 1.0}
#: Fields a query may name to filter (``difficulty:hard``, ``kind:note``).
FILTER_FIELDS = ("topic", "difficulty", "section", "kind")
#: Fields ranking reads for every candidate (kept as columns).
META_FIELDS = ("source", "kind", "level", "article")
#: Fields whose stored text snippets are cut from (their postings keep offsets).
SNIPPET_FIELDS = ("body", "quote")
#: The unstemmed words of every shown document: the vocabulary typo tolerance draws on.
SPELL_FIELD = "spell"


def build_schema() -> Schema:
    stem = stemming_analyzer()
    plain = plain_analyzer()
    return Schema(
        doc_id=ID(stored=True, unique=True),
        # Columns (sortable) as well as stored: ranking reads these four for every
        # candidate, and a column read skips unpacking the document's stored text.
        source=ID(stored=True, sortable=True),  # the unit of re-indexing, "<kind>:<id>"
        kind=ID(stored=True, sortable=True),
        level=ID(stored=True, sortable=True),
        article=ID(stored=True, sortable=True),  # its slug; a note's or drawing's article
        title=TEXT(stored=True, analyzer=stem),  # article title; a drawing's own title
        heading=TEXT(stored=True, analyzer=stem),
        heading_id=STORED,
        # Section prose; a note's text; a drawing's labels. Character offsets are kept in
        # the postings so snippets mark the matched words without analysing the text
        # again (that re-analysis was half the time of a search).
        body=TEXT(stored=True, analyzer=stem, chars=True),
        # The whole-article text lives in its own field: queries search ``body`` (the
        # sections), so each word is scored once, not twice; "related deep dives" use
        # this one. Halves the postings a query walks (benchmarks/README.md).
        doc_body=TEXT(analyzer=stem),
        # Words of the section's diagrams (labels, aliases, arrow labels): found by a
        # search, kept out of ``body`` so they never garble a snippet.
        figures=TEXT(analyzer=stem),
        quote=TEXT(stored=True, analyzer=stem, chars=True),  # the passage a note quotes
        summary=STORED,
        topic=TEXT(stored=True, analyzer=plain),
        difficulty=KEYWORD(stored=True, lowercase=True),
        section=TEXT(stored=True, analyzer=plain),  # the catalog section (not a heading)
        # ORIGINS for a deep dive, nothing for a note or drawing; never searched as text.
        origin=ID,
        position=NUMERIC(stored=True),
        # Display fields of notes and drawings (see documents.note_source/drawing_source).
        item_id=STORED,
        article_title=STORED,
        color=STORED,
        updated=STORED,
        diagram_id=STORED,
        labels=STORED,
        # Unstemmed words, only for typo tolerance: corrections should be real words,
        # not stems such as "databas".
        spell=TEXT(analyzer=plain),
    )
