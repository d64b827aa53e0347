"""The index on disk: a cache brought in line with its sources, and healed when it cannot
be used.

``sync_index`` re-indexes only the sources whose content hash changed, and rebuilds from
scratch when the index is missing, from an older schema, or damaged. A sync is *scoped by
kind*: ``sync_index(dir, article_sources, kinds={"article"})`` adds, updates and removes
articles only, and the notes and drawings in the index (and in the manifest) stay as they
are. ``update_sources`` applies a few upserts and deletions (one note saved, one drawing
deleted) without looking at anything else.

After a rebuild (``IndexStats.rebuilt``) the index holds only what that sync was given:
whoever owns the other kinds must sync them again (``SearchService`` does this for every
kind it has a provider for).

Health (issue 17; docs/search.md, "Index health"). ``manifest.json`` is validated strictly
and names every file of the current generation with its size and CRC-32, verified before
Whoosh reads anything (a flipped byte that Whoosh would read as other postings is caught
too); then a probe reads the document count, two stored documents and the postings of the
``kind`` field. Anything wrong means *rebuild*. Every write happens under Whoosh's write
lock, taken for at most ``WRITER_TIMEOUT_S``; when the folder cannot be written (read-only,
locked by another process) a current-enough index is used as it is, read-only, and
otherwise one is built in a private folder elsewhere (``fallback_root``). ``IndexStats.note``
says why, in words for the user.
"""

from __future__ import annotations

import getpass
import itertools
import json
import logging
import os
import re
import shutil
import stat
import tempfile
import time
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from whoosh import index
from whoosh.filedb.filestore import FileStorage
from whoosh.util.filelock import try_for
from whoosh.writing import IndexWriter

from . import spelling
from .documents import SearchDocument, Source, source_kind
from .schema import SCHEMA_VERSION, build_schema

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
MANIFEST_MAX_BYTES = 64 * 1024 * 1024  # ~100 bytes a source: far beyond any real library
WRITER_TIMEOUT_S = 10.0  # another process (``longform reindex``) may hold the write lock
LOCK_FILE = "MAIN_WRITELOCK"  # Whoosh's write lock: ``ix.lock("WRITELOCK")``
DAMAGED_NOTE = "The search index was damaged and has been rebuilt."

_FILE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")  # a plain name in the folder
_TOC = re.compile(r"^_MAIN_([0-9]+)\.toc$")
_CHUNK = 1 << 20
# Why an index is rebuilt that are not damage: nothing to tell the user beyond "rebuilt".
_ORDINARY = frozenset({"", "missing", "older schema", "older manifest", "asked for"})


class IndexDamaged(RuntimeError):
    """The files on disk are not the ones the manifest describes, or cannot be read: the
    index must be rebuilt."""


class IndexLocked(RuntimeError):
    """Another process held the index's write lock for longer than we wait."""


@dataclass
class IndexStats:
    rebuilt: bool = False
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    documents: int = 0
    seconds: float = 0.0
    reason: str = ""  # why it was rebuilt ("missing", "older schema", "damaged", ...)
    note: str = ""  # for the user: damage healed, not updated, or built elsewhere
    read_only: bool = False  # could not be updated: results may be out of date
    temporary: bool = False  # built outside its own folder, which could not be used
    location: str = ""  # the folder of the index in use


def stats_dict(stats: IndexStats) -> dict:
    return asdict(stats)


