"""The user's own Markdown: a folder scanned into a "Your library" catalog section.

Real notes rarely carry our front matter, so every field is optional and has a rule
(docs/user-library.md):

- title: front matter ``title``, else the first ``# heading``, else the file name;
- slug: the path inside the folder in kebab-case, unique, never a bundled deep dive's;
- topic: front matter ``topic``, else the top folder's name, else "Your notes";
- summary: front matter ``summary``, else the first paragraph (plain text, trimmed);
- difficulty: front matter ``difficulty`` when it is easy, medium or hard, else none.

Nothing stops at a bad file: a file that cannot be read (not UTF-8, too large, a broken
link) is skipped and reported with its file and line; bad front matter is reported and
the file is still shown (its front matter ignored); a broken ``diagram`` block is
reported and the reader shows its "could not be drawn" notice. No Qt here: the CLI and
the app's worker threads both scan with this module.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import os
import re
import stat
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .catalog import DIFFICULTIES, Article, Catalog, Problem, Section
from .catalog_cache import CatalogCache
from .frontmatter import FrontMatterError, split_front_matter
from .readtime import count_words

LIBRARY_SECTION = "your-library"
LIBRARY_TITLE = "Your library"
DEFAULT_TOPIC = "Your notes"
SUFFIXES = (".md", ".markdown")
# A Markdown file this large is generated (a log, an export), not notes; reading and
# rendering it would stall the reader.
MAX_FILE_BYTES = 1024 * 1024
# A folder picked by mistake (a home directory, a source tree) must not stall start-up.
MAX_FILES = 5000
# Not hidden, yet never notes: every package's README would flood the catalog.
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})
# A bundled slug the user's file would take gets this prefix instead.
COLLISION_PREFIX = "my-"
SUMMARY_CHARS = 300
NO_FOLDER_HINT = "Choose a folder of your own Markdown in Preferences."


@dataclass(frozen=True)
class LibraryScan:
    """What one scan of the folder found: its section (always), and every problem."""

    folder: Path | None
    section: Section
    problems: tuple[Problem, ...] = ()
    files_found: int = 0  # Markdown files seen, read or not
    state: str = "unset"  # unset | missing | empty | loaded
    folders: tuple[Path, ...] = ()  # every folder walked (what a watcher would watch)

    @property
    def articles(self) -> tuple[Article, ...]:
        return self.section.articles

    @property
    def empty_text(self) -> str:
        """What the section says when it shows no file (the catalog's empty state)."""
        if self.state == "unset":
            return NO_FOLDER_HINT
        if self.state == "missing":
            return f"The folder {self.folder} cannot be read. Choose another one in Preferences."
        if self.files_found:
            return "None of the Markdown files in this folder could be read; see the problems."
        return (
            f"No Markdown files (*.md, *.markdown) in {self.folder} yet. "
            "Add some, then use File › Rescan Library."
        )


@dataclass
class _Found:
    paths: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)


# --- finding the files -----------------------------------------------------------------
def find_markdown(folder: Path) -> tuple[list[Path], list[Problem], list[Path]]:
    """Every Markdown file under ``folder``, in catalog order: the folder's own files
    first, then each subfolder's, by name (case-insensitive). Hidden files and folders,
    ``node_modules`` and the like are skipped; a folder reached twice (a symlink loop, or
    two links to one folder) and a file reached twice are read once. Also returns the
    folders walked."""
    found = _Found()
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()

    def unreadable(exc: OSError) -> None:
        found.problems.append(Problem(str(exc.filename), 1, f"cannot read folder: {exc.strerror}"))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable, followlinks=True):
        try:
            info = os.stat(dirpath)
        except OSError as exc:
            unreadable(exc)
            dirnames[:] = []
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen_dirs:
            dirnames[:] = []  # a loop back up, or the same folder by a second link
            continue
        seen_dirs.add(key)
        found.folders.append(Path(dirpath))
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and d not in SKIPPED_FOLDERS
        )
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith(SUFFIXES):
                continue
            path = Path(dirpath) / name
            try:
                file_info = path.stat()
            except OSError as exc:
                found.problems.append(Problem(str(path), 1, f"cannot read file: {exc.strerror}"))
                continue
            if not stat.S_ISREG(file_info.st_mode):
                continue
            file_key = (file_info.st_dev, file_info.st_ino)
            if file_key in seen_files:
                continue
            seen_files.add(file_key)
            found.paths.append(path)
    found.paths.sort(key=lambda p: _order_key(p.relative_to(folder)))
    return found.paths, found.problems, found.folders


