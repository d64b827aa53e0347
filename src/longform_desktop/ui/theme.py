"""Colours and fonts, chosen once from the system palette (light or dark)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from string import Template

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from .. import resources


@dataclass(frozen=True)
class Theme:
    dark: bool
    text: str
    muted: str
    background: str
    surface: str
    border: str
    accent: str
    highlight: str  # search-term highlight in the page
    node_fill: str
    group_fill: str

    def difficulty_color(self, difficulty: str) -> str:
        return {"easy": "#2f9e57", "medium": "#c98a12", "hard": "#cc4444"}.get(
            difficulty, self.muted
        )


LIGHT = Theme(
    False,
    "#1d1f23",
    "#5f6670",
    "#fbfbfa",
    "#ffffff",
    "#dcdfe3",
    "#2f6fd6",
    "#ffe28a",
    "#f3f6fb",
    "#f7f4ec",
)
DARK = Theme(
    True,
    "#e6e6e6",
    "#a0a6ae",
    "#1e2024",
    "#26292e",
    "#3a3f46",
    "#6ea3ff",
    "#7a6420",
    "#2b3340",
    "#2e2b25",
)


def current_theme() -> Theme:
    app = QGuiApplication.instance()
    if app is None:
        return LIGHT
    window = app.palette().color(QPalette.ColorRole.Window)
    return DARK if window.lightness() < 128 else LIGHT


def qcolor(value: str) -> QColor:
    return QColor(value)


def reader_css(theme: Theme, zoom: float = 1.0) -> str:
    """Stylesheet for the QTextBrowser document (Qt's CSS 2 subset).

    Sizes are points multiplied by ``zoom``: Qt's own zoomIn() leaves explicit point
    sizes alone, so zoom is applied by regenerating the stylesheet.
    """

    def pt(size: float) -> str:
        return f"{size * zoom:.1f}pt"

    return f"""
body {{ color: {theme.text}; font-size: {pt(11.5)}; }}
p, li {{ line-height: 150%; }}
h1 {{ font-size: {pt(24)}; font-weight: 700; margin-top: 4px; margin-bottom: 6px; }}
h2 {{ font-size: {pt(16.5)}; font-weight: 650; margin-top: 26px; margin-bottom: 8px; }}
h3 {{ font-size: {pt(13.5)}; font-weight: 650; margin-top: 18px; margin-bottom: 6px; }}
h4 {{ font-size: {pt(12)}; font-weight: 650; margin-top: 14px; }}
p {{ margin-top: 6px; margin-bottom: 10px; }}
li {{ margin-bottom: 4px; }}
code {{ font-family: "DejaVu Sans Mono", "Menlo", "Consolas", monospace; font-size: {pt(10.5)};
        background-color: {theme.node_fill}; }}
pre {{ font-family: "DejaVu Sans Mono", "Menlo", "Consolas", monospace; font-size: {pt(10)};
       margin: 0; white-space: pre-wrap; }}
table.code {{ margin-top: 6px; margin-bottom: 14px; }}
table.admonition {{ margin-top: 8px; margin-bottom: 14px; }}
table.data {{ margin-top: 6px; margin-bottom: 14px; border-collapse: collapse; }}
th {{ background-color: {theme.node_fill}; font-weight: 650; text-align: left; }}
blockquote {{ color: {theme.muted}; margin-left: 18px; font-style: italic; }}
a {{ color: {theme.accent}; text-decoration: none; }}
p.diagram {{ line-height: 100%; margin-top: 14px; margin-bottom: 0; }}
p.caption {{ color: {theme.muted}; font-size: {pt(9.5)}; margin-top: 2px; margin-bottom: 18px; }}
p.eyebrow {{ color: {theme.muted}; font-size: {pt(9.5)}; margin-bottom: 0; }}
p.summary {{ font-size: {pt(12.5)}; color: {theme.muted}; }}
p.related {{ margin-bottom: 4px; }}
"""


@cache
def _content_template() -> Template:
    return Template(resources.read_text("stylesheets/content.qss"))


def content_stylesheet(theme: Theme) -> str:
    """Widget stylesheet of the content area: cards, section titles, lists, muted text.

    The template is ``resources/stylesheets/content.qss``; ``substitute`` (not
    ``safe_substitute``) so a placeholder the theme does not define fails loudly.
    """
    colours = {f.name: getattr(theme, f.name) for f in fields(theme) if f.name != "dark"}
    difficulty = {level: theme.difficulty_color(level) for level in ("easy", "medium", "hard")}
    return _content_template().substitute(colours, **difficulty)
