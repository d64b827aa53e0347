"""Toolbar icons, painted for the current theme: the shape tools show the very shapes the
canvas draws (``draw_shape``), so the toolbar is a legend of the canvas."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

from longform_desktop.ui.diagram_painter import draw_arrow_head, draw_shape
from longform_desktop.ui.theme import Theme

from .tools import SHAPE_TOOLS

SIZE = 24


def tool_icon(name: str, theme: Theme, device_pixel_ratio: float = 2.0) -> QIcon:
    pixmap = QPixmap(round(SIZE * device_pixel_ratio), round(SIZE * device_pixel_ratio))
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = QColor(theme.text)
    pen = QPen(ink, 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    if name in SHAPE_TOOLS:
        # Drawn at twice the size and scaled down, so the actor and the queue's bars fit.
        painter.scale(0.5, 0.5)
        draw_shape(painter, QRectF(3, 11, 42, 26), name, theme, outline_width=2.4)
    elif name == "select":
        path = QPainterPath(QPointF(7, 4))
        for x, y in ((7, 19), (11, 15.5), (14, 21), (16.5, 20), (13.5, 14), (19, 14)):
            path.lineTo(x, y)
        path.closeSubpath()
        painter.setPen(pen)
        painter.setBrush(QColor(theme.surface))
        painter.drawPath(path)
    elif name == "arrow":
        painter.setPen(pen)
        painter.drawLine(QPointF(4, 19), QPointF(18, 6))
        draw_arrow_head(painter, QLineF(QPointF(4, 19), QPointF(20, 4.5)), ink)
    elif name == "text":
        font = QFont()
        font.setPixelSize(17)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(ink)
        painter.drawText(QRectF(0, 0, SIZE, SIZE), Qt.AlignmentFlag.AlignCenter, "T")
    elif name == "pen":
        path = QPainterPath(QPointF(3, 17))
        path.cubicTo(7, 6, 10, 22, 14, 12)
        path.cubicTo(16, 7, 19, 9, 21, 6)
        painter.setPen(pen)
        painter.drawPath(path)
    elif name == "eraser":
        painter.setPen(pen)
        painter.setBrush(QColor(theme.node_fill))
        painter.translate(12, 12)
        painter.rotate(-40)
        painter.drawRoundedRect(QRectF(-8, -4.5, 16, 9), 2, 2)
        painter.drawLine(QPointF(-2, -4.5), QPointF(-2, 4.5))
    else:
        _action_icon(painter, name, theme, pen)
    painter.end()
    return QIcon(pixmap)


def _action_icon(painter: QPainter, name: str, theme: Theme, pen: QPen) -> None:
    ink = QColor(theme.text)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if name in ("undo", "redo"):
        if name == "redo":
            painter.translate(SIZE, 0)
            painter.scale(-1, 1)
        path = QPainterPath(QPointF(19, 18))
        path.cubicTo(19, 9, 12, 7, 6, 11)
        painter.drawPath(path)
        draw_arrow_head(painter, QLineF(QPointF(11, 8.5), QPointF(5, 11.5)), ink)
    elif name == "delete":
        painter.drawLine(QPointF(5, 7), QPointF(19, 7))
        painter.drawLine(QPointF(10, 4.5), QPointF(14, 4.5))
        painter.drawRoundedRect(QRectF(7, 7, 10, 13), 1.5, 1.5)
        for x in (10.3, 13.7):
            painter.drawLine(QPointF(x, 10), QPointF(x, 17))
    elif name == "group":
        painter.setPen(QPen(ink, 1.2, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(QRectF(3, 4, 18, 16), 3, 3)
        painter.setPen(pen)
        painter.drawRect(QRectF(6, 11, 5, 5))
        painter.drawRect(QRectF(13, 11, 5, 5))
    elif name in ("zoom_in", "zoom_out"):
        painter.drawEllipse(QPointF(10, 10), 6, 6)
        painter.drawLine(QPointF(14.5, 14.5), QPointF(20, 20))
        painter.drawLine(QPointF(7, 10), QPointF(13, 10))
        if name == "zoom_in":
            painter.drawLine(QPointF(10, 7), QPointF(10, 13))
    elif name == "fit":
        for x, y, dx, dy in ((4, 4, 1, 1), (20, 4, -1, 1), (4, 20, 1, -1), (20, 20, -1, -1)):
            painter.drawLine(QPointF(x, y), QPointF(x + 5 * dx, y))
            painter.drawLine(QPointF(x, y), QPointF(x, y + 5 * dy))
        painter.drawRect(QRectF(8.5, 9, 7, 6))
    elif name == "snap":
        painter.setPen(QPen(ink, 1.0))
        for v in (6, 12, 18):
            painter.drawLine(QPointF(v, 3), QPointF(v, 21))
            painter.drawLine(QPointF(3, v), QPointF(21, v))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.accent))
        painter.drawEllipse(QPointF(12, 12), 3, 3)
