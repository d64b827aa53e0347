"""The search index is a cache that always heals (issue 17): a catalogue of damage and
seeded byte flips, each applied to a copy of one pristine index, each followed by a sync
and two searches through the real path (``SearchService`` over ``core.search``) that must
find exactly what the pristine index found, with no exception and no error result.

The corpus is one deep dive cut to its first sections plus five notes, so that a rebuild
costs ~0.1 s and a few hundred cases fit in the suite's budget. What counts as correct
is decided by the pristine index, never by a constant.

A flip can leave Whoosh able to read a segment that now holds other postings. That is not
accepted as "no exception": the manifest records every file's size and CRC-32, verified at
open, so any changed byte in a segment or table of contents means a rebuild (the figure
``rebuilt`` says how many cases did). A flip in the manifest itself either breaks its
shape (rebuild) or changes one source's hash (that source is re-indexed): both heal.
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from longform_desktop.core.catalog import Catalog, Section, load_catalog
from longform_desktop.core.search import MANIFEST, note_source, open_index
from longform_desktop.core.search import index as index_module
from longform_desktop.services.search_service import SearchService
from tests.hardening.report import tally

from ..conftest import CONTENT
from ..services.fakes import SyncRunner

SLUG = "pagination-that-survives-real-data"
# Plain words, a prefix (read from the stored vocabulary) and a typo (corrected from it).
QUERIES = ("keyset cursor", "idempot*", "pagina*", "idempotensy")
FLIPS = 200
SEED = 17


def _small_catalog() -> Catalog:
    article = load_catalog(CONTENT).article(SLUG)
    assert article is not None
    cut = article.body.index("\n## Opaque, versioned")  # three sections: enough variety
    short = replace(article, body=article.body[:cut], word_count=len(article.body[:cut].split()))
    return Catalog([Section("apis", "APIs", articles=(short,))])


CATALOG = _small_catalog()
NOTES = [
    note_source(
        f"n{i}",
        SLUG,
        "Pagination",
        "",
        "",
        f"note {i}: keyset cursor, idempotency key",
        "green",
        "t",
    )
    for i in range(5)
]


class Run:
    """One service over one index folder: what it announced and what the searches found."""

    def __init__(self, folder: Path) -> None:
        self.service = SearchService(CATALOG, folder, SyncRunner())
        self.service.add_source_provider("note", lambda: NOTES)
        self.ready: list = []
        self.failed: list[str] = []
        self.results: list = []
        self.service.index_ready.connect(self.ready.append)
        self.service.index_failed.connect(self.failed.append)
        self.service.update_failed.connect(self.failed.append)
        self.service.results_ready.connect(self.results.append)

    def found(self, qapp) -> list[list[tuple[str, str, str]]]:
        self.service.ensure_index()
        out = []
        for text in QUERIES:
            self.results.clear()
            self.service.request(text, immediate=True)
            # A search answered with an error has the index checked and rebuilt on the
            # next turn of the event loop, then runs again: let that happen.
            for _ in range(20):
                if self.results and not self.results[-1].error:
                    break
                qapp.processEvents()
            last = self.results[-1] if self.results else None
            if last is None or last.error:
                raise AssertionError(f"{text!r}: {last.error if last else 'no results'}")
            out.append([(h.article, h.kind, h.item_id) for h in last.hits])
        return out


@pytest.fixture(scope="module")
def pristine(qapp, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    folder = tmp_path_factory.mktemp("pristine") / "index"
    expected = Run(folder).found(qapp)
    assert all(expected), expected  # both queries find something: the check can fail
    return folder, expected


# --- the damage -----------------------------------------------------------------------


def _file(folder: Path, kind: str) -> Path:
    if kind == "segment":
        return max(folder.glob("*.seg"), key=lambda p: p.stat().st_size)
    if kind == "toc":
        return max(folder.glob("_MAIN_*.toc"), key=lambda p: int(p.stem.rsplit("_", 1)[1]))
    if kind == "vocabulary":
        return next(folder.glob("vocab-*.words"))
    return folder / {"manifest": MANIFEST, "lock": index_module.LOCK_FILE}[kind]


def _rewrite(path: Path, make: Callable[[bytes], bytes]) -> None:
    data = path.read_bytes()
    path.write_bytes(make(data))


def _rand(n: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(n)


def _replace_by_dir(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.mkdir()
    (path / "x").write_text("x")


def _replace_by_link(path: Path, to: str) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to(to)


def _replace_by_fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


FILE_OPS: dict[str, Callable[[Path], None]] = {
    "truncated to 0": lambda p: p.write_bytes(b""),
    "truncated to half": lambda p: _rewrite(p, lambda d: d[: len(d) // 2]),
    "last byte dropped": lambda p: _rewrite(p, lambda d: d[:-1]),
    "zeroed": lambda p: _rewrite(p, lambda d: bytes(len(d))),
    "first 4 KiB zeroed": lambda p: _rewrite(p, lambda d: bytes(min(4096, len(d))) + d[4096:]),
    "middle 4 KiB zeroed": lambda p: _rewrite(
        p,
        lambda d: (
            d[: len(d) // 2]
            + bytes(len(d[len(d) // 2 : len(d) // 2 + 4096]))
            + d[len(d) // 2 + 4096 :]
        ),
    ),
    "random bytes": lambda p: _rewrite(p, lambda d: _rand(len(d), 1)),
    "random tail": lambda p: _rewrite(
        p, lambda d: d[: len(d) // 2] + _rand(len(d) - len(d) // 2, 2)
    ),
    "garbage appended": lambda p: _rewrite(p, lambda d: d + _rand(999, 3)),
    "deleted": lambda p: p.unlink(),
    "a directory": _replace_by_dir,
    "a link to /dev/zero": lambda p: _replace_by_link(p, "/dev/zero"),
    "a fifo": _replace_by_fifo,
}


def _manifest_edit(change: Callable[[dict], object]) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        path = folder / MANIFEST
        path.write_text(json.dumps(change(json.loads(path.read_text()))))

    return damage


def _with(m: dict, **kw: object) -> dict:
    return {**m, **kw}


def _first_file(m: dict, entry: list) -> dict:
    files = dict(m["files"])
    files[next(n for n in files if n.endswith(".seg"))] = entry
    return _with(m, files=files)


MANIFEST_KINDS: dict[str, Callable[[Path], None]] = {
    "empty": lambda f: (f / MANIFEST).write_bytes(b""),
    "not JSON": lambda f: (f / MANIFEST).write_text('{"schema": '),
    "binary garbage": lambda f: (f / MANIFEST).write_bytes(_rand(700, 4)),
    "invalid UTF-8": lambda f: (f / MANIFEST).write_bytes(b'{"schema": "\xff\xfe"}'),
    "UTF-8 BOM first": lambda f: (f / MANIFEST).write_bytes(
        b"\xef\xbb\xbf" + (f / MANIFEST).read_bytes()
    ),
    "nested 100,000 deep": lambda f: (f / MANIFEST).write_text("[" * 100_000),
    "huge (sparse, 65 MiB)": lambda f: os.truncate(f / MANIFEST, 65 * 1024 * 1024),
    "JSON null": _manifest_edit(lambda m: None),
    "a list": _manifest_edit(lambda m: [m]),
    "a string": _manifest_edit(lambda m: "manifest"),
    "a number": _manifest_edit(lambda m: 6),
    "sources null": _manifest_edit(lambda m: _with(m, sources=None)),
    "sources a list": _manifest_edit(lambda m: _with(m, sources=list(m["sources"]))),
    "sources hashes ints": _manifest_edit(
        lambda m: _with(m, sources=dict.fromkeys(m["sources"], 1))
    ),
    "sources hashes null": _manifest_edit(lambda m: _with(m, sources=dict.fromkeys(m["sources"]))),
    "a source key without kind": _manifest_edit(lambda m: _with(m, sources={"x": "y"})),
    "one source hash stale": _manifest_edit(
        lambda m: _with(m, sources={**m["sources"], f"article:{SLUG}": "stale"})
    ),
    "one source missing": _manifest_edit(
        lambda m: _with(m, sources={k: v for k, v in m["sources"].items() if k != "note:n0"})
    ),
    "an unknown source": _manifest_edit(
        lambda m: _with(m, sources={**m["sources"], "note:ghost": "h"})
    ),
    "schema a string": _manifest_edit(lambda m: _with(m, schema=str(m["schema"]))),
    "schema a bool": _manifest_edit(lambda m: _with(m, schema=True)),
    "schema a float": _manifest_edit(lambda m: _with(m, schema=float(m["schema"]))),
    "schema missing": _manifest_edit(lambda m: {k: v for k, v in m.items() if k != "schema"}),
    "older schema": _manifest_edit(lambda m: _with(m, schema=m["schema"] - 1)),
    "newer schema": _manifest_edit(lambda m: _with(m, schema=m["schema"] + 1)),
    "generation ahead": _manifest_edit(lambda m: _with(m, generation=m["generation"] + 1)),
    "generation a string": _manifest_edit(lambda m: _with(m, generation="1")),
    "generation negative": _manifest_edit(lambda m: _with(m, generation=-1)),
    "files missing (older manifest)": _manifest_edit(
        lambda m: {k: v for k, v in m.items() if k not in ("files", "generation")}
    ),
    "files null": _manifest_edit(lambda m: _with(m, files=None)),
    "files empty": _manifest_edit(lambda m: _with(m, files={})),
    "a file's size wrong": _manifest_edit(lambda m: _first_file(m, [1, 0])),
    "a file's checksum wrong": _manifest_edit(
        lambda m: _first_file(
            m, [next(v for n, v in m["files"].items() if n.endswith(".seg"))[0], 7]
        )
    ),
    "a file entry a string": _manifest_edit(lambda m: _first_file(m, "x")),  # type: ignore[arg-type]
    "a file outside the folder": _manifest_edit(
        lambda m: _with(m, files={**m["files"], "../../etc/hostname": [1, 1]})
    ),
    "an unknown file listed": _manifest_edit(
        lambda m: _with(m, files={**m["files"], "MAIN_nosuchsegment.seg": [10, 10]})
    ),
    "temporary manifest left over": lambda f: (f / (MANIFEST + ".tmp")).write_text("{"),
}


def _write_to(target: str) -> Callable[[Path], None]:
    return lambda folder: folder.joinpath(target).write_bytes(_rand(64, 5))


def _gone(folder: Path) -> None:
    shutil.rmtree(folder)


def _file_instead(content: bytes) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        shutil.rmtree(folder)
        folder.write_bytes(content)

    return damage


def _link_instead(to: str) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        shutil.rmtree(folder)
        folder.symlink_to(to)

    return damage


def _emptied(folder: Path) -> None:
    shutil.rmtree(folder)
    folder.mkdir()


def _no_permission(folder: Path) -> None:
    folder.chmod(0)  # as root this stops nothing: the figure is still a real case


def _newer_toc(folder: Path) -> None:
    toc = _file(folder, "toc")
    gen = int(toc.stem.rsplit("_", 1)[1])
    shutil.copy(toc, folder / f"_MAIN_{gen + 1}.toc")


FOLDER_KINDS: dict[str, Callable[[Path], None]] = {
    "missing": _gone,
    "a regular file": _file_instead(b"not an index"),
    "an empty file": _file_instead(b""),
    "a dangling link": _link_instead("/nonexistent/longform-index"),
    "a link to a file": _link_instead("/etc/hostname"),
    "an empty folder": _emptied,
    "without permission": _no_permission,
    "a stray newer table of contents": _newer_toc,
    "an old table of contents left over": _write_to("_MAIN_0.toc"),
    "a stray segment": _write_to("MAIN_strayseg000000000.seg"),
    "a stray subfolder": lambda f: (f / "junk").mkdir(),
}


def _catalogue() -> list[tuple[str, str, Callable[[Path], None]]]:
    cases = [("manifest", name, fn) for name, fn in MANIFEST_KINDS.items()]
    cases += [
        (f"{kind} file", f"{kind} {op}", lambda f, k=kind, fn=fn: fn(_file(f, k)))
        for kind in ("manifest", "segment", "toc", "lock", "vocabulary")
        for op, fn in FILE_OPS.items()
    ]
    cases += [("folder", name, fn) for name, fn in FOLDER_KINDS.items()]
    return cases


def _restore(folder: Path) -> None:
    if folder.is_dir() and not folder.is_symlink():
        folder.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)
    elif folder.is_symlink() or folder.exists():
        folder.unlink()


def _attempt(
    qapp, pristine, folder: Path, damage: Callable[[Path], None]
) -> tuple[str, float, Run]:
    """Copy, damage, sync and search; '' if the results are the pristine ones."""
    source, expected = pristine
    shutil.copytree(source, folder, symlinks=True)
    damage(folder)
    started = time.perf_counter()
    run = Run(folder)
    try:
        found = run.found(qapp)
    except Exception as error:  # the check: nothing escapes, or it is a failure
        return f"{type(error).__name__}: {error}", (time.perf_counter() - started) * 1000, run
    ms = (time.perf_counter() - started) * 1000
    if run.failed:
        return f"announced failure: {run.failed}", ms, run
    if found != expected:
        return f"results differ: {found} != {expected}", ms, run
    return "", ms, run


def test_every_kind_of_damage_heals(qapp, pristine, tmp_path) -> None:
    failures = []
    cases = _catalogue()
    assert len(cases) >= 75
    for n, (group, name, damage) in enumerate(cases):
        folder = tmp_path / f"case{n}"
        problem, ms, run = _attempt(qapp, pristine, folder, damage)
        healed_in_place = not problem and open_index(folder) is not None
        if not problem and not healed_in_place:
            problem = "the index was not whole afterwards"
        rebuilt = int(bool(run.ready) and run.ready[-1].rebuilt)
        tally(
            "index",
            f"damage: {group}",
            tried=1,
            failures=int(bool(problem)),
            max_ms=round(ms),
            rebuilt=rebuilt,
        )
        if problem:
            failures.append(f"{name}: {problem}")
        _restore(folder)
    assert failures == []


def test_seeded_byte_flips_heal(qapp, pristine, tmp_path) -> None:
    """Each case flips one byte (XOR with a non-zero random byte) at a random offset of
    one of the index's files, chosen in turn: segment, table of contents, manifest,
    stored vocabulary."""
    rng = random.Random(SEED)
    failures = []
    kinds = ("segment", "toc", "manifest", "vocabulary")
    for n in range(FLIPS):
        kind = kinds[n % len(kinds)]
        offset_share, xor = rng.random(), rng.randrange(1, 256)

        def flip(folder: Path, kind=kind, share=offset_share, xor=xor) -> None:
            path = _file(folder, kind)
            data = bytearray(path.read_bytes())
            data[int(share * len(data))] ^= xor
            path.write_bytes(bytes(data))

        folder = tmp_path / f"flip{n}"
        problem, ms, run = _attempt(qapp, pristine, folder, flip)
        if not problem and open_index(folder) is None:
            problem = "the index was not whole afterwards"
        rebuilt = int(bool(run.ready) and run.ready[-1].rebuilt)
        tally(
            "index",
            f"byte flip: {kind}",
            tried=1,
            failures=int(bool(problem)),
            max_ms=round(ms),
            rebuilt=rebuilt,
        )
        if problem:
            failures.append(f"flip {n} in {kind} at {offset_share:.4f} ^ {xor}: {problem}")
        _restore(folder)
    assert failures == []


# --- folders that cannot be written ----------------------------------------------------


@pytest.fixture
def read_only(monkeypatch):
    """Writing in the folders added to the set fails as on a read-only file system (the
    tests run as root, where chmod stops nothing); the lock is the first write."""
    from whoosh.util import filelock

    folders: set[Path] = set()
    real = filelock.FcntlLock.acquire

    def acquire(self, blocking: bool = False) -> bool:
        if any(f in Path(self.filename).parents for f in folders):
            raise OSError(errno.EROFS, "Read-only file system", self.filename)
        return real(self, blocking)

    monkeypatch.setattr(filelock.FcntlLock, "acquire", acquire)
    return folders


HOLD = """
import sys, time
from whoosh.filedb.filestore import FileStorage
lock = FileStorage(sys.argv[1]).lock("MAIN_WRITELOCK")
assert lock.acquire()
print("held", flush=True)
time.sleep(60)
"""


def _stale(folder: Path) -> None:
    """The files as they were, one source's hash older: stale, not damaged."""
    path = folder / MANIFEST
    manifest = json.loads(path.read_text())
    manifest["sources"][f"article:{SLUG}"] = "stale"
    manifest["checksum"] = index_module.manifest_checksum(manifest)
    path.write_text(json.dumps(manifest))


