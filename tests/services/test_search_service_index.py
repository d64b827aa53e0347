"""SearchService and a damaged index (issue 17): healed at start with a note that says
why, a search failing on damage rebuilds the index and runs again once, an update that
finds damage rebuilds and is applied after, and failures read as words."""

from __future__ import annotations

import shutil
import zlib
from pathlib import Path

import pytest

from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.search import note_source
from longform_desktop.core.search.index import DAMAGED_NOTE
from longform_desktop.services.search_service import SearchService, _message

from ..conftest import CONTENT
from .fakes import SyncRunner

CATALOG = load_catalog(CONTENT)
PG = "how-postgres-stores-and-finds-your-data"


def _note(note_id: str, body: str):
    return note_source(note_id, PG, "How Postgres Stores", "", "", body, "green", "t")


class Recorder:
    def __init__(self, service: SearchService):
        self.results, self.errors, self.ready, self.updates = [], [], [], []
        service.results_ready.connect(self.results.append)
        service.index_ready.connect(self.ready.append)
        service.index_failed.connect(lambda m: self.errors.append(("index", m)))
        service.update_failed.connect(lambda m: self.errors.append(("update", m)))
        service.index_updated.connect(self.updates.append)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from longform_desktop.core.search import catalog_sources, sync_index

    target = tmp_path_factory.mktemp("pristine") / "index"
    sync_index(target, catalog_sources(CATALOG), kinds={"article"})
    return target


@pytest.fixture
def index_dir(pristine: Path, tmp_path: Path) -> Path:
    target = tmp_path / "index"
    shutil.copytree(pristine, target)
    return target


@pytest.fixture
def service(qapp, index_dir: Path) -> SearchService:
    return SearchService(CATALOG, index_dir, SyncRunner())


def _damage(index_dir: Path) -> None:
    """One flipped byte in the largest segment, written as a new file (as a crash or a
    copy would): a searcher already open keeps reading the old one."""
    seg = max(index_dir.glob("*.seg"), key=lambda p: p.stat().st_size)
    data = bytearray(seg.read_bytes())
    data[len(data) // 2] ^= 0x40
    tmp = seg.with_suffix(".tmp")
    tmp.write_bytes(bytes(data))
    tmp.replace(seg)


def test_a_damaged_index_is_rebuilt_at_start_and_says_so(service, index_dir) -> None:
    _damage(index_dir)
    rec = Recorder(service)
    service.ensure_index()
    assert rec.errors == [] and len(rec.ready) == 1
    assert rec.ready[0].rebuilt and rec.ready[0].note == DAMAGED_NOTE
    service.request("vacuum", immediate=True)
    assert rec.results[-1].hits[0].article == PG


def test_a_search_failing_on_damage_rebuilds_and_runs_again_once(
    service, index_dir, monkeypatch, qtbot
) -> None:
    rec = Recorder(service)
    service.ensure_index()
    _damage(index_dir)
    import longform_desktop.core.search as core_search

    real, calls = core_search.search, []

    def failing_once(*args, **kwargs):
        calls.append(args[1])
        if len(calls) == 1:  # what reading the damaged bytes raises
            raise zlib.error("Error -3 while decompressing data: invalid block type")
        return real(*args, **kwargs)

    monkeypatch.setattr(core_search, "search", failing_once)
    service.request("vacuum", immediate=True)
    assert rec.results[-1].error.startswith("error: Error -3")  # shown, not "no results"
    qtbot.waitUntil(lambda: len(rec.ready) == 2, timeout=30000)
    assert rec.ready[1].rebuilt and rec.ready[1].note == DAMAGED_NOTE
    assert calls == ["vacuum", "vacuum"]  # run again once, on the rebuilt index
    assert not rec.results[-1].error and rec.results[-1].hits[0].article == PG


def test_a_search_failing_on_a_healthy_index_is_not_retried(service, monkeypatch, qtbot) -> None:
    rec = Recorder(service)
    service.ensure_index()
    import longform_desktop.core.search as core_search

    calls = []

    def broken(*args, **kwargs):
        calls.append(args[1])
        raise RuntimeError("a bug, not damage")

    monkeypatch.setattr(core_search, "search", broken)
    service.request("vacuum", immediate=True)
    qtbot.wait(50)  # the health check runs after the delivery
    assert len(rec.ready) == 1 and calls == ["vacuum"]
    assert rec.results[-1].error == "RuntimeError: a bug, not damage"


def test_an_update_that_finds_damage_rebuilds_and_is_applied_after(service, index_dir) -> None:
    rec = Recorder(service)
    service.ensure_index()
    _damage(index_dir)
    service.update_notes([_note("n1", "autovacuum wakes up every minute")])
    assert rec.errors == [] and len(rec.ready) == 2 and rec.ready[1].note == DAMAGED_NOTE
    assert rec.updates and rec.updates[-1].added == 1
    service.request("kind:note autovacuum", immediate=True)
    assert [h.item_id for h in rec.results[-1].hits] == ["n1"]


def test_failures_read_as_words() -> None:
    from whoosh.index import LockError

    assert _message(LockError()) == "LockError: another process is writing the search index"
    error = PermissionError(13, "Permission denied", "/cache/search-index/MAIN_WRITELOCK")
    assert _message(error) == (
        "PermissionError: Permission denied: /cache/search-index/MAIN_WRITELOCK"
    )
    assert _message(ValueError()) == "ValueError"
