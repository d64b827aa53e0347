"""Very long Markdown pages (issue 17), the same text for the hardening test that checks
they open without stalling the window (``tests/hardening/test_reader_resources.py``) and
for the benchmark that times the stall (``benchmarks/reader_long_pages.py``).

It lives under ``tests/`` because the source distribution ships ``tests/`` and not
``benchmarks/``: a test may only import what is shipped with it, and the benchmark runs
from a checkout, where both are (it puts ``tests/`` on ``sys.path``).
"""

from __future__ import annotations

PARAGRAPH = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod. " * 8


def headings(count: int) -> str:
    """``count`` level-2 headings, each with a line of text."""
    return "".join(f"## Heading {i}\n\nText {i}.\n\n" for i in range(count))


def code_block(lines: int) -> str:
    """One fenced Python block of ``lines`` lines."""
    return "```python\n" + "".join(f"x_{i} = compute({i})\n" for i in range(lines)) + "```\n"


def prose(chars: int = 5_000_000) -> str:
    """Paragraphs of ``PARAGRAPH`` up to about ``chars`` characters."""
    return (PARAGRAPH + "\n\n") * (chars // (len(PARAGRAPH) + 2))


def long_pages() -> dict[str, tuple[str, str]]:
    """The hostile pages, by what makes each long: (title, Markdown body)."""
    return {
        "20,000 headings": ("Long", headings(20_000)),
        "5 MB of prose": ("Long", prose()),
        "100,000-line code block": ("Long", code_block(100_000)),
        "2 MB title": ("T" * 2_000_000, "Short body.\n"),
        "one 2 MB line": ("Long", "word " * 400_000),
    }
