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
import os
import re
import stat
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .catalog import Article, Catalog, Problem, Section
from .catalog_cache import CatalogCache
from .user_files import (
    LIBRARY_SECTION,
    PARSED_FIELDS,
    SUFFIXES,
    Parsed,
    body_again,
    build_article,
    parse_file,
    read_text,
    stem,
)

LIBRARY_TITLE = "Your library"
# A folder picked by mistake (a home directory, a source tree) must not stall start-up.
MAX_FILES = 5000
# Not hidden, yet never notes: every package's README would flood the catalog.
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})
# A bundled slug the user's file would take gets this prefix instead.
COLLISION_PREFIX = "my-"
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
    parts = [*relative.parent.parts, stem(relative.name)]
    return "-".join(_slug_part(part) for part in parts if part)


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
            parsed = parse_file(text, path, root, problems)
            article = build_article(path, slug, len(articles) + 1, parsed)
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


_CACHE_SHAPE = 1  # bump when Parsed or the rules change: older entries are parsed again


def _cache_value(
    parsed: Parsed, root: Path, problems: list[Problem], diagrams_checked: bool
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
        parsed = Parsed(
            **{k: value[k] for k in PARSED_FIELDS if k != "body"},
            body=body_again(text, value),
        )
        parsed = replace(parsed, blanked=tuple(parsed.blanked))
    except (KeyError, TypeError, ValueError):
        return None
    problems.extend(Problem(str(path), line, message) for line, message in value["problems"])
    return build_article(path, slug, order, parsed)


def with_library(bundled: Catalog, scan: LibraryScan, include_unset: bool = False) -> Catalog:
    """A new catalog: the bundled sections, then "Your library" (left out when no folder
    is set, unless ``include_unset``), and the problems of both."""
    sections = [s for s in bundled.sections if s.slug != LIBRARY_SECTION]
    if scan.folder is not None or include_unset:
        sections.append(scan.section)
    return Catalog(sections, [*bundled.problems, *scan.problems])


def bundled_slugs(catalog: Catalog) -> set[str]:
    return {a.slug for a in catalog.articles if a.section != LIBRARY_SECTION}
