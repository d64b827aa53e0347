"""``longform search`` and ``longform reindex`` on a damaged or unwritable index (issue
17): never a traceback; the index is rebuilt, or used read-only, or built elsewhere, and
stderr says why."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from longform_desktop import paths
from longform_desktop.cli import main
from longform_desktop.core.search import MANIFEST
from longform_desktop.core.search import index as index_module

PAGINATION = "pagination-that-survives-real-data"


def _search(capsys) -> tuple[list[str], str]:
    assert main(["search", "keyset pagination", "--json"]) == 0
    out, err = capsys.readouterr()
    return [h["article"]["slug"] for h in json.loads(out)["hits"]], err


@pytest.fixture
def built(capsys) -> Path:
    assert main(["reindex"]) == 0
    capsys.readouterr()
    return paths.index_dir()


def test_search_rebuilds_an_index_path_that_is_a_file(capsys) -> None:
    target = paths.index_dir()
    target.write_text("not an index")
    hits, _ = _search(capsys)
    assert hits[0] == PAGINATION and target.is_dir()


def test_search_rebuilds_a_damaged_index_and_says_so(built) -> None:
    """In a real process: the reason reaches stderr through the CLI's logging."""
    seg = max(built.glob("*.seg"), key=lambda p: p.stat().st_size)
    data = bytearray(seg.read_bytes())
    data[len(data) // 2] ^= 0xFF
    seg.write_bytes(bytes(data))
    done = subprocess.run(
        [sys.executable, "-m", "longform_desktop.cli", "search", "keyset pagination", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["hits"][0]["article"]["slug"] == PAGINATION
    assert "was damaged" in done.stderr and "does not match its checksum" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("sources", [None, [], {"article:x": 5}], ids=["null", "list", "ints"])
def test_a_manifest_of_wrong_types_is_rebuilt(built, capsys, sources) -> None:
    manifest = json.loads((built / MANIFEST).read_text())
    (built / MANIFEST).write_text(json.dumps({**manifest, "sources": sources}))
    assert main(["reindex", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["rebuilt"] and stats["note"] == index_module.DAMAGED_NOTE
    assert _search(capsys)[0][0] == PAGINATION


def _read_only(monkeypatch, target: Path) -> None:
    from whoosh.util import filelock

    real = filelock.FcntlLock.acquire

    def acquire(self, blocking: bool = False) -> bool:
        if target in Path(self.filename).parents:
            raise OSError(errno.EROFS, "Read-only file system", self.filename)
        return real(self, blocking)

    monkeypatch.setattr(filelock.FcntlLock, "acquire", acquire)


def test_reindex_in_a_read_only_cache_keeps_the_old_index(built, capsys, monkeypatch) -> None:
    manifest = json.loads((built / MANIFEST).read_text())
    manifest["sources"][f"article:{PAGINATION}"] = "an older hash"  # stale
    manifest["checksum"] = index_module.manifest_checksum(manifest)  # stale, not damaged
    (built / MANIFEST).write_text(json.dumps(manifest))
    _read_only(monkeypatch, built)  # the files still match: only one hash is stale
    assert main(["reindex", "--json"]) == 1
    stats = json.loads(capsys.readouterr().out)
    assert stats["read_only"] and "Read-only file system" in stats["note"]
    assert "may be out of date" in stats["note"]
    assert _search(capsys)[0][0] == PAGINATION


def test_reindex_full_in_a_read_only_cache_builds_elsewhere(
    built, capsys, monkeypatch, tmp_path
) -> None:
    monkeypatch.setattr(index_module, "fallback_root", lambda: tmp_path / "elsewhere")
    _read_only(monkeypatch, built)
    assert main(["reindex", "--full", "--json"]) == 1
    stats = json.loads(capsys.readouterr().out)
    assert stats["temporary"] and stats["location"].startswith(str(tmp_path / "elsewhere"))
    assert (built / MANIFEST).exists()  # nothing was deleted behind the lock
    shutil.rmtree(tmp_path / "elsewhere")
