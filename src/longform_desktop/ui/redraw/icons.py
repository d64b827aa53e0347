"""Toolbar icons, painted for the current theme: the shape tools show the very shapes the
canvas draws (``draw_shape``), so the toolbar is a legend of the canvas."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

from ..diagram_painter import draw_arrow_head, draw_shape
from ..theme import Theme
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
    painter.end()
    return QIcon(pixmap)
