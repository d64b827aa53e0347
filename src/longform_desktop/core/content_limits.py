"""How much one content file may ask of the parser: the per-file budget.

Python-Markdown is neither linear nor iterative: 100,000 links take over 30 s, a list
nested 300 levels deep raises RecursionError, 50,000 table rows take 4 s. So a body is
measured before it is parsed (one linear pass) and refused with its line when it is
over a limit; each limit is 20-50 times what a real deep dive has (the largest bundled
one: 44 K characters, 700 lines, 972 inline marks, 29 headings, lists 3 deep), and at
the limits a render takes well under 2 s (``benchmarks`` figures in
docs/content-format.md, "Limits"). No Qt, no Markdown import: the catalog uses this at
start-up.
"""

from __future__ import annotations

import re

MAX_BODY_CHARS = 1_000_000
MAX_BODY_LINES = 20_000
MAX_HEADINGS = 1_000
MAX_INLINE_MARKS = 20_000  # [ ` * _ & < : each may open a link, code, emphasis, entity, tag
MAX_NESTING = 16  # list indentation levels (4 columns each) plus '>' quote markers
# Quadratic spots in Python-Markdown, each measured: unclosed '[' within one paragraph
# (20,000 took 96 s), '<' outside code (20,000 took 30 s), '***' rules (4,000 took
# 1.3 s), fenced code blocks (each one a Pygments pass, ~0.3 ms).
MAX_BRACKETS_PER_PARAGRAPH = 500
MAX_BRACKETS = 2_000  # links: the whole corpus of 12 deep dives has 632 '['
MAX_TAGS = 2_000
MAX_RULES = 1_000
MAX_CODE_BLOCKS = 1_000

MAX_TITLE_CHARS = 200
MAX_TOPIC_CHARS = 100
MAX_SUMMARY_CHARS = 2_000

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)|^ {0,3}(?:=+|-+)[ \t]*$")
_QUOTES = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_MARKS = re.compile(r"[\[`*_&<]")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")


class BodyTooComplex(ValueError):
    """A body over one of the limits; ``line`` is 1-based within the body."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


def _depth(line: str) -> int:
    quotes = _QUOTES.match(line)
    depth = quotes.group(0).count(">") if quotes else 0
    rest = line[quotes.end() :] if quotes else line
    indent = len(rest) - len(rest.lstrip(" \t"))
    columns = len(rest[:indent].expandtabs(4))
    return depth + columns // 4


def check_body(body: str) -> None:
    """Raise :class:`BodyTooComplex` if rendering ``body`` could exceed the budget."""
    if len(body) > MAX_BODY_CHARS:
        raise BodyTooComplex(
            1, f"the text is {len(body):,} characters; at most {MAX_BODY_CHARS:,} are shown"
        )
    lines = body.split("\n")
    if len(lines) > MAX_BODY_LINES:
        raise BodyTooComplex(
            MAX_BODY_LINES + 1, f"{len(lines):,} lines; at most {MAX_BODY_LINES:,} are shown"
        )
    marks = len(_MARKS.findall(body))
    if marks > MAX_INLINE_MARKS:
        raise BodyTooComplex(
            1,
            f"{marks:,} inline marks (links, code, emphasis, tags); "
            f"at most {MAX_INLINE_MARKS:,} are shown",
        )
    headings = tags = rules = blocks = brackets = all_brackets = 0
    fence = ""
    for number, line in enumerate(lines, start=1):
        opened = _FENCE.match(line)
        if fence:  # code is not parsed as Markdown: its indentation is not nesting
            if opened and opened.group(1).startswith(fence) and not line.strip(" \t`~"):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
            blocks += 1
            if blocks > MAX_CODE_BLOCKS:
                raise BodyTooComplex(number, f"more than {MAX_CODE_BLOCKS:,} code blocks")
            continue
        if not line.strip():
            brackets = 0
            continue
        if _HEADING.match(line):
            headings += 1
            if headings > MAX_HEADINGS:
                raise BodyTooComplex(number, f"more than {MAX_HEADINGS:,} headings")
        if _RULE.match(line):
            rules += 1
            if rules > MAX_RULES:
                raise BodyTooComplex(number, f"more than {MAX_RULES:,} horizontal rules")
        opening = line.count("[")
        brackets += opening
        all_brackets += opening
        if all_brackets > MAX_BRACKETS:
            raise BodyTooComplex(number, f"more than {MAX_BRACKETS:,} '[' (links) outside code")
        if brackets > MAX_BRACKETS_PER_PARAGRAPH:
            raise BodyTooComplex(
                number, f"more than {MAX_BRACKETS_PER_PARAGRAPH} '[' in one paragraph"
            )
        tags += line.count("<")
        if tags > MAX_TAGS:
            raise BodyTooComplex(number, f"more than {MAX_TAGS:,} '<' (HTML tags) outside code")
        if line[:1] in " \t>" and _depth(line) > MAX_NESTING:
            raise BodyTooComplex(
                number, f"lists or quotes nested more than {MAX_NESTING} levels deep"
            )
