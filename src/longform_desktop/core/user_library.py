"""The user's own Markdown: a folder scanned into a "Your deep dives" catalog section
(or, for a file whose front matter names one, a bundled section).

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
import time
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .catalog import Article, Catalog, Problem, Section
from .catalog_cache import CatalogCache
from .user_files import (
    LIBRARY_SECTION,
    LIBRARY_TITLE,
    PARSED_FIELDS,
    SUFFIXES,
    Parsed,
    body_again,
    build_article,
    is_user_article,
    not_regular,
    parse_file,
    read_text,
    stem,
)

__all__ = ["LIBRARY_SECTION", "LIBRARY_TITLE", "is_user_article"]

# A folder picked by mistake (a home directory, a source tree) must not stall start-up.
MAX_FILES = 5000
# ... nor a link to "/" inside it: the walk stops after this many folders, and below
# this depth (deeper is generated, and paths near PATH_MAX fail to open anyway).
MAX_FOLDERS = 20000
MAX_DEPTH = 64
# "Any single file is parsed within 2 s or skipped with a message" (issue 16).
FILE_BUDGET_S = 2.0
# A whole scan stops reading after this long (what is read is cached, so the next scan
# gets further); the app's start-up scan, on the GUI thread, passes a smaller one.
SCAN_BUDGET_S = 60.0
# Not hidden, yet never notes: every package's README would flood the catalog.
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})
# A bundled slug the user's file would take gets this prefix instead.
COLLISION_PREFIX = "my-"
NO_FOLDER_HINT = "Choose a folder of your own Markdown in Preferences."


def default_folder_hint(folder: Path) -> str:
    return (
        f"Put Markdown files in {folder}, or choose another folder in Preferences. "
        "They appear here, or in the section their front matter names."
    )


@dataclass(frozen=True)
class LibraryScan:
    """What one scan of the folder found: its section (always), every file shown (in
    that section or in the bundled section its front matter names), every problem."""

    folder: Path | None
    section: Section
    problems: tuple[Problem, ...] = ()
    files_found: int = 0  # Markdown files seen, read or not
    # unset: turned off; waiting: the default folder, missing or with no Markdown yet
    # (not listed: the window shows a hint); missing | empty | loaded: listed.
    state: str = "unset"
    folders: tuple[Path, ...] = ()  # every folder walked (what a watcher would watch)
    articles: tuple[Article, ...] = ()  # every file shown, whichever section it is in
    skipped: tuple[Problem, ...] = ()  # the files (and folders) not shown, and why
    incomplete: bool = False  # stopped at its time budget: a later scan gets further

    @property
    def listed(self) -> bool:
        """Whether the catalog has a "Your deep dives" section for this scan."""
        return self.state in ("missing", "empty", "loaded")

    @property
    def empty_text(self) -> str:
        """What the section says when it shows no file (the catalog's empty state)."""
        if self.state == "unset":
            return NO_FOLDER_HINT
        if self.state == "waiting":
            return default_folder_hint(self.folder) if self.folder else NO_FOLDER_HINT
        if self.state == "missing":
            return f"The folder {self.folder} cannot be read. Choose another one in Preferences."
        if self.articles:
            return "Every file here names a section of its own; see those sections."
        if self.files_found:
            return "None of the Markdown files in this folder could be read; see the problems."
        return (
            f"No Markdown files (*.md, *.markdown) in {self.folder} yet. "
            "Add some, then use File › Rescan Your Deep Dives."
        )


@dataclass
class _Found:
    paths: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    more: bool = False  # the walk stopped at MAX_FILES


# --- finding the files -----------------------------------------------------------------
def find_markdown(folder: Path) -> tuple[list[Path], list[Problem], list[Path]]:
    """Every Markdown file under ``folder``, in catalog order: the folder's own files
    first, then each subfolder's, by name (case-insensitive). Hidden files and folders,
    ``node_modules`` and the like are skipped; a folder reached twice (a symlink loop, or
    two links to one folder) and a file reached twice are read once. A Markdown name that
    is not a regular file (a FIFO, a link to a device, a dangling link) is a problem.
    Stops after ``MAX_FILES + 1`` files or ``MAX_FOLDERS`` folders, and does not go below
    ``MAX_DEPTH``. Also returns the folders walked."""
    found = _walk(folder)
    found.paths.sort(key=lambda p: _order_key(p.relative_to(folder)))
    return found.paths, found.problems, found.folders


def _walk(folder: Path) -> _Found:
    found = _Found()
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    pending: list[tuple[Path, int]] = [(folder, 0)]  # a stack: no recursion, any depth
    while pending:
        current, depth = pending.pop()
        if len(found.folders) >= MAX_FOLDERS:
            found.problems.append(
                Problem(str(folder), 1, f"more than {MAX_FOLDERS} folders: the rest not read")
            )
            break
        try:
            info = current.stat()
            key = (info.st_dev, info.st_ino)
            if key in seen_dirs:
                continue  # a loop back up, or the same folder by a second link
            seen_dirs.add(key)
            with os.scandir(current) as it:
                entries = sorted(it, key=lambda e: e.name.casefold())
        except OSError as exc:
            found.problems.append(
                Problem(str(current), 1, f"cannot read folder: {exc.strerror or exc}")
            )
            continue
        found.folders.append(current)
        subfolders: list[Path] = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()  # follows a link to a folder
            except OSError:
                is_dir = False
            if is_dir:
                if name in SKIPPED_FOLDERS:
                    continue
                if depth + 1 > MAX_DEPTH:
                    found.problems.append(
                        Problem(str(path), 1, f"folder more than {MAX_DEPTH} levels deep; not read")
                    )
                    continue
                subfolders.append(path)
                continue
            if not name.lower().endswith(SUFFIXES):
                continue
            try:
                file_info = path.stat()
            except OSError as exc:
                found.problems.append(
                    Problem(str(path), 1, f"cannot read file: {exc.strerror or exc}")
                )
                continue
            if not stat.S_ISREG(file_info.st_mode):
                found.problems.append(
                    Problem(str(path), 1, f"{not_regular(file_info.st_mode)}; not read")
                )
                continue
            file_key = (file_info.st_dev, file_info.st_ino)
            if file_key in seen_files:
                continue
            seen_files.add(file_key)
            found.paths.append(path)
            if len(found.paths) > MAX_FILES:
                found.more = True
                return found
        pending.extend((sub, depth + 1) for sub in reversed(subfolders))
    return found


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
    *,
    sections: Collection[str] = (),
    optional: bool = False,
    budget_s: float = SCAN_BUDGET_S,
) -> LibraryScan:
    """Scan ``folder`` ("" or None: turned off) into the "Your deep dives" section.

    ``reserved_slugs`` are the bundled deep dives' slugs, which no user file may take.
    ``sections`` are the bundled sections' slugs a file's front matter may name to be
    shown there (``with_library`` puts it there); any other ``section`` is a problem and
    the file stays in "Your deep dives". ``optional``: the default folder, for which
    missing or holding no Markdown is no problem but a hint (state "waiting").
    ``check_diagrams`` parses every diagram block now, so a broken one is among the
    problems (it is cheap: few notes carry diagram blocks). ``cache_file`` keeps what
    each file's reading decided, keyed by its size and modification time: an unchanged
    file is read but not parsed again (its problems are kept with it, and reported).
    After ``budget_s`` the files not read yet are left out with one problem, and the
    scan says it is ``incomplete``.
    """
    if not folder:
        return LibraryScan(None, Section(LIBRARY_SECTION, LIBRARY_TITLE, NO_FOLDER_HINT))
    root = Path(folder).expanduser()
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        if optional and not root.exists():
            return LibraryScan(
                root, Section(LIBRARY_SECTION, LIBRARY_TITLE, default_folder_hint(root)),
                state="waiting",
            )  # fmt: skip
        problem = Problem(str(root), 1, f"the folder of your deep dives {what}")
        return LibraryScan(
            root,
            Section(LIBRARY_SECTION, LIBRARY_TITLE, f"The folder {root} {what}."),
            (problem,),
            state="missing",
            skipped=(problem,),
        )
    paths, problems, folders = find_markdown(root)
    skipped = list(problems)  # what the walk could not read is not shown either
    if len(paths) > MAX_FILES:
        problem = Problem(
            str(root),
            1,
            f"more than {MAX_FILES} Markdown files: only the first {MAX_FILES} are read",
        )
        problems.append(problem)
        skipped.append(problem)
        paths = paths[:MAX_FILES]
    found = len(paths)
    cache = _LibraryCache(cache_file)
    slugs = assign_slugs((p.relative_to(root) for p in paths), reserved_slugs)
    articles: list[Article] = []
    known = set(sections)
    scan_started = time.perf_counter()
    incomplete = False
    for index, (path, slug) in enumerate(zip(paths, slugs, strict=True)):
        if time.perf_counter() - scan_started > budget_s:
            problem = Problem(
                str(root),
                1,
                f"reading took over {budget_s:g} s: {len(paths) - index} files not read "
                "this time (each scan gets further: what is read is remembered)",
            )
            problems.append(problem)
            skipped.append(problem)
            incomplete = True
            break
        order = len(articles) + 1
        slow = _slow_in_cache(cache, path)
        if slow is not None:
            problems.append(slow)
            skipped.append(slow)
            continue
        parsed = _from_cache(cache, path, root, problems)
        if parsed is None:
            before = len(problems)
            text = read_text(path, problems)
            if text is None:
                skipped.extend(problems[before:])
                continue
            started = time.perf_counter()
            parsed = parse_file(text, path, root, problems)
            article = build_article(path, slug, order, parsed)
            if check_diagrams:
                problems.extend(article.diagram_problems)
            seconds = time.perf_counter() - started
            if seconds > FILE_BUDGET_S:
                # Too late for this scan's time, but the file is not shown (the reader
                # would take as long), and the next scans skip it until it changes.
                del problems[before:]
                slow = _slow_problem(path, seconds)
                problems.append(slow)
                skipped.append(slow)
                with contextlib.suppress(OSError):
                    cache.put(path, {"shape": _CACHE_SHAPE, "slow": round(seconds, 1)})
                continue
            with contextlib.suppress(OSError):  # gone since it was read: the next scan says so
                cache.put(path, _cache_value(parsed, root, problems[before:], check_diagrams))
        section = _placed(parsed.asked_section, parsed.section_line, known, path, problems)
        articles.append(build_article(path, slug, order, parsed, section))
    if not incomplete:  # the entries of files not reached yet are kept for next time
        cache.keep_only({str(p) for p in paths})
    cache.save()
    if optional and not articles and not skipped:  # the default folder, nothing in it yet
        return LibraryScan(
            root,
            Section(LIBRARY_SECTION, LIBRARY_TITLE, default_folder_hint(root)),
            tuple(problems),
            files_found=found,
            state="waiting",
            folders=tuple(folders),
        )
    own = tuple(a for a in articles if a.section == LIBRARY_SECTION)
    blurb = f"{len(own)} Markdown file{'s' * (len(own) != 1)} from {root}"
    if len(own) < len(articles):
        blurb += f" · {len(articles) - len(own)} more in the sections they name"
    if skipped:
        blurb += f" · {len(skipped)} could not be read (run “longform check”)"
    state = "loaded" if articles else "empty"
    return LibraryScan(
        root,
        Section(LIBRARY_SECTION, LIBRARY_TITLE, blurb, own),
        tuple(problems),
        files_found=found,
        state=state,
        folders=tuple(folders),
        articles=tuple(articles),
        skipped=tuple(skipped),
        incomplete=incomplete,
    )


