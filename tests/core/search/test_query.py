"""Parsing never fails; NOT runs as AndNot; question words are optional and light."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import query as wq

from longform_desktop.core.search import build_schema, parse_query, search
from longform_desktop.core.search.query import FILLER_BOOST

MALFORMED = [
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
    "kind:",
    "title:^2",
    "deadlok~2",
    "vacum*",
    '"数据库 索引',
    "भुगतान AND",
    "[a TO",
    "{}",
    "^^^",
    "\x00",
]


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed_queries_never_raise(searcher, text: str) -> None:
    results = search(searcher, text)
    assert isinstance(results.hits, list) and not results.error


PIECES = [*"abcdekvz \"():*^~-+!?[]{}/\\,.'", "AND ", "OR ", "NOT ", "topic:", "kind:"]
PIECES += ["deadlok", "vacum ", "数据", "भुगतान", "é", "\u200d", "\t"]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_random_query_strings_never_raise(searcher, text: str) -> None:
    results = search(searcher, text)
    assert isinstance(results.hits, list)
    assert not results.error
    if results.corrected:
        assert results.search_instead


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=30))
def test_any_unicode_never_raises(searcher, text: str) -> None:
    assert isinstance(search(searcher, text).hits, list)


def test_exclusion_runs_as_andnot() -> None:
    parsed = parse_query("queue cache NOT redis", build_schema())
    assert isinstance(parsed, wq.AndNot)
    assert {t for _, t in parsed.b.iter_all_terms()} == {"redi"}


def test_question_words_become_optional_and_light() -> None:
    parsed = parse_query("why does my offset query get slower", build_schema())
    assert isinstance(parsed, wq.AndMaybe)
    required = {t for _, t in parsed.a.iter_all_terms()}
    optional = {t for _, t in parsed.b.iter_all_terms()}
    assert required == {"offset", "queri", "slower"}
    assert {"why", "doe", "my", "get"} <= optional
    assert parsed.b.boost == FILLER_BOOST


def test_a_query_of_question_words_is_left_alone() -> None:
    parsed = parse_query("how does it work", build_schema())
    assert isinstance(parsed, wq.And)


def test_cjk_words_are_searched_as_phrases_of_bigrams() -> None:
    parsed = parse_query("数据库", build_schema())
    phrases = [q for q in parsed.leaves() if isinstance(q, wq.Phrase)]
    assert phrases and all(p.words == ["数据", "据库"] for p in phrases)
