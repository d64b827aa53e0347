"""Colours and fonts, chosen once from the system palette (light or dark)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette


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


def content_stylesheet(theme: Theme) -> str:
    """Widget stylesheet of the content area: cards, section titles, lists, muted text."""
    return f"""
#catalogPage {{ background: {theme.background}; }}
#card {{ background: {theme.surface}; border: 1px solid {theme.border}; border-radius: 10px; }}
#card:hover {{ border: 1px solid {theme.accent}; }}
#card:focus {{ border: 2px solid {theme.accent}; }}
#card[written="false"] {{ background: {theme.background}; }}
#card #title {{ font-size: 15pt; font-weight: 600; color: {theme.text}; }}
#card[written="false"] #title {{ color: {theme.muted}; }}
#card #summary {{ color: {theme.muted}; font-size: 10.5pt; }}
#card #topic {{ color: {theme.accent}; font-size: 8.5pt; font-weight: 700; letter-spacing: 1px; }}
#card #readtime, #card #state {{ color: {theme.muted}; font-size: 9pt; }}
#card #difficulty {{ font-size: 8.5pt; border-radius: 8px; padding: 0 8px;
                    color: {theme.muted}; border: 1px solid {theme.muted}; }}
#card #difficulty[level="easy"] {{ color: {theme.difficulty_color("easy")};
                                  border: 1px solid {theme.difficulty_color("easy")}; }}
#card #difficulty[level="medium"] {{ color: {theme.difficulty_color("medium")};
                                    border: 1px solid {theme.difficulty_color("medium")}; }}
#card #difficulty[level="hard"] {{ color: {theme.difficulty_color("hard")};
                                  border: 1px solid {theme.difficulty_color("hard")}; }}
#eyebrow {{ color: {theme.muted}; font-size: 10pt; letter-spacing: 1px; }}
#pageTitle {{ font-size: 24pt; font-weight: 700; }}
#sectionTitle {{ font-size: 16pt; font-weight: 650; }}
#muted {{ color: {theme.muted}; }}
#empty {{ color: {theme.muted}; font-style: italic; padding: 10px 14px;
          border: 1px dashed {theme.border}; border-radius: 8px; }}
#resultArticle {{ font-weight: 650; }}
QListWidget#results::item:selected {{ background: {theme.node_fill};
    border-left: 3px solid {theme.accent}; }}
QListWidget#sectionList::item, QTreeWidget#toc::item {{ padding: 4px 6px; }}
QProgressBar#progress {{ border: none; background: {theme.border}; border-radius: 2px; }}
QProgressBar#progress::chunk {{ background: {theme.accent}; border-radius: 2px; }}
"""
