"""``source:user`` / ``source:bundled`` (issue 16): where a deep dive comes from, in a
field of its own. The catalog ``section`` field holds the section and nothing else, so a
``section:`` query or a searched word never sees how the origin is indexed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.fields import ID, TEXT, Schema

from longform_desktop.core.catalog import Catalog
from longform_desktop.core.search import (
    MANIFEST,
    SCHEMA_VERSION,
    article_documents,
    build_schema,
    catalog_sources,
    drawing_source,
    note_source,
    open_index,
    search,
    sync_index,
)
from longform_desktop.core.search.documents import BUNDLED, USER
from longform_desktop.core.search.index import manifest_checksum
from longform_desktop.core.search.schema import ORIGIN_FIELD
from longform_desktop.core.user_files import is_user_article
from longform_desktop.core.user_library import (
    bundled_sections,
    bundled_slugs,
    scan_library,
    with_library,
)

from .conftest import CATALOG

IDEMPOTENCY = "idempotency-and-exactly-once"
POSTGRES = "how-postgres-stores-and-finds-your-data"
MINE = "my-idempotency-notes"
PLACED = "apis-retries"  # a user file whose front matter puts it in a bundled section
#: How the origin was indexed up to schema version 7: a word in ``section``.
OLD_MARKER = "lf_source_user"


def _catalog(root: Path) -> Catalog:
    root.mkdir()
    (root / "my-idempotency-notes.md").write_text(
        "# My idempotency notes\n\nEvery retry carries its idempotency key.\n",
        encoding="utf-8",
    )
    (root / "apis").mkdir()
    (root / "apis" / "retries.md").write_text(
        "---\ntitle: My retry idempotency rules\nsection: apis-in-depth\n---\n"
        "# My retry idempotency rules\n\nA retry with the same key is deduplicated.\n",
        encoding="utf-8",
    )
    scan = scan_library(root, bundled_slugs(CATALOG), sections=bundled_sections(CATALOG))
    return with_library(CATALOG, scan)


def _note() -> object:
    return note_source(
        "n1", IDEMPOTENCY, "Idempotency", "", "the idempotency key", "my note", "blue", "t1"
    )


def _drawing() -> object:
    return drawing_source("d1", IDEMPOTENCY, "Idempotency", "flow", "Idempotency flow", ["key"])


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return _catalog(tmp_path_factory.mktemp("user") / "my-folder")


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog):
    # The user's two files and two bundled deep dives are enough, and cheap to index.
    wanted = {f"article:{s}" for s in (MINE, PLACED, IDEMPOTENCY, POSTGRES)}
    sources = [s for s in catalog_sources(catalog) if s.key in wanted]
    assert {s.key for s in sources} == wanted
    target = tmp_path_factory.mktemp("ix")
    sync_index(target, [*sources, _note(), _drawing()], kinds=None)
    return open_index(target)


def _articles(ix, text: str) -> set[str]:
    return {h.article for h in search(ix, text, limit=50).hits if h.kind == "article"}


def _kinds(ix, text: str) -> set[str]:
    return {h.kind for h in search(ix, text, limit=50).hits}


def test_the_section_field_holds_only_the_section(catalog: Catalog, ix) -> None:
    for slug in (MINE, PLACED, IDEMPOTENCY):
        article = catalog.article(slug)
        assert article is not None
        for doc in article_documents(article):
            assert "lf_source" not in doc.section
            assert doc.origin == (USER if is_user_article(article) else BUNDLED)
    with ix.searcher() as s:
        stored = [fields.get("section", "") for fields in s.documents()]
    assert stored and not any("lf_source" in value for value in stored)


def test_section_queries_and_words_never_see_the_origin(ix) -> None:
    for text in (f"section:{OLD_MARKER}", OLD_MARKER, "section:user", "section:bundled"):
        assert search(ix, text).hits == [], text
    # The section filter still works, user files placed in a bundled section included.
    assert _articles(ix, "idempotency section:apis-in-depth") == {IDEMPOTENCY, PLACED}


def test_source_filter_keeps_the_articles_of_that_origin(ix) -> None:
    everything = _articles(ix, "idempotency")
    assert {MINE, PLACED, IDEMPOTENCY} <= everything
    assert _articles(ix, "idempotency source:user") == {MINE, PLACED}
    bundled = _articles(ix, "idempotency source:bundled")
    assert IDEMPOTENCY in bundled and not bundled & {MINE, PLACED}
    assert _articles(ix, "source:user") == {MINE, PLACED}  # the filter alone
    assert _articles(ix, "source:bundled") == {IDEMPOTENCY, POSTGRES}


@pytest.mark.parametrize("typed", ["source:USER", "source:User", 'source:"user"', "source:uSeR"])
def test_the_value_is_read_case_insensitively(ix, typed: str) -> None:
    assert _articles(ix, f"idempotency {typed}") == {MINE, PLACED}


def test_an_unknown_origin_finds_nothing(ix) -> None:
    for typed in ("source:nowhere", "source:use", "source:user*", 'source:"user bundled"'):
        assert search(ix, f"idempotency {typed}").hits == [], typed


def test_notes_and_drawings_have_no_origin(ix) -> None:
    # As before the field of its own: only deep dives come from a folder.
    assert _kinds(ix, "idempotency") == {"article", "note", "drawing"}
    assert _kinds(ix, "idempotency source:user") == {"article"}
    assert _kinds(ix, "idempotency source:bundled") == {"article"}
    assert search(ix, "kind:note source:bundled").hits == []
    assert search(ix, "kind:drawing source:user").hits == []
    with ix.searcher() as s:
        assert set(s.lexicon(ORIGIN_FIELD)) == {b"bundled", b"user"}


def test_origin_is_an_id_field_of_its_own() -> None:
    schema = build_schema()
    assert isinstance(schema[ORIGIN_FIELD], ID)
    assert ORIGIN_FIELD != "section" and "section" in schema.names()


def test_an_index_of_schema_7_is_rebuilt(tmp_path: Path, catalog: Catalog) -> None:
    """A real version-7 index, origin as a word in ``section`` and no field for it, as an
    older app left it: the first sync rebuilds it, and the filter then works."""
    assert SCHEMA_VERSION == 8
    target = tmp_path / "ix"
    target.mkdir()
    old_schema = Schema(
        doc_id=ID(stored=True, unique=True),
        source=ID(stored=True),
        kind=ID(stored=True),
        section=TEXT(stored=True),
    )
    old = whoosh_index.create_in(str(target), old_schema)
    with old.writer() as writer:
        writer.add_document(
            doc_id=f"article:{MINE}",
            source=f"article:{MINE}",
            kind="article",
            section=f"my-deep-dives Your deep dives {OLD_MARKER}",
        )
    manifest = {"schema": 7, "sources": {f"article:{MINE}": "old-hash"}, "generation": 1}
    manifest["files"] = {}
    manifest["checksum"] = manifest_checksum(manifest)
    (target / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")

    wanted = {f"article:{MINE}", f"article:{IDEMPOTENCY}"}
    sources = [s for s in catalog_sources(catalog) if s.key in wanted]
    stats = sync_index(target, sources)
    assert stats.rebuilt and stats.reason == "older schema"
    assert json.loads((target / MANIFEST).read_text(encoding="utf-8"))["schema"] == 8
    ix = open_index(target)
    assert ix is not None and ORIGIN_FIELD in ix.schema.names()
    assert _articles(ix, "idempotency source:user") == {MINE}
    assert _articles(ix, "idempotency source:bundled") == {IDEMPOTENCY}
    assert search(ix, f"section:{OLD_MARKER}").hits == []
