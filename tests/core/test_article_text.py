"""The anchor text of an article: what it holds, what it leaves out, and offset mapping."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from longform_desktop.core.article_text import align_offsets, article_text, text_from_html
from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.diagram import parse_diagram
from longform_desktop.core.markdown import render_markdown

from .test_diagram import GOOD

CONTENT = Path(__file__).resolve().parents[2] / "content"

BODY = f"""Intro   words
over two lines &amp; an entity: &lt;b&gt;.

## First `code` heading

- one item
- two *items*
    - nested item

1. first step
2. second step

| Header a | Header b |
|---|---|
| cell 1 | cell 2 |

!!! warning "Careful"
    Inside the box.

```python
def f():
    return 1

print(f())
```

### Sub heading

```diagram
{GOOD}```

Text after the diagram.

```diagram
id: broken
nodes: [
```

> A quote.
"""

EXPECTED = """Intro words over two lines & an entity: <b>.
First code heading
one item
two items
nested item
first step
second step
Header a
Header b
cell 1
cell 2
Careful
Inside the box.
def f():
    return 1

print(f())
Sub heading
Text after the diagram.
A quote."""


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(CONTENT)


def _rendered(body: str = BODY):
    d = parse_diagram(GOOD)
    return render_markdown(body, {d.id: d})


def test_blocks_whitespace_entities_code_and_what_is_left_out() -> None:
    text = article_text(_rendered())
    assert text.text == EXPECTED
    assert "Four boxes" not in text.text  # the diagram's caption
    assert "could not be drawn" not in text.text


def test_headings_carry_their_ids_and_offsets() -> None:
    text = article_text(_rendered())
    assert [(h.id, h.level, h.title) for h in text.headings] == [
        ("first-code-heading", 2, "First code heading"),
        ("sub-heading", 3, "Sub heading"),
    ]
    for heading in text.headings:
        assert text.text[heading.start : heading.start + len(heading.title)] == heading.title
    first, sub = text.headings
    assert text.section_at(0) == ""
    assert text.section_at(first.start - 1) == ""
    assert text.section_at(first.start) == "first-code-heading"
    assert text.section_at(text.text.index("print(f())")) == "first-code-heading"
    assert text.section_at(sub.start) == "sub-heading"
    assert text.section_at(len(text.text)) == "sub-heading"
    assert text.heading("sub-heading") == sub and text.heading("nope") is None


def test_real_danger_admonition_is_kept() -> None:
    body = '!!! danger "This diagram could not be drawn."\n    Real prose.\n'
    assert article_text(render_markdown(body)).text == (
        "This diagram could not be drawn.\nReal prose."
    )


def test_article_rendering_and_html_give_the_same_text(catalog) -> None:
    article = max(catalog.articles, key=lambda a: len(a.body))
    rendered = render_markdown(article.body, {d.id: d for d in article.diagrams})
    assert article_text(article) == article_text(rendered) == text_from_html(rendered.html)
    dark = render_markdown(article.body, {d.id: d for d in article.diagrams}, dark=True)
    assert article_text(dark) == article_text(rendered)  # colours are not text


def test_every_bundled_article_headings_match_its_table_of_contents(catalog) -> None:
    for article in catalog.articles:
        rendered = render_markdown(article.body, {d.id: d for d in article.diagrams})
        text = article_text(rendered)
        assert [(h.level, h.id, h.title) for h in text.headings] == [
            (e.level, e.id, e.title) for e in rendered.toc
        ], article.slug
        pictures = re.sub(r'<p class="(diagram|caption)"[^>]*>.*?</p>', "", rendered.html)
        assert len(pictures) < len(rendered.html) or not article.diagrams
        assert text_from_html(pictures) == text, article.slug


def test_alignment_skips_extra_pieces_and_whitespace() -> None:
    canonical = "Alpha beta.\nGamma delta\nepsilon"
    other = "HEADER TEXT\n\nAlpha   beta.\n\ufffcA caption here\nGamma delta epsilon\nRelated"
    align = align_offsets(canonical, other)
    for i, ch in enumerate(canonical):
        if not ch.isspace():
            assert other[align(i)] == ch
            assert align.inverse(align(i)) == i
    assert align.shared() == len("".join(canonical.split()))
    # A span maps to the span of the same characters.
    start, end = canonical.index("beta"), canonical.index("delta") + len("delta")
    assert other[align(start) : align(end, end=True)].split() == [
        "beta.",
        "\ufffcA",
        "caption",
        "here",
        "Gamma",
        "delta",
    ]
    # Whitespace offsets go to the next character (a start) or after the last (an end).
    gap = canonical.index(" beta")
    assert other[align(gap)] == "b" and other[align(gap, end=True) - 1] == "a"
    assert align(len(canonical)) == other.index("epsilon") + len("epsilon")
    # A position inside a piece canonical leaves out maps to the next shared character.
    assert align.inverse(other.index("caption")) == canonical.index("Gamma")
    assert align.inverse(other.index("caption"), end=True) == canonical.index("beta.") + 5


def test_alignment_survives_a_character_the_other_text_lacks() -> None:
    canonical = "one two three four five six seven"
    other = "one two thee four five six seven"
    align = align_offsets(canonical, other)
    assert other[align(canonical.index("four")) :].startswith("four")
    assert align.shared() == len("".join(canonical.split())) - 1


def test_alignment_of_empty_texts() -> None:
    align = align_offsets("", "")
    assert align(0) == 0 and align.inverse(0, end=True) == 0
