"""Parsing the catalog's files: ``sections.yaml`` and each deep dive's front matter.

Every problem is recorded with its file and line and the bad entry skipped; the rest
still loads. ``catalog.load_catalog`` calls these only for files its cache has no valid
entry for, so YAML, the front-matter parser and the limits load only then.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from . import yamlio
from .catalog import DIFFICULTIES, REQUIRED_FIELDS, Article, Problem, Section
from .content_limits import (
    MAX_SUMMARY_CHARS,
    MAX_TITLE_CHARS,
    MAX_TOPIC_CHARS,
    BodyTooComplex,
    check_body,
)
from .frontmatter import FrontMatterError, split_front_matter
from .readtime import count_words
from .safe_read import UnsafeFileError, read_text_file


def load_sections(path: Path, problems: list[Problem], root: Path | None = None) -> list[Section]:
    try:
        text = read_text_file(path, root=root)
    except UnsafeFileError as exc:
        message = "sections.yaml is missing" if not path.exists() else exc.message
        problems.append(Problem(str(path), exc.line, message))
        return []
    try:
        raw = yamlio.load(text)
    except yamlio.YamlError as exc:
        line = exc.line + 1 if exc.line is not None else 1
        problems.append(Problem(str(path), line, f"invalid YAML: {exc.problem}"))
        return []
    if not isinstance(raw, list):
        problems.append(Problem(str(path), 1, "sections.yaml must be a list of sections"))
        return []
    sections: list[Section] = []
    lines = text.splitlines()
    for i, item in enumerate(raw):
        line = _nth_item_line(lines, i)
        if not isinstance(item, dict) or not item.get("slug") or not item.get("title"):
            problems.append(Problem(str(path), line, "each section needs 'slug' and 'title'"))
            continue
        wrong = [k for k in ("slug", "title", "blurb") if _text(item.get(k)) is None]
        if wrong:
            problems.append(Problem(str(path), line, f"'{wrong[0]}' must be a text"))
            continue
        slug = str(_text(item["slug"]))
        if any(s.slug == slug for s in sections):
            problems.append(Problem(str(path), line, f"duplicate section slug '{slug}'"))
            continue
        sections.append(
            Section(
                slug,
                _capped(str(_text(item["title"])), MAX_TITLE_CHARS),
                str(_text(item.get("blurb")) or ""),
            )
        )
    return sections


def _nth_item_line(lines: list[str], n: int) -> int:
    count = -1
    for number, text in enumerate(lines, start=1):
        if text.startswith("- "):
            count += 1
            if count == n:
                return number
    return 1


def _text(value: object) -> str | None:
    """A front matter value as text, or None when it is not one (a list, a mapping, a
    yes/no). Numbers and dates are texts written without quotes (``title: 1984``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return None
    if isinstance(value, (str, int, float, datetime.date)):
        return str(value)
    return None


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "yes/no (put it in quotes)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _capped(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


_TEXT_FIELDS = (
    ("title", MAX_TITLE_CHARS),
    ("slug", 0),
    ("section", 0),
    ("topic", MAX_TOPIC_CHARS),
    ("difficulty", 0),
    ("summary", MAX_SUMMARY_CHARS),
)


def load_article(
    path: Path, section_slugs: set[str], problems: list[Problem], root: Path | None = None
) -> Article | None:
    """Parse one deep dive; on a fatal problem record it and return None (the file is
    skipped). ``root``: the content folder, which the file's resolved path must not leave.
    Nothing raised while reading or checking one file escapes: it is that file's problem."""
    where = str(path)
    try:
        return _load_article(path, section_slugs, problems, root)
    except (RecursionError, MemoryError, ValueError, TypeError, KeyError, AttributeError) as exc:
        problems.append(Problem(where, 1, f"cannot be read: {type(exc).__name__}: {exc}"[:300]))
        return None


def _load_article(
    path: Path, section_slugs: set[str], problems: list[Problem], root: Path | None
) -> Article | None:
    where = str(path)
    try:
        text = read_text_file(path, root=root)
    except UnsafeFileError as exc:
        problems.append(Problem(where, exc.line, exc.message))
        return None
    try:
        doc = split_front_matter(text)
    except FrontMatterError as exc:
        problems.append(Problem(where, exc.line, exc.message))
        return None
    meta, key_line = doc.meta, doc.key_lines
    if doc.duplicates:
        for key, line in doc.duplicates.items():
            problems.append(
                Problem(where, line, f"'{key}' is written twice (first on line {key_line[key]})")
            )
        return None
    missing = [k for k in REQUIRED_FIELDS if meta.get(k) in (None, "")]
    if missing:
        problems.append(Problem(where, 1, f"front matter is missing: {', '.join(missing)}"))
        return None
    fields: dict[str, str] = {}
    for key, limit in _TEXT_FIELDS:
        value = _text(meta[key])
        if value is None:
            problems.append(
                Problem(
                    where, key_line.get(key, 1), f"'{key}' must be a text, not {_kind(meta[key])}"
                )
            )
            continue
        value = " ".join(value.split()) if key == "summary" else value.strip()
        if limit and len(value) > limit:
            problems.append(
                Problem(
                    where,
                    key_line.get(key, 1),
                    f"'{key}' is {len(value):,} characters; shortened to {limit}",
                )
            )
            value = _capped(value, limit)
        fields[key] = value
    if len(fields) < len(_TEXT_FIELDS):
        return None
    order = meta["order"]
    rules = [
        (
            fields["difficulty"] in DIFFICULTIES,
            "difficulty",
            f"difficulty must be one of {', '.join(DIFFICULTIES)}",
        ),
        (
            fields["section"] in section_slugs,
            "section",
            f"section '{_capped(fields['section'], 80)}' is not in sections.yaml",
        ),
        (
            isinstance(order, int) and not isinstance(order, bool),
            "order",
            "order must be a whole number",
        ),
        (
            fields["slug"] == path.stem,
            "slug",
            f"slug '{_capped(fields['slug'], 80)}' must match the file name '{path.stem}'",
        ),
    ]
    broken = [(key, message) for ok, key, message in rules if not ok]
    problems.extend(Problem(where, key_line.get(key, 1), message) for key, message in broken)
    if broken:
        return None
    try:
        check_body(doc.body)
    except BodyTooComplex as exc:
        problems.append(
            Problem(where, doc.body_line + exc.line, f"{exc.message}; the file is skipped")
        )
        return None
    return Article(
        slug=fields["slug"],
        title=fields["title"],
        section=fields["section"],
        topic=fields["topic"],
        difficulty=fields["difficulty"],
        summary=fields["summary"],
        order=order,
        path=path,
        body=doc.body,
        body_line=doc.body_line,
        word_count=count_words(doc.body),
    )
