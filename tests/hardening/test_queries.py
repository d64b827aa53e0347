"""Generated queries through the real search path (issue 17, "Queries (10,000 generated)").

One index of the bundled deep dives is built per module in a temporary folder; each
example runs ``core.search.search`` on the long-lived searcher the GUI uses (a few on
the index, as the CLI does) and prints the result through the CLI's JSON function
(``cli.search.payload``) as strict UTF-8 JSON. Recorded per case: examples tried,
failures (an exception out of ``search``, or output that is not valid UTF-8 JSON), and
the slowest search (``max_ms``; the bound is enforced in the product by
``query.MAX_QUERY_CHARS`` / ``MAX_QUERY_WORDS`` / ``MAX_CORRECTED_WORDS``, never asserted
here as a time).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from longform_desktop.cli.search import payload
from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.search import catalog_sources, search, sync_and_open
from longform_desktop.core.search.query import MAX_QUERY_CHARS, MAX_QUERY_WORDS, query_words
from tests.hardening.report import tally

from ..conftest import CONTENT

AREA = "queries"
SETTINGS = {
    "deadline": None,
    "database": None,  # a fixed budget of fresh examples each run, no replayed ones
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
}


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory):
    target: Path = tmp_path_factory.mktemp("query-index")
    return sync_and_open(target, catalog_sources(load_catalog(CONTENT)), kinds={"article"})[1]


@pytest.fixture(scope="module")
def searcher(ix):
    with ix.searcher() as s:
        yield s


def _check(case: str, source, text: str) -> None:
    """Search ``text`` and print it as the CLI does; tally what happened."""
    start = time.perf_counter()
    try:
        results = search(source, text, limit=10)
    except Exception:
        tally(AREA, case, tried=1, failures=1)
        raise
    ms = (time.perf_counter() - start) * 1000
    try:
        out = json.dumps(payload(results, 10), ensure_ascii=False, allow_nan=False)
        out.encode("utf-8")  # strict: a lone surrogate raises here
        bounded = len(results.query) <= MAX_QUERY_CHARS and (
            len(query_words(results.query)) <= MAX_QUERY_WORDS
        )
        ok = bounded and not results.error
    except (UnicodeError, ValueError):
        ok = False
    tally(AREA, case, tried=1, failures=0 if ok else 1, max_ms=round(ms, 1), total_s=ms / 1000)
    assert ok, f"bad output for {text!r}"


# --- strategies ---------------------------------------------------------------------------

#: Every character, lone surrogates (category Cs) included.
ANY_CHAR = st.characters(exclude_categories=())
WORDS = [
    "vacuum", "pagination", "idempotency", "deadlock", "kafka", "postgres", "index",
    "keyset", "retry", "partition", "deadlok", "vacum", "pagina", "tuple", "数据库", "भुगतान",
    "café", "work_mem", "h.264", "p99", "don't", "the", "why", "what",
]  # fmt: skip
FIELDS = [
    "title", "heading", "body", "figures", "quote", "topic", "difficulty", "section",
    "kind", "source", "heading_id", "doc_id", "level", "article", "position", "summary",
    "spell", "labels", "nosuch", "Title",
]  # fmt: skip
SYNTAX = [
    "AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "(", ")", '"', "'", "*", "?", "~", "~2",
    "^", "^2", "^1e308", "[", "]", "{", "}", "TO", ":", "-", "+", "\\", "/", "!", "\x00",
    "\udcff", "\ud800", "\ufffd", "*:*", "[TO]", "[a TO z]", "{1 TO 5}",
]  # fmt: skip

word = st.one_of(st.sampled_from(WORDS), st.text(ANY_CHAR, min_size=1, max_size=12))
field_term = st.builds(
    lambda f, sep, v, star: f"{f}:{sep}{v}{star}",
    st.sampled_from(FIELDS),
    st.sampled_from(["", '"', "[", "("]),
    word,
    st.sampled_from(["", "*", '"', "]", ")", "~", "^3"]),
)
piece = st.one_of(
    word, field_term, st.sampled_from(SYNTAX), st.sampled_from(WORDS).map(lambda w: w[:3] + "*")
)
syntax_query = st.lists(piece, max_size=14).flatmap(
    lambda parts: st.sampled_from([" ", "", " AND ", " OR "]).map(lambda sep: sep.join(parts))
)
long_query = st.one_of(
    st.text(ANY_CHAR, min_size=200, max_size=1200),
    st.lists(word, min_size=20, max_size=200).map(" ".join),
    st.builds(
        lambda w, n: w * n,
        st.sampled_from([*WORDS, "(", '"', "a:", "x*"]),
        st.integers(200, 20_000),
    ),
)


@settings(max_examples=5200, **SETTINGS)
@given(text=st.text(ANY_CHAR, max_size=40))
def test_arbitrary_text(searcher, text: str) -> None:
    _check("arbitrary text (surrogates too)", searcher, text)


@settings(max_examples=3900, **SETTINGS)
@given(text=syntax_query)
def test_query_syntax(searcher, text: str) -> None:
    _check("syntax: fields, quotes, ranges, AND/OR/NOT", searcher, text)


@settings(max_examples=600, **SETTINGS)
@given(text=long_query)
def test_long_inputs(searcher, text: str) -> None:
    _check("long inputs (200 characters to 100 KB)", searcher, text)


@settings(max_examples=300, **SETTINGS)
@given(text=st.one_of(syntax_query, st.text(ANY_CHAR, max_size=40)))
def test_through_the_index_as_the_cli_does(ix, text: str) -> None:
    """A searcher opened and closed per query, as ``longform search`` does."""
    _check("via the index (CLI path)", ix, text)
