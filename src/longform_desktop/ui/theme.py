"""Colours and fonts: the light and dark themes, the reader's typography, and the
System / Light / Dark choice applied to the whole application.

The application palette is the one source of truth for "are we dark": ``current_theme()``
reads it. "System" leaves the palette to the desktop (and so follows its changes);
"Light" and "Dark" set a complete palette of their own, so every widget, not only the
page, is re-coloured. Nothing is ever inverted: the page, the code highlighting and the
diagrams are drawn again from the theme's colours.
"""

from __future__ import annotations

from functools import cache
from string import Template
from typing import NamedTuple

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from longform_desktop import resources


# A NamedTuple: cheaper to define than a frozen dataclass (docs/architecture.md, Start-up).
class Theme(NamedTuple):
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
    if not isinstance(app, QGuiApplication):
        return LIGHT
    window = app.palette().color(QPalette.ColorRole.Window)
    return DARK if window.lightness() < 128 else LIGHT


THEME_CHOICES = ("system", "light", "dark")
# Which choice this process last applied to the application palette: "system" means the
# palette is the desktop's own, so there is nothing to undo.
_applied = "system"
# Styles that draw native controls and ignore the palette; a forced theme needs one that
# paints with it.
_PALETTE_BLIND_STYLES = {"windowsvista", "windows", "macos"}


def apply_theme_choice(choice: str) -> Theme:
    """Make the application System, Light or Dark; returns the theme now in effect.

    A forced theme sets a full palette (every role, every colour group), so the desktop
    switching its own scheme does not leak into it; "system" drops our palette and Qt
    resolves the desktop's again, and keeps following it.
    """
    global _applied
    app = QApplication.instance()
    if not isinstance(app, QApplication) or choice not in THEME_CHOICES:
        return current_theme()
    if choice == "system":
        if _applied != "system":
            app.setPalette(QPalette())
    else:
        style = app.style()
        if style is not None and style.name().lower() in _PALETTE_BLIND_STYLES:
            app.setStyle("Fusion")
        app.setPalette(palette_for(DARK if choice == "dark" else LIGHT))
    _applied = choice
    return current_theme()


def applied_choice() -> str:
    return _applied


def palette_for(theme: Theme) -> QPalette:
    """A complete widget palette in ``theme``'s colours (Fusion's own for light)."""
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    if not theme.dark:
        fusion = QStyleFactory.create("Fusion")
        palette = QPalette(fusion.standardPalette()) if fusion else QPalette()
        for g in (group.Active, group.Inactive):
            palette.setColor(g, role.Highlight, QColor(theme.accent))
            palette.setColor(g, role.HighlightedText, QColor("#ffffff"))
        palette.setColor(role.Link, QColor(theme.accent))
        return _complete(palette)
    window, base, text, muted = (
        QColor(theme.surface),
        QColor(theme.background),
        QColor(theme.text),
        QColor(theme.muted),
    )
    button = window.lighter(118)
    palette = QPalette()
    for g in (group.Active, group.Inactive, group.Disabled):
        disabled = g == group.Disabled
        fg = muted.darker(125) if disabled else text
        palette.setColor(g, role.Window, window)
        palette.setColor(g, role.WindowText, fg)
        palette.setColor(g, role.Base, base)
        palette.setColor(g, role.AlternateBase, window)
        palette.setColor(g, role.ToolTipBase, window.lighter(130))
        palette.setColor(g, role.ToolTipText, text)
        palette.setColor(g, role.PlaceholderText, muted)
        palette.setColor(g, role.Text, fg)
        palette.setColor(g, role.Button, button)
        palette.setColor(g, role.ButtonText, fg)
        palette.setColor(g, role.BrightText, QColor("#ff7b72"))
        palette.setColor(g, role.Light, button.lighter(150))
        palette.setColor(g, role.Midlight, button.lighter(125))
        palette.setColor(g, role.Mid, button.darker(130))
        palette.setColor(g, role.Dark, button.darker(170))
        palette.setColor(g, role.Shadow, QColor("#000000"))
        palette.setColor(g, role.Highlight, QColor(theme.border) if disabled else QColor("#3d6fb8"))
        palette.setColor(g, role.HighlightedText, muted if disabled else QColor("#ffffff"))
        palette.setColor(g, role.Link, QColor(theme.accent))
        palette.setColor(g, role.LinkVisited, QColor(theme.accent).darker(115))
        palette.setColor(g, role.Accent, QColor(theme.accent))
    return palette


def _complete(palette: QPalette) -> QPalette:
    """Mark every role of every group as set, so none is resolved from the desktop's."""
    for g in (
        QPalette.ColorGroup.Active,
        QPalette.ColorGroup.Inactive,
        QPalette.ColorGroup.Disabled,
    ):
        for r in QPalette.ColorRole:
            if r != QPalette.ColorRole.NColorRoles:
                palette.setBrush(g, r, palette.brush(g, r))
    return palette


def qcolor(value: str) -> QColor:
    return QColor(value)


BASE_FONT_PT = 11.5  # the body size every other size in the page is relative to


class Typography(NamedTuple):  # a NamedTuple for the reason Theme is one
    """How the page sets its prose (the reading preferences)."""

    family: str = ""  # "" = the platform's default sans-serif
    size: float = BASE_FONT_PT  # body size in points at 100% zoom
    line_spacing: int = 150  # percent of the font's line height


DEFAULT_TYPOGRAPHY = Typography()


def reader_css(theme: Theme, zoom: float = 1.0, typography: Typography = DEFAULT_TYPOGRAPHY) -> str:
    """Stylesheet for the QTextBrowser document (Qt's CSS 2 subset).

    Sizes are points multiplied by ``zoom`` and by the chosen body size (every heading,
    caption and code size keeps its ratio to the body): Qt's own zoomIn() leaves explicit
    point sizes alone, so both are applied by regenerating the stylesheet. Code blocks
    keep their lines (``white-space: pre``); the reader fits them to the page
    (``ReaderBrowser.fit_code``).
    """
    scale = zoom * typography.size / BASE_FONT_PT

    def pt(size: float) -> str:
        return f"{size * scale:.1f}pt"

    family = typography.family.replace('"', "").replace(";", "")
    face = f'font-family: "{family}"; ' if family else ""
    return f"""
body {{ color: {theme.text}; {face}font-size: {pt(11.5)}; }}
p, li {{ line-height: {typography.line_spacing}%; }}
h1 {{ font-size: {pt(24)}; font-weight: 700; margin-top: 4px; margin-bottom: 6px; }}
h2 {{ font-size: {pt(16.5)}; font-weight: 650; margin-top: 26px; margin-bottom: 8px; }}
h3 {{ font-size: {pt(13.5)}; font-weight: 650; margin-top: 18px; margin-bottom: 6px; }}
h4 {{ font-size: {pt(12)}; font-weight: 650; margin-top: 14px; }}
p {{ margin-top: 6px; margin-bottom: 10px; }}
li {{ margin-bottom: 4px; }}
code {{ font-family: "DejaVu Sans Mono", "Menlo", "Consolas", monospace; font-size: {pt(10.5)};
        background-color: {theme.node_fill}; }}
pre {{ font-family: "DejaVu Sans Mono", "Menlo", "Consolas", monospace; font-size: {pt(10)};
       margin: 0; white-space: pre; }}
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
    colours = {name: getattr(theme, name) for name in theme._fields if name != "dark"}
    difficulty = {level: theme.difficulty_color(level) for level in ("easy", "medium", "hard")}
    return _content_template().substitute(colours, **difficulty)
