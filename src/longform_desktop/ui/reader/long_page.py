"""A very long page is shown in part first: the reader never stalls on it. No Qt.

Setting a page in Qt's text document runs on the GUI thread and grows faster than the
page: 20,000 headings took 146 s (every heading anchor is a distinct character format,
and Qt hashes a list-valued format property by its type name, so each new anchor is
compared with all the others), a 100,000-line code block over 20 s. So a body over any
of the budgets below is cut at a line (a code fence open there is closed) and the page
says so, with "Show all"; and however much is shown, only the first ``MAX_ANCHORS``
headings keep their anchors (the table of contents lists those).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from longform_desktop.core.content_limits import BodyTooComplex, check_body

MAX_CHARS = 200_000  # ~30,000 words: a long book chapter
MAX_HEADINGS = 400
MAX_CODE_LINES = 800  # Pygments and the code table's fitting: ~0.4 ms a line
MAX_LINE_CHARS = 30_000  # one paragraph this long is laid out as one block: ~1 ms per 1,000
MAX_ANCHORS = 400  # headings that keep an anchor (and a TOC entry), however much is shown

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)")


@dataclass(frozen=True)
class Part:
    body: str
    cut: bool  # False: ``body`` is the whole body
    chars: int  # of the whole body
    headings: int  # counted up to the cut (at least MAX_HEADINGS when cut for them)
    code_lines: int
    whole_allowed: bool = True  # the whole body is within core's budget ("Show all")


def first_part(
    body: str,
    *,
    max_chars: int = MAX_CHARS,
    max_headings: int = MAX_HEADINGS,
    max_code_lines: int = MAX_CODE_LINES,
) -> Part:
    """``body`` up to the first budget it exceeds (cut at the end of a line)."""
    fence = ""  # the open fence's marker, "" outside code
    used = headings = code = 0
    kept: list[str] = []
    cut = False
    for line in body.splitlines(keepends=True):
        if fence:
            if line.lstrip(" ").startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            else:
                code += 1
        else:
            match = _FENCE.match(line)
            if match:
                fence = match.group(1)
            elif _HEADING.match(line):
                headings += 1
        too_long = len(line) > MAX_LINE_CHARS
        if used + len(line) > max_chars or headings > max_headings or code > max_code_lines:
            if used + len(line) > max_chars and not kept:  # one huge first line
                kept.append(_cut_line(line, min(max_chars, MAX_LINE_CHARS)))
            cut = True
            break
        if too_long:  # the page ends inside this line
            kept.append(_cut_line(line, MAX_LINE_CHARS))
            cut = True
            break
        kept.append(line)
        used += len(line)
    if not cut and _renderable(body):
        return Part(body, False, len(body), headings, code)
    text = _closed("".join(kept), fence)
    # What core would refuse to render at all (content_limits: marks, tags, brackets,
    # nesting...) is cut off too, before the line it names; the whole may not be shown.
    for _ in range(16):
        try:
            check_body(text)
            break
        except BodyTooComplex as exc:
            lines = text.splitlines(keepends=True)
            # A count over the whole body names line 1: then halve the part.
            keep = exc.line - 1 if exc.line > 1 else len(lines) // 2
            lines = lines[:keep]
            text = _closed("".join(lines), _open_fence(lines))
    else:
        text = ""
    return Part(text, True, len(body), headings, code, whole_allowed=_renderable(body))


def _renderable(body: str) -> bool:
    try:
        check_body(body)
    except BodyTooComplex:
        return False
    return True


def _open_fence(lines: list[str]) -> str:
    fence = ""
    for line in lines:
        if fence:
            if line.lstrip(" ").startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
        else:
            match = _FENCE.match(line)
            if match:
                fence = match.group(1)
    return fence


def _closed(text: str, fence: str) -> str:
    return text.rstrip("\n") + f"\n{fence}\n" if fence else text


def _cut_line(line: str, max_chars: int) -> str:
    head = line[:max_chars]
    space = head.rfind(" ")
    return (head[:space] if space > max_chars // 2 else head) + " …\n"


_ANCHOR = re.compile(r'<a name="[^"]*"></a>|(<h[1-6][^>]*?) id="[^"]*"')


def limit_anchors(page_html: str, keep: int = MAX_ANCHORS) -> str:
    """``page_html`` with the heading anchors after the first ``keep`` headings removed
    (an ``<hN id>`` and its ``<a name>`` count as one heading)."""
    seen = 0

    def drop(match: re.Match[str]) -> str:
        nonlocal seen
        if match.group(1) is not None:  # a heading's id: one more heading
            seen += 1
            return match.group(0) if seen <= keep else match.group(1)
        return match.group(0) if seen <= keep else ""

    return _ANCHOR.sub(drop, page_html)


def describe(part: Part) -> str:
    """Why the page is cut, in words, for the notice above it."""
    megabytes = part.chars / 1_048_576
    size = f"{megabytes:.1f} MB" if megabytes >= 0.1 else f"{part.chars:,} characters"
    if part.headings > MAX_HEADINGS:
        what = f"more than {MAX_HEADINGS} headings"
    elif part.code_lines > MAX_CODE_LINES:
        what = f"a code block of more than {MAX_CODE_LINES:,} lines"
    else:
        what = size
    if not part.whole_allowed:
        return f"This page is too long to show whole ({what}): only the first part is shown."
    return f"This page is very long ({what}): only the first part is shown."
