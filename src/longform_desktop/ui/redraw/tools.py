"""What a mouse drag does with each tool. A tool shows a preview in the scene while the
button is held and turns the gesture into one document edit on release (one undo step);
it never changes items of the drawing directly."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsSceneMouseEvent

from longform_desktop.core.drawing import DEFAULT_H, DEFAULT_W, Arrow, Shape, Stroke

from . import geometry as geo
from .items import ArrowItem, BoxItem, CanvasItem, ShapeItem

if TYPE_CHECKING:
    from .scene import DrawingScene

SHAPE_TOOLS = ("box", "round", "store", "queue", "actor", "cloud")
TOOLS = ("select", *SHAPE_TOOLS, "arrow", "text", "pen", "eraser")
CLICK = 6.0  # a press and release closer than this (scene units) is a click, not a drag


def _pt(event: QGraphicsSceneMouseEvent) -> geo.Pt:
    p = event.scenePos()
    return (p.x(), p.y())


class Tool:
    name = ""
    sticky = True  # stays chosen after one use (pen, eraser); others hand back to select

    def __init__(self, scene: DrawingScene) -> None:
        self.scene = scene
        self.doc = scene.document

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        return False

    def move(self, event: QGraphicsSceneMouseEvent) -> None:
        pass

    def release(self, event: QGraphicsSceneMouseEvent) -> None:
        pass

    def cancel(self) -> None:
        pass

    def done(self) -> None:
        if not self.sticky:
            self.scene.set_tool("select")


class SelectTool(Tool):
    """Click to select (Shift/Ctrl to add), drag to move, drag a handle to resize or an
    arrow's end to reconnect it; a press on empty canvas is left to the view's rubber band."""

    name = "select"

    def __init__(self, scene: DrawingScene) -> None:
        super().__init__(scene)
        self.mode = ""
        self.anchor: geo.Pt = (0.0, 0.0)
        self.target: CanvasItem | None = None
        self.handle = ""
        self.delta: geo.Pt = (0.0, 0.0)  # how far a move has gone, or where an end is
        self.rect: geo.Rect | None = None  # a resized box's new rectangle

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        pos = _pt(event)
        self.anchor, self.delta, self.mode, self.rect = pos, (0.0, 0.0), "", None
        if self.scene.read_only:
            return False
        hit = self.scene.handle_at(pos)
        if hit is not None:
            self.target, self.handle = hit
            self.mode = "end" if isinstance(self.target, ArrowItem) else "resize"
            return True
        item = self.scene.item_at(pos)
        if item is None:
            return False
        extend = event.modifiers() & (
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
        )
        if extend:
            item.setSelected(not item.isSelected())
        elif not item.isSelected():
            self.scene.clearSelection()
            item.setSelected(True)
        self.target, self.mode = item, "move"
        return True

    def move(self, event: QGraphicsSceneMouseEvent) -> None:
        pos = _pt(event)
        dx, dy = pos[0] - self.anchor[0], pos[1] - self.anchor[1]
        if self.mode == "move" and self.target is not None:
            if self.scene.snap and isinstance(self.target, BoxItem):
                x0, y0 = self.scene.model_origin(self.target.item_id)
                dx, dy = geo.snap(x0 + dx) - x0, geo.snap(y0 + dy) - y0
            self.delta = (dx, dy)
            self.scene.preview.move(self.scene.selected_ids(), dx, dy)
        elif self.mode == "resize" and isinstance(self.target, BoxItem):
            rect = self.scene.model_rect(self.target.item_id)
            self.rect = geo.resize_rect(rect, self.handle, self.scene.snapped(pos))
            self.scene.preview.resize(self.target.item_id, self.rect)
        elif self.mode == "end" and isinstance(self.target, ArrowItem):
            self.delta = pos
            self.scene.preview.arrow_end(self.target.item_id, self.handle, pos)

    def release(self, event: QGraphicsSceneMouseEvent) -> None:
        mode, self.mode = self.mode, ""
        if mode == "move" and self.delta != (0.0, 0.0):
            self.doc.move(self.scene.selected_ids(), *self.delta)
            self.scene.preview.end()
        elif mode == "resize" and self.target is not None and self.rect is not None:
            self.doc.resize(self.target.item_id, self.rect)
            self.scene.preview.end()
        elif mode == "end" and self.target is not None and self.delta != (0.0, 0.0):
            end = self.handle
            arrow = self.doc.item(self.target.item_id)
            other = arrow.target if end == "from" else arrow.source  # type: ignore[union-attr]
            shape = self.doc.attach_target(self.delta)
            if shape is not None and shape == other:
                shape = None  # both ends on one box is a loop nobody means to draw this way
            point = (geo.tidy(self.delta[0]), geo.tidy(self.delta[1]))
            self.doc.set_arrow_end(self.target.item_id, end, shape, point)
            self.scene.preview.end()
        self.target = None

    def cancel(self) -> None:
        if self.mode:
            self.mode = ""
            self.scene.preview.end()


class ShapeTool(Tool):
    """Drag out a box (a click makes one of the default size); its label editor opens."""

    sticky = False

    def __init__(self, scene: DrawingScene, kind: str) -> None:
        super().__init__(scene)
        self.name = kind
        self.preview: ShapeItem | None = None
        self.anchor: geo.Pt = (0.0, 0.0)

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        self.anchor = self.scene.snapped(_pt(event))
        self.preview = ShapeItem(Shape("", self.name, "", *self.anchor, 1, 1))
        self.preview.setOpacity(0.6)
        self.scene.addItem(self.preview)
        return True

    def _rect(self, pos: geo.Pt) -> geo.Rect:
        end = self.scene.snapped(pos)
        x, y, w, h = geo.norm_rect(
            self.anchor[0], self.anchor[1], end[0] - self.anchor[0], end[1] - self.anchor[1]
        )
        if w < CLICK and h < CLICK:  # a click: the default box, centred on it
            x, y = self.scene.snapped(
                (self.anchor[0] - DEFAULT_W / 2, self.anchor[1] - DEFAULT_H / 2)
            )
            return (x, y, DEFAULT_W, DEFAULT_H)
        return (x, y, max(w, 20.0), max(h, 20.0))

    def move(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.preview is not None:
            self.preview.set_geometry(*self._rect(_pt(event)))

    def release(self, event: QGraphicsSceneMouseEvent) -> None:
        self.cancel()
        new_id = self.doc.add_shape(self.name, self._rect(_pt(event)))
        self.scene.select_only([new_id])
        self.done()
        self.scene.edit_label(new_id)

    def cancel(self) -> None:
        if self.preview is not None:
            self.scene.removeItem(self.preview)
            self.preview = None


class ArrowTool(Tool):
    """Drag from one box to another; an end dropped within 30 units of a box joins it
    (the contract's attachment rule), anywhere else it stays loose."""

    name = "arrow"
    sticky = False

    def __init__(self, scene: DrawingScene) -> None:
        super().__init__(scene)
        self.preview: ArrowItem | None = None
        self.start: geo.Pt = (0.0, 0.0)
        self.source: str | None = None

    def _model(self, end: geo.Pt) -> Arrow:
        target = self.doc.attach_target(end)
        target = None if target == self.source else target
        start, stop = self.start, self.scene.snapped(end) if target is None else end
        return Arrow("", self.source, target, points=[start, stop])

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        pos = _pt(event)
        self.source = self.doc.attach_target(pos)
        self.start = pos if self.source is not None else self.scene.snapped(pos)
        self.preview = ArrowItem(Arrow(""))
        self.scene.addItem(self.preview)
        return True

    def move(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.preview is not None:
            self.preview.set_path(geo.arrow_path(self._model(_pt(event)), self.scene.live_rect))

    def release(self, event: QGraphicsSceneMouseEvent) -> None:
        self.cancel()
        pos = _pt(event)
        if math.dist(pos, self.start) < CLICK:
            return  # a click is not an arrow
        if self.source is not None and self.doc.attach_target(pos) == self.source:
            return  # dragged out and back into the same box
        model = self._model(pos)
        points = model.points or [self.start, pos]
        new_id = self.doc.add_arrow(
            model.source,
            model.target,
            points[0],
            points[-1],
            self.scene.arrow_heads,
            self.scene.arrow_style,
        )
        self.scene.select_only([new_id])
        self.done()

    def cancel(self) -> None:
        if self.preview is not None:
            self.scene.removeItem(self.preview)
            self.preview = None


class TextTool(Tool):
    """Click where the text goes and type."""

    name = "text"
    sticky = False

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        x, y = self.scene.snapped(_pt(event))
        self.scene.edit_new_text(x, y)
        self.done()
        return True


class PenTool(Tool):
    name = "pen"

    def __init__(self, scene: DrawingScene) -> None:
        super().__init__(scene)
        self.points: list[geo.Pt] = []
        self.preview: QGraphicsPathItem | None = None

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        self.points = [_pt(event)]
        self.preview = QGraphicsPathItem()
        self.preview.setPen(
            QPen(self.scene.colours.text, 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        )
        self.preview.setZValue(50)
        self.scene.addItem(self.preview)
        return True

    def move(self, event: QGraphicsSceneMouseEvent) -> None:
        pos = _pt(event)
        if self.preview is None or math.dist(pos, self.points[-1]) < 2:
            return  # a point every 2 units is smooth enough and keeps files small
        self.points.append(pos)
        path = QPainterPath(QPointF(*self.points[0]))
        for p in self.points[1:]:
            path.lineTo(QPointF(*p))
        self.preview.setPath(path)

    def release(self, event: QGraphicsSceneMouseEvent) -> None:
        self.cancel()
        points = [(geo.tidy(x), geo.tidy(y)) for x, y in self.points]
        self.doc.add([Stroke("", points, 2)], "Draw")

    def cancel(self) -> None:
        if self.preview is not None:
            self.scene.removeItem(self.preview)
            self.preview = None


class EraserTool(Tool):
    """Drag over items to erase them: each touched item fades, and all go on release as
    one undo step. The topmost item under the pointer is the one erased."""

    name = "eraser"

    def __init__(self, scene: DrawingScene) -> None:
        super().__init__(scene)
        self.doomed: dict[str, CanvasItem] = {}

    def _touch(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self.scene.item_at(_pt(event), radius=4)
        if item is not None and item.item_id not in self.doomed:
            self.doomed[item.item_id] = item
            item.setOpacity(0.25)

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        self.doomed = {}
        self._touch(event)
        return True

    def move(self, event: QGraphicsSceneMouseEvent) -> None:
        self._touch(event)

    def release(self, event: QGraphicsSceneMouseEvent) -> None:
        doomed, self.doomed = self.doomed, {}
        for item in doomed.values():
            item.setOpacity(1.0)
        self.doc.remove(doomed)

    def cancel(self) -> None:
        for item in self.doomed.values():
            item.setOpacity(1.0)
        self.doomed = {}


def make_tool(scene: DrawingScene, name: str) -> Tool:
    if name in SHAPE_TOOLS:
        return ShapeTool(scene, name)
    kinds = {"select": SelectTool, "arrow": ArrowTool, "text": TextTool}
    kinds |= {"pen": PenTool, "eraser": EraserTool}
    return kinds[name](scene)