def _order_key(relative: Path) -> tuple[bool, tuple[str, ...]]:
    return (len(relative.parts) > 1, tuple(part.casefold() for part in relative.parts))


# --- slugs -------------------------------------------------------------------------------
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _slug_part(name: str) -> str:
    """One path component in kebab-case. Letters with no ASCII form (Hindi, Chinese...)
    are kept apart by a short hash of the name, so two such files never share a slug."""
    folded = unicodedata.normalize("NFKD", name)
    ascii_part = _NOT_SLUG.sub("-", folded.encode("ascii", "ignore").decode().lower()).strip("-")
    lost = any(ch.isalnum() and not ch.isascii() for ch in folded)
    if not lost and ascii_part:
        return ascii_part
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]
    return f"{ascii_part}-{digest}" if ascii_part else digest


def path_slug(relative: Path) -> str:
    """The slug a file's path inside the library asks for (before collisions)."""
    parts = [*relative.parent.parts, _stem(relative.name)]
    return "-".join(_slug_part(part) for part in parts if part)


def _stem(name: str) -> str:
    lower = name.lower()
    for suffix in SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


def assign_slugs(relatives: Iterable[Path], reserved: Collection[str] = ()) -> list[str]:
    """Unique slugs, in order: a bundled slug gets the "my-" prefix, and a slug already
    taken by an earlier file (``a b.md`` and ``a-b.md``) a number: ``a-b-2``."""
    taken = set(reserved)
    slugs: list[str] = []
    for relative in relatives:
        base = path_slug(relative)
        if base in reserved:
            base = COLLISION_PREFIX + base
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        slugs.append(slug)
    return slugs


