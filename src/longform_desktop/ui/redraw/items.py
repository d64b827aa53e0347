"""The canvas's QGraphicsItems: one per drawing item, drawn like the reader's diagrams.

Items hold no state of their own beyond what they draw: ``sync(model)`` copies an item
of the drawing in, and the scene calls it whenever the document says that item changed.
Colours come from the scene's :class:`Colours` (the app theme), so a palette change is
one ``update()`` of every item. Bounding rectangles are exact (outline, handles when
selected, label), which is what keeps a repaint during a drag to a few items.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from longform_desktop.core.drawing import Arrow, Group, Shape
from longform_desktop.ui.diagram_painter import draw_arrow_head, draw_shape, label_rect

from . import geometry as geo
from .style import Colours, label_font, metrics

Z = {"group": 0.0, "shape": 2.0, "arrow": 3.0, "text": 4.0, "stroke": 5.0}
HANDLES = ("tl", "t", "tr", "r", "br", "b", "bl", "l")


class CanvasItem(QGraphicsItem):
    """What every canvas item shares: its id, its kind, a compare mark, selection looks."""

    kind = ""

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id
        self.mark: str | None = None
        self.editing = False  # the label is being typed in place: do not draw it twice
        self.setZValue(Z[self.kind])
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)

    def colours(self) -> Colours:
        return self.scene().colours  # type: ignore[attr-defined]

    def handle_size(self) -> float:
        scene = self.scene()
        return getattr(scene, "handle_size", 8.0) if scene is not None else 8.0

    def show_selection(self) -> bool:
        scene = self.scene()
        return self.isSelected() and not getattr(scene, "exporting", False)

    def set_mark(self, mark: str | None) -> None:
        if mark != self.mark:
            self.mark = mark
            self.update()


class BoxItem(CanvasItem):
    """An item with a rectangle and resize handles: shapes and groups."""

    def __init__(self, item_id: str) -> None:
        super().__init__(item_id)
        self.rect = QRectF(0, 0, 1, 1)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_geometry(self, x: float, y: float, w: float, h: float) -> None:
        x, y, w, h = geo.norm_rect(x, y, w, h)
        if QRectF(0, 0, w, h) != self.rect:
            self.prepareGeometryChange()
            self.rect = QRectF(0, 0, w, h)
        self.setPos(x, y)

    def scene_rect(self) -> geo.Rect:
        return (self.x(), self.y(), self.rect.width(), self.rect.height())

    def boundingRect(self) -> QRectF:
        # Always room for the handles: a bounding rect that grew on selection would need
        # an itemChange override, which Qt calls for every flag set on every item.
        m = self.handle_size()
        return self.rect.adjusted(-m, -m, m, m)

    def handle_rects(self) -> dict[str, QRectF]:
        s = self.handle_size()
        r = self.rect
        xs = {"l": r.left(), "m": r.center().x(), "r": r.right()}
        ys = {"t": r.top(), "m": r.center().y(), "b": r.bottom()}
        spots = {"tl": ("l", "t"), "t": ("m", "t"), "tr": ("r", "t"), "r": ("r", "m")}
        spots |= {"br": ("r", "b"), "b": ("m", "b"), "bl": ("l", "b"), "l": ("l", "m")}
        return {h: QRectF(xs[a] - s / 2, ys[b] - s / 2, s, s) for h, (a, b) in spots.items()}

    def paint_selection(self, painter: QPainter) -> None:
        c = self.colours()
        pen = QPen(c.accent, 0, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self.rect)
        painter.setPen(QPen(c.accent, 0))
        painter.setBrush(c.background)
        for r in self.handle_rects().values():
            painter.drawRect(r)


class ShapeItem(BoxItem):
    kind = "shape"

    def __init__(self, model: Shape) -> None:
        super().__init__(model.id)
        self.shape_kind = "box"
        self.text = ""
        self.sync(model)

    def sync(self, model: Shape) -> None:
        self.shape_kind, self.text = model.kind, model.text
        self.set_geometry(model.x, model.y, model.w, model.h)
        self.update()

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.rect.adjusted(-2, -2, 2, 2))
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        c = self.colours()
        outline = c.marks[self.mark] if self.mark else None
        fill = c.tint(self.mark) if self.mark else None
        width = 2.6 if self.mark else 1.6
        label = "" if self.editing else self.text
        painter.setFont(self.scene().label_font)  # type: ignore[attr-defined]
        draw_shape(
            painter,
            self.rect,
            self.shape_kind,
            c.theme,
            label,
            None,
            outline=outline,
            fill=fill,
            outline_width=width,
        )
        if self.show_selection():
            self.paint_selection(painter)


class GroupItem(BoxItem):
    """A group's frame, as the reader draws it; only its border and label take clicks,
    so a click inside a group still reaches the boxes in it (or starts a rubber band)."""

    kind = "group"

    def __init__(self, model: Group) -> None:
        super().__init__(model.id)
        self.text = ""
        self.members: list[str] = []
        self.sync(model)

    def sync(self, model: Group) -> None:
        self.text, self.members = model.text, list(model.members)
        self.set_geometry(model.x, model.y, model.w, model.h)
        self.update()

    def label_rect(self) -> QRectF:
        return QRectF(
            self.rect.left() + 10, self.rect.top() + 5, max(self.rect.width() - 20, 10), 18
        )

    def shape(self) -> QPainterPath:
        outline = QPainterPath()
        outline.addRoundedRect(self.rect, 10, 10)
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        path = stroker.createStroke(outline)
        path.addRect(self.label_rect())
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        c = self.colours()
        colour = c.marks[self.mark] if self.mark else c.muted
        painter.setPen(QPen(colour, 2.2 if self.mark else 1.2, Qt.PenStyle.DashLine))
        painter.setBrush(QColor(c.theme.group_fill))
        painter.drawRoundedRect(self.rect, 10, 10)
        if not self.editing:
            painter.setFont(self.scene().small_font)  # type: ignore[attr-defined]
            painter.setPen(c.muted)
            painter.drawText(self.label_rect(), Qt.AlignmentFlag.AlignLeft, self.text)
        if self.show_selection():
            self.paint_selection(painter)


class ArrowItem(CanvasItem):
    """An arrow drawn through scene points the scene computes (``set_path``): the item
    does not look up shapes itself, so it follows whatever the scene shows, mid-drag too."""

    kind = "arrow"

    def __init__(self, model: Arrow) -> None:
        super().__init__(model.id)
        self.points: list[QPointF] = []
        self.text, self.heads, self.style = "", "end", "solid"
        self._path = QPainterPath()
        self._bounds = QRectF()
        self._label = QRectF()
        self._avoid: list[QRectF] = []
        # No path yet: the scene computes it (set_path) once the arrow's boxes are there.
        self.text, self.heads, self.style = model.text, model.heads, model.style

    def sync(self, model: Arrow) -> None:
        self.text, self.heads, self.style = model.text, model.heads, model.style
        self._refresh()

    def set_path(self, points: list[geo.Pt], avoid: Sequence[geo.Rect] = ()) -> None:
        """New points; ``avoid``: the boxes the label should not cover (its two ends)."""
        self.points = [QPointF(x, y) for x, y in points]
        self._avoid = [QRectF(*r) for r in avoid]
        self._refresh()

    def label_rect(self) -> QRectF:
        return self._label

    def _label_rect(self) -> QRectF:
        if not self.points or not self.text.strip():
            return QRectF()
        if len(self.points) == 2:  # a straight arrow: placed as the reader places labels
            line = QLineF(self.points[0], self.points[1])
            return label_rect(line, self.text, label_font(9.5), self._avoid)
        box = metrics(9.5).boundingRect(QRectF(0, 0, 150, 200), Qt.TextFlag.TextWordWrap, self.text)
        w, h = box.width() + 8, box.height() + 4
        cx, cy = geo.label_anchor([(p.x(), p.y()) for p in self.points])
        return QRectF(cx - w / 2, cy - h / 2, w, h)

    def _refresh(self) -> None:
        self.prepareGeometryChange()
        path = QPainterPath()
        if self.points:
            path.moveTo(self.points[0])
            for p in self.points[1:]:
                path.lineTo(p)
        self._path = path
        self._label = self._label_rect()
        self._bounds = path.boundingRect().adjusted(-12, -12, 12, 12) | self._label
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(12)
        hit = stroker.createStroke(self._path)
        hit.addRect(self.label_rect())
        return hit

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if len(self.points) < 2:
            return
        c = self.colours()
        selected = self.show_selection()
        colour = c.marks[self.mark] if self.mark else (c.accent if selected else c.text)
        pen = QPen(colour, 2.4 if (self.mark or selected) else 1.5)
        if self.style == "dashed":
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        if self.heads in ("end", "both"):
            draw_arrow_head(painter, QLineF(self.points[-2], self.points[-1]), colour)
        if self.heads in ("start", "both"):
            draw_arrow_head(painter, QLineF(self.points[1], self.points[0]), colour)
        box = self.label_rect()
        if box.isValid() and not self.editing:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(c.background)
            painter.drawRoundedRect(box, 4, 4)
            painter.setFont(self.scene().small_font)  # type: ignore[attr-defined]
            painter.setPen(c.muted)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(box, flags, self.text)
        if selected:
            painter.setPen(QPen(c.accent, 0))
            painter.setBrush(c.background)
            r = self.handle_size() / 2
            for end in (self.points[0], self.points[-1]):
                painter.drawEllipse(end, r, r)