def _placed(asked: str, line: int, known: set[str], path: Path, problems: list[Problem]) -> str:
    """The section a file is shown in: the bundled one its front matter names, else
    "Your deep dives" (an unknown name is a problem; the file is still shown)."""
    if not asked or asked == LIBRARY_SECTION:
        return LIBRARY_SECTION
    if asked in known:
        return asked
    names = ", ".join(sorted(known)) or "none"
    problems.append(
        Problem(
            str(path),
            line,
            f"section '{asked}' is not a section of the catalog ({names}); "
            f"shown in {LIBRARY_TITLE}",
        )
    )
    return LIBRARY_SECTION


_CACHE_SHAPE = 2  # bump when Parsed or the rules change: older entries are parsed again


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


class _LibraryCache(CatalogCache):
    """The scan cache, which a damaged file (wrong types, edited by hand) only empties:
    it is a shortcut, never a reason for a scan to fail."""

    def __init__(self, file: Path | None) -> None:
        super().__init__(file)
        if not isinstance(self.entries, dict):
            self.entries = {}

    def get(self, path: Path) -> object | None:
        try:
            return super().get(path)
        except (AttributeError, KeyError, TypeError, ValueError):
            return None


def _slow_problem(path: Path, seconds: float) -> Problem:
    return Problem(
        str(path),
        1,
        f"took {seconds:.1f} s to read (the budget is {FILE_BUDGET_S:.0f} s a file); "
        "skipped until it changes",
    )