def describe(error: BaseException) -> str:
    """An error in a few words: the OS's own wording for OSError, never an empty string."""
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}: {error.filename}" if error.filename else error.strerror
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def fallback_root() -> Path:
    """The parent of the index built when its own folder cannot be used (private to the
    user: see ``_fallback_dir``)."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment: any stable name will do
        user = "user"
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", user)
    return Path(tempfile.gettempdir()) / f"longform-desktop-{safe}"


# --- the manifest ------------------------------------------------------------------


@dataclass(frozen=True)
class Manifest:
    sources: dict[str, str]
    generation: int
    files: dict[str, tuple[int, int]]  # name -> (size, CRC-32)


def manifest_checksum(data: Mapping[str, object]) -> int:
    """CRC-32 of the manifest without its ``checksum`` key, as compact sorted JSON."""
    body = {k: v for k, v in data.items() if k != "checksum"}
    return zlib.crc32(json.dumps(body, sort_keys=True).encode("utf-8"))


def _parse_manifest(data: object) -> Manifest | str:
    """The manifest, or why it cannot be used (a shape is either exactly right or not)."""
    if not isinstance(data, dict):
        return "manifest is not an object"
    schema = data.get("schema")
    if type(schema) is not int:  # not bool, not float: 6.0 or true are not a version
        return "manifest has no schema version"
    if schema != SCHEMA_VERSION:
        return "older schema"
    sources = data.get("sources")
    if not isinstance(sources, dict) or not all(
        isinstance(v, str) and ":" in k and source_kind(k) for k, v in sources.items()
    ):
        return "manifest sources are malformed"
    if "files" not in data and "generation" not in data:
        return "older manifest"  # written before issue 17: no checksums to verify
    # Its own checksum: a flipped byte in a source key or hash would otherwise read as a
    # valid manifest that describes another index (a note indexed twice, one never removed).
    if type(data.get("checksum")) is not int or data["checksum"] != manifest_checksum(data):
        return "manifest does not match its checksum"
    generation, files = data.get("generation"), data.get("files")
    if type(generation) is not int or generation < 0:
        return "manifest has no generation"
    if not isinstance(files, dict):
        return "manifest files are malformed"
    parsed: dict[str, tuple[int, int]] = {}
    for name, entry in files.items():
        if (
            not _FILE_NAME.match(name)
            or name in (MANIFEST, LOCK_FILE)
            or not isinstance(entry, list)
            or len(entry) != 2
            or not all(type(x) is int and x >= 0 for x in entry)
        ):
            return "manifest files are malformed"
        parsed[name] = (entry[0], entry[1])
    if f"_MAIN_{generation}.toc" not in parsed:
        return "manifest files are malformed"
    return Manifest(dict(sources), generation, parsed)


def read_manifest(index_dir: Path) -> tuple[Manifest | None, str]:
    """The manifest and "", or None and why it cannot be used."""
    path = index_dir / MANIFEST
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode):
            return None, "manifest is not a file"
        if info.st_size > MANIFEST_MAX_BYTES:
            return None, "manifest is too large"
        with open(path, "rb") as fh:
            raw = fh.read(MANIFEST_MAX_BYTES + 1)
        if len(raw) > MANIFEST_MAX_BYTES:
            return None, "manifest is too large"
        data = json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        return None, "no manifest"
    except (OSError, ValueError, RecursionError):  # RecursionError: "[[[[..." nested deep
        return None, "manifest is unreadable"
    parsed = _parse_manifest(data)
    return (None, parsed) if isinstance(parsed, str) else (parsed, "")


def _crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc


def _latest_toc(index_dir: Path) -> int:
    found = [int(m.group(1)) for n in os.listdir(index_dir) if (m := _TOC.match(n))]
    return max(found, default=-1)


def _verify_files(index_dir: Path, manifest: Manifest) -> str:
    """ "" if every file the manifest names is there with its size and checksum, and the
    newest table of contents is the manifest's; otherwise what is wrong."""
    try:
        latest = _latest_toc(index_dir)
        if latest != manifest.generation:
            return f"generation {latest} on disk, {manifest.generation} in the manifest"
        for name, (size, crc) in manifest.files.items():
            info = (index_dir / name).lstat()
            if not stat.S_ISREG(info.st_mode):
                return f"{name} is not a file"
            if info.st_size != size:
                return f"{name} has {info.st_size} bytes, not {size}"
            if _crc(index_dir / name) != crc:
                return f"{name} does not match its checksum"
    except OSError as error:
        return describe(error)
    return ""


