"""Searching the bundled deep dives: sections grouped by article, syntax, snippets, typo
corrections, questions, and related deep dives."""

from __future__ import annotations

import pytest

from longform_desktop.core.search import note_source, related_articles, search, sync_and_open

from .conftest import CATALOG


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


def test_related_articles_exclude_self(ix) -> None:
    article = CATALOG.article("idempotency-and-exactly-once")
    related = related_articles(ix, article)
    assert related and all(slug != article.slug for slug, _ in related)
    assert len(related) <= 3


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


def test_malformed_query_still_searches(ix) -> None:
    assert search(ix, '"idempotency key').hits
    assert search(ix, "idempotency (key").hits
    assert search(ix, "webhook AND").hits


# --- typos ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "corrected", "slug"),
    [
        ("deadlok", "deadlock", "transactions-isolation-and-the-bugs-they-prevent"),
        ("postgress vacum", "postgres vacuum", "how-postgres-stores-and-finds-your-data"),
        (
            "transacton isolaton",
            "transaction isolation",
            "transactions-isolation-and-the-bugs-they-prevent",
        ),
        ("paginaton", "pagination", "pagination-that-survives-real-data"),
        ("thundring herd", "thundering herd", "live-cricket-streaming-at-jiohotstar-scale"),
        ("whatsap", "whatsapp", "building-chat-at-whatsapp-scale"),
    ],
)
def test_typos_show_the_corrected_results_directly(
    searcher, typed: str, corrected: str, slug: str
) -> None:
    results = search(searcher, typed)
    assert results.corrected == corrected
    assert results.hits and results.hits[0].article == slug
    assert results.suggestion == ""  # not "did you mean": the results are already shown
    # "Search instead for" searches the typed words verbatim (the corrected ones quoted).
    assert results.search_instead == " ".join(
        f'"{w}"' if w not in corrected.split() else w for w in typed.split()
    )
    verbatim = search(searcher, results.search_instead)
    assert not verbatim.corrected and (verbatim.relaxed or not verbatim.hits)
    # The reader highlights what was searched for: the corrected words.
    assert set(corrected.split()) <= set(results.terms)


def test_vacum_becomes_vacuum_never_value(searcher) -> None:
    results = search(searcher, "vacum")
    assert results.corrected == "vacuum"
    assert all(
        "value" not in s.snippet.lower().split("[")[1:2] for h in results.hits for s in h.sections
    )


def test_close_terms_rank_below_exact_hits(tmp_path) -> None:
    """``lockings`` is not in the index, but its stem is: the note with the exact stem
    ranks above the note that only has a close term (``blocking``, two edits)."""
    notes = [
        note_source("a", "x", "X", "", "", "we lock the row first", "", ""),
        note_source("b", "x", "X", "", "", "blocking calls everywhere", "", ""),
    ]
    _, index = sync_and_open(tmp_path / "ix", notes, kinds={"note"})
    results = search(index, "lockings")
    assert [h.item_id for h in results.hits] == ["a", "b"]
    assert results.hits[0].score > results.hits[1].score
    assert results.corrected in {"locking", "blocking", "locks", "lock"}


def test_a_typo_the_stemmer_forgives_gets_a_did_you_mean(searcher) -> None:
    """``idempotancy`` and ``idempotency`` share the stem ``idempot``: the typed word
    finds its deep dive by itself, and the correction is offered, not forced."""
    results = search(searcher, "idempotancy")
    assert results.hits[0].article == "idempotency-and-exactly-once"
    assert (results.corrected, results.suggestion) == ("", "idempotency")


def test_known_words_are_never_corrected(searcher) -> None:
    results = search(searcher, "deadlock")
    assert (results.corrected, results.suggestion, results.search_instead) == ("", "", "")


def test_did_you_mean_when_the_typed_words_find_plenty(searcher) -> None:
    """A misspelt word inside an OR: the other word finds plenty, so the results are for
    what was typed and the correction is only offered."""
    results = search(searcher, "deadlok OR token")
    assert not results.corrected and results.suggestion == "deadlock OR token"
    assert results.hits


# --- questions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "slug"),
    [
        (
            "why does my offset query get slower on later pages",
            "pagination-that-survives-real-data",
        ),
        ("how does a seat not get sold twice", "surviving-the-irctc-tatkal-rush"),
        ("why is exactly once delivery impossible", "idempotency-and-exactly-once"),
        ("how does instagram build my feed", "social-feed-at-instagram-scale"),
        ("what is toast in postgres", "how-postgres-stores-and-finds-your-data"),
        ("how do i log out a user who has a jwt", "authentication-from-the-protocol-up"),
    ],
)
def test_questions_rank_the_named_subject_first(searcher, question: str, slug: str) -> None:
    assert search(searcher, question).hits[0].article == slug


def test_a_query_of_question_words_only_still_searches(searcher) -> None:
    assert search(searcher, "what does it mean").hits


# --- kinds -----------------------------------------------------------------------------


def test_kind_filter_on_articles(searcher) -> None:
    assert search(searcher, "kind:article vacuum").hits
    assert not search(searcher, "kind:note vacuum").hits
    assert not search(searcher, "vacuum", kinds=["drawing"]).hits
