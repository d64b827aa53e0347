from __future__ import annotations

from pathlib import Path

import pytest

from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.search import (
    catalog_sources,
    open_index,
    related_articles,
    search,
    sync_index,
)

from ..conftest import CONTENT

CATALOG = load_catalog(CONTENT)


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory):
    target = tmp_path_factory.mktemp("index")
    sync_index(target, catalog_sources(CATALOG))
    return open_index(target)


def test_incremental_sync(tmp_path: Path) -> None:
    sources = catalog_sources(CATALOG)
    first = sync_index(tmp_path / "ix", sources)
    assert first.rebuilt and first.added == len(sources) and first.documents > len(sources)
    again = sync_index(tmp_path / "ix", sources)
    assert (again.rebuilt, again.added, again.updated, again.unchanged) == (
        False,
        0,
        0,
        len(sources),
    )
    # One changed source is the only one re-indexed; a vanished source is removed.
    changed = [*sources[1:-1]]
    changed.append(type(sources[0])(sources[0].key, "different-hash", sources[0].documents))
    third = sync_index(tmp_path / "ix", changed)
    assert (third.updated, third.removed, third.added) == (1, 1, 0)


def test_corrupt_index_is_rebuilt(tmp_path: Path) -> None:
    target = tmp_path / "ix"
    sync_index(target, catalog_sources(CATALOG))
    for segment in target.glob("*.seg"):
        segment.write_bytes(b"garbage")
    for toc in target.glob("_MAIN_*.toc"):
        toc.write_bytes(b"not a toc")
    assert open_index(target) is None
    stats = sync_index(target, catalog_sources(CATALOG))
    assert stats.rebuilt
    assert search(open_index(target), "idempotency").hits


def test_words_find_sections_grouped_by_article(ix) -> None:
    results = search(ix, "idempotency key")
    top = results.hits[0]
    assert top.article == "idempotency-and-exactly-once"
    assert top.sections and all(s.heading_id for s in top.sections)
    assert '<b class="match">' in top.sections[0].snippet_html
    assert len({h.article for h in results.hits}) == len(results.hits)


def test_stemming_matches_inflections(ix) -> None:
    assert search(ix, "retried").hits  # "retries", "retry" stem alike


def test_phrase_prefix_boolean_and_fields(ix) -> None:
    assert search(ix, '"write skew"').hits[0].article == (
        "transactions-isolation-and-the-bugs-they-prevent"
    )
    assert search(ix, "idempot*").hits
    medium = search(ix, "cursor difficulty:medium")
    assert medium.hits and {h.difficulty for h in medium.hits} == {"medium"}
    assert all(h.kind == "article" for h in search(ix, "kind:article token").hits)
    only_db = search(ix, "index section:databases")
    assert only_db.hits and all(
        h.article in {a.slug for a in CATALOG.section("databases-in-depth").articles}
        for h in only_db.hits
    )
    without = search(ix, "token NOT refresh")
    headings = [s.heading.lower() for h in without.hits for s in h.sections]
    assert headings and not any("refresh" in heading for heading in headings)
    either = search(ix, "keyset OR tatkal")
    assert {"pagination-that-survives-real-data", "surviving-the-irctc-tatkal-rush"} <= {
        h.article for h in either.hits
    }


@pytest.mark.parametrize(
    "text",
    [
        '"unbalanced phrase',
        "AND",
        "OR OR",
        "NOT",
        "(((",
        ")",
        "topic:",
        ":::",
        "key AND",
        "*",
        '"',
        'difficulty:"',
        "a:b:c",
        "idempotency (key",
        "  ",
        "!!!",
    ],
)
def test_malformed_queries_never_raise(ix, text: str) -> None:
    results = search(ix, text)
    assert isinstance(results.hits, list)


def test_malformed_query_still_searches(ix) -> None:
    assert search(ix, '"idempotency key').hits
    assert search(ix, "idempotency (key").hits
    assert search(ix, "webhook AND").hits


def test_did_you_mean(ix) -> None:
    results = search(ix, "idempotancy")
    assert results.suggestion == "idempotency"
    assert search(ix, "idempotency").suggestion == ""


def test_related_articles_exclude_self(ix) -> None:
    article = CATALOG.article("idempotency-and-exactly-once")
    related = related_articles(ix, article)
    assert related and all(slug != article.slug for slug, _ in related)
    assert len(related) <= 3


def test_exclusion_runs_as_andnot() -> None:
    from whoosh import query as wq

    from longform_desktop.core.search import build_schema, parse_query

    parsed = parse_query("queue cache NOT redis", build_schema())
    assert isinstance(parsed, wq.AndNot)
    assert {t for _, t in parsed.b.iter_all_terms()} == {"redi"}


@pytest.mark.parametrize(
    ("phrase", "slug"),
    [
        ("thundering herd", "live-cricket-streaming-at-jiohotstar-scale"),
        ("sender keys", "building-chat-at-whatsapp-scale"),
        ("SKIP LOCKED", "surviving-the-irctc-tatkal-rush"),
        ("fanout-on-write", "social-feed-at-instagram-scale"),
        ("double-entry", "payments-ledger-for-upi-scale"),
        ("visibility map", "how-postgres-stores-and-finds-your-data"),
        ("estimated rows", "reading-a-query-plan-like-a-senior"),
        ("write skew", "transactions-isolation-and-the-bugs-they-prevent"),
        ("PKCE", "authentication-from-the-protocol-up"),
        ("idempotency key", "idempotency-and-exactly-once"),
        ("keyset", "pagination-that-survives-real-data"),
        ("confused deputy", "authorization-past-the-if-statement"),
    ],
)
def test_terms_readers_search_for_find_their_deep_dive(ix, phrase: str, slug: str) -> None:
    assert search(ix, f'"{phrase}"').hits[0].article == slug
