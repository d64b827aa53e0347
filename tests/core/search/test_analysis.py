"""Words in every script stay whole; CJK becomes bigrams; accents fold; English is as
Whoosh's own StemmingAnalyzer made it."""

from __future__ import annotations

import re

import pytest
from whoosh.analysis import StemmingAnalyzer

from longform_desktop.core.search.analysis import (
    fold,
    plain_analyzer,
    stemming_analyzer,
    words_of,
)

from ...conftest import CONTENT
from .scripts import SENTENCES

STEM = stemming_analyzer()


def texts(text: str, mode: str = "index") -> list[str]:
    return [t.text for t in STEM(text, mode=mode)]


@pytest.mark.parametrize(("script", "sentence", "word", "meaning"), SENTENCES[:8])
def test_indic_words_keep_their_marks(script: str, sentence: str, word: str, meaning: str):
    assert word in texts(sentence)
    # Whoosh's default tokenizer cut the same word apart at its vowel signs.
    assert word not in [t.text for t in StemmingAnalyzer()(sentence)]


def test_the_issue_example_is_four_words() -> None:
    assert texts("भुगतान विफल हो गया") == ["भुगतान", "विफल", "हो", "गया"]


def test_cjk_runs_become_overlapping_bigrams_with_shared_positions() -> None:
    tokens = [(t.text, t.pos) for t in STEM("数据库索引", positions=True)]
    assert [(w, p) for w, p in tokens if len(w) == 2] == [
        ("数据", 0),
        ("据库", 1),
        ("库索", 2),
        ("索引", 3),
    ]
    # Unigrams at their bigram's position (a one-character query finds them) ...
    assert ("数", 0) in tokens and ("引", 3) in tokens
    # ... but a query of several characters is bigrams only (searched as a phrase).
    assert texts("数据库", mode="query") == ["数据", "据库"]
    assert texts("库", mode="query") == ["库"]


def test_mixed_latin_and_cjk() -> None:
    assert texts("AI技術 x", mode="query") == ["ai", "技術"]
    assert texts("データベースの索引", mode="query")[-1] == "索引"


def test_accents_fold_on_latin_letters_only() -> None:
    assert texts("Café résumé naïve Ångström") == texts("cafe resume naive angstrom")
    assert fold("straße") == "strasse"
    assert fold("Ｆｕｌｌ") == "Full"  # full-width forms
    assert fold("йод") == "йод"  # a Cyrillic letter is not an accented и
    assert fold("\u0958\u093f\u0932\u093e") == fold("\u0915\u093c\u093f\u0932\u093e")  # nukta
    assert fold("भु\u200dगतान") == "भुगतान"  # a zero-width joiner is invisible


def test_english_tokens_and_stems_are_unchanged() -> None:
    """Every deep dive's text analyses exactly as with Whoosh's StemmingAnalyzer, except
    for folded accents (and '*', which Whoosh's pattern kept inside tokens)."""
    text = re.sub(r"\*", " ", " ".join(p.read_text() for p in CONTENT.rglob("*.md")))
    old = [
        (fold(t.text), t.pos, t.startchar, t.endchar)
        for t in StemmingAnalyzer()(text, positions=True, chars=True)
    ]
    new = [(t.text, t.pos, t.startchar, t.endchar) for t in STEM(text, positions=True, chars=True)]
    assert new == old


def test_stop_words_kept_for_highlighting_take_no_position() -> None:
    tokens = [
        (t.text, t.stopped, t.pos)
        for t in STEM("fanout on write", positions=True, removestops=False)
    ]
    assert tokens == [("fanout", False, 0), ("on", True, 1), ("write", False, 1)]


def test_plain_analyzer_keeps_every_word_unstemmed() -> None:
    assert [t.text for t in plain_analyzer()("The Databases of a café")] == [
        "the",
        "databases",
        "of",
        "a",
        "cafe",
    ]
    assert words_of("Vacuum, VACUUM!") == ["vacuum", "vacuum"]
