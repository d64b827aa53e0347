"""SearchService queries on real worker threads (issue 17): the newest query's results
never wait behind an older query still running, and an overtaken query is never shown."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import longform_desktop.core.search as core_search
from longform_desktop.core.catalog import load_catalog
from longform_desktop.services.search_service import SearchService
from longform_desktop.services.tasks import TaskRunner

from ..conftest import CONTENT

CATALOG = load_catalog(CONTENT)
PAGINATION = "pagination-that-survives-real-data"


@pytest.fixture
def service(qtbot, tmp_path: Path):
    runner = TaskRunner(max_threads=2)
    svc = SearchService(CATALOG, tmp_path / "index", runner)
    with qtbot.waitSignal(svc.index_ready, timeout=120_000):
        svc.ensure_index()
    yield svc
    runner.wait()


@pytest.fixture
def stuck(monkeypatch):
    """``search`` for "stuck" blocks (an older query still holding the searcher) until
    ``release`` is set; every other query runs for real."""
    real = core_search.search
    started, release = threading.Event(), threading.Event()

    def search(searcher, text, **kwargs):
        if text == "stuck":
            started.set()
            release.wait(30)
        return real(searcher, text, **kwargs)

    monkeypatch.setattr(core_search, "search", search)
    yield started, release
    release.set()


def test_a_newer_query_does_not_wait_behind_an_older_one(qtbot, service, stuck) -> None:
    started, release = stuck
    shown = []
    service.results_ready.connect(shown.append)
    service.request("stuck", immediate=True)
    assert started.wait(10)
    # Before the fix the newer query waited for the searcher lock the older one held.
    with qtbot.waitSignal(service.results_ready, timeout=10_000) as newest:
        service.request("keyset pagination", immediate=True)
    assert newest.args[0].query == "keyset pagination"
    assert newest.args[0].hits[0].article == PAGINATION
    release.set()
    service.runner.wait()
    qtbot.wait(50)  # the older query's results reach the GUI thread, and are dropped
    assert [r.query for r in shown] == ["keyset pagination"]


def test_an_overtaken_query_stops_and_is_never_shown(qtbot, service, monkeypatch) -> None:
    """A running search is asked between its steps whether it was overtaken, and stops."""
    real = core_search.search
    asked = []

    def search(searcher, text, should_stop=None, **kwargs):
        if text == "vacuum":
            service._generation += 1  # a newer request arrives while this one runs
            asked.append(should_stop())
        return real(searcher, text, should_stop=should_stop, **kwargs)

    monkeypatch.setattr(core_search, "search", search)
    shown = []
    service.results_ready.connect(shown.append)
    service.request("vacuum", immediate=True)
    service.runner.wait()
    qtbot.wait(50)
    assert asked == [True] and shown == []
    with qtbot.waitSignal(service.results_ready, timeout=10_000) as blocker:
        service.request("keyset pagination", immediate=True)
    assert blocker.args[0].hits[0].article == PAGINATION
