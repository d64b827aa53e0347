"""The reference diagram with compare marks: the reader's own drawing of it
(``diagram_painter.paint_diagram``, unchanged) with coloured outlines laid on top.

Recalled boxes get a green outline and tint, missed ones a red outline, and each marked
box a small badge (tick, cross) so the marks do not rest on colour alone; arrows get a
coloured stroke over their line (green, red, amber for reversed or headless), kept off
the arrows' labels. The geometry is the painter's (``node_rect``, the same clipping and
label placement), so the marks sit exactly on what the reader shows.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from longform_desktop.ui.diagram_painter import (
    draw_arrow_head,
    draw_shape,
    edge_lines,
    label_rect,
    natural_size,
    node_rect,
    paint_diagram,
)
from longform_desktop.ui.theme import Theme, current_theme

from .style import Colours

if TYPE_CHECKING:
    from longform_desktop.core.diagram import Diagram

EdgeMarks = dict[tuple[str, str], str]
MAX_SCALE = 1.35  # as in the reader: a small diagram is not blown up into a poster


def _label_boxes(painter: QPainter, diagram: Diagram, lines: dict, small: QFont) -> list[QRectF]:
    """Where the painter put the group and arrow labels (marks stay off them)."""
    rects = {n.id: node_rect(n, diagram) for n in diagram.nodes}
    painter.save()
    painter.setFont(small)
    taken = [r.adjusted(-2, -2, 2, 2) for r in rects.values()]
    labels = []
    for group in diagram.groups:
        box = rects[group.nodes[0]]
        for m in group.nodes[1:]:
            box = box.united(rects[m])
        box = box.adjusted(-14, -28, 14, 12)
        found = painter.boundingRect(
            box.adjusted(10, 5, -10, 0), Qt.AlignmentFlag.AlignLeft, group.label
        )
        taken.append(found.adjusted(-4, -2, 4, 2))
    painter.restore()
    for edge in diagram.edges:
        if edge.label:
            box = label_rect(lines[(edge.source, edge.target)], edge.label, small, taken)
            taken.append(box)
            labels.append(box)
    return labels


def _badge(painter: QPainter, rect: QRectF, mark: str, colour: QColor) -> None:
    centre = QPointF(rect.right() - 2, rect.top() + 2)
    painter.setPen(QPen(QColor("#ffffff"), 1.4))
    painter.setBrush(colour)
    painter.drawEllipse(centre, 8.0, 8.0)
    pen = QPen(QColor("#ffffff"), 2.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    x, y = centre.x(), centre.y()
    if mark == "matched":
        painter.drawPolyline([QPointF(x - 4, y), QPointF(x - 1, y + 3), QPointF(x + 4, y - 3)])
    else:
        painter.drawLine(QPointF(x - 3, y - 3), QPointF(x + 3, y + 3))
        painter.drawLine(QPointF(x - 3, y + 3), QPointF(x + 3, y - 3))


def paint_marked(
    painter: QPainter,
    diagram: Diagram,
    theme: Theme,
    nodes: dict[str, str],
    edges: EdgeMarks,
) -> None:
    """The reference diagram in natural coordinates, then its marks on top."""
    paint_diagram(painter, diagram, theme)
    colours = Colours.of(theme)
    font = QFont(painter.font())
    font.setPointSizeF(11.0)
    small = QFont(font)
    small.setPointSizeF(9.5)
    lines = edge_lines(diagram)
    labels = _label_boxes(painter, diagram, lines, small)
    painter.save()
    outside = QPainterPath()
    outside.addRect(QRectF(-1e5, -1e5, 2e5, 2e5))
    for box in labels:
        hole = QPainterPath()
        hole.addRoundedRect(box, 4, 4)
        outside = outside.subtracted(hole)
    painter.setClipPath(outside)
    for key, line in lines.items():
        mark = edges.get(key)
        if mark is None:
            continue
        colour = colours.marks[mark]
        painter.setPen(QPen(colour, 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(line)
        draw_arrow_head(painter, line, colour)
    painter.restore()
    for node in diagram.nodes:
        mark = nodes.get(node.id)
        if mark is None:
            continue
        rect = node_rect(node, diagram)
        colour = colours.marks[mark]
        fill = colours.tint(mark) if mark != "missed" else None
        draw_shape(
            painter,
            rect,
            node.shape,
            theme,
            node.label,
            font,
            outline=colour,
            fill=fill,
            outline_width=2.8,
        )
        _badge(painter, rect, mark, colour)


def marked_image(
    diagram: Diagram,
    nodes: dict[str, str],
    edges: EdgeMarks,
    width: int,
    theme: Theme | None = None,
) -> tuple[QImage, float]:
    """The marked reference ``width`` pixels wide and the scale it was drawn at."""
    theme = theme or current_theme()
    nat_w, nat_h = natural_size(diagram)
    scale = min(width / nat_w, MAX_SCALE)
    image = QImage(math.ceil(nat_w * scale), math.ceil(nat_h * scale), QImage.Format.Format_ARGB32)
    image.fill(QColor(theme.background))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    paint_marked(painter, diagram, theme, nodes, edges)
    painter.end()
    return image, scale


class ReferenceView(QWidget):
    """The marked reference, fitted into the widget; hover a box for what it says,
    click it to ask for the section that explains it."""

    node_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diagram: Diagram | None = None
        self.nodes: dict[str, str] = {}
        self.edges: EdgeMarks = {}
        self.tips: dict[str, str] = {}  # node id -> tooltip ("reread: ...")
        self.setMouseTracking(True)
        self.setMinimumSize(180, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Reference diagram with marks")

    def set_diagram(self, diagram: Diagram | None) -> None:
        self.diagram, self.nodes, self.edges, self.tips = diagram, {}, {}, {}
        self.update()

    def set_marks(self, nodes: dict[str, str], edges: EdgeMarks) -> None:
        self.nodes, self.edges = dict(nodes), dict(edges)
        self.update()

    def transform(self) -> tuple[float, QPointF]:
        """Scale and top-left offset the diagram is drawn at in this widget."""
        if self.diagram is None:
            return 1.0, QPointF(0, 0)
        nat_w, nat_h = natural_size(self.diagram)
        scale = min(self.width() / nat_w, self.height() / nat_h, MAX_SCALE)
        offset = QPointF((self.width() - nat_w * scale) / 2, (self.height() - nat_h * scale) / 2)
        return scale, offset

    def node_at(self, pos: QPointF) -> str | None:
        if self.diagram is None:
            return None
        scale, offset = self.transform()
        point = (pos - offset) / scale
        for node in self.diagram.nodes:
            if node_rect(node, self.diagram).contains(point):
                return node.id
        return None

    def node_centre(self, node_id: str) -> QPointF:
        """Widget coordinates of a node's centre (tests click there)."""
        assert self.diagram is not None
        scale, offset = self.transform()
        return node_rect(self.diagram.node(node_id), self.diagram).center() * scale + offset

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        theme = current_theme()
        painter.fillRect(self.rect(), QColor(theme.background))
        if self.diagram is not None:
            painter.setRenderHints(
                QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
            )
            scale, offset = self.transform()
            painter.translate(offset)
            painter.scale(scale, scale)
            paint_marked(painter, self.diagram, theme, self.nodes, self.edges)
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        node = self.node_at(event.position())
        clickable = node is not None and node in self.tips
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor
        )
        if node is not None and node in self.tips:
            QToolTip.showText(event.globalPosition().toPoint(), self.tips[node], self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        node = self.node_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and node is not None:
            self.node_clicked.emit(node)
        super().mouseReleaseEvent(event)