def _files_of(ix: index.Index) -> tuple[int, dict[str, list[int]]]:
    """The current generation and its files, each with its size and CRC-32: the table of
    contents, the segments, and each segment's stored vocabulary (``spelling``), written
    here if missing. The vocabulary is listed because a damaged one fails nothing and
    silently changes what ``pagina*`` and corrections find."""
    folder = Path(ix.storage.folder)  # type: ignore[attr-defined]  # a FileIndex
    generation = ix.latest_generation()
    names = {f"_MAIN_{generation}.toc"}
    segments = ix._segments()  # type: ignore[attr-defined]
    for segment in segments:
        names.update(segment.list_files(ix.storage))  # type: ignore[attr-defined]
    with ix.searcher() as searcher:
        spelling.warm_up(searcher)
    for segment in segments:
        vocabulary = f"{spelling._PREFIX}{segment.segment_id()}{spelling._SUFFIX}"
        if (folder / vocabulary).is_file():  # not stored (a write failed): not listed
            names.add(vocabulary)
    files = {n: [(folder / n).stat().st_size, _crc(folder / n)] for n in sorted(names)}
    return generation, files


def _write_manifest(index_dir: Path, ix: index.Index, hashes: Mapping[str, str]) -> None:
    # Written after the Whoosh commit, under the same write lock, atomically: a crash in
    # between leaves an older manifest whose files no longer match, so the index is
    # rebuilt next time (a cache: only time is lost).
    generation, files = _files_of(ix)
    tmp = index_dir / (MANIFEST + ".tmp")
    body: dict[str, object] = {
        "schema": SCHEMA_VERSION,
        "generation": generation,
        "files": files,
        "sources": dict(hashes),
    }
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({**body, "checksum": manifest_checksum(body)}, fh, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, index_dir / MANIFEST)


# --- opening -----------------------------------------------------------------------


@dataclass
class Checked:
    """What ``check_index`` found: an open, verified index (and its manifest), or why
    there is none."""

    ix: index.Index | None
    manifest: Manifest | None
    reason: str = ""  # short, shown as "rebuilt (reason)"
    detail: str = ""  # for the log

    @property
    def damaged(self) -> bool:
        return self.ix is None and self.reason not in _ORDINARY


def _probe(ix: index.Index) -> None:
    """Read a little of everything a search reads: stored fields, a term list, postings.
    Whoosh opens segments lazily, so without this a damaged one fails at the first
    search instead of here."""
    with ix.searcher() as searcher:
        reader = searcher.reader()
        total = reader.doc_count_all()
        for docnum in sorted({0, total - 1}) if total else ():
            reader.stored_fields(docnum)
        for term in itertools.islice(reader.lexicon("kind"), 8):
            for _ in itertools.islice(reader.postings("kind", term).all_ids(), 64):
                pass


def _odd_entry(index_dir: Path) -> str:
    """A link, fifo, socket or device in the folder, or "": nothing the index or its
    caches read may be anything but a regular file (a fifo blocks a reader for ever, a
    link to /dev/zero fills memory). Folders are left: nothing reads them as files."""
    try:
        for entry in os.scandir(index_dir):
            mode = entry.stat(follow_symlinks=False).st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                return f"{entry.name} is not a regular file"
    except OSError as error:
        return describe(error)
    return ""


def check_index(index_dir: Path) -> Checked:
    """Open the index in ``index_dir`` if it is whole: manifest valid, files as the
    manifest describes them, and a probe read that succeeds."""
    if not index_dir.is_dir():
        exists = index_dir.exists() or index_dir.is_symlink()
        return Checked(None, None, "not a folder" if exists else "missing")
    odd = _odd_entry(index_dir)
    if odd:
        return Checked(None, None, "damaged", odd)
    manifest, why = read_manifest(index_dir)
    if manifest is None:
        if why == "no manifest":
            try:
                empty = not any(n != LOCK_FILE for n in os.listdir(index_dir))
            except OSError:
                empty = False
            why = "missing" if empty else why
        return Checked(None, None, why)
    problem = _verify_files(index_dir, manifest)
    if problem:
        return Checked(None, manifest, "damaged", problem)
    try:
        ix = index.open_dir(str(index_dir))
        _probe(ix)
    except Exception as error:  # any failure to read means "rebuild": only a cache
        return Checked(None, manifest, "damaged", f"unreadable: {describe(error)}")
    return Checked(ix, manifest)


