"""The canvas's free-hand items: free text and pen strokes (see items.py for the rest)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from longform_desktop.core.drawing import Stroke, Text

from .items import CanvasItem
from .style import metrics


class TextItem(CanvasItem):
    kind = "text"

    def __init__(self, model: Text) -> None:
        super().__init__(model.id)
        self.text = ""
        self._rect = QRectF()
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.sync(model)

    def sync(self, model: Text) -> None:
        self.text = model.text
        self.setPos(model.x, model.y)
        self.prepareGeometryChange()
        self._rect = self.text_rect(self.text)
        self.update()

    @staticmethod
    def text_rect(text: str) -> QRectF:
        box = metrics(11.0).boundingRect(QRectF(0, 0, 10_000, 10_000), 0, text or " ")
        return QRectF(0, 0, max(box.width(), 8), box.height())

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-4, -4, 4, 4)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        c = self.colours()
        if not self.editing:
            painter.setFont(self.scene().label_font)  # type: ignore[attr-defined]
            painter.setPen(c.marks[self.mark] if self.mark else c.text)
            painter.drawText(self._rect, 0, self.text)
        if self.show_selection():
            painter.setPen(QPen(c.accent, 0, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self._rect.adjusted(-2, -2, 2, 2))


class StrokeItem(CanvasItem):
    """A pen stroke; its points are scene coordinates, so its position is (0, 0) except
    while it is being dragged."""

    kind = "stroke"

    def __init__(self, model: Stroke) -> None:
        super().__init__(model.id)
        self.width = 2.0
        self._path = QPainterPath()
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.sync(model)

    def sync(self, model: Stroke) -> None:
        self.prepareGeometryChange()
        self.width = float(model.width)
        self._path = stroke_path(model.points)
        self.setPos(0, 0)
        self.update()

    def boundingRect(self) -> QRectF:
        m = self.width / 2 + 3
        return self._path.boundingRect().adjusted(-m, -m, m, m)

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(max(self.width + 6, 10))
        return stroker.createStroke(self._path)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        c = self.colours()
        colour = (
            c.marks[self.mark] if self.mark else (c.accent if self.show_selection() else c.text)
        )
        pen = QPen(
            colour,
            self.width,
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)


def stroke_path(points: list) -> QPainterPath:
    path = QPainterPath()
    if points:
        path.moveTo(QPointF(*points[0]))
        for p in points[1:]:
            path.lineTo(QPointF(*p))
        if len(points) == 1:  # a dot
            path.lineTo(QPointF(points[0][0] + 0.1, points[0][1]))
    return path
