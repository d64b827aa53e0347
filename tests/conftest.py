"""Shared fixtures: offscreen Qt, a private data/cache dir per test, the bundled content."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data and cache dirs: no real home is touched."""
    for name in ("DATA", "CACHE"):
        monkeypatch.setenv(f"LONGFORM_{name}_DIR", str(tmp_path / name.lower()))
    monkeypatch.setenv("LONGFORM_CONTENT_DIR", str(CONTENT))
    return tmp_path


@pytest.fixture
def content_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the bundled content, for tests that break it on purpose."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    monkeypatch.setenv("LONGFORM_CONTENT_DIR", str(target))
    return target


@pytest.fixture(autouse=True, scope="session")
def _collect_on_the_gui_thread():
    """As in the app (services/gc_guard.py): no automatic cycle collection, which could
    run on a worker thread and destroy a test's widgets there; see the fixture below."""
    import gc

    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test():
    yield
    import gc

    gc.collect()  # on the main (GUI) thread, between tests


@pytest.fixture(autouse=True)
def _app_logging_reset():
    """``log.setup_logging`` (run by ``app.main``) stops propagation to the root logger;
    put it back after each test so ``caplog`` sees the app's records in the next."""
    yield
    import logging

    logger = logging.getLogger("longform_desktop")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    logger.propagate = True


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The hardening suite's counts (tests/hardening/report.py), when any ran."""
    from tests.hardening import report

    rows = report.lines()
    if rows:
        terminalreporter.section("hardening: what was tried")
        for row in rows:
            terminalreporter.write_line(row)
        report.write_json()
