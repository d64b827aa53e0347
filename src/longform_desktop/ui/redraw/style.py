"""The canvas's colours and fonts, from the app theme (``ui/theme.py``), and the colours
of compare marks (matched, missed, extra, reversed) in light and dark."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtGui import QColor, QFont, QFontMetricsF

from longform_desktop.ui.theme import Theme

MARKS = ("matched", "missed", "extra", "reversed")
_MARK_LIGHT = {"matched": "#2f9e57", "missed": "#cc4444", "extra": "#8a56d6", "reversed": "#c98a12"}
_MARK_DARK = {"matched": "#4cc27a", "missed": "#ff6b6b", "extra": "#b48cff", "reversed": "#f0b43c"}


@dataclass
class Colours:
    """The theme's colours as QColors, made once per theme rather than once per paint."""

    theme: Theme
    text: QColor
    muted: QColor
    accent: QColor
    node_fill: QColor
    background: QColor
    grid: QColor
    marks: dict[str, QColor]

    @classmethod
    def of(cls, theme: Theme) -> Colours:
        grid = QColor(theme.border)
        grid.setAlpha(110 if theme.dark else 150)
        marks = _MARK_DARK if theme.dark else _MARK_LIGHT
        return cls(
            theme,
            QColor(theme.text),
            QColor(theme.muted),
            QColor(theme.accent),
            QColor(theme.node_fill),
            QColor(theme.background),
            grid,
            {k: QColor(v) for k, v in marks.items()},
        )

    def tint(self, mark: str) -> QColor:
        """The box fill under a mark: the node fill with a little of the mark's colour."""
        a, b = self.node_fill, self.marks[mark]
        return QColor.fromRgbF(
            a.redF() * 0.8 + b.redF() * 0.2,
            a.greenF() * 0.8 + b.greenF() * 0.2,
            a.blueF() * 0.8 + b.blueF() * 0.2,
        )


@cache
def label_font(size: float = 11.0) -> QFont:
    """The canvas's label font (the app font at ``size`` points); shared: never modify it."""
    font = QFont()
    font.setPointSizeF(size)
    return font


@cache
def metrics(size: float) -> QFontMetricsF:
    """Metrics of the label font at ``size`` points, made once (they cost a font lookup)."""
    return QFontMetricsF(label_font(size))
