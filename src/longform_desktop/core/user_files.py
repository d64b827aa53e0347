"""One file of the user's library read into an ``Article``: text, title, summary, body.

The rules (docs/user-library.md) live here; finding the files, giving them slugs and
scanning the folder with its cache are in user_library.py. No Qt.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

from .catalog import DIFFICULTIES, Article, Problem
from .frontmatter import FrontMatterError, split_front_matter
from .safe_read import UnsafeFileError, read_text_file
from .safe_read import not_regular as not_regular

SUFFIXES = (".md", ".markdown")
LIBRARY_SECTION = "your-library"
DEFAULT_TOPIC = "Your notes"
LIBRARY_TITLE = "Your deep dives"
# A Markdown file this large is generated (a log, an export), not notes; reading and
# rendering it would stall the reader (issue 16: "over 5 MB ... skipped").
MAX_FILE_BYTES = 5 * 1024 * 1024  # the same as safe_read.MAX_FILE_BYTES
SUMMARY_CHARS = 300
TITLE_CHARS = 200  # a 2 MB title is a mistake; the card and the reader show this much
INLINE_CHARS = 4000
# YAML this long is not front matter but a data file; libyaml takes seconds over it.
MAX_FRONT_MATTER_CHARS = 64 * 1024

_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(?P<marks>#{1,6})(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*$")
_HTML_H1 = re.compile(r"^\s*<h1\b[^>]*>(.*?)</h1>\s*$", re.IGNORECASE)
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")
_SETEXT_H2 = re.compile(r"^ {0,3}-+[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$")
_LINK_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s")


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """The file as text with ``\\n`` line ends, or None (and a problem) if it cannot be.

    ``core.safe_read``: only a regular file is read, and at most ``MAX_FILE_BYTES``; it is
    opened without blocking and checked on the open descriptor, so a FIFO, a device (a
    link to ``/dev/zero``) or a file swapped for one since the folder was walked is never
    read. No ``root``: links that leave the folder are followed (docs/user-library.md).
    """
    try:
        return read_text_file(path, max_bytes=MAX_FILE_BYTES)
    except UnsafeFileError as exc:
        message = exc.message
        if message.startswith("not UTF-8"):
            message += " to see it here"
        problems.append(Problem(str(path), exc.line, message))
        return None


@dataclass(frozen=True)
class Parsed:
    """What reading one file decided; all of it but ``body`` goes in the scan cache."""

    title: str
    topic: str
    difficulty: str
    summary: str
    body_line: int
    blanked: tuple[int, ...]  # body lines emptied (the title line)
    shifted: bool  # headings moved one level down
    word_count: int
    body: str
    asked_section: str = ""  # front matter ``section`` as written ("" = none)
    section_line: int = 1  # where it is written, for the problem if it names no section

    def cached(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "body"}


PARSED_FIELDS = tuple(f.name for f in fields(Parsed))


@dataclass(frozen=True)
class UserArticle(Article):
    """A file of the user's folder. Its ``section`` is "Your deep dives" or the bundled
    section its front matter names, so this type (``is_user_article``) is what tells it
    from a bundled deep dive."""


def is_user_article(article: Article) -> bool:
    return isinstance(article, UserArticle)


def build_article(
    path: Path, slug: str, order: int, parsed: Parsed, section: str = LIBRARY_SECTION
) -> UserArticle:
    return UserArticle(
        slug=slug,
        title=parsed.title,
        section=section,
        topic=parsed.topic,
        difficulty=parsed.difficulty,
        summary=parsed.summary,
        order=order,
        path=path,
        body=parsed.body,
        body_line=parsed.body_line,
        word_count=parsed.word_count,
    )


def parse_file(text: str, path: Path, root: Path, problems: list[Problem]) -> Parsed:
    where = str(path)
    meta: dict[str, object] = {}
    body, body_line = text, 0
    first = text.split("\n", 1)[0].strip()
    if first == "---" and _front_matter_too_long(text):
        problems.append(
            Problem(
                where,
                1,
                f"front matter over {MAX_FRONT_MATTER_CHARS // 1024} KB "
                "(or not closed in that much); ignored",
            )
        )
    elif first == "---":
        try:
            doc = split_front_matter(text)
        except (RecursionError, MemoryError):  # nesting libyaml can parse, Python cannot
            problems.append(Problem(where, 1, "front matter nested too deeply; ignored"))
            body, body_line = _after_front_matter(text)
        except FrontMatterError as exc:
            # An opening rule alone, or prose between two rules, is just Markdown.
            if "not closed" not in exc.message and "mapping" not in exc.message:
                problems.append(Problem(where, exc.line, f"{exc.message}; front matter ignored"))
                body, body_line = _after_front_matter(text)
        else:
            meta, body, body_line = doc.meta, doc.body, doc.body_line
    elif first == "+++":  # Hugo's TOML front matter
        meta, body, body_line = _toml_front_matter(text, where, problems)
    lines = body.split("\n")
    title = _text_field(meta, "title", where, problems)
    heading, title_lines = _heading_title(lines)
    blanked: tuple[int, ...] = ()
    if not title or heading.casefold() == title.casefold():
        # No title in the front matter, or the first line repeats it.
        title, blanked = title or heading, title_lines
    if not title:
        title = " ".join(stem(path.name).replace("_", " ").replace("-", " ").split())
        title = title or stem(path.name)
    if len(title) > TITLE_CHARS:
        title = title[: TITLE_CHARS - 1].rstrip() + "…"
    lines = _blank(lines, blanked)
    shifted_lines = _shift_headings_if_needed(lines)
    shifted = shifted_lines is not lines
    body = "\n".join(shifted_lines)
    relative = path.relative_to(root)
    topic = _text_field(meta, "topic", where, problems)
    if not topic:
        topic = relative.parts[0] if len(relative.parts) > 1 else DEFAULT_TOPIC
    difficulty = _text_field(meta, "difficulty", where, problems).casefold()
    if difficulty and difficulty not in DIFFICULTIES:
        problems.append(
            Problem(
                where,
                _meta_line(text, "difficulty"),
                f"difficulty must be one of {', '.join(DIFFICULTIES)}; ignored",
            )
        )
        difficulty = ""
    summary = _text_field(meta, "summary", where, problems) or first_paragraph(shifted_lines)
    asked_section = _text_field(meta, "section", where, problems)
    return Parsed(
        title=title,
        topic=topic,
        difficulty=difficulty,
        summary=_trim(" ".join(summary.split())),
        body_line=body_line,
        blanked=blanked,
        shifted=shifted,
        word_count=count_reading_words(body),
        body=body,
        asked_section=asked_section,
        section_line=_meta_line(text, "section"),
    )


# Han (with its extensions and compatibility forms), Hiragana and Katakana: written
# without spaces, so a run of them is one "word" to the word pattern.
_CJK_RUN = re.compile(
    "[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+"
)
# As core/readtime: a word, a fence line, and a diagram block's opening line.
_WORD = re.compile(r"\w+(?:['’.\-]\w+)*")
_FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_DIAGRAM_OPEN = re.compile(r"^(`{3,}|~{3,})[ \t]*diagram\b")


def count_reading_words(body: str) -> int:
    """The words of ``core.readtime.count_words`` (prose and code, not diagram blocks nor
    fence lines), counted line by line in one pass: its diagram-block pattern is
    quadratic on unclosed fences (12,000 of them: 17 s), and one user file must never
    stall a scan. Also, each Chinese or Japanese character is read as one word: about
    230 characters a minute, near measured Chinese reading speeds (~250 a minute).
    Korean puts spaces between words and is counted as it is."""
    total = 0
    pending: int | None = None  # the words of an open diagram block: kept if never closed
    closing = ""
    for line in body.split("\n"):
        if pending is not None:
            if line.rstrip(" \t") == closing:
                pending = None  # a whole diagram block: drawn, not read
            elif not _FENCE_LINE.match(line):
                pending += _line_words(line)
            continue
        opening = _DIAGRAM_OPEN.match(line)
        if opening:
            pending, closing = 0, opening.group(1)
        elif not _FENCE_LINE.match(line):
            total += _line_words(line)
    return total + (pending or 0)


def _line_words(line: str) -> int:
    words = len(_WORD.findall(line))
    if _CJK_RUN.search(line):
        words += sum(len(run) - 1 for run in _CJK_RUN.findall(line))
    return words


def _blank(lines: list[str], indices: Iterable[int]) -> list[str]:
    indices = set(indices)
    if not indices:
        return lines
    return ["" if i in indices else line for i, line in enumerate(lines)]


def body_again(text: str, value: dict) -> str:
    """The body a cached entry describes, from the file's text (no parsing)."""
    lines = text.split("\n")[value["body_line"] :]
    lines = _blank(lines, value["blanked"])
    if value["shifted"]:
        lines = _shift_headings_if_needed(lines)
    return "\n".join(lines)


