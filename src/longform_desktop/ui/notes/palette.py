"""The four highlight colours, as the page, the panel and the toolbar draw them.

Page backgrounds are pale in light mode and deep in dark mode so text stays readable on
them (contrast 4.5:1 or better with the theme's text colour); the swatch is the strong
colour of buttons and card edges. Yellow is paler than the search-word highlight
(``Theme.highlight``), and every note highlight has an underline in its swatch colour,
so a search word inside a highlight still stands out.
"""

from __future__ import annotations

from longform_desktop.ui.theme import Theme

COLORS = ("yellow", "green", "blue", "pink")  # the contract's order (core.notes.COLORS)
NAMES = {"yellow": "Yellow", "green": "Green", "blue": "Blue", "pink": "Pink"}
SWATCH = {"yellow": "#e0b400", "green": "#3fae49", "blue": "#3b82f6", "pink": "#e0569b"}
_LIGHT = {"yellow": "#fff3b0", "green": "#d4f2cc", "blue": "#d6e6ff", "pink": "#ffd9e8"}
_DARK = {"yellow": "#5a5020", "green": "#28502e", "blue": "#233f66", "pink": "#5e2a44"}
NO_COLOR = "#8a8f98"  # a note on a passage without a highlight: underline only


def page_color(color: str | None, theme: Theme) -> str | None:
    """Background of a highlight in the page (None: a note without a highlight)."""
    if color is None:
        return None
    return (_DARK if theme.dark else _LIGHT)[color]


def swatch(color: str | None) -> str:
    return SWATCH.get(color or "", NO_COLOR)


def label(color: str | None) -> str:
    return f"{NAMES[color]} highlight" if color else "Note"