# --- reading one file ------------------------------------------------------------------
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(?P<marks>#{1,6})(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")
_SETEXT_H2 = re.compile(r"^ {0,3}-+[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$")
_LINK_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s")


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """The file as text with ``\\n`` line ends, or None (and a problem) if it cannot be."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                Problem(
                    where,
                    1,
                    f"file is {size / 1_048_576:.1f} MB; files over "
                    f"{MAX_FILE_BYTES // 1_048_576} MB are not read",
                )
            )
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(where, 1, f"cannot read file: {exc.strerror or exc}"))
        return None
    if b"\0" in data:
        line = data[: data.index(b"\0")].count(b"\n") + 1
        problems.append(Problem(where, line, "not a text file (it contains NUL bytes)"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(
            Problem(
                where,
                line,
                f"not UTF-8 text (byte 0x{data[exc.start]:02X} at column {column}); "
                "save it as UTF-8 to see it here",
            )
        )
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class _Parsed:
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

    def cached(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "body"}


_PARSED_FIELDS = tuple(f.name for f in fields(_Parsed))


def load_user_article(
    path: Path, root: Path, slug: str, order: int, problems: list[Problem]
) -> Article | None:
    """One user file as an Article in "Your library"; None if it cannot be read."""
    text = read_text(path, problems)
    if text is None:
        return None
    return _article(path, slug, order, _parse(text, path, root, problems))


def _article(path: Path, slug: str, order: int, parsed: _Parsed) -> Article:
    return Article(
        slug=slug,
        title=parsed.title,
        section=LIBRARY_SECTION,
        topic=parsed.topic,
        difficulty=parsed.difficulty,
        summary=parsed.summary,
        order=order,
        path=path,
        body=parsed.body,
        body_line=parsed.body_line,
        word_count=parsed.word_count,
    )


def _parse(text: str, path: Path, root: Path, problems: list[Problem]) -> _Parsed:
    where = str(path)
    meta: dict[str, object] = {}
    body, body_line = text, 0
    if text.split("\n", 1)[0].strip() == "---":
        try:
            doc = split_front_matter(text)
        except FrontMatterError as exc:
            if "not closed" not in exc.message:  # an opening rule alone is just Markdown
                problems.append(Problem(where, exc.line, f"{exc.message}; front matter ignored"))
                body, body_line = _after_front_matter(text)
        else:
            meta, body, body_line = doc.meta, doc.body, doc.body_line
    lines = body.split("\n")
    title = _text_field(meta, "title", where, problems)
    heading, title_lines = _heading_title(lines)
    blanked: tuple[int, ...] = ()
    if not title or heading.casefold() == title.casefold():
        # No title in the front matter, or the first line repeats it.
        title, blanked = title or heading, title_lines
    if not title:
        title = " ".join(_stem(path.name).replace("_", " ").replace("-", " ").split())
        title = title or _stem(path.name)
    lines = _blank(lines, blanked)
    shifted_lines = _shift_headings_if_needed(lines)
    shifted = shifted_lines is not lines
    body = "\n".join(shifted_lines)
    relative = path.relative_to(root)
    topic = _text_field(meta, "topic", where, problems)
    if not topic:
        topic = relative.parts[0] if len(relative.parts) > 1 else DEFAULT_TOPIC
    difficulty = _text_field(meta, "difficulty", where, problems)
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
    return _Parsed(
        title=title,
        topic=topic,
        difficulty=difficulty,
        summary=_trim(" ".join(summary.split())),
        body_line=body_line,
        blanked=blanked,
        shifted=shifted,
        word_count=count_words(body),
        body=body,
    )


def _blank(lines: list[str], indices: Iterable[int]) -> list[str]:
    indices = set(indices)
    if not indices:
        return lines
    return ["" if i in indices else line for i, line in enumerate(lines)]


def _body_again(text: str, value: dict) -> str:
    """The body a cached entry describes, from the file's text (no parsing)."""
    lines = text.split("\n")[value["body_line"] :]
    lines = _blank(lines, value["blanked"])
    if value["shifted"]:
        lines = _shift_headings_if_needed(lines)
    return "\n".join(lines)


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
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
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


_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_WIKI = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")
_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>]+)>")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_STRONG = re.compile(r"\*\*|__|~~|`+")
_EMPHASIS = re.compile(r"(?<!\w)[*_]|[*_](?!\w)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def plain_inline(text: str) -> str:
    """Markdown inline text as the reader shows it, without the marks."""
    text = _IMAGE.sub("", text)
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
        markup_only = stripped.startswith(("<", "![", "[[")) and not plain_inline(stripped)
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
        paragraph.append(_LIST_OR_QUOTE.sub("", stripped))
    return plain_inline(" ".join(paragraph))


def _trim(text: str) -> str:
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text[:SUMMARY_CHARS]
    space = cut.rfind(" ")
    if space > SUMMARY_CHARS * 2 // 3:  # scripts without spaces are cut where they stand
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


# --- the whole folder --------------------------------------------------------------------
def scan_library(
    folder: Path | str | None,
    reserved_slugs: Collection[str] = (),
    check_diagrams: bool = True,
    cache_file: Path | None = None,
) -> LibraryScan:
    """Scan ``folder`` ("" or None: no library) into the "Your library" section.

    ``reserved_slugs`` are the bundled deep dives' slugs, which no user file may take.
    ``check_diagrams`` parses every diagram block now, so a broken one is among the
    problems (it is cheap: few notes carry diagram blocks). ``cache_file`` keeps what
    each file's reading decided, keyed by its size and modification time: an unchanged
    file is read but not parsed again (its problems are kept with it, and reported).
    """
    if not folder:
        return LibraryScan(None, Section(LIBRARY_SECTION, LIBRARY_TITLE, NO_FOLDER_HINT))
    root = Path(folder).expanduser()
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        return LibraryScan(
            root,
            Section(LIBRARY_SECTION, LIBRARY_TITLE, f"The folder {root} {what}."),
            (Problem(str(root), 1, f"the library folder {what}"),),
            state="missing",
        )
    paths, problems, folders = find_markdown(root)
    found = len(paths)
    if found > MAX_FILES:
        problems.append(
            Problem(str(root), 1, f"{found} Markdown files: only the first {MAX_FILES} are read")
        )
        paths = paths[:MAX_FILES]
    cache = CatalogCache(cache_file)
    slugs = assign_slugs((p.relative_to(root) for p in paths), reserved_slugs)
    articles: list[Article] = []
    for path, slug in zip(paths, slugs, strict=True):
        article = _from_cache(cache, path, root, slug, len(articles) + 1, problems)
        if article is None:
            text = read_text(path, problems)
            if text is None:
                continue
            before = len(problems)
            parsed = _parse(text, path, root, problems)
            article = _article(path, slug, len(articles) + 1, parsed)
            if check_diagrams:
                problems.extend(article.diagram_problems)
            with contextlib.suppress(OSError):  # gone since it was read: the next scan says so
                cache.put(path, _cache_value(parsed, root, problems[before:], check_diagrams))
        articles.append(article)
    cache.keep_only({str(p) for p in paths})
    cache.save()
    unread = len(paths) - len(articles)
    blurb = f"{len(articles)} Markdown file{'s' * (len(articles) != 1)} from {root}"
    if unread:
        blurb += f" · {unread} could not be read (run “longform check”)"
    return LibraryScan(
        root,
        Section(LIBRARY_SECTION, LIBRARY_TITLE, blurb, tuple(articles)),
        tuple(problems),
        files_found=found,
        state="loaded" if articles else "empty",
        folders=tuple(folders),
    )


_CACHE_SHAPE = 1  # bump when _Parsed or the rules change: older entries are parsed again


def _cache_value(
    parsed: _Parsed, root: Path, problems: list[Problem], diagrams_checked: bool
) -> dict[str, object]:
    return {
        **parsed.cached(),
        "shape": _CACHE_SHAPE,
        "root": str(root),  # the topic comes from the path inside the folder
        "diagrams_checked": diagrams_checked,
        "problems": [[p.line, p.message] for p in problems],
    }


def _from_cache(
    cache: CatalogCache, path: Path, root: Path, slug: str, order: int, problems: list[Problem]
) -> Article | None:
    value = cache.get(path)
    if (
        not isinstance(value, dict)
        or value.get("shape") != _CACHE_SHAPE
        or value.get("root") != str(root)
        or not value.get("diagrams_checked")
    ):
        return None
    try:
        text = read_text(path, [])
        if text is None:
            return None
        parsed = _Parsed(
            **{k: value[k] for k in _PARSED_FIELDS if k != "body"},
            body=_body_again(text, value),
        )
        parsed = replace(parsed, blanked=tuple(parsed.blanked))
    except (KeyError, TypeError, ValueError):
        return None
    problems.extend(Problem(str(path), line, message) for line, message in value["problems"])
    return _article(path, slug, order, parsed)


def with_library(bundled: Catalog, scan: LibraryScan, include_unset: bool = False) -> Catalog:
    """A new catalog: the bundled sections, then "Your library" (left out when no folder
    is set, unless ``include_unset``), and the problems of both."""
    sections = [s for s in bundled.sections if s.slug != LIBRARY_SECTION]
    if scan.folder is not None or include_unset:
        sections.append(scan.section)
    return Catalog(sections, [*bundled.problems, *scan.problems])


def bundled_slugs(catalog: Catalog) -> set[str]:
    return {a.slug for a in catalog.articles if a.section != LIBRARY_SECTION}