def _front_matter_too_long(text: str) -> bool:
    """True when no closing ``---`` comes within MAX_FRONT_MATTER_CHARS of the start
    but one comes later (an unclosed opening rule is just Markdown)."""
    head = text[: MAX_FRONT_MATTER_CHARS + 1]
    if re.search(r"\n---[ \t]*(\n|$)", head[3:]):
        return False
    return re.search(r"\n---[ \t]*(\n|$)", text[len(head) - 5 :]) is not None


def _toml_front_matter(
    text: str, where: str, problems: list[Problem]
) -> tuple[dict[str, object], str, int]:
    """``+++`` ... ``+++`` (Hugo): its fields as YAML's would be; unclosed, just text."""
    import tomllib

    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "+++"), None)
    if end is None:
        return {}, text, 0
    body, body_line = "\n".join(lines[end + 1 :]), end + 1
    try:
        meta = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(where, 2, f"invalid TOML front matter: {exc}; ignored"))
        return {}, body, body_line
    return meta, body, body_line


def _after_front_matter(text: str) -> tuple[str, int]:
    """The body after a front matter block that did not parse (its closing ``---``)."""
    lines = text.split("\n")
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            return "\n".join(lines[end + 1 :]), end + 1
    return text, 0


def _meta_line(text: str, key: str) -> int:
    for number, line in enumerate(text.split("\n")[:200], start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _text_field(meta: dict[str, object], key: str, where: str, problems: list[Problem]) -> str:
    value = meta.get(key)
    if value is None or value == "":
        return ""
    # A date is text too: YAML reads "title: 2021-06-01" as one.
    if isinstance(value, (str, int, float, datetime.date)) and not isinstance(value, bool):
        return " ".join(str(value).split())
    problems.append(Problem(where, 1, f"front matter '{key}' must be text; ignored"))
    return ""


def _outside_fences(lines: list[str]) -> Iterable[tuple[int, str]]:
    """(index, line) of every line that is not inside a fenced code block."""
    fence = ""
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence:
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = ""
            continue
        if match:
            fence = match.group("fence")
            continue
        yield index, line


def _heading_title(lines: list[str]) -> tuple[str, tuple[int, ...]]:
    """The first level-1 heading as the title, and the lines to blank: when it opens the
    file it is the file's title line, and the reader prints the title above the body.
    Blanked, not removed, so every line keeps its number for problems."""
    first_text = next((i for i, line in enumerate(lines) if line.strip()), None)
    previous = ""
    for index, line in _outside_fences(lines):
        match = _ATX.match(line)
        if match and len(match.group("marks")) == 1:
            title = plain_inline(match.group("text") or "")
            if title:
                return title, (index,) if index == first_text else ()
        elif html_h1 := _HTML_H1.match(line):
            title = plain_inline(html_h1.group(1))
            if title:  # a README's centred <h1>: blanked when only HTML comes before it
                before = lines[:index]
                only_html = all(not b.strip() or b.lstrip().startswith("<") for b in before)
                return title, (index,) if only_html else ()
        elif _SETEXT_H1.match(line) and previous.strip() and index >= 1:
            title = plain_inline(previous)
            return title, (index - 1, index) if title and index - 1 == first_text else ()
        previous = line
    return "", ()


def _shift_headings_if_needed(lines: list[str]) -> list[str]:
    """Notes that use ``#`` for every part (``# Setup``, ``# Usage``) are moved one level
    down: the reader, its contents and the search index cut an article at ``##``-``####``
    headings, as in every bundled deep dive. Line numbers do not change."""
    outside = list(_outside_fences(lines))
    if not any(_is_h1(lines, i) for i, _ in outside):
        return lines
    shifted = list(lines)
    previous_index = -2
    for index, line in outside:
        match = _ATX.match(line)
        if match:
            marks = match.group("marks")
            if len(marks) < 6:
                start = line.index("#")
                shifted[index] = line[:start] + "#" + line[start:]
        elif (
            _SETEXT_H1.match(line)
            and previous_index == index - 1
            and lines[index - 1].strip()
            and (index < 2 or not lines[index - 2].strip())
        ):
            shifted[index] = "-" * max(3, len(line.strip()))  # setext h1 -> setext h2
        elif (
            _SETEXT_H2.match(line)
            and previous_index == index - 1
            and lines[index - 1].strip()
            and (index < 2 or not lines[index - 2].strip())
            and not _ATX.match(lines[index - 1])
        ):
            shifted[index - 1] = "### " + lines[index - 1].strip()
            shifted[index] = ""
        previous_index = index
    return shifted


def _is_h1(lines: list[str], index: int) -> bool:
    match = _ATX.match(lines[index])
    if match and len(match.group("marks")) == 1:
        return True
    return bool(
        _SETEXT_H1.match(lines[index])
        and index >= 1
        and lines[index - 1].strip()
        and (index < 2 or not lines[index - 2].strip())
    )


# Each class stops at the next opening mark as well as at its closing one, so that a
# line of 100,000 unclosed "[" or "<a" is one pass, not one pass per mark.
_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()]*\)")
_FOOTNOTE = re.compile(r"\[\^[^\[\]\s]+\]")
_EMPTY_LINK = re.compile(r"\[\s*\]\([^()]*\)")
_WIKI = re.compile(r"\[\[([^\[\]|]+)(?:\|([^\[\]]+))?\]\]")
_LINK = re.compile(r"\[([^\[\]]+)\](?:\([^()]*\)|\[[^\[\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>]+)>")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_STRONG = re.compile(r"\*\*|__|~~|`+")
_EMPHASIS = re.compile(r"(?<!\w)[*_]|[*_](?!\w)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def plain_inline(text: str) -> str:
    """Markdown inline text as the reader shows it, without the marks. Only the first
    ``INLINE_CHARS`` are looked at: titles and summaries are short, and a few of these
    patterns are quadratic on a megabyte line of unclosed ``[`` or ``<``."""
    text = text[:INLINE_CHARS]
    text = _IMAGE.sub("", text)
    text = _EMPTY_LINK.sub("", text)  # what a linked image (a badge) leaves
    text = _FOOTNOTE.sub("", text)
    text = _WIKI.sub(lambda m: m.group(2) or m.group(1), text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _STRONG.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return " ".join(html.unescape(text).split())


_LIST_OR_QUOTE = re.compile(r"^\s*(?:>\s?)+|^\s*(?:[-*+]|\d+[.)])\s+")


def first_paragraph(lines: list[str]) -> str:
    """The first paragraph of prose: not a heading, code, table, HTML, rule or image."""
    paragraph: list[str] = []
    outside = dict(_outside_fences(lines))
    for index, line in enumerate(lines):
        if index not in outside:  # fenced code
            if paragraph:
                break
            continue
        stripped = line.strip()
        if not stripped:
            if paragraph:
                break
            continue
        if paragraph and (_SETEXT_H1.match(line) or _SETEXT_H2.match(line)):
            paragraph = []  # that "paragraph" was a heading
            continue
        markup_only = stripped.startswith(("<", "[", "![")) and not plain_inline(stripped)
        skip = (
            _ATX.match(line)
            or _RULE.match(line)
            or _LINK_DEF.match(line)
            or stripped.startswith(("|", "<!--"))
            or markup_only
            or (not paragraph and line.startswith(("    ", "\t")))  # indented code
        )
        if skip:
            if paragraph:
                break
            continue
        paragraph.append(_LIST_OR_QUOTE.sub("", stripped[:INLINE_CHARS]))
        if sum(map(len, paragraph)) > INLINE_CHARS:
            break  # enough for a summary of SUMMARY_CHARS
    return plain_inline(" ".join(paragraph))


def _trim(text: str) -> str:
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text[:SUMMARY_CHARS]
    space = cut.rfind(" ")
    if space > SUMMARY_CHARS * 2 // 3:  # scripts without spaces are cut where they stand
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


def stem(name: str) -> str:
    lower = name.lower()
    for suffix in SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name