def _slow_in_cache(cache: _LibraryCache, path: Path) -> Problem | None:
    value = cache.get(path)
    if isinstance(value, dict) and value.get("shape") == _CACHE_SHAPE and "slow" in value:
        seconds = value["slow"]
        return _slow_problem(path, float(seconds) if isinstance(seconds, (int, float)) else 0)
    return None


def _from_cache(
    cache: _LibraryCache, path: Path, root: Path, problems: list[Problem]
) -> Parsed | None:
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
        cached_problems = [Problem(str(path), line, message) for line, message in value["problems"]]
    except (KeyError, TypeError, ValueError):
        return None
    problems.extend(cached_problems)
    return parsed


def with_library(bundled: Catalog, scan: LibraryScan, include_unset: bool = False) -> Catalog:
    """A new catalog: the bundled sections, each followed by the user's files whose front
    matter names it, then "Your deep dives" (left out while the scan is not ``listed``,
    unless ``include_unset``), and the problems of both."""
    placed: dict[str, list[Article]] = {}
    for article in scan.articles:
        if article.section != LIBRARY_SECTION:
            placed.setdefault(article.section, []).append(article)
    sections = []
    for section in bundled.sections:
        if section.slug == LIBRARY_SECTION:
            continue
        bundled_part = tuple(a for a in section.articles if not is_user_article(a))
        sections.append(
            section._replace(articles=bundled_part + tuple(placed.get(section.slug, ())))
        )
    if scan.listed or include_unset:
        sections.append(scan.section)
    return Catalog(sections, [*bundled.problems, *scan.problems])


def bundled_slugs(catalog: Catalog) -> set[str]:
    return {a.slug for a in catalog.articles if not is_user_article(a)}


def bundled_sections(catalog: Catalog) -> set[str]:
    """The sections a user's file may name in its front matter to be shown there."""
    return {s.slug for s in catalog.sections if s.slug != LIBRARY_SECTION}
