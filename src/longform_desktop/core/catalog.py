"""The catalog: ``sections.yaml`` plus each deep dive's front matter.

Loading never stops at the first bad file: each problem is recorded with its file and
line, the bad article is skipped, and the rest of the catalog still loads.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from . import yamlio
from .catalog_cache import CatalogCache
from .frontmatter import FrontMatterError, split_front_matter
from .readtime import count_words, read_minutes

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


def load_sections(path: Path, problems: list[Problem]) -> list[Section]:
    try:
        raw = yamlio.load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(Problem(str(path), 1, "sections.yaml is missing"))
        return []
    except yamlio.YamlError as exc:
        line = exc.line + 1 if exc.line is not None else 1
        problems.append(Problem(str(path), line, f"invalid YAML: {exc.problem}"))
        return []
    if not isinstance(raw, list):
        problems.append(Problem(str(path), 1, "sections.yaml must be a list of sections"))
        return []
    sections: list[Section] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, item in enumerate(raw):
        line = _nth_item_line(lines, i)
        if not isinstance(item, dict) or not item.get("slug") or not item.get("title"):
            problems.append(Problem(str(path), line, "each section needs 'slug' and 'title'"))
            continue
        if any(s.slug == item["slug"] for s in sections):
            problems.append(Problem(str(path), line, f"duplicate section slug '{item['slug']}'"))
            continue
        sections.append(
            Section(str(item["slug"]), str(item["title"]), str(item.get("blurb") or ""))
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


def load_article(path: Path, section_slugs: set[str], problems: list[Problem]) -> Article | None:
    """Parse one deep dive; on a fatal problem record it and return None (the file is skipped)."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(where, 1, f"cannot read file: {exc}"))
        return None
    try:
        doc = split_front_matter(text)
    except FrontMatterError as exc:
        problems.append(Problem(where, exc.line, exc.message))
        return None
    meta, key_line = doc.meta, doc.key_lines
    missing = [k for k in REQUIRED_FIELDS if meta.get(k) in (None, "")]
    if missing:
        problems.append(Problem(where, 1, f"front matter is missing: {', '.join(missing)}"))
        return None
    rules = [
        (
            meta["difficulty"] in DIFFICULTIES,
            "difficulty",
            f"difficulty must be one of {', '.join(DIFFICULTIES)}",
        ),
        (
            meta["section"] in section_slugs,
            "section",
            f"section '{meta['section']}' is not in sections.yaml",
        ),
        (isinstance(meta["order"], int), "order", "order must be a whole number"),
        (
            str(meta["slug"]) == path.stem,
            "slug",
            f"slug '{meta['slug']}' must match the file name '{path.stem}'",
        ),
    ]
    broken = [(key, message) for ok, key, message in rules if not ok]
    problems.extend(Problem(where, key_line.get(key, 1), message) for key, message in broken)
    fatal = bool(broken)
    if fatal:
        return None
    return Article(
        slug=str(meta["slug"]),
        title=str(meta["title"]).strip(),
        section=str(meta["section"]),
        topic=str(meta["topic"]).strip(),
        difficulty=str(meta["difficulty"]),
        summary=" ".join(str(meta["summary"]).split()),
        order=int(meta["order"]),
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


def _cached_article(path: Path, value: dict, section_slugs: set[str]) -> Article | None:
    """The article from its cached front matter and word count; None if unusable."""
    if value.get("section") not in section_slugs:
        return None  # sections changed: parse again so the problem is reported
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    body = "".join(text.splitlines(keepends=True)[value["body_line"] :])
    return Article(path=path, body=body, **{k: value[k] for k in _CACHED_FIELDS})


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
    if cached_sections is not None:
        sections = [Section(slug, title, blurb) for slug, title, blurb in cached_sections]
    else:
        sections = load_sections(sections_path, problems)
        if sections and not problems:
            cache.put(sections_path, [[s.slug, s.title, s.blurb] for s in sections])
    slugs = {s.slug for s in sections}
    by_section: dict[str, list[Article]] = {s: [] for s in slugs}
    seen: dict[str, Path] = {}
    paths = sorted(content_dir.glob("*/*.md"))
    for path in paths:
        value = cache.get(path)
        article = _cached_article(path, value, slugs) if value else None
        if article is None:
            before = len(problems)
            article = load_article(path, slugs, problems)
            if article is None:
                continue
            if len(problems) == before:
                cache.put(path, {k: getattr(article, k) for k in _CACHED_FIELDS})
        if article.slug in seen:
            problems.append(
                Problem(str(path), 1, f"slug '{article.slug}' already used by {seen[article.slug]}")
            )
            continue
        if path.parent.name != article.section:
            problems.append(
                Problem(
                    str(path),
                    1,
                    f"file is in folder '{path.parent.name}' "
                    f"but its section is '{article.section}'",
                )
            )
        seen[article.slug] = path
        by_section[article.section].append(article)
    ordered = [
        Section(
            s.slug,
            s.title,
            s.blurb,
            tuple(sorted(by_section[s.slug], key=lambda a: (a.order, a.title))),
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
