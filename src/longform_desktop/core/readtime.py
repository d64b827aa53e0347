"""Read time: words of prose and code (not diagram blocks) at 230 words a minute."""

from __future__ import annotations

import bisect
import re
from functools import cache

WORDS_PER_MINUTE = 230


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Compiled on first count, not at import: start-up shows read times from the cache
    and counts nothing (compiling these was ~1 ms of it)."""
    return (
        # A word is a run of letters/digits, allowing inner apostrophes, dots and
        # hyphens ("don't", "v1.2", "fanout-on-write" count once). Markdown punctuation
        # such as "#", "|---|" or "**" carries no letters and so is not counted.
        re.compile(r"\w+(?:['’.\-]\w+)*"),
        re.compile(r"^[ \t]*(`{3,}|~{3,}).*$", re.MULTILINE),  # "```python" is not prose
        re.compile(r"(`{3,}|~{3,})\s*diagram\b"),
        re.compile(r"(`{3,}|~{3,})[ \t]*(?:\r?\n)?"),
    )


def strip_diagram_blocks(markdown_body: str) -> str:
    """Remove fenced ```diagram blocks; they are drawn, not read as words.

    A block runs from a line opening ```diagram to the next line that is exactly the
    same fence; an opening never closed is left as text. Linear: the closing lines are
    indexed once (a regex searching ahead from each of 3,000 unclosed openings took
    seconds)."""
    _, _, diagram_open, fence_only = _patterns()
    lines = markdown_body.splitlines(keepends=True)
    closers: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        only = fence_only.fullmatch(line)
        if only:
            closers.setdefault(only.group(1), []).append(number)
    kept: list[str] = []
    i = 0
    while i < len(lines):
        opened = diagram_open.match(lines[i])
        if opened:
            ends = closers.get(opened.group(1), [])
            at = bisect.bisect_right(ends, i)
            if at < len(ends):
                i = ends[at] + 1
                continue
        kept.append(lines[i])
        i += 1
    return "".join(kept)


def count_words(markdown_body: str) -> int:
    """Count the words a reader reads in a Markdown body (front matter already removed)."""
    word, fence_line, _, _ = _patterns()
    return len(word.findall(fence_line.sub("", strip_diagram_blocks(markdown_body))))


def read_minutes(word_count: int) -> int:
    """Minutes at 230 words a minute, rounded to the nearest minute (at least 1 if any words)."""
    if word_count <= 0:
        return 0
    return max(1, int(word_count / WORDS_PER_MINUTE + 0.5))
