"""The canvas toolbar's two menu buttons: arrow heads and style, and the file menu
(export PNG, SVG, JSON; import JSON). File dialogs live here, not in the widget's API,
so callers and tests use ``export_*``/``import_json`` with a path."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolButton

from longform_desktop.core.drawing import ARROW_STYLES, HEADS, DrawingFormatError

if TYPE_CHECKING:
    from .canvas_widget import CanvasWidget

HEAD_NAMES = {"end": "Head at the end", "start": "Head at the start", "both": "Heads at both ends"}
HEAD_NAMES["none"] = "No head"


def arrow_options_button(canvas: CanvasWidget) -> QToolButton:
    """Heads end/start/both/none and solid/dashed, for the selected arrows and the next."""
    button = QToolButton(canvas)
    button.setText("Arrow")
    button.setToolTip("Arrow heads and line style (selected arrows and the next ones)")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    for field, values, names in (
        ("heads", HEADS, HEAD_NAMES),
        ("style", ARROW_STYLES, {"solid": "Solid line", "dashed": "Dashed line"}),
    ):
        group = QActionGroup(menu)
        for value in values:
            action = QAction(names[value], menu)
            action.setCheckable(True)
            action.setChecked(value == ("end" if field == "heads" else "solid"))
            action.triggered.connect(
                lambda _=False, f=field, v=value: canvas.set_arrow_option(f, v)
            )
            group.addAction(action)
            menu.addAction(action)
            canvas.actions_by_name[f"{field}_{value}"] = action
        menu.addSeparator()
    button.setMenu(menu)
    return button


def file_menu_button(canvas: CanvasWidget) -> QToolButton:
    button = QToolButton(canvas)
    button.setText("File")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    for name, text, suffix, kind in (
        ("export_png", "Export PNG…", "png", "PNG image (*.png)"),
        ("export_svg", "Export SVG…", "svg", "SVG image (*.svg)"),
        ("export_json", "Export drawing file…", "json", "Longform drawing (*.json)"),
    ):
        action = QAction(text, menu)
        action.triggered.connect(lambda _=False, n=name, s=suffix, k=kind: _export(canvas, n, s, k))
        menu.addAction(action)
        canvas.actions_by_name[name] = action
    menu.addSeparator()
    importing = QAction("Import drawing file…", menu)
    importing.triggered.connect(lambda: _import(canvas))
    menu.addAction(importing)
    canvas.actions_by_name["import_json"] = importing
    button.setMenu(menu)
    return button


def _export(canvas: CanvasWidget, name: str, suffix: str, kind: str) -> None:
    stem = canvas.document.drawing.diagram or "drawing"
    path, _ = QFileDialog.getSaveFileName(canvas, "Export", f"{stem}.{suffix}", kind)
    if not path:
        return
    try:
        getattr(canvas, name)(path)
    except OSError as exc:
        QMessageBox.warning(canvas, "Export", f"Could not write {path}: {exc}")


def _import(canvas: CanvasWidget) -> None:
    path, _ = QFileDialog.getOpenFileName(canvas, "Import", "", "Longform drawing (*.json)")
    if not path:
        return
    try:
        canvas.import_json(path)
    except (DrawingFormatError, OSError, UnicodeDecodeError) as exc:
        QMessageBox.warning(canvas, "Import", str(exc))
