"""DrawingScene: the QGraphicsScene that mirrors a DrawingDocument.

The scene builds one item per drawing item and follows the document's signals
(``item_added/removed/changed``, ``reset``); it never edits the drawing itself. Mouse
gestures go to the current tool (``tools.py``), which previews in the scene and ends in
one document command. Arrow paths come from ``geometry.arrow_path`` over the items'
*live* rectangles, so an arrow follows its box during a drag, before the move is a
command. Compare marks (``set_marks``) are view state: never saved, never undone.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from longform_desktop.core.drawing import Arrow, Group, Item, Shape, Stroke, Text
from longform_desktop.ui.theme import Theme, current_theme

from . import geometry as geo
from .document import DrawingDocument
from .free_items import StrokeItem, TextItem
from .items import (
    ArrowItem,
    BoxItem,
    CanvasItem,
    GroupItem,
    ShapeItem,
)
from .label_editor import LabelEditing
from .preview import DragPreview
from .style import Colours, label_font
from .tools import TOOLS, Tool, make_tool

_ITEM = {Shape: ShapeItem, Arrow: ArrowItem, Text: TextItem, Stroke: StrokeItem, Group: GroupItem}
PAIR_OFFSET = 9.0  # two opposite arrows between two boxes sit this far either side
MIN_SCENE = QRectF(-2000, -2000, 6000, 4500)


class DrawingScene(QGraphicsScene):
    tool_changed = Signal(str)
    item_clicked = Signal(str)  # a press on an item, in any mode (compare view: "reread this")

    def __init__(self, document: DrawingDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.colours = Colours.of(current_theme())
        self.label_font, self.small_font = label_font(11.0), label_font(9.5)
        self.handle_size = 8.0  # scene units; the view keeps handles 8 px on screen
        self.exporting = False  # while rendering a file or thumbnail: no selection marks
        self.snap = False
        self.read_only = False
        self.marks: dict[str, str] = {}
        self.arrow_heads, self.arrow_style = "end", "solid"  # for the next arrow drawn
        self._items: dict[str, CanvasItem] = {}
        self._arrows_of: dict[str, set[str]] = defaultdict(set)
        self._ends: dict[str, tuple[str | None, str | None]] = {}
        self.preview = DragPreview(self)
        self.labels = LabelEditing(self)
        self._pressed = False
        self.tool: Tool = make_tool(self, "select")
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setSceneRect(MIN_SCENE)
        document.item_added.connect(self._on_added)
        document.item_removed.connect(self._on_removed)
        document.item_changed.connect(self._on_changed)
        document.reset.connect(self.rebuild)
        self.rebuild()

    # --- mirroring the document ------------------------------------------------------

    def rebuild(self) -> None:
        self.finish_editing(keep=False)
        self.tool.cancel()
        self.clear()  # one C++ call, not one removeItem per item
        self._items.clear()
        self._arrows_of.clear()
        self._ends.clear()
        for model in self.document.drawing.items:
            self._create(model)
        for arrow in self.document.drawing.arrows():
            self.refresh_arrow(arrow.id)

    def _create(self, model: Item) -> None:
        kind = _ITEM.get(type(model))
        if kind is None or not model.id:
            return  # an unknown item: kept in the file, not drawn
        item = kind(model)
        self._items[model.id] = item
        item.set_mark(self.marks.get(model.id))
        self.addItem(item)
        if isinstance(model, Arrow):
            self._register(model)
        else:
            self._grow(item.sceneBoundingRect())

    def _register(self, arrow: Arrow) -> None:
        for end in self._ends.pop(arrow.id, (None, None)):
            if end is not None:
                self._arrows_of[end].discard(arrow.id)
        self._ends[arrow.id] = (arrow.source, arrow.target)
        for end in (arrow.source, arrow.target):
            if end is not None:
                self._arrows_of[end].add(arrow.id)

    def _on_added(self, item_id: str) -> None:
        model = self.document.item(item_id)
        if model is None:
            return
        self._create(model)
        if isinstance(model, Arrow):
            self._refresh_pair(model)

    def _on_removed(self, item_id: str) -> None:
        item = self._items.pop(item_id, None)
        if item is None:
            return
        self.removeItem(item)
        ends = self._ends.pop(item_id, (None, None))
        for end in ends:
            if end is not None:
                self._arrows_of[end].discard(item_id)
        self.refresh_arrows_of([e for e in ends if e is not None])

    def _on_changed(self, item_id: str) -> None:
        model, item = self.document.item(item_id), self._items.get(item_id)
        if model is None or item is None:
            return
        old_ends = self._ends.get(item_id, (None, None))
        item.sync(model)  # type: ignore[attr-defined]
        if isinstance(model, Arrow):
            self._register(model)
            self._refresh_pair(model)
            self.refresh_arrows_of([e for e in old_ends if e is not None])
        elif isinstance(model, Shape):
            self.refresh_arrows_of([item_id])
        self._grow(item.sceneBoundingRect())

    def _grow(self, rect: QRectF) -> None:
        """Keep some room around every item, so the user can always scroll to it."""
        scene_rect = self.sceneRect()
        if not scene_rect.contains(rect):
            self.setSceneRect(scene_rect.united(rect.adjusted(-1000, -1000, 1000, 1000)))

    # --- arrows ----------------------------------------------------------------------

    def live_rect(self, shape_id: str) -> geo.Rect | None:
        item = self._items.get(shape_id)
        return item.scene_rect() if isinstance(item, ShapeItem) else None

    def _offset(self, arrow: Arrow) -> float:
        src, dst = arrow.source, arrow.target
        if src is None or dst is None or src == dst:
            return 0.0
        reverse = any(self._ends.get(a) == (dst, src) for a in self._arrows_of[dst])
        return PAIR_OFFSET if reverse else 0.0

    def refresh_arrow(self, arrow_id: str, shift: geo.Pt = (0.0, 0.0)) -> None:
        """Redraw an arrow over the boxes as shown; ``shift`` moves its loose points."""
        arrow, item = self.document.item(arrow_id), self._items.get(arrow_id)
        if not isinstance(arrow, Arrow) or not isinstance(item, ArrowItem):
            return
        if shift != (0.0, 0.0) and arrow.points:
            arrow = copy.copy(arrow)
            arrow.points = [(x + shift[0], y + shift[1]) for x, y in arrow.points or []]
        ends = (self.live_rect(e) for e in (arrow.source, arrow.target) if e is not None)
        avoid = [r for r in ends if r is not None]
        item.set_path(geo.arrow_path(arrow, self.live_rect, self._offset(arrow)), avoid)

    def _refresh_pair(self, arrow: Arrow) -> None:
        self.refresh_arrows_of([e for e in (arrow.source, arrow.target) if e is not None])
        self.refresh_arrow(arrow.id)

    def refresh_arrows_of(self, shape_ids: Iterable[str]) -> None:
        for arrow_id in {a for s in shape_ids for a in self._arrows_of.get(s, ())}:
            self.refresh_arrow(arrow_id)

    # --- what tools ask ----------------------------------------------------------------

    def canvas_item(self, item_id: str) -> CanvasItem | None:
        return self._items.get(item_id)

    def is_arrow(self, item_id: str) -> bool:
        return item_id in self._ends

    def item_at(self, pos: geo.Pt, radius: float = 0.0) -> CanvasItem | None:
        if radius:
            found = self.items(QRectF(pos[0] - radius, pos[1] - radius, 2 * radius, 2 * radius))
        else:
            found = self.items(QPointF(*pos))
        return next((i for i in found if isinstance(i, CanvasItem) and i.item_id), None)

    def handle_at(self, pos: geo.Pt) -> tuple[CanvasItem, str] | None:
        """A resize handle of a selected box, or an end of a selected arrow, under ``pos``."""
        p, reach = QPointF(*pos), self.handle_size * 0.75
        for item in self.selectedItems():
            if isinstance(item, BoxItem):
                for name, r in item.handle_rects().items():
                    if r.translated(item.pos()).adjusted(-2, -2, 2, 2).contains(p):
                        return item, name
            elif isinstance(item, ArrowItem) and item.points:
                for name, end in (("from", item.points[0]), ("to", item.points[-1])):
                    if (end - p).manhattanLength() <= reach * 1.5:
                        return item, name
        return None

    def selected_ids(self) -> list[str]:
        return [i.item_id for i in self.selectedItems() if isinstance(i, CanvasItem) and i.item_id]

    def select_only(self, ids: Iterable[str]) -> None:
        self.clearSelection()
        for item_id in ids:
            if (item := self._items.get(item_id)) is not None:
                item.setSelected(True)

    def model_rect(self, item_id: str) -> geo.Rect:
        m = self.document.item(item_id)
        return geo.norm_rect(m.x, m.y, m.w, m.h)  # type: ignore[union-attr]

    def model_origin(self, item_id: str) -> geo.Pt:
        return self.model_rect(item_id)[:2]

    def snapped(self, pos: geo.Pt) -> geo.Pt:
        return (geo.snap(pos[0]), geo.snap(pos[1])) if self.snap else pos

    # --- tools, marks, theme -----------------------------------------------------------

    def set_tool(self, name: str) -> None:
        if name not in TOOLS:
            raise ValueError(f"unknown tool {name!r} (tools: {', '.join(TOOLS)})")
        if self.read_only and name != "select":
            return
        self.tool.cancel()
        if name != self.tool.name:
            self.tool = make_tool(self, name)
            self.tool_changed.emit(name)

    def set_read_only(self, read_only: bool) -> None:
        self.finish_editing()
        self.set_tool("select")
        self.read_only = read_only

    def set_marks(self, marks: dict[str, str]) -> None:
        self.marks = dict(marks)
        for item_id, item in self._items.items():
            item.set_mark(self.marks.get(item_id))

    def set_theme(self, theme: Theme) -> None:
        self.colours = Colours.of(theme)
        for item in self._items.values():
            item.update()
        self.update()

    # --- labels typed in place ------------------------------------------------------------

    def edit_label(self, item_id: str) -> None:
        """Type the label of a box, arrow, group or text in place."""
        if not self.read_only:
            self.labels.edit(item_id)

    def edit_new_text(self, x: float, y: float) -> None:
        if not self.read_only:
            self.labels.edit_new_text(x, y)

    def finish_editing(self, keep: bool = True) -> None:
        self.labels.finish(keep)

    @property
    def editing(self) -> bool:
        return self.labels.editor is not None

    # --- events --------------------------------------------------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        pos = event.scenePos()
        if self.labels.editor is not None:
            if self.labels.editor.sceneBoundingRect().contains(pos):
                super().mousePressEvent(event)  # clicks inside the editor move its cursor
                return
            self.finish_editing()
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        clicked = self.item_at((pos.x(), pos.y()))
        if clicked is not None:
            self.item_clicked.emit(clicked.item_id)
        self._pressed = self.tool.press(event)
        event.setAccepted(self._pressed)  # not accepted: the view starts a rubber band

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._pressed:
            self.tool.move(event)
            event.accept()
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._pressed and event.button() == Qt.MouseButton.LeftButton:
            self._pressed = False
            self.tool.release(event)
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.labels.editor is not None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        pos = event.scenePos()
        item = self.item_at((pos.x(), pos.y()))
        if item is not None:
            self.edit_label(item.item_id)
        elif self.tool.name == "select":
            self.edit_new_text(*self.snapped((pos.x(), pos.y())))
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.labels.editor is not None:
            super().keyPressEvent(event)
            return
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        step = geo.GRID if self.snap or shift else 1.0  # arrow keys nudge the selection
        nudge: dict[Qt.Key, tuple[float, float]] = {Qt.Key.Key_Left: (-step, 0.0)}
        nudge |= {Qt.Key.Key_Right: (step, 0.0), Qt.Key.Key_Up: (0.0, -step)}
        nudge[Qt.Key.Key_Down] = (0.0, step)
        if event.key() in nudge and self.selected_ids() and not self.read_only:
            self.document.move(self.selected_ids(), *nudge[event.key()])  # type: ignore[index]
            event.accept()
        elif event.key() == Qt.Key.Key_Escape:
            self.tool.cancel()
            self._pressed = False
            self.set_tool("select")
            self.clearSelection()
            event.accept()
        else:
            super().keyPressEvent(event)
