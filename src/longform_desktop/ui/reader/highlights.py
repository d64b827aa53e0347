"""Named highlight layers in the reader, merged into one ``setExtraSelections`` call.

A QTextEdit has one list of extra selections; whoever sets it replaces everyone else's.
Each kind of marking (the user's notes, the search words, find-in-page matches) owns a
named layer here instead, and every change re-applies all layers in a fixed order, so
one never wipes another. Later layers paint over earlier ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

NOTES, SEARCH, FIND = "notes", "search", "find"
LAYER_ORDER = (NOTES, SEARCH, FIND)
MAX_PER_LAYER = 2000  # a word on every line of the longest article is ~1,500 marks


class HighlightLayers:
    def __init__(self, editor: QTextEdit) -> None:
        self.editor = editor
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {n: [] for n in LAYER_ORDER}

    def set(self, name: str, selections: Iterable[QTextEdit.ExtraSelection]) -> None:
        self._layers[name] = list(selections)[:MAX_PER_LAYER]
        self._apply()

    def clear(self, name: str) -> None:
        self.set(name, [])

    def layer(self, name: str) -> list[QTextEdit.ExtraSelection]:
        return list(self._layers[name])

    def count(self, name: str) -> int:
        return len(self._layers[name])

    def _apply(self) -> None:
        merged = [s for name in LAYER_ORDER for s in self._layers[name]]
        self.editor.setExtraSelections(merged)


def selection(cursor: QTextCursor, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
    extra = QTextEdit.ExtraSelection()
    extra.cursor = cursor
    extra.format = fmt
    return extra


def background(color: str | QColor) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(color))
    return fmt


def pattern_selections(
    doc: QTextDocument, pattern: QRegularExpression, fmt: QTextCharFormat
) -> list[QTextEdit.ExtraSelection]:
    out: list[QTextEdit.ExtraSelection] = []
    cursor = doc.find(pattern, 0)
    while not cursor.isNull() and len(out) < MAX_PER_LAYER:
        out.append(selection(cursor, fmt))
        cursor = doc.find(pattern, cursor)
    return out


def term_selections(
    doc: QTextDocument, terms: Iterable[str], fmt: QTextCharFormat
) -> list[QTextEdit.ExtraSelection]:
    """The search words and their inflections, wherever they start a word."""
    out: list[QTextEdit.ExtraSelection] = []
    for term in terms:
        stem = stem_prefix(term)
        if stem:
            pattern = QRegularExpression(
                rf"\b{re.escape(stem)}\w*", QRegularExpression.PatternOption.CaseInsensitiveOption
            )
            out.extend(pattern_selections(doc, pattern, fmt))
    return out[:MAX_PER_LAYER]


def stem_prefix(term: str) -> str:
    """A prefix that matches the word's inflections ("retries" -> "retr": retry, retried)."""
    term = term.strip().lower()
    if len(term) <= 4:
        return term
    for suffix in ("ies", "ing", "ed", "es", "s"):
        if term.endswith(suffix) and len(term) - len(suffix) >= 4:
            term = term[: -len(suffix)]
            break
    return term[:-1] if term.endswith("y") and len(term) > 4 else term
