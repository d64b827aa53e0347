"""Read time: words of prose and code (not diagram blocks) at 230 words a minute."""

from __future__ import annotations

import re

WORDS_PER_MINUTE = 230

# A word is a run of letters/digits, allowing inner apostrophes, dots and hyphens
# ("don't", "v1.2", "fanout-on-write" count once). Markdown punctuation such as
# "#", "|---|" or "**" carries no letters and so is not counted.
_WORD = re.compile(r"\w+(?:['’.\-]\w+)*")
_FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,}).*$", re.MULTILINE)  # "```python" is not prose
_DIAGRAM_FENCE = re.compile(r"^(`{3,}|~{3,})\s*diagram\b.*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)


def strip_diagram_blocks(markdown_body: str) -> str:
    """Remove fenced ```diagram blocks; they are drawn, not read as words."""
    return _DIAGRAM_FENCE.sub("", markdown_body)


def count_words(markdown_body: str) -> int:
    """Count the words a reader reads in a Markdown body (front matter already removed)."""
    return len(_WORD.findall(_FENCE_LINE.sub("", strip_diagram_blocks(markdown_body))))


def read_minutes(word_count: int) -> int:
    """Minutes at 230 words a minute, rounded to the nearest minute (at least 1 if any words)."""
    if word_count <= 0:
        return 0
    return max(1, int(word_count / WORDS_PER_MINUTE + 0.5))
