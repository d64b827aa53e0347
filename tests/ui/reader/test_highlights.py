"""Highlight layers never wipe each other: search words, find matches and the user's
notes share one setExtraSelections call."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit

from longform_desktop.ui.reader.highlights import (
    FIND,
    NOTES,
    SEARCH,
    HighlightLayers,
    background,
    selection,
    stem_prefix,
    term_selections,
)


def _editor(qtbot) -> QTextEdit:
    editor = QTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText("Retries retry the retried request; a retrying client retries.")
    return editor


def test_layers_merge_and_clear_independently(qtbot) -> None:
    editor = _editor(qtbot)
    layers = HighlightLayers(editor)
    words = term_selections(editor.document(), ["retries"], background("#ffe28a"))
    assert len(words) == 5  # Retries, retry, retried, retrying, retries
    layers.set(SEARCH, words)
    cursor = QTextCursor(editor.document())
    cursor.setPosition(0)
    cursor.setPosition(7, QTextCursor.MoveMode.KeepAnchor)
    layers.set(NOTES, [selection(cursor, background("#a8e6a1"))])
    layers.set(FIND, words[:2])
    assert len(editor.extraSelections()) == 5 + 1 + 2
    layers.clear(FIND)
    assert len(editor.extraSelections()) == 6
    layers.set(SEARCH, [])
    remaining = editor.extraSelections()
    assert len(remaining) == 1 and remaining[0].cursor.selectedText() == "Retries"


def test_notes_layer_is_painted_first() -> None:
    from longform_desktop.ui.reader.highlights import LAYER_ORDER

    assert LAYER_ORDER.index(NOTES) < LAYER_ORDER.index(SEARCH) < LAYER_ORDER.index(FIND)


def test_stem_prefix_matches_inflections() -> None:
    assert stem_prefix("retries") == "retr"
    assert stem_prefix("pages") == "page"
    assert stem_prefix("key") == "key"
