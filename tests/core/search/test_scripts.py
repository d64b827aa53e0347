"""Sentences in Indian scripts, Chinese and Japanese, indexed for real and found by a word
from their middle; accents folded both ways."""

from __future__ import annotations

import pytest

from longform_desktop.core.markdown import SectionText
from longform_desktop.core.search import Source, search, section_documents, sync_and_open

from .scripts import SENTENCES


@pytest.fixture(scope="module")
def multilingual(tmp_path_factory: pytest.TempPathFactory):
    sources = []
    for script, sentence, _, meaning in SENTENCES:
        slug = f"in-{script.lower()}"
        sections = [SectionText("", "", meaning), SectionText(slug, script, sentence)]
        docs = section_documents(
            slug=slug,
            title=f"Notes in {script}",
            summary="",
            topic="",
            difficulty="",
            section="",
            sections=sections,
        )
        sources.append(Source(f"article:{slug}", script, lambda d=docs: d))
    accents = [SectionText("cafe", "Café", "Le café naïve résumé of the Ångström units.")]
    docs = section_documents(
        slug="accents",
        title="Accents",
        summary="",
        topic="",
        difficulty="",
        section="",
        sections=accents,
    )
    sources.append(Source("article:accents", "1", lambda: docs))
    _, ix = sync_and_open(tmp_path_factory.mktemp("multi") / "ix", sources)
    with ix.searcher() as searcher:
        yield searcher


@pytest.mark.parametrize(("script", "sentence", "word", "meaning"), SENTENCES)
def test_an_inner_word_finds_its_sentence(multilingual, script, sentence, word, meaning):
    results = search(multilingual, word)
    assert results.hits, f"{script}: {word!r} found nothing"
    top = results.hits[0]
    assert top.article == f"in-{script.lower()}"
    assert top.sections[0].heading == script
    assert f"[{word}]" in top.sections[0].snippet  # the whole word is marked
    assert not results.corrected


def test_a_cjk_word_is_not_found_by_its_characters_out_of_order(multilingual) -> None:
    assert not search(multilingual, '"库据数"').hits
    assert search(multilingual, "索引").hits[0].article in {"in-chinese", "in-japanese"}


@pytest.mark.parametrize("query", ["cafe", "café", "CAFÉ", "naive", "naïve", "angstrom"])
def test_accents_fold_both_ways(multilingual, query: str) -> None:
    assert search(multilingual, query).hits[0].article == "accents"
