"""The catalog: ``sections.yaml`` plus each deep dive's front matter.

Loading never stops at the first bad file: each problem is recorded with its file and
line, the bad article is skipped, and the rest of the catalog still loads.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from . import yamlio
from .catalog_cache import CatalogCache
from .content_limits import (
    MAX_SUMMARY_CHARS,
    MAX_TITLE_CHARS,
    MAX_TOPIC_CHARS,
    BodyTooComplex,
    check_body,
)
from .frontmatter import FrontMatterError, split_front_matter
from .readtime import count_words, read_minutes
from .safe_read import UnsafeFileError, read_text_file

if TYPE_CHECKING:
    from .diagram import Diagram

DIFFICULTIES = ("easy", "medium", "hard")
REQUIRED_FIELDS = ("title", "slug", "section", "topic", "difficulty", "summary", "order")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    section: str
    topic: str
    difficulty: str
    summary: str
    order: int
    path: Path
    body: str
    body_line: int
    word_count: int

    @cached_property
    def _parsed_diagrams(self) -> tuple[tuple[Diagram, ...], tuple[Problem, ...]]:
        # Parsed on first use, not at start-up: the catalog screen needs none of them
        # (32 diagram blocks are ~35 ms of YAML). `longform check` asks for them eagerly.
        from .diagram import parse_diagrams

        diagrams, errors = parse_diagrams(self.body, str(self.path), self.body_line)
        problems = tuple(
            Problem(
                e.path,
                e.line,
                f"{e.message} (field '{e.field_name}')" if e.field_name else e.message,
            )
            for e in errors
        )
        return tuple(diagrams), problems

    @property
    def diagrams(self) -> tuple[Diagram, ...]:
        return self._parsed_diagrams[0]

    @property
    def diagram_problems(self) -> tuple[Problem, ...]:
        """Broken diagram blocks: reported, but they do not hide the article (the reader
        shows a notice in their place, so nothing the author wrote is lost)."""
        return self._parsed_diagrams[1]

    @property
    def read_minutes(self) -> int:
        return read_minutes(self.word_count)

    @property
    def is_written(self) -> bool:
        """A deep dive with front matter only is listed but cannot be opened yet."""
        return self.word_count > 0

    @property
    def content_hash(self) -> str:
        import hashlib  # here: only the search index asks, after the first paint (~3 ms)

        digest = hashlib.sha256()
        for part in (
            self.title,
            self.section,
            self.topic,
            self.difficulty,
            self.summary,
            self.body,
        ):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    blurb: str = ""
    articles: tuple[Article, ...] = ()


@dataclass
class Catalog:
    sections: list[Section]
    problems: list[Problem] = field(default_factory=list)

    @property
    def articles(self) -> list[Article]:
        return [a for s in self.sections for a in s.articles]

    def article(self, slug: str) -> Article | None:
        return next((a for a in self.articles if a.slug == slug), None)

    def section(self, slug: str) -> Section | None:
        return next((s for s in self.sections if s.slug == slug), None)

    def topics(self) -> list[str]:
        return sorted({a.topic for a in self.articles})


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


_CACHED_FIELDS = (
    "slug",
    "title",
    "section",
    "topic",
    "difficulty",
    "summary",
    "order",
    "body_line",
    "word_count",
)


def _cached_article(
    path: Path, value: object, section_slugs: set[str], root: Path
) -> Article | None:
    """The article from its cached front matter and word count; None if unusable."""
    try:
        if not isinstance(value, dict) or value.get("section") not in section_slugs:
            return None  # sections changed: parse again so the problem is reported
        text = read_text_file(path, root=root)
        body = "".join(text.splitlines(keepends=True)[value["body_line"] :])
        return Article(path=path, body=body, **{k: value[k] for k in _CACHED_FIELDS})
    except (UnsafeFileError, KeyError, TypeError):
        return None  # a damaged cache entry or a changed file: parse the file again


def _genuine_first(article: Article) -> tuple[bool, str]:
    # Of two files with one slug, the one in its own section's folder is the deep dive
    # (its file name already matches the slug); a tie goes to the path order.
    return (article.path.parent.name != article.section, str(article.path))


def load_catalog(
    content_dir: Path, check_diagrams: bool = True, cache_file: Path | None = None
) -> Catalog:
    """Load sections and deep dives.

    ``check_diagrams=False`` leaves diagram blocks to be parsed when an article is first
    opened or indexed, and ``cache_file`` lets unchanged files skip YAML parsing: the
    GUI's fast start-up path. ``longform check`` uses neither.
    """
    problems: list[Problem] = []
    cache = CatalogCache(cache_file)
    sections_path = content_dir / "sections.yaml"
    cached_sections = cache.get(sections_path)
    sections: list[Section] = []
    if isinstance(cached_sections, list):
        try:
            sections = [Section(slug, title, blurb) for slug, title, blurb in cached_sections]
        except (TypeError, ValueError):
            sections = []
    if not sections:
        sections = load_sections(sections_path, problems, root=content_dir)
        if sections and not problems:
            cache.put(sections_path, [[s.slug, s.title, s.blurb] for s in sections])
    slugs = {s.slug for s in sections}
    by_section: dict[str, list[Article]] = {s: [] for s in slugs}
    paths = sorted(content_dir.glob("*/*.md"))
    loaded: list[Article] = []
    for path in paths:
        value = cache.get(path)
        article = _cached_article(path, value, slugs, content_dir) if value else None
        if article is None:
            before = len(problems)
            article = load_article(path, slugs, problems, root=content_dir)
            if article is None:
                continue
            if len(problems) == before:
                cache.put(path, {k: getattr(article, k) for k in _CACHED_FIELDS})
        loaded.append(article)
    kept: dict[str, Article] = {}
    for article in sorted(loaded, key=_genuine_first):
        first = kept.get(article.slug)
        if first is not None:
            problems.append(
                Problem(
                    str(article.path),
                    1,
                    f"slug '{article.slug}' is already used by {first.path}; this file is skipped",
                )
            )
            continue
        if article.path.parent.name != article.section:
            problems.append(
                Problem(
                    str(article.path),
                    1,
                    f"file is in folder '{article.path.parent.name}' "
                    f"but its section is '{article.section}'",
                )
            )
        kept[article.slug] = article
        by_section[article.section].append(article)
    ordered = [
        Section(
            s.slug,
            s.title,
            s.blurb,
            tuple(sorted(by_section[s.slug], key=lambda a: (a.order, a.title, str(a.path)))),
        )
        for s in sections
    ]
    cache.keep_only({str(sections_path), *(str(p) for p in paths)})
    cache.save()
    if check_diagrams:
        for section in ordered:
            for article in section.articles:
                problems.extend(article.diagram_problems)
    return Catalog(ordered, problems)
