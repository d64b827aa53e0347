"""The redraw pages' own few styles (primary buttons, the session bar, attempt tiles),
made from the app theme so they follow light and dark like the rest of the window. The
content stylesheet (``resources/stylesheets/content.qss``) still styles the shared
names (#muted, #eyebrow, #sectionTitle...)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from longform_desktop.ui.theme import Theme, current_theme


def stylesheet(theme: Theme) -> str:
    on_accent = "#0f1620" if theme.dark else "#ffffff"  # the light accent of dark needs dark text
    return f"""
QPushButton#primary {{ background: {theme.accent}; color: {on_accent}; border: none;
    border-radius: 6px; padding: 6px 16px; font-weight: 600; }}
QPushButton#primary:hover {{ background: {"#8db8ff" if theme.dark else "#2559b0"}; }}
QPushButton#primary:disabled {{ background: {theme.border}; color: {theme.muted}; }}
#sessionBar {{ background: {theme.surface}; border-bottom: 1px solid {theme.border}; }}
#sessionTitle {{ font-size: 13pt; font-weight: 650; color: {theme.text}; }}
#sessionTimer {{ font-size: 15pt; font-weight: 600; color: {theme.text};
    font-family: "DejaVu Sans Mono", "Menlo", "Consolas", monospace; }}
#sessionSaved, #muted {{ color: {theme.muted}; }}
#canvasHint {{ color: {theme.muted}; font-size: 12pt; background: transparent; }}
#diagramCard {{ background: {theme.surface}; border: 1px solid {theme.border};
    border-radius: 8px; }}
#diagramTitle {{ font-weight: 650; font-size: 11pt; color: {theme.text}; }}
#dueNow {{ color: {theme.accent}; font-weight: 650; }}
QPushButton[flat="true"] {{ color: {theme.accent}; border: none; padding: 2px 0; }}
QPushButton[flat="true"]:hover {{ text-decoration: underline; }}
QToolButton#attemptTile {{ border: 1px solid {theme.border}; border-radius: 6px;
    background: {theme.background}; padding: 3px; color: {theme.muted}; font-size: 8.5pt; }}
QToolButton#attemptTile:hover {{ border: 1px solid {theme.accent}; }}
#reviewCard {{ background: {theme.surface}; border: 1px solid {theme.border};
    border-radius: 10px; }}
#comparePane {{ background: transparent; }}
"""


def apply_look(widget: QWidget) -> None:
    widget.setStyleSheet(stylesheet(current_theme()))


def on_theme_change(slot: Callable[[], None]) -> None:
    """Call ``slot`` (a bound method of a QObject: disconnected with it) whenever the
    application palette changes. A widget with a style sheet, or inside one, no longer
    receives PaletteChange events, so the application's own signal is the one to follow."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        app.paletteChanged.connect(slot)
