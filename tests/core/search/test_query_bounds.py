"""Issue 17, queries: ``search`` never raises, echoes only valid UTF-8, costs a bounded
amount whatever is typed, and ``prefix*`` matches the words as written, not their stems."""

from __future__ import annotations

import json
import random
import string

import pytest

from longform_desktop.core.search import results as results_module
from longform_desktop.core.search import search, spelling
from longform_desktop.core.search.query import (
    MAX_CORRECTED_WORDS,
    MAX_QUERY_CHARS,
    MAX_QUERY_WORDS,
    bound_query,
    query_words,
)

PAGINATION = "pagination-that-survives-real-data"
IDEMPOTENCY = "idempotency-and-exactly-once"


def _slugs(results) -> list[str]:
    return [h.article for h in results.hits]


def _valid_utf8(results) -> None:
    payload = {"query": results.query, "suggestion": results.suggestion, "note": results.note}
    payload["rows"] = results.to_json()
    json.dumps(payload, ensure_ascii=False, allow_nan=False).encode("utf-8")  # strict


@pytest.mark.parametrize(
    "text",
    [
        "tuple\udcff*",  # UnicodeEncodeError in the prefix expansion
        "\udcffpag*",
        'difficulty:"hard medium',  # a phrase on a field without positions: QueryError
        'difficulty:"hard medium"',
        'kind:"article note"',
        "heading_id:[TO]",  # a range on a stored-only field: TermNotFound
        "heading_id:x",
        "position:[1 TO 3]",
        "title:[a TO z]",
        "summary:vacuum",
        "doc_id:*",
        "*",
        "*:*",
        "?",
        "pag?nation",
        "*tion",
        "vacuum^1e308",
        "vacuum^999999999999999999999999 index",
        '"vacuum index"~99999999999',
        "NOT NOT NOT vacuum",
        "source:user",
        "source:",
        "source:*",
        'source:"user bundled',
        "(" * 3000 + "vacuum" + ")" * 3000,
        "a:" * 400,
    ],
)
def test_search_never_raises_and_echoes_valid_utf8(ix, text: str) -> None:
    results = search(ix, text)
    assert not results.error
    _valid_utf8(results)
    assert "\udcff" not in results.query


def test_a_phrase_on_a_keyword_field_still_filters(ix) -> None:
    hard = search(ix, 'vacuum difficulty:"hard', limit=50)
    assert hard.hits and {h.difficulty for h in hard.hits} == {"hard"}


def test_a_surrogate_is_replaced_where_the_query_enters(ix) -> None:
    results = search(ix, "vacuum\udcff")
    assert results.query == "vacuum\ufffd"
    assert results.hits  # the replacement parts words; the word is still searched


def test_a_query_the_search_fails_on_is_searched_as_plain_words(ix, monkeypatch) -> None:
    real = results_module.plan_query
    calls = []

    def failing_once(text, searcher):
        calls.append(text)
        if len(calls) == 1:
            raise RuntimeError("a query Whoosh rejects")
        return real(text, searcher)

    monkeypatch.setattr(results_module, "plan_query", failing_once)
    results = search(ix, "keyset (pagination")
    assert calls == ["keyset (pagination", "keyset pagination"]
    assert results.hits and results.hits[0].article == PAGINATION
    assert results.query == "keyset (pagination"


def test_the_plain_search_failing_too_is_raised(ix, monkeypatch) -> None:
    """A failure of the plain words is the index's, not the query's: the service heals
    the index on it (services/search_service.py), so it must not become "no results"."""

    def failing(text, searcher):
        raise OSError("damaged segment")

    monkeypatch.setattr(results_module, "plan_query", failing)
    with pytest.raises(OSError, match="damaged segment"):
        search(ix, "keyset pagination")


def _random_words(n: int, seed: int = 17) -> str:
    rng = random.Random(seed)
    letters = string.ascii_lowercase
    return " ".join(
        "".join(rng.choice(letters) for _ in range(rng.randint(1, 12))) for _ in range(n)
    )


@pytest.mark.parametrize(
    "text",
    [
        "q" * 100_000,  # one 100 KB word: 165 s
        _random_words(20_000)[:100_000],  # 100 KB of random words: 106 s, RecursionError
        " ".join(f"zq{w}" for w in _random_words(1000).split()),  # 1,000 unknown words: 2.3 s
        "数据库" * 30_000,
        "(" * 50_000,
        '"' * 100_000,
        "vacuum," * 20_000,
    ],
    ids=["word", "random-words", "unknown-words", "cjk", "parens", "quotes", "commas"],
)
def test_long_queries_are_cut_and_say_so(ix, monkeypatch, text: str) -> None:
    looked_up = []
    real = spelling.close_terms

    def counting(searcher, word, limit=spelling.MAX_CANDIDATES):
        looked_up.append(word)
        return real(searcher, word, limit)

    monkeypatch.setattr("longform_desktop.core.search.query.close_terms", counting)
    results = search(ix, text)
    assert not results.error
    assert len(results.query) <= MAX_QUERY_CHARS
    assert len(query_words(results.query)) <= MAX_QUERY_WORDS
    assert results.note.startswith("The query was shortened")
    assert len(looked_up) <= MAX_CORRECTED_WORDS
    _valid_utf8(results)


def test_a_short_query_has_no_note() -> None:
    assert bound_query("keyset pagination").note == ""
    assert bound_query("x " * MAX_QUERY_WORDS).note == ""
    assert f"{MAX_QUERY_WORDS} words" in bound_query("x " * (MAX_QUERY_WORDS + 1)).note


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("pag*", PAGINATION),  # 0 hits: prefixes were matched against stems ("pagin")
        ("pagina*", PAGINATION),
        ("paginat*", PAGINATION),
        ("Pagina*", PAGINATION),
        ("idempot*", IDEMPOTENCY),
        ("idempoten*", IDEMPOTENCY),
        ("keyset pagina*", PAGINATION),
    ],
)
def test_a_prefix_matches_the_words_as_written(ix, text: str, slug: str) -> None:
    results = search(ix, text, limit=20)
    assert slug in _slugs(results)
    assert not results.corrected  # found as typed, not through a correction


def test_a_prefix_is_bounded_and_marks_its_words(ix) -> None:
    results = search(ix, "pagina*")
    assert results.hits[0].article == PAGINATION
    assert '<b class="match">pagination' in " ".join(
        s.snippet_html.lower() for h in results.hits for s in h.sections
    )
    assert search(ix, "a*").hits  # a short prefix: the most frequent words, not all


def test_should_stop_stops_a_search_between_its_steps(ix) -> None:
    from longform_desktop.core.search import Superseded

    asked = []

    def stop() -> bool:
        asked.append(True)
        return True

    with pytest.raises(Superseded):
        search(ix, "keyset pagination", should_stop=stop)
    assert asked == [True]
    assert search(ix, "keyset pagination", should_stop=lambda: False).hits