def open_index(index_dir: Path) -> index.Index | None:
    """The index if it is present, current and whole; None if it must be rebuilt."""
    checked = check_index(index_dir)
    if checked.ix is None and checked.reason != "missing":
        log.info(
            "search index in %s cannot be used (%s %s)", index_dir, checked.reason, checked.detail
        )
    return checked.ix


# --- writing -----------------------------------------------------------------------


@contextmanager
def _write_lock(index_dir: Path) -> Iterator[None]:
    """Whoosh's write lock, waited for at most ``WRITER_TIMEOUT_S``: held across the
    commit *and* the manifest, so two processes never interleave them."""
    timeout = WRITER_TIMEOUT_S
    lock = FileStorage(str(index_dir)).lock(LOCK_FILE)
    if not try_for(lock.acquire, timeout=timeout, delay=0.1):
        raise IndexLocked(
            f"another process is writing the search index in {index_dir} (waited {timeout:g} s)"
        )
    try:
        yield
    finally:
        lock.release()


def _add(writer: IndexWriter, doc: SearchDocument) -> None:
    whole = doc.is_whole_article  # lends its score and feeds "related"; never shown
    writer.add_document(
        doc_id=doc.doc_id,
        source=doc.source,
        kind=doc.kind,
        level=doc.level,
        article=doc.article,
        title=doc.title,
        heading=doc.heading,
        heading_id=doc.heading_id,
        body="" if whole else doc.body,
        doc_body=doc.body if whole else "",
        figures=doc.figures,
        quote=doc.quote,
        summary=doc.summary,
        topic=doc.topic,
        difficulty=doc.difficulty,
        section=doc.section,
        origin=doc.origin or None,  # no origin, no term: ``source:`` never finds an item
        position=doc.position,
        item_id=doc.item_id,
        article_title=doc.article_title,
        color=doc.color,
        updated=doc.updated,
        diagram_id=doc.diagram_id,
        labels=list(doc.labels),
        spell=doc.title
        if whole
        else f"{doc.title} {doc.heading} {doc.body} {doc.figures} {doc.quote}",
    )


def _write(
    ix: index.Index,
    old: Mapping[str, str],
    upserts: list[Source],
    deletes: list[str],
    stats: IndexStats,
    progress: Callable[[int, int], None] | None = None,
    optimize: bool = False,
) -> None:
    """One commit; the caller holds ``_write_lock``."""
    writer = ix.writer(_lk=False)
    try:
        for key in deletes:
            writer.delete_by_term("source", key)
        for done, src in enumerate(upserts, start=1):
            if src.key in old:
                writer.delete_by_term("source", src.key)
                stats.updated += 1
            else:
                stats.added += 1
            for doc in src.documents():
                _add(writer, doc)
            if progress:
                progress(done, len(upserts))
        writer.commit(optimize=optimize)
    except BaseException:
        if not writer.is_closed:  # type: ignore[attr-defined]
            writer.cancel()
        raise
    stats.removed += len(deletes)


def _make_folder(index_dir: Path) -> None:
    """A folder at ``index_dir``, with room for the lock: a file (or a dangling link)
    where the folder should be is removed, and so is anything but a file where the lock
    file should be. Everything here is the cache's own."""
    if not index_dir.is_dir() and (index_dir.is_symlink() or index_dir.exists()):
        index_dir.unlink()
    index_dir.mkdir(parents=True, exist_ok=True)
    lock = index_dir / LOCK_FILE
    if lock.is_symlink() or (lock.exists() and not lock.is_file()):
        if lock.is_dir() and not lock.is_symlink():
            shutil.rmtree(lock)
        else:
            lock.unlink()


def _clear(index_dir: Path) -> None:
    for entry in index_dir.iterdir():
        if entry.name == LOCK_FILE:
            continue  # held by us: keep it, so the lock goes on meaning something
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _apply(
    ix: index.Index,
    index_dir: Path,
    manifest: Manifest,
    sources: list[Source],
    scope: frozenset[str] | None,
    stats: IndexStats,
    progress: Callable[[int, int], None] | None,
) -> None:
    old = manifest.sources
    in_scope = {k: v for k, v in old.items() if scope is None or source_kind(k) in scope}
    new = {s.key: s.content_hash for s in sources}
    changed = [s for s in sources if in_scope.get(s.key) != s.content_hash]
    removed = [key for key in in_scope if key not in new]
    stats.unchanged = len(sources) - len(changed)
    if changed or removed:
        _write(ix, in_scope, changed, removed, stats, progress)
        kept = {k: v for k, v in old.items() if k not in in_scope}
        _write_manifest(index_dir, ix, {**kept, **new})


