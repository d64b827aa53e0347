"""Close terms: how far a typo may be, what is proposed, and never anything farther."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from longform_desktop.core.search import allowed_edits, close_terms, note_source, sync_and_open
from longform_desktop.core.search.spelling import vocabularies


@pytest.mark.parametrize(
    ("word", "edits"),
    [("lok", 0), ("lock", 1), ("deadlok", 1), ("postgress", 2), ("reconcilation", 2)],
)
def test_edits_allowed_by_length(word: str, edits: int) -> None:
    assert allowed_edits(word) == edits


def test_vacum_is_vacuum_never_value(searcher) -> None:
    words = [c.word for c in close_terms(searcher, "vacum")]
    assert words[0] == "vacuum" and "value" not in words


def test_a_transposition_is_one_edit(searcher) -> None:
    (best, *_) = close_terms(searcher, "deadlcok")
    assert (best.word, best.distance) == ("deadlock", 1)


def test_short_words_keep_their_first_letter(searcher) -> None:
    assert all(c.word[0] == "a" for c in close_terms(searcher, "acum"))
    assert not close_terms(searcher, "lok")  # three letters: never corrected


def test_digits_and_underscores_are_names_not_typos(searcher) -> None:
    assert not close_terms(searcher, "p999")
    assert not close_terms(searcher, "work_meme")


def test_frequency_decides_between_equally_close_words(tmp_path: Path) -> None:
    notes = [note_source(f"n{i}", "x", "X", "", "", "lacks latch", "", "") for i in range(3)]
    notes.append(note_source("rare", "x", "X", "", "", "lacky", "", ""))
    _, ix = sync_and_open(tmp_path / "ix", notes, kinds={"note"})
    with ix.searcher() as s:
        assert [c.word for c in close_terms(s, "lackx")][:2] == ["lacks", "lacky"]


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet="abcdeilnoprstuvy", min_size=1, max_size=12))
def test_never_farther_than_the_typo_allows(searcher, word: str) -> None:
    for cand in close_terms(searcher, word):
        assert OSA.distance(word, cand.word) == cand.distance <= allowed_edits(word)
        if len(word) < 8:
            assert cand.word[0] == word[0]


def test_the_vocabulary_is_kept_beside_the_index(tmp_path: Path) -> None:
    _, ix = sync_and_open(
        tmp_path / "ix", [note_source("n", "x", "X", "", "", "vacuum", "", "")], kinds={"note"}
    )
    with ix.searcher() as s:
        assert vocabularies(s) == [["vacuum"]]
    (stored,) = (tmp_path / "ix").glob("vocab-*.words")
    assert stored.read_text() == "vacuum"
