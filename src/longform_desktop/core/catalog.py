"""The catalog: ``sections.yaml`` plus each deep dive's front matter.

Loading never stops at the first bad file: each problem is recorded with its file and
line, the bad article is skipped, and the rest of the catalog still loads. Parsing the
files is ``catalog_files.py``'s, imported only when the cache (``catalog_cache.py``)
has no valid entry for a file: a start-up with unchanged content parses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .catalog_cache import CatalogCache
from .readtime import read_minutes
from .safe_read import UnsafeFileError, read_text_file

if TYPE_CHECKING:
    from .diagram import Diagram

DIFFICULTIES = ("easy", "medium", "hard")
REQUIRED_FIELDS = ("title", "slug", "section", "topic", "difficulty", "summary", "order")


# A NamedTuple: cheaper to define than a frozen dataclass (docs/architecture.md, Start-up).
class Problem(NamedTuple):
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


class Section(NamedTuple):  # a NamedTuple for the reason Problem is one
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


# Where str.splitlines() breaks a line besides "\n" (the text's line ends are "\n" already).
_OTHER_LINE_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def after_lines(text: str, count: int) -> str:
    """``text`` without its first ``count`` lines, counted as the front-matter parser
    counts them (``splitlines``), without splitting the whole file: start-up does this
    for every cached deep dive (~1 ms of splitting and joining)."""
    at = 0
    for _ in range(count):
        end = text.find("\n", at)
        at = end + 1 if end >= 0 else len(text)
    if any(mark in text[:at] for mark in _OTHER_LINE_BREAKS):  # rare: count as it does
        return "".join(text.splitlines(keepends=True)[count:])
    return text[at:]


def _cached_article(
    path: Path, value: object, section_slugs: set[str], root: Path
) -> Article | None:
    """The article from its cached front matter and word count; None if unusable."""
    try:
        if not isinstance(value, dict) or value.get("section") not in section_slugs:
            return None  # sections changed: parse again so the problem is reported
        text = read_text_file(path, root=root)
        body = after_lines(text, value["body_line"])
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
        from .catalog_files import load_sections

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
            from .catalog_files import load_article

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