def _is_current(manifest: Manifest, sources: list[Source], scope: frozenset[str] | None) -> bool:
    in_scope = {
        k: v for k, v in manifest.sources.items() if scope is None or source_kind(k) in scope
    }
    return in_scope == {s.key: s.content_hash for s in sources}


def _sync_in(
    index_dir: Path,
    checked: Checked,
    sources: list[Source],
    scope: frozenset[str] | None,
    progress: Callable[[int, int], None] | None,
) -> tuple[IndexStats, index.Index]:
    """Sync (or rebuild) the index in ``index_dir``. Raises OSError or IndexLocked when
    the folder cannot be written; the caller falls back."""
    stats = IndexStats(location=str(index_dir))
    ix, manifest = checked.ix, checked.manifest
    if ix is not None and manifest is not None and _is_current(manifest, sources, scope):
        stats.unchanged = len(sources)  # the usual start
        return stats, ix
    _make_folder(index_dir)
    with _write_lock(index_dir):
        # Again under the lock: another process may have changed or repaired it.
        current = checked if checked.reason == "asked for" else check_index(index_dir)
        if current.ix is not None and current.manifest is not None:
            try:
                _apply(current.ix, index_dir, current.manifest, sources, scope, stats, progress)
                return stats, current.ix
            except OSError:
                raise
            except Exception as error:  # a merge read old segments and failed
                current = Checked(None, None, "damaged", f"update failed: {describe(error)}")
                stats = IndexStats(location=str(index_dir))
        stats.rebuilt = True
        stats.reason = current.reason if checked.ix is not None else checked.reason
        if current.damaged or checked.damaged:
            stats.note = DAMAGED_NOTE
            bad = current if current.damaged else checked
            what = bad.reason if bad.reason == "damaged" else f"damaged: {bad.reason}"
            detail = f"; {bad.detail}" if bad.detail else ""
            log.warning("The search index in %s was %s%s. Rebuilding it.", index_dir, what, detail)
        _clear(index_dir)
        ix = index.create_in(str(index_dir), build_schema())
        if sources:
            _write(ix, {}, sources, [], stats, progress, optimize=True)
        _write_manifest(index_dir, ix, {s.key: s.content_hash for s in sources})
        return stats, ix


def _fallback_dir() -> Path:
    """``fallback_root()/search-index`` if that folder is ours alone, else a new private
    temporary folder: never an index in a folder another user could have prepared."""
    root = fallback_root()
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = root.lstat()
        mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if stat.S_ISDIR(info.st_mode) and mine and not info.st_mode & 0o077:
            return root / "search-index"
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="longform-search-index-"))


def sync_index(
    index_dir: Path,
    sources: Iterable[Source],
    progress: Callable[[int, int], None] | None = None,
    kinds: Collection[str] | None = None,
    full: bool = False,
) -> IndexStats:
    """Bring the index in line with ``sources``; only changed sources are re-indexed.

    ``kinds``: the kinds this sync is about (None: every kind). Sources of other kinds
    already in the index are left alone. ``full``: rebuild it whatever its state.
    """
    return sync_and_open(index_dir, sources, progress, kinds, full)[0]


