from __future__ import annotations

import pytest

from longform_desktop.core import content_limits as limits
from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.markdown import render_markdown
from tests.conftest import CONTENT


def test_every_bundled_deep_dive_is_within_the_limits() -> None:
    for article in load_catalog(CONTENT).articles:
        limits.check_body(article.body)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("".join("    " * i + "- x\n" for i in range(300)), "nested"),
        (">" * 300 + " x\n", "nested"),
        ("## H\n\n" * (limits.MAX_HEADINGS + 1), "headings"),
        ("* " * 20_001, "inline marks"),
        ("[ " * 2_400, "links"),
        ("[ " * 600, "one paragraph"),
        ("<a " * 2_500, "'<'"),
        ("***\n\n" * (limits.MAX_RULES + 1), "rules"),
        ("~~~\nx\n~~~\n" * (limits.MAX_CODE_BLOCKS + 1), "code blocks"),
        ("x\n" * (limits.MAX_BODY_LINES + 1), "lines"),
        ("x" * (limits.MAX_BODY_CHARS + 1), "characters"),
    ],
)
def test_bodies_over_a_limit_are_refused_and_render_as_a_notice(body: str, words: str) -> None:
    with pytest.raises(limits.BodyTooComplex, match=words):
        limits.check_body(body)
    rendered = render_markdown(body)
    assert "This page is not shown" in rendered.html and not rendered.sections


def test_code_does_not_count_as_nesting_or_tags() -> None:
    code = "```\n" + "".join(" " * 80 + "<a>\n" for _ in range(3_000)) + "```\n"
    limits.check_body(code)
    assert "&lt;a&gt;" in render_markdown(code).html


def test_a_render_that_raises_is_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    from longform_desktop.core import markdown

    def boom(*_args: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(markdown, "_render", boom)
    assert "could not be rendered (RecursionError)" in render_markdown("hi").html
