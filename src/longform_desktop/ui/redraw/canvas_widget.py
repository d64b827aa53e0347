"""CanvasWidget: the drawing canvas to embed — a toolbar over a CanvasView.

    canvas = CanvasWidget()                    # an empty drawing
    canvas = CanvasWidget(load_drawing(text))  # a saved attempt (undo history starts empty)
    canvas.changed.connect(autosave.start)     # after every edit, undo and redo
    drawing = canvas.drawing()                 # a copy of the current core.drawing.Drawing
    canvas.set_read_only(True)                 # look, select, zoom and pan; no edits
    canvas.set_marks({"s1": "matched", "s4": "missed", "a2": "reversed", "s9": "extra"})
    image = canvas.thumbnail(QSize(240, 160))  # the drawing fitted into a QImage
    canvas.export_png(p); canvas.export_svg(p); canvas.export_json(p); canvas.import_json(p)

Every tool is in the toolbar and on a key (V select, B box, R round, D store, Q queue,
U actor, C cloud, A arrow, T text, P pen, E eraser); G toggles snap to grid. Edits:
Delete, Ctrl+C/X/V, Ctrl+A, Ctrl+G (group the selected boxes), Ctrl+Z, Ctrl+Shift+Z
(or Ctrl+Y); double-click a box, arrow, group or text to type its label. The colours
follow the app palette (light/dark) when it changes. Details: docs/canvas.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QToolBar, QVBoxLayout, QWidget

from longform_desktop.core.drawing import (
    Arrow,
    Drawing,
    DrawingFormatError,
    Text,
    dump_drawing,
    load_drawing,
)
from longform_desktop.ui.theme import current_theme

from . import export
from .canvas_view import CanvasView
from .document import DrawingDocument
from .icons import tool_icon
from .scene import DrawingScene
from .style import MARKS
from .tools import TOOLS
from .widgets import arrow_options_button, file_menu_button

MIME = "application/x-longform-drawing"
TOOL_KEYS = {"select": "V", "box": "B", "round": "R", "store": "D", "queue": "Q", "actor": "U"}
TOOL_KEYS |= {"cloud": "C", "arrow": "A", "text": "T", "pen": "P", "eraser": "E"}
TOOL_NAMES = {"store": "Store (database)", "round": "Rounded box", "actor": "Actor (user)"}
_LOCAL = Qt.ShortcutContext.WidgetWithChildrenShortcut
ICON_ACTIONS = ("snap", "undo", "redo", "delete", "group", "zoom_out", "zoom_in", "fit")


class CanvasWidget(QWidget):
    changed = Signal()

    def __init__(self, drawing: Drawing | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = DrawingDocument(drawing, self)
        self.undo_stack = self.document.undo_stack
        self.scene = DrawingScene(self.document, self)
        self.view = CanvasView(self.scene, self)
        self.toolbar = QToolBar("Drawing tools", self)
        self.toolbar.setIconSize(QSize(22, 22))
        self.actions_by_name: dict[str, QAction] = {}
        self._read_only = False
        self._pastes = 0
        self._build_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        self.document.changed.connect(self.changed)
        self.scene.tool_changed.connect(self._tool_changed)
        self.scene.selectionChanged.connect(self._update_enabled)
        self.undo_stack.canUndoChanged.connect(self._update_enabled)
        self.undo_stack.canRedoChanged.connect(self._update_enabled)
        self._update_enabled()

    # --- public API ------------------------------------------------------------------

    def drawing(self) -> Drawing:
        """A copy of the drawing as it is now (what to save or score)."""
        return self.document.snapshot()

    def to_json(self) -> str:
        """The drawing as the contract's JSON text, straight from the document (the
        cheapest way to autosave: no copy). A label still being typed is not in it yet:
        autosave must not end the user's typing; it lands with the next ``changed``."""
        return dump_drawing(self.document.drawing)

    def set_drawing(self, drawing: Drawing) -> None:
        """Show another drawing; the undo history starts again (not itself undoable)."""
        self.document.set_drawing(drawing)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.scene.set_read_only(read_only)
        self._update_enabled()

    def is_read_only(self) -> bool:
        return self._read_only

    def set_marks(self, marks: dict[str, str]) -> None:
        """Colour items by id: "matched" green, "missed" red, "extra" violet, "reversed"
        amber; items not named lose their mark. Marks are not part of the drawing."""
        unknown = {m for m in marks.values() if m not in MARKS}
        if unknown:
            raise ValueError(f"unknown mark {sorted(unknown)[0]!r} (marks: {', '.join(MARKS)})")
        self.scene.set_marks(marks)

    def clear_marks(self) -> None:
        self.scene.set_marks({})

    def thumbnail(self, size: QSize, device_pixel_ratio: float = 1.0) -> QImage:
        return export.render_image(self.scene, size, device_pixel_ratio)

    def export_png(self, path: str | Path) -> Path:
        return export.write_png(self.scene, path)

    def export_svg(self, path: str | Path) -> Path:
        return export.write_svg(self.scene, path, self.document.drawing.diagram or "Drawing")

    def export_json(self, path: str | Path) -> Path:
        """The contract's ``longform-drawing`` file, written from the document."""
        self.scene.finish_editing()
        path = Path(path)
        path.write_text(self.to_json(), encoding="utf-8")
        return path

    def import_json(self, path: str | Path) -> None:
        """Replace the drawing with a file's (one undo step). Raises DrawingFormatError
        with a one-line message, and changes nothing, when the file is not a drawing."""
        drawing = load_drawing(Path(path).read_text(encoding="utf-8"))
        self.scene.finish_editing()
        self.document.replace(drawing)

    def set_tool(self, name: str) -> None:
        self.scene.set_tool(name)

    def tool(self) -> str:
        return self.scene.tool.name

    def set_snap(self, on: bool) -> None:
        self.actions_by_name["snap"].setChecked(on)

    def snap(self) -> bool:
        return self.scene.snap

    def action(self, name: str) -> QAction:
        return self.actions_by_name[name]

    # --- edits ------------------------------------------------------------------------

    def undo(self) -> None:
        self.scene.finish_editing()  # what was typed becomes a step first, then goes back
        self.undo_stack.undo()

    def redo(self) -> None:
        self.scene.finish_editing()
        self.undo_stack.redo()

    def delete_selection(self) -> None:
        self.document.remove(self.scene.selected_ids())

    def copy_selection(self) -> None:
        ids = self.scene.selected_ids()
        if not ids:
            return
        text = self.document.copy_json(ids)
        data = QMimeData()
        data.setData(MIME, text.encode("utf-8"))
        data.setText(text)
        QGuiApplication.clipboard().setMimeData(data)
        self._pastes = 0

    def cut_selection(self) -> None:
        self.copy_selection()
        self.delete_selection()

    def paste(self) -> None:
        """Paste copied items (each paste 20 units further on), or plain text as a text."""
        data = QGuiApplication.clipboard().mimeData()
        if data is None:
            return
        raw = bytes(data.data(MIME).data()).decode("utf-8") if data.hasFormat(MIME) else ""
        text = raw or data.text()
        if not text.strip():
            return
        self._pastes += 1
        try:
            ids = self.document.paste_json(text, (20 * self._pastes, 20 * self._pastes))
        except DrawingFormatError:
            centre = self.view.mapToScene(self.view.viewport().rect().center())
            ids = self.document.add([Text("", text.strip(), round(centre.x()), round(centre.y()))])
        self.scene.select_only(ids)

    def select_all(self) -> None:
        self.scene.select_only(self.document.ids())

    def group_selection(self) -> None:
        new_id = self.document.group(self.scene.selected_ids())
        if new_id is not None:
            self.scene.select_only([new_id])
            self.scene.edit_label(new_id)

    def set_arrow_option(self, field: str, value: str) -> None:
        """Heads or style for the selected arrows, and for the next arrows drawn."""
        setattr(self.scene, f"arrow_{field}", value)
        arrows = [i for i in self.scene.selected_ids() if isinstance(self.document.item(i), Arrow)]
        self.document.set_fields({i: {field: value} for i in arrows}, "Arrow " + field)

    # --- building ---------------------------------------------------------------------

    def _add(
        self,
        name: str,
        text: str,
        slot: Callable[..., object],
        keys: Sequence[str | QKeySequence.StandardKey] = (),
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(_LOCAL)
        action.setCheckable(checkable)
        if keys:
            action.setToolTip(f"{text} ({QKeySequence(keys[0]).toString()})")
        action.triggered.connect(slot)
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        group = QActionGroup(self)
        for name in TOOLS:
            label = TOOL_NAMES.get(name, name.capitalize())
            action = self._add(
                name, label, lambda _=False, n=name: self.set_tool(n), [TOOL_KEYS[name]], True
            )
            group.addAction(action)
            self.toolbar.addAction(action)
        self.actions_by_name["select"].setChecked(True)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(arrow_options_button(self))
        snap = self._add("snap", "Snap to grid", self._snap_toggled, ["G"], True)
        self.toolbar.addAction(snap)
        self.toolbar.addSeparator()
        for name, text, slot, keys in (
            ("undo", "Undo", self.undo, [QKeySequence.StandardKey.Undo]),
            ("redo", "Redo", self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"]),
            ("delete", "Delete", self.delete_selection, ["Delete", "Backspace"]),
            ("copy", "Copy", self.copy_selection, ["Ctrl+C"]),
            ("cut", "Cut", self.cut_selection, ["Ctrl+X"]),
            ("paste", "Paste", self.paste, ["Ctrl+V"]),
            ("select_all", "Select all", self.select_all, ["Ctrl+A"]),
            ("group", "Group", self.group_selection, ["Ctrl+G"]),
            ("zoom_in", "Zoom in", self.view.zoom_in, ["Ctrl+=", "Ctrl++"]),
            ("zoom_out", "Zoom out", self.view.zoom_out, ["Ctrl+-"]),
            ("zoom_reset", "Actual size", self.view.reset_zoom, ["Ctrl+0"]),
            (
                "fit",
                "Fit drawing",
                lambda: self.view.fit(export.drawing_rect(self.scene)),
                ["Shift+1"],
            ),
        ):
            action = self._add(name, text, slot, keys)
            if name in ICON_ACTIONS:
                self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(file_menu_button(self))
        self._apply_theme()

    def _snap_toggled(self, on: bool) -> None:
        self.scene.snap = on

    def _tool_changed(self, name: str) -> None:
        self.actions_by_name[name].setChecked(True)

    def _update_enabled(self) -> None:
        editable = not self._read_only
        selected = bool(self.scene.selected_ids())
        for name in TOOLS[1:]:
            self.actions_by_name[name].setEnabled(editable)
        self.actions_by_name["undo"].setEnabled(editable and self.undo_stack.canUndo())
        self.actions_by_name["redo"].setEnabled(editable and self.undo_stack.canRedo())
        for name in ("delete", "cut", "group"):
            self.actions_by_name[name].setEnabled(editable and selected)
        self.actions_by_name["paste"].setEnabled(editable)
        self.actions_by_name["snap"].setEnabled(editable)

    def _apply_theme(self) -> None:
        theme = current_theme()
        for name in (*TOOLS, *ICON_ACTIONS):
            self.actions_by_name[name].setIcon(tool_icon(name, theme))
        self.scene.set_theme(theme)
        self.view.resetCachedContent()
        self.view.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_theme()
        super().changeEvent(event)
