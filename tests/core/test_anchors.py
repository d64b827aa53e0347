"""Re-anchoring notes against edited copies of the real articles.

Passages are picked from the bundled content by shape (a plain paragraph, a sentence of
it that occurs once), not by their words, so the tests keep working as articles are
revised; each edit is made to the Markdown source, which is then rendered again.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from longform_desktop.core.anchors import CONTEXT, Anchor, locate, make_anchor
from longform_desktop.core.article_text import ArticleText, article_text
from longform_desktop.core.catalog import Article, load_catalog
from longform_desktop.core.markdown import render_markdown

CONTENT = Path(__file__).resolve().parents[2] / "content"
ARTICLES = [a for a in load_catalog(CONTENT).articles if a.is_written]
_MARKUP = re.compile(r"[`*_\[\]<>&\\|#!]")


def text_of(article: Article, body: str | None = None) -> ArticleText:
    diagrams = {d.id: d for d in article.diagrams}
    return article_text(render_markdown(article.body if body is None else body, diagrams))


def blocks(article: Article) -> list[str]:
    return article.body.split("\n\n")


def is_plain_paragraph(block: str) -> bool:
    """Markdown that renders as exactly its own words: no markup, one paragraph."""
    first = block.lstrip()[:1]
    return (
        len(block) > 120
        and "\n" not in block.strip()
        and not _MARKUP.search(block)
        and first.isalpha()
        and not re.match(r"\d+\.", block)
    )


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!]) ", paragraph) if len(s) >= 60]


def pick(article: Article, text: ArticleText, *, before_last_h2: bool = False):
    """(block index, paragraph, sentence): a sentence found once in source and text."""
    parts = blocks(article)
    last_h2 = max(i for i, b in enumerate(parts) if b.startswith("## "))
    for index, block in enumerate(parts):
        if before_last_h2 and index >= last_h2:
            break
        if not is_plain_paragraph(block) or text.text.count(block.strip()) != 1:
            continue
        for sentence in sentences(block.strip())[1:]:  # not the first: it has a prefix
            if text.text.count(sentence) == 1 and article.body.count(sentence) == 1:
                return index, block, sentence
    raise AssertionError(f"{article.slug}: no plain paragraph to annotate")


def anchor_on(text: ArticleText, quote: str) -> Anchor:
    start = text.text.index(quote)
    return make_anchor(text, start, start + len(quote))


def with_blocks(parts: list[str]) -> str:
    return "\n\n".join(parts)


# --- the edits of the contract, on every bundled article ------------------------------


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_unchanged_article_anchors_by_position(article) -> None:
    text = text_of(article)
    _, _, sentence = pick(article, text)
    anchor = anchor_on(text, sentence)
    assert locate(anchor, text) == replace(
        locate(anchor, text), status="anchored", start=anchor.start, end=anchor.end, step=1
    )
    assert locate(anchor, text).section == anchor.section


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_passage_moved_to_another_section(article) -> None:
    text = text_of(article)
    index, block, sentence = pick(article, text, before_last_h2=True)
    anchor = anchor_on(text, sentence)
    parts = blocks(article)
    del parts[index]
    last_h2 = max(i for i, b in enumerate(parts) if b.startswith("## "))
    parts.insert(last_h2 + 1, block)
    body = with_blocks(parts)
    edited = text_of(article, body)
    destination = [e for e in render_markdown(body).toc if e.level == 2][-1].id
    assert destination != anchor.section

    found = locate(anchor, edited)
    assert found.status == "anchored" and found.step == 2
    assert edited.text[found.start : found.end] == sentence
    assert found.section == destination


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_word_corrected_inside_the_quote(article) -> None:
    text = text_of(article)
    _, _, sentence = pick(article, text)
    anchor = anchor_on(text, sentence)
    words = sentence.split(" ")
    middle = len(words) // 2
    corrected = " ".join([*words[:middle], "corrected", *words[middle + 1 :]])
    edited = text_of(article, article.body.replace(sentence, corrected))

    found = locate(anchor, edited)
    assert found.status == "moved" and found.step == 3
    assert edited.text[found.start : found.end] == corrected
    assert found.section == anchor.section
    assert 0.8 <= found.similarity < 1


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_one_letter_typo_fixed_inside_the_quote(article) -> None:
    text = text_of(article)
    _, _, sentence = pick(article, text)
    anchor = anchor_on(text, sentence)
    position = len(sentence) // 2
    fixed = sentence[:position] + "Z" + sentence[position + 1 :]
    edited = text_of(article, article.body.replace(sentence, fixed))
    found = locate(anchor, edited)
    assert (found.status, found.start, found.end) == ("moved", anchor.start, anchor.end)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_quote_repeated_elsewhere_keeps_its_own_occurrence(article) -> None:
    text = text_of(article)
    index, block, sentence = pick(article, text)
    anchor = anchor_on(text, sentence)
    parts = blocks(article)
    # The same sentence as a paragraph of its own, before and after the original: the
    # position hint is stale, and only the context tells the occurrences apart.
    parts.insert(index + 1, f"So, once more: {sentence} That is all.")
    parts.insert(0, sentence)
    edited = text_of(article, with_blocks(parts))
    assert edited.text.count(sentence) == 3

    found = locate(anchor, edited)
    assert found.status == "anchored" and found.step == 2
    assert found.start == edited.text.index(block.strip()) + block.strip().index(sentence)
    assert found.section == anchor.section


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_paragraph_deleted_detaches(article) -> None:
    text = text_of(article)
    index, _, sentence = pick(article, text)
    parts = blocks(article)
    del parts[index]
    edited = text_of(article, with_blocks(parts))
    for quote in (sentence, " ".join(sentence.split(" ")[1:5])):  # a sentence, a phrase
        if text.text.count(quote) != 1 or edited.text.count(quote):
            continue  # the phrase also occurs elsewhere: step 2 rightly finds it
        found = locate(anchor_on(text, quote), edited)
        assert (found.status, found.start, found.end, found.step) == ("detached", None, None, 4)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_text_inserted_before_the_passage(article) -> None:
    text = text_of(article)
    _, _, sentence = pick(article, text)
    anchor = anchor_on(text, sentence)
    inserted = "A new opening paragraph that the author added later."
    edited = text_of(article, inserted + "\n\n" + article.body)
    found = locate(anchor, edited)
    assert found.status == "anchored" and found.step == 2
    assert (found.start, found.end) == (
        anchor.start + len(inserted) + 1,
        anchor.end + len(inserted) + 1,
    )
    assert found.section == anchor.section


@pytest.mark.parametrize("article", ARTICLES[:4], ids=lambda a: a.slug)
def test_source_rewrapped_changes_nothing(article) -> None:
    text = text_of(article)
    index, block, sentence = pick(article, text)
    anchor = anchor_on(text, sentence)
    parts = blocks(article)
    parts[index] = block.replace(" ", "  ").replace(". ", ".\n")  # new lines, double spaces
    edited = text_of(article, with_blocks(parts))
    assert edited == text
    assert locate(anchor, edited).step == 1


@pytest.mark.parametrize("article", ARTICLES[:6], ids=lambda a: a.slug)
def test_punctuation_edits(article) -> None:
    text = text_of(article)
    _, _, sentence = pick(article, text)
    anchor = anchor_on(text, sentence)
    # Inside the quote: a comma added after its third word, its final stop removed.
    words = sentence.split(" ")
    punctuated = " ".join([*words[:2], words[2] + ",", *words[3:]]).rstrip(".?!")
    edited = text_of(article, article.body.replace(sentence, punctuated))
    found = locate(anchor, edited)
    assert found.status == "moved"
    assert edited.text[found.start : found.end] == punctuated
    # Just before it (in its prefix): the quote is exact again, one character later.
    before = text_of(article, article.body.replace(" " + sentence, ", " + sentence))
    found = locate(anchor, before)
    assert (found.status, found.step, found.start) == ("anchored", 2, anchor.start + 1)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_whitespace_is_layout_not_words(article) -> None:
    text = text_of(article)
    # A quote spanning a heading and its first paragraph, as the reader's selection gives
    # it (Qt joins blocks with U+2029) and as a person might paste it (a space).
    heading = text.headings[len(text.headings) // 2]
    end = text.text.index("\n", heading.start + len(heading.title) + 1)
    anchor = make_anchor(text, heading.start, end)
    assert "\n" in anchor.exact
    for joined in ("\u2029", " ", "\n\n"):
        found = locate(replace(anchor, exact=anchor.exact.replace("\n", joined)), text)
        assert (found.status, found.start, found.end) == ("anchored", anchor.start, anchor.end)
    found = locate(replace(anchor, exact=anchor.exact.replace("\n", " "), start=None), text)
    assert (found.status, found.step, found.start) == ("anchored", 2, anchor.start)


def test_reindented_code_stays_anchored() -> None:
    article = next(a for a in ARTICLES if "\n    " in text_of(a).text)
    text = text_of(article)
    at = text.text.index("\n    ") + 1
    line_end = text.text.index("\n", at + 5)
    anchor = make_anchor(text, at - 20, line_end)
    assert "\n    " in anchor.exact
    line = text.text[at:line_end]
    assert article.body.count(line) >= 1
    edited = text_of(article, article.body.replace(line, "  " + line, 1))
    assert edited.text != text.text
    found = locate(anchor, edited)
    assert found.status == "anchored"
    assert edited.text[found.start : found.end].split() == anchor.exact.split()


# --- smaller cases ------------------------------------------------------------------------


def test_repeated_quote_with_equal_context_goes_to_the_occurrence_nearest_the_hint() -> None:
    text = ArticleText("x ab y\n" * 30)  # "ab" at 2, 9, 16...: each with the same context
    anchor = replace(make_anchor(text, 72, 74), start=96, end=98)  # the hint is stale
    assert text.text[72:74] == "ab" and text.text[96:98] != "ab"
    found = locate(anchor, text)
    assert (found.status, found.step, found.start) == ("anchored", 2, 93)


def test_make_anchor_trims_whitespace_and_keeps_32_characters_of_context() -> None:
    text = text_of(ARTICLES[0])
    start = text.headings[1].start - 1  # the newline before a heading
    anchor = make_anchor(text, start, start + 1 + len(text.headings[1].title) + 1)
    assert anchor.exact == text.headings[1].title
    assert anchor.start == start + 1 and anchor.section == text.headings[1].id
    assert anchor.prefix == text.text[anchor.start - CONTEXT : anchor.start]
    assert anchor.suffix == text.text[anchor.end : anchor.end + CONTEXT]
    with pytest.raises(ValueError, match="blank selection"):
        make_anchor(text, start, start + 1)  # only the newline
    with pytest.raises(ValueError, match="outside the text"):
        make_anchor(text, 10, len(text.text) + 1)
    beginning = make_anchor(text, 0, 5)
    assert beginning.prefix == ""
    assert beginning.section == (text.headings[0].id if text.headings[0].start == 0 else "")


def test_article_level_note_is_always_anchored() -> None:
    assert locate(None, ArticleText("")).status == "anchored"
    assert locate(None, text_of(ARTICLES[0])).section is None


def test_quote_without_position_or_context() -> None:
    text = text_of(ARTICLES[0])
    _, _, sentence = pick(ARTICLES[0], text)
    found = locate(Anchor(exact=sentence), text)
    assert (found.status, found.step) == ("anchored", 2)
    assert text.text[found.start : found.end] == sentence
    assert locate(Anchor(exact=sentence), ArticleText("")).status == "detached"
    assert locate(Anchor(exact=""), text).status == "detached"


def test_nonsense_hints_are_ignored() -> None:
    text = ArticleText("alpha beta gamma")
    for start, end in ((-3, 2), (5, 100), (8, 2), (True, 5)):
        found = locate(Anchor("beta", start=start, end=end), text)  # type: ignore[arg-type]
        assert (found.status, found.start, found.end) == ("anchored", 6, 10)


def test_short_phrase_is_not_moved_to_a_look_alike_elsewhere() -> None:
    text = ArticleText("The ledger keeps every entry.\nLater: the ledgers keep entries too.")
    anchor = make_anchor(text, 0, len("The ledger keeps"))
    edited = ArticleText("Later: the ledgers keep entries too.")
    assert locate(anchor, edited).status == "detached"


# --- properties ---------------------------------------------------------------------------

TEXTS = [text_of(a) for a in ARTICLES[:4]]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_span_of_an_unchanged_article_anchors_to_itself(data) -> None:
    text = data.draw(st.sampled_from(TEXTS))
    start = data.draw(st.integers(0, len(text.text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text.text), start + 400)))
    assume(text.text[start:end].strip())
    anchor = make_anchor(text, start, end)
    assert start <= anchor.start < anchor.end <= end
    assert anchor.exact == text.text[start:end].strip()
    found = locate(anchor, text)
    assert (found.status, found.start, found.end) == ("anchored", anchor.start, anchor.end)
    assert found.section == text.section_at(anchor.start)
    # Without the position hint the quote is still found, with exactly its text.
    unhinted = locate(replace(anchor, start=None, end=None), text)
    assert unhinted.status == "anchored"
    assert text.text[unhinted.start : unhinted.end] == anchor.exact


_edit = st.tuples(st.integers(0, 30_000), st.integers(0, 300), st.text(max_size=40))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.data(),
    st.lists(_edit, max_size=4),
    st.text(max_size=40),
    st.text(max_size=40),
    st.one_of(st.none(), st.integers(-50, 40_000)),
    st.one_of(st.none(), st.integers(-50, 40_000)),
)
def test_reanchoring_never_raises_nor_leaves_the_text(
    data, edits, prefix, suffix, start, end
) -> None:
    text = data.draw(st.sampled_from(TEXTS))
    quote_start = data.draw(st.integers(0, len(text.text) - 1))
    quote_length = data.draw(st.integers(0, 300))
    exact = data.draw(
        st.one_of(
            st.just(text.text[quote_start : quote_start + quote_length]),
            st.text(max_size=60),
        )
    )
    edited = text.text
    for at, length, insert in edits:
        at = min(at, len(edited))
        edited = edited[:at] + insert + edited[at + length :]
    target = ArticleText(edited, text.headings if edited else ())
    anchor = Anchor(exact, prefix, suffix, "section", start, end)
    found = locate(anchor, target)
    assert found.status in {"anchored", "moved", "detached"}
    if found.status == "detached":
        assert found.start is None and found.end is None
    else:
        assert 0 <= found.start < found.end <= len(edited)
        if found.status == "anchored":  # the quote's words, whatever the whitespace
            assert edited[found.start : found.end].split() == exact.split()