def _damaged(folder: Path) -> None:
    FILE_OPS["middle 4 KiB zeroed"](_file(folder, "segment"))


@pytest.mark.parametrize("state", ["stale", "damaged", "current"])
@pytest.mark.parametrize("obstacle", ["read-only", "locked by another process"])
def test_an_unwritable_folder_still_gives_results(
    qapp, pristine, tmp_path, read_only, monkeypatch, obstacle, state
) -> None:
    monkeypatch.setattr(index_module, "fallback_root", lambda: tmp_path / "fallback")
    monkeypatch.setattr(index_module, "WRITER_TIMEOUT_S", 0.3)
    folder = tmp_path / "index"
    damage = {"stale": _stale, "damaged": _damaged, "current": lambda f: None}[state]

    holders: list[subprocess.Popen] = []

    def obstruct(f: Path) -> None:
        damage(f)
        if obstacle == "read-only":
            read_only.add(f)
        else:  # a real other process holds Whoosh's write lock on this copy
            holder = subprocess.Popen(
                [sys.executable, "-c", HOLD, str(f)], stdout=subprocess.PIPE, text=True
            )
            holders.append(holder)
            assert holder.stdout is not None and holder.stdout.readline().strip() == "held"

    try:
        problem, ms, run = _attempt(qapp, pristine, folder, obstruct)
    finally:
        for holder in holders:
            holder.kill()
            holder.wait()
    stats = run.ready[-1] if run.ready else None
    if not problem and stats is not None:
        expect_note = state != "current"
        if expect_note and not stats.note:
            problem = "no note says why"
        if state == "stale" and not stats.read_only:
            problem = "the old index was not used read-only"
        if state == "damaged" and not stats.temporary:
            problem = "no index was built elsewhere"
    tally(
        "index", f"unwritable: {obstacle}", tried=1, failures=int(bool(problem)), max_ms=round(ms)
    )
    assert problem == ""
