"""The status bar says why the index is not the usual one (issue 17): damaged and rebuilt,
not updated (read-only), or a temporary one elsewhere."""

from __future__ import annotations

from PySide6.QtWidgets import QStatusBar

from longform_desktop.core.search import IndexStats
from longform_desktop.ui.status import StatusArea


def _area(qtbot) -> StatusArea:
    bar = QStatusBar()
    qtbot.addWidget(bar)
    return StatusArea(bar)


def test_a_note_is_shown_and_the_state_says_not_updated(qtbot) -> None:
    area = _area(qtbot)
    note = "The search index could not be updated (Read-only file system); results ..."
    area.index_ready(IndexStats(documents=7, read_only=True, note=note))
    assert area.index_label.text() == "Search ready (not updated) · 7 sections indexed"
    assert area.bar.currentMessage() == note and area.index_label.toolTip() == note


def test_a_temporary_index_is_named(qtbot) -> None:
    area = _area(qtbot)
    area.index_ready(IndexStats(documents=3, rebuilt=True, temporary=True, note="elsewhere"))
    assert area.index_label.text() == "Search ready (temporary index) · 3 sections indexed"
    assert area.bar.currentMessage() == "elsewhere"


def test_an_ordinary_rebuild_keeps_its_short_message(qtbot) -> None:
    area = _area(qtbot)
    area.index_ready(IndexStats(documents=3, rebuilt=True, reason="older schema", seconds=1.0))
    assert area.index_label.text() == "Search ready · 3 sections indexed"
    assert area.bar.currentMessage() == "Search index rebuilt (older schema) in 1.0 s."
