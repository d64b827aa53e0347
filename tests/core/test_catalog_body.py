"""A cached deep dive's body is cut after the same lines the front-matter parser counted."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from longform_desktop.core.catalog import after_lines

# Text as decode_text leaves it ("\n" line ends), with every other break splitlines knows.
PIECES = st.sampled_from(
    ["a", "bc", " ", "\n", "\n", "---\n", "\v", "\f", "\x1c", "\x85", "\u2028", "\u2029", "é"]
)
TEXTS = st.lists(PIECES, max_size=60).map("".join)


@settings(max_examples=2000, deadline=None)
@given(TEXTS, st.integers(min_value=0, max_value=40))
def test_after_lines_is_what_splitting_every_line_gives(text: str, count: int) -> None:
    assert after_lines(text, count) == "".join(text.splitlines(keepends=True)[count:])


def test_a_plain_front_matter() -> None:
    text = "---\ntitle: X\n---\n\n# Body\nmore\n"
    assert after_lines(text, 3) == "\n# Body\nmore\n"
    assert after_lines(text, 0) == text
    assert after_lines(text, 99) == ""
