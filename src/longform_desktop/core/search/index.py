"""The index on disk: a cache brought in line with its sources.

``sync_index`` re-indexes only the sources whose content hash changed, and rebuilds from
scratch when the index is missing, from an older schema, or unreadable. A sync is
*scoped by kind*: ``sync_index(dir, article_sources, kinds={"article"})`` adds, updates
and removes articles only, and the notes and drawings in the index (and in the manifest)
stay as they are. ``update_sources`` applies a few upserts and deletions (one note
saved, one drawing deleted) without looking at anything else.

After a rebuild (``IndexStats.rebuilt``) the index holds only what that sync was given:
whoever owns the other kinds must sync them again (``SearchService`` does this for every
kind it has a provider for).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from whoosh import index
from whoosh.writing import IndexWriter

from .documents import SearchDocument, Source, source_kind
from .schema import SCHEMA_VERSION, build_schema

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
WRITER_TIMEOUT_S = 10.0  # another process (``longform reindex``) may hold the write lock


@dataclass
class IndexStats:
    rebuilt: bool = False
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    documents: int = 0
    seconds: float = 0.0
    reason: str = ""


def stats_dict(stats: IndexStats) -> dict:
    return asdict(stats)


def _read_manifest(index_dir: Path) -> dict | None:
    try:
        manifest = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("schema") != SCHEMA_VERSION:
        return None
    if not isinstance(manifest.get("sources"), dict):
        return None
    return manifest


def _write_manifest(index_dir: Path, hashes: Mapping[str, str]) -> None:
    # Written after the Whoosh commit, atomically: a crash in between leaves an older
    # manifest, which only means some sources are re-indexed next time.
    tmp = index_dir / (MANIFEST + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"schema": SCHEMA_VERSION, "sources": dict(hashes)}, fh, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, index_dir / MANIFEST)


def open_index(index_dir: Path) -> index.Index | None:
    """The index if it is present, current and readable; None if it must be rebuilt."""
    if _read_manifest(index_dir) is None:
        return None
    try:
        ix = index.open_dir(str(index_dir))
        with ix.searcher() as searcher:
            searcher.doc_count()
        return ix
    except Exception:  # any failure to read means "rebuild"; the index is only a cache
        log.info("search index in %s is unreadable; it will be rebuilt", index_dir)
        return None


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
    writer = ix.writer(timeout=WRITER_TIMEOUT_S)
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
        writer.cancel()
        raise
    stats.removed += len(deletes)


def sync_index(
    index_dir: Path,
    sources: Iterable[Source],
    progress: Callable[[int, int], None] | None = None,
    kinds: Collection[str] | None = None,
) -> IndexStats:
    """Bring the index in line with ``sources``; only changed sources are re-indexed.

    ``kinds``: the kinds this sync is about (None: every kind). Sources of other kinds
    already in the index are left alone.
    """
    return sync_and_open(index_dir, sources, progress, kinds)[0]


def sync_and_open(
    index_dir: Path,
    sources: Iterable[Source],
    progress: Callable[[int, int], None] | None = None,
    kinds: Collection[str] | None = None,
) -> tuple[IndexStats, index.Index]:
    """``sync_index``, also handing back the index it opened (and validated), so a caller
    that goes on to search does not open and validate it a second time."""
    started = time.perf_counter()
    sources = list(sources)
    scope = None if kinds is None else frozenset(kinds)
    if scope is not None:
        stray = sorted({s.kind for s in sources} - scope)
        if stray:
            raise ValueError(f"sources of kinds {stray} given to a sync of kinds {sorted(scope)}")
    stats = IndexStats()
    ix = open_index(index_dir)
    manifest = _read_manifest(index_dir) if ix is not None else None
    if ix is None or manifest is None:
        stats.rebuilt = True
        stats.reason = "missing" if not index_dir.exists() else "stale or unreadable"
        shutil.rmtree(index_dir, ignore_errors=True)
        index_dir.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(index_dir), build_schema())
        old: dict[str, str] = {}
    else:
        old = dict(manifest["sources"])
    in_scope = {k: v for k, v in old.items() if scope is None or source_kind(k) in scope}
    new = {s.key: s.content_hash for s in sources}
    changed = [s for s in sources if in_scope.get(s.key) != s.content_hash]
    removed = [key for key in in_scope if key not in new]
    stats.unchanged = len(sources) - len(changed)
    if changed or removed:
        _write(ix, in_scope, changed, removed, stats, progress, optimize=stats.rebuilt)
    if changed or removed or stats.rebuilt:
        kept = {k: v for k, v in old.items() if k not in in_scope}
        _write_manifest(index_dir, {**kept, **new})
    stats.documents = ix.doc_count()  # from the TOC: no searcher (190 ms on a large index)
    stats.seconds = time.perf_counter() - started
    return stats, ix


def update_sources(
    ix: index.Index, upserts: Iterable[Source] = (), deletes: Iterable[str] = ()
) -> IndexStats:
    """Add or replace ``upserts`` and remove the sources keyed ``deletes``, in one commit,
    touching nothing else: a note saved or deleted costs one small segment, not a sync.
    An upsert whose hash the index already has is skipped."""
    started = time.perf_counter()
    index_dir = Path(ix.storage.folder)  # type: ignore[attr-defined]  # a FileIndex
    manifest = _read_manifest(index_dir)
    if manifest is None:
        raise RuntimeError(f"the search index in {index_dir} has no current manifest")
    old = dict(manifest["sources"])
    stats = IndexStats()
    latest: dict[str, Source | None] = {}
    for key in deletes:
        latest[key] = None
    for src in upserts:  # a source upserted twice: the last one wins
        latest[src.key] = src
    changed = [s for s in latest.values() if s is not None and old.get(s.key) != s.content_hash]
    removed = [k for k, s in latest.items() if s is None and k in old]
    stats.unchanged = sum(1 for s in latest.values() if s is not None) - len(changed)
    if changed or removed:
        _write(ix, old, changed, removed, stats)
        for key in removed:
            old.pop(key, None)
        old.update({s.key: s.content_hash for s in changed})
        _write_manifest(index_dir, old)
    stats.documents = ix.doc_count()
    stats.seconds = time.perf_counter() - started
    return stats
