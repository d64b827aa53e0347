"""A corrupt index is rebuilt in the background while the catalog stays usable."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from longform_desktop import paths
from longform_desktop.app import build_window


def test_corrupt_index_rebuilt_in_background(qtbot) -> None:
    first = build_window(QApplication.instance())
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.search_service.index_ready, timeout=60000):
        first.search_service.ensure_index()
    for path in paths.index_dir().iterdir():
        if path.suffix in {".seg", ".toc"}:
            path.write_bytes(b"corrupt")
    window = build_window(QApplication.instance())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.search_service.index_ready, timeout=60000) as blocker:
        window.search_service.ensure_index()
        # The catalog answers while the worker rebuilds.
        assert window.catalog_view.cards
    stats = blocker.args[0]
    assert stats.rebuilt
    assert "rebuilt" in window.statusBar().currentMessage()
    # No-change start-up does no indexing work.
    again = build_window(QApplication.instance())
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.search_service.index_ready, timeout=60000) as blocker:
        again.search_service.ensure_index()
    assert not blocker.args[0].rebuilt and blocker.args[0].added == 0
