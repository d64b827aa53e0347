from __future__ import annotations

from longform_desktop.core.diagram import parse_diagram
from longform_desktop.core.markdown import render_markdown

from .test_diagram import GOOD

BODY = f"""Intro words.

## First `code` heading

Text with `inline`.

!!! warning "Careful"
    Inside the box.

```sql
SELECT id FROM orders WHERE id = 1;
```

| a | b |
|---|---|
| 1 | 2 |

> A quote.

### Sub heading

```diagram
{GOOD}```

## First code heading
"""


def test_render_shapes_html_for_qtextbrowser() -> None:
    d = parse_diagram(GOOD)
    out = render_markdown(BODY, {d.id: d})
    assert [(e.level, e.id) for e in out.toc] == [
        (2, "first-code-heading"),
        (3, "sub-heading"),
        (2, "first-code-heading_1"),
    ]
    assert '<a name="first-code-heading"></a>' in out.html
    assert 'class="admonition warning"' in out.html
    assert 'table class="code"' in out.html and "color:" in out.html  # pygments inline styles
    assert 'class="data"' in out.html and "<blockquote>" in out.html
    assert 'src="diagram:small"' in out.html


def test_sections_for_search_include_diagram_words() -> None:
    d = parse_diagram(GOOD)
    out = render_markdown(BODY, {d.id: d})
    assert out.sections[0].id == "" and out.sections[0].text == "Intro words."
    sub = next(s for s in out.sections if s.id == "sub-heading")
    assert "database" in sub.figures and "Four boxes" in sub.figures
    assert "database" not in sub.text  # snippets come from prose only


def test_invalid_diagram_renders_notice() -> None:
    out = render_markdown(BODY, {})
    assert "could not be drawn" in out.html


def test_a_diagram_with_invalid_yaml_shows_the_notice_not_its_source() -> None:
    """Pinned defect: invalid YAML used to escape as yamlio's own error type and the
    block was shown as raw inline code."""
    body = "Before.\n\n```diagram\nid: broken\nnodes: [unclosed\n  - : :\n```\n\nAfter.\n"
    rendered = render_markdown(body, {})
    assert "This diagram could not be drawn" in rendered.html
    assert "unclosed" not in rendered.html
    for source in ("- just\n- a list\n", "plain words\n"):  # YAML, but not a mapping
        html = render_markdown(f"```diagram\n{source}```\n", {}).html
        assert "could not be drawn" in html