def sync_and_open(
    index_dir: Path,
    sources: Iterable[Source],
    progress: Callable[[int, int], None] | None = None,
    kinds: Collection[str] | None = None,
    full: bool = False,
) -> tuple[IndexStats, index.Index]:
    """``sync_index``, also handing back the index it opened (and validated), so a caller
    that goes on to search does not open and validate it a second time.

    Never gives up while some folder can be written: a damaged index is rebuilt; one that
    cannot be updated (read-only folder, lock held by another process) is used as it is
    (``stats.read_only``); with no usable index and an unusable folder one is built in a
    private folder elsewhere (``stats.temporary``). ``stats.note`` says which and why.
    """
    started = time.perf_counter()
    sources = list(sources)
    scope = None if kinds is None else frozenset(kinds)
    if scope is not None:
        stray = sorted({s.kind for s in sources} - scope)
        if stray:
            raise ValueError(f"sources of kinds {stray} given to a sync of kinds {sorted(scope)}")
    checked = Checked(None, None, "asked for") if full else check_index(index_dir)
    try:
        stats, ix = _sync_in(index_dir, checked, sources, scope, progress)
    except (OSError, IndexLocked) as error:
        why = "another process is writing it" if isinstance(error, IndexLocked) else describe(error)
        if checked.ix is not None:  # still whole on disk: stale results beat none
            stats, ix = IndexStats(read_only=True, location=str(index_dir)), checked.ix
            stats.unchanged = len(sources)
            stats.note = (
                f"The search index could not be updated ({why}); results come from the "
                "existing index and may be out of date."
            )
        else:
            stats, ix = _sync_elsewhere(sources, scope, progress)
            what = "damaged and could not be rebuilt" if checked.damaged else "could not be built"
            stats.note = (
                f"The search index in {index_dir} was {what} there ({why}); a temporary "
                f"index in {stats.location} is used instead."
            )
        log.warning("%s", stats.note)
    stats.documents = ix.doc_count()  # from the TOC: no searcher (190 ms on a large index)
    stats.seconds = time.perf_counter() - started
    return stats, ix


def _sync_elsewhere(
    sources: list[Source],
    scope: frozenset[str] | None,
    progress: Callable[[int, int], None] | None,
) -> tuple[IndexStats, index.Index]:
    elsewhere = _fallback_dir()
    try:
        stats, ix = _sync_in(elsewhere, check_index(elsewhere), sources, scope, progress)
    except (OSError, IndexLocked):  # that one is in use or unusable too: a fresh folder
        elsewhere = Path(tempfile.mkdtemp(prefix="longform-search-index-"))
        stats, ix = _sync_in(elsewhere, Checked(None, None, "missing"), sources, scope, progress)
    stats.temporary = True
    return stats, ix


def update_sources(
    ix: index.Index, upserts: Iterable[Source] = (), deletes: Iterable[str] = ()
) -> IndexStats:
    """Add or replace ``upserts`` and remove the sources keyed ``deletes``, in one commit,
    touching nothing else: a note saved or deleted costs one small segment, not a sync.
    An upsert whose hash the index already has is skipped.

    Raises IndexDamaged when the files are no longer the ones the manifest describes (the
    caller rebuilds; the damage is never written into a fresh manifest), IndexLocked when
    another process holds the lock too long, OSError when the folder cannot be written."""
    started = time.perf_counter()
    index_dir = Path(ix.storage.folder)  # type: ignore[attr-defined]  # a FileIndex
    latest: dict[str, Source | None] = {}
    for key in deletes:
        latest[key] = None
    for src in upserts:  # a source upserted twice: the last one wins
        latest[src.key] = src
    stats = IndexStats(location=str(index_dir))
    with _write_lock(index_dir):
        manifest, why = read_manifest(index_dir)
        if manifest is None:
            raise IndexDamaged(f"the search index in {index_dir} has no usable manifest ({why})")
        problem = _verify_files(index_dir, manifest)
        if problem:
            raise IndexDamaged(f"the search index in {index_dir} is damaged ({problem})")
        old = dict(manifest.sources)
        changed = [s for s in latest.values() if s is not None and old.get(s.key) != s.content_hash]
        removed = [k for k, s in latest.items() if s is None and k in old]
        stats.unchanged = sum(1 for s in latest.values() if s is not None) - len(changed)
        if changed or removed:
            _write(ix, old, changed, removed, stats)
            for key in removed:
                old.pop(key, None)
            old.update({s.key: s.content_hash for s in changed})
            _write_manifest(index_dir, ix, old)
    stats.documents = ix.doc_count()
    stats.seconds = time.perf_counter() - started
    return stats
