"""The index heals (issue 17): whatever is wrong with it on disk, a sync gives back an index
that finds what the sources hold, and says why when it rebuilt it, could not update it or
had to build it elsewhere."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from longform_desktop.core.search import (
    MANIFEST,
    SCHEMA_VERSION,
    catalog_sources,
    note_source,
    open_index,
    search,
    sync_and_open,
    update_sources,
)
from longform_desktop.core.search import index as index_module
from longform_desktop.core.search.index import IndexDamaged

from .conftest import CATALOG

# Three deep dives, two of which the query finds: every rebuild here costs ~0.5 s, not 2 s.
KEEP = {
    "idempotency-and-exactly-once",
    "payments-ledger-for-upi-scale",
    "pagination-that-survives-real-data",
}
SOURCES = [s for s in catalog_sources(CATALOG) if s.key.partition(":")[2] in KEEP]
QUERY = "idempotency"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("pristine") / "ix"
    sync_and_open(target, SOURCES, kinds={"article"})
    return target


@pytest.fixture
def target(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "ix"
    shutil.copytree(pristine, copy)
    return copy


@pytest.fixture
def fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "fallback"
    monkeypatch.setattr(index_module, "fallback_root", lambda: where)
    return where


def _expected(pristine: Path) -> list[tuple[str, str]]:
    return [(h.article, h.kind) for h in search(open_index(pristine), QUERY).hits]


def _hits(ix) -> list[tuple[str, str]]:
    found = [(h.article, h.kind) for h in search(ix, QUERY).hits]
    assert len(found) == 2  # the expectation itself is not empty
    return found


def _segment(target: Path) -> Path:
    return max(target.glob("*.seg"), key=lambda p: p.stat().st_size)


def _manifest(target: Path) -> dict:
    return json.loads((target / MANIFEST).read_text())


def _sources_hashes(target: Path) -> dict:
    return _manifest(target)["sources"]


@pytest.mark.parametrize(
    "shape",
    [
        pytest.param(lambda m: {**m, "sources": None}, id="null-sources"),
        pytest.param(lambda m: {**m, "sources": list(m["sources"])}, id="sources-a-list"),
        pytest.param(lambda m: {**m, "sources": dict.fromkeys(m["sources"], 5)}, id="int-hashes"),
        pytest.param(lambda m: {**m, "sources": {"nokind": "x"}}, id="key-without-kind"),
        pytest.param(lambda m: {**m, "schema": str(m["schema"])}, id="schema-a-string"),
        pytest.param(lambda m: {**m, "schema": True}, id="schema-a-bool"),
        pytest.param(lambda m: {**m, "schema": float(m["schema"])}, id="schema-a-float"),
        pytest.param(lambda m: {k: v for k, v in m.items() if k != "files"}, id="no-files"),
        pytest.param(lambda m: {**m, "files": {"../../etc/passwd": [1, 2]}}, id="file-outside"),
        pytest.param(lambda m: {**m, "files": None}, id="null-files"),
        pytest.param(lambda m: {**m, "generation": "1"}, id="generation-a-string"),
        pytest.param(lambda m: [m], id="a-list"),
        pytest.param(lambda m: None, id="null"),
    ],
)
def test_a_manifest_of_the_wrong_shape_means_rebuild(target, pristine, shape) -> None:
    (target / MANIFEST).write_text(json.dumps(shape(_manifest(target))))
    assert open_index(target) is None
    stats, ix = sync_and_open(target, SOURCES, kinds={"article"})
    assert stats.rebuilt and "manifest" in stats.reason
    assert _hits(ix) == _expected(pristine)
    assert open_index(target) is not None  # and it is whole again


def test_a_huge_manifest_is_not_read(target, pristine, monkeypatch) -> None:
    monkeypatch.setattr(index_module, "MANIFEST_MAX_BYTES", 4096)
    with open(target / MANIFEST, "ab") as fh:
        fh.truncate(10_000)  # sparse: too big, cheap to make
    stats, ix = sync_and_open(target, SOURCES, kinds={"article"})
    assert stats.rebuilt and "manifest" in stats.reason
    assert _hits(ix) == _expected(pristine)


def test_an_index_path_that_is_a_file_is_replaced(tmp_path, pristine) -> None:
    target = tmp_path / "ix"
    target.write_text("not an index")
    stats, ix = sync_and_open(target, SOURCES, kinds={"article"})
    assert stats.rebuilt and target.is_dir()
    assert _hits(ix) == _expected(pristine)


def test_one_flipped_byte_anywhere_is_found_at_open(target, pristine) -> None:
    """A flip may leave Whoosh able to read the segment yet find other things: the
    manifest's checksums catch it before anything is read."""
    seg = _segment(target)
    data = bytearray(seg.read_bytes())
    data[len(data) // 3] ^= 0x10
    seg.write_bytes(bytes(data))
    assert open_index(target) is None
    stats, ix = sync_and_open(target, SOURCES, kinds={"article"})
    assert stats.rebuilt and stats.reason == "damaged"
    assert stats.note == "The search index was damaged and has been rebuilt."
    assert _hits(ix) == _expected(pristine)


def test_a_deleted_segment_is_found_at_open(target, pristine) -> None:
    _segment(target).unlink()
    stats, ix = sync_and_open(target, SOURCES, kinds={"article"})
    assert stats.rebuilt and stats.reason == "damaged"
    assert _hits(ix) == _expected(pristine)


def test_an_unreadable_index_behind_a_whole_manifest_is_rebuilt(target, pristine) -> None:
    """Files that match their checksums but that Whoosh cannot read (written by something
    else) fail the probe read at open, not the first search."""
    seg = _segment(target)
    seg.write_bytes(os.urandom(seg.stat().st_size))
    manifest = _manifest(target)
    manifest["files"][seg.name] = [seg.stat().st_size, zlib.crc32(seg.read_bytes())]
    manifest["checksum"] = index_module.manifest_checksum(manifest)
    (target / MANIFEST).write_text(json.dumps(manifest))
    stats, ix = sync_and_open(target, SOURCES, kinds={"article"})
    assert stats.rebuilt and stats.reason == "damaged"
    assert _hits(ix) == _expected(pristine)


def _read_only(monkeypatch: pytest.MonkeyPatch, paths: set[Path]) -> None:
    """Writing anything under ``paths`` fails as on a read-only file system (the tests run
    as root, where chmod stops nothing): the lock file is the first thing written."""
    from whoosh.util import filelock

    real = filelock.FcntlLock.acquire

    def acquire(self, blocking: bool = False) -> bool:
        if any(p in Path(self.filename).parents for p in paths):
            raise OSError(errno.EROFS, "Read-only file system", self.filename)
        return real(self, blocking)

    monkeypatch.setattr(filelock.FcntlLock, "acquire", acquire)


def test_a_read_only_cache_with_a_stale_index_uses_it(target, pristine, monkeypatch) -> None:
    _read_only(monkeypatch, {target})
    changed = [*SOURCES[1:]]  # one article gone: the index is stale
    stats, ix = sync_and_open(target, changed, kinds={"article"})
    assert stats.read_only and not stats.rebuilt and stats.location == str(target)
    assert "could not be updated" in stats.note and "Read-only file system" in stats.note
    assert _hits(ix) == _expected(pristine)  # stale results are better than none


def test_a_current_index_in_a_read_only_cache_needs_no_write(target, monkeypatch) -> None:
    _read_only(monkeypatch, {target})
    stats, _ = sync_and_open(target, SOURCES, kinds={"article"})
    assert (stats.read_only, stats.rebuilt, stats.note) == (False, False, "")


def test_a_read_only_cache_without_a_usable_index_builds_elsewhere(
    target, pristine, fallback, monkeypatch
) -> None:
    _segment(target).write_bytes(b"zeroed")
    _read_only(monkeypatch, {target})
    stats, ix = sync_and_open(target, SOURCES, kinds={"article"})
    assert stats.rebuilt and stats.temporary
    assert Path(stats.location).is_relative_to(fallback)
    assert str(target) in stats.note and "temporary" in stats.note
    assert _hits(ix) == _expected(pristine)
    # The next run finds the temporary index current: no second build.
    again, ix = sync_and_open(target, SOURCES, kinds={"article"})
    assert again.temporary and not again.rebuilt and again.added == 0
    assert _hits(ix) == _expected(pristine)


HOLD = """
import sys, time
from whoosh.filedb.filestore import FileStorage
lock = FileStorage(sys.argv[1]).lock("MAIN_WRITELOCK")
assert lock.acquire()
print("held", flush=True)
time.sleep(60)
"""


@pytest.fixture
def other_process_lock(target):
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "held"
    yield proc
    proc.kill()
    proc.wait()


def test_a_lock_held_by_another_process_falls_back_to_the_old_index(
    target, pristine, other_process_lock, monkeypatch
) -> None:
    monkeypatch.setattr(index_module, "WRITER_TIMEOUT_S", 0.3)
    stats, ix = sync_and_open(target, SOURCES[1:], kinds={"article"})
    assert stats.read_only and "another process" in stats.note
    assert _hits(ix) == _expected(pristine)


def test_a_lock_held_over_a_damaged_index_builds_elsewhere(
    target, pristine, fallback, other_process_lock, monkeypatch
) -> None:
    monkeypatch.setattr(index_module, "WRITER_TIMEOUT_S", 0.3)
    (target / MANIFEST).unlink()
    stats, ix = sync_and_open(target, SOURCES, kinds={"article"})
    assert stats.temporary and "another process" in stats.note
    assert _hits(ix) == _expected(pristine)


def _note(note_id: str, body: str):
    pg = "how-postgres-stores-and-finds-your-data"
    return note_source(note_id, pg, "How Postgres", "", "", body, "green", "t")


def test_an_update_refuses_to_bless_damaged_files(target) -> None:
    _, ix = sync_and_open(target, SOURCES, kinds={"article"})
    seg = _segment(target)
    data = bytearray(seg.read_bytes())
    data[100] ^= 1
    seg.write_bytes(bytes(data))
    with pytest.raises(IndexDamaged):
        update_sources(ix, [_note("n1", "a note")])
    assert open_index(target) is None  # still seen as damaged: the next sync rebuilds


def test_updates_keep_the_manifest_whole(target) -> None:
    _, ix = sync_and_open(target, SOURCES, kinds={"article"})
    update_sources(ix, [_note("n1", "first words")])
    update_sources(ix, [_note("n2", "second words")], deletes=["note:n1"])
    assert open_index(target) is not None
    assert "note:n2" in _sources_hashes(target) and "note:n1" not in _sources_hashes(target)
    assert _manifest(target)["schema"] == SCHEMA_VERSION


def test_a_full_rebuild_goes_through_the_lock(target, pristine) -> None:
    stats, ix = sync_and_open(target, SOURCES, kinds={"article"}, full=True)
    assert stats.rebuilt and stats.reason == "asked for" and stats.note == ""
    assert _hits(ix) == _expected(pristine)
