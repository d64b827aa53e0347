"""Draws a reference diagram with QPainter: one painter for the reader page and the redraw
canvas.

``render_image``/``paint_diagram`` draw a whole diagram; ``draw_shape`` (one box: outline
and label), ``shape_text_rect``, ``cloud_path`` and ``draw_arrow_head`` are the pieces the
redraw canvas (``ui/redraw``) reuses so its boxes and arrows look like the reader's.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from .theme import Theme, current_theme

if TYPE_CHECKING:
    from longform_desktop.core.diagram import Diagram, Node

CELL_W, CELL_H = 236.0, 118.0  # logical grid cell; scaled to the width we are given
NODE_W, NODE_H = 160.0, 58.0
STORE_LID = 9.0  # height of a store's (cylinder's) lid
MARGIN = 22.0


def natural_size(diagram: Diagram) -> tuple[float, float]:
    return diagram.columns * CELL_W + 2 * MARGIN, diagram.rows * CELL_H + 2 * MARGIN


def node_rect(node: Node, diagram: Diagram) -> QRectF:
    """The node's box, counting from the diagram's first used row and column, so an
    unused first row or column leaves no blank band."""
    cx = MARGIN + (node.col - diagram.first_column) * CELL_W + CELL_W / 2
    cy = MARGIN + (node.row - diagram.first_row) * CELL_H + CELL_H / 2
    return QRectF(cx - NODE_W / 2, cy - NODE_H / 2, NODE_W, NODE_H)


def render_image(
    diagram: Diagram, width: int, device_pixel_ratio: float = 1.0, theme: Theme | None = None
) -> QImage:
    """The diagram as an image ``width`` logical pixels wide, crisp at ``device_pixel_ratio``."""
    theme = theme or current_theme()
    nat_w, nat_h = natural_size(diagram)
    scale = min(width / nat_w, 1.35)  # never blow small diagrams up into a poster
    logical_w, logical_h = nat_w * scale, nat_h * scale
    image = QImage(
        # Rounded down: an image a pixel wider than the width asked for would overflow
        # the page and bring up a horizontal scroll bar.
        math.floor(logical_w * device_pixel_ratio),
        math.ceil(logical_h * device_pixel_ratio),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDevicePixelRatio(device_pixel_ratio)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    paint_diagram(painter, diagram, theme)
    painter.end()
    return image


def paint_diagram(painter: QPainter, diagram: Diagram, theme: Theme) -> None:
    """Paint in natural (unscaled) coordinates; callers scale the painter."""
    text_color = QColor(theme.text)
    border = QColor(theme.muted)
    font = QFont(painter.font())
    font.setPointSizeF(11.0)
    small = QFont(font)
    small.setPointSizeF(9.5)
    rects = {n.id: node_rect(n, diagram) for n in diagram.nodes}

    group_labels: list[QRectF] = []
    for group in diagram.groups:
        members = [rects[m] for m in group.nodes]
        box = members[0]
        for r in members[1:]:
            box = box.united(r)
        box = box.adjusted(-14, -28, 14, 12)
        painter.setPen(QPen(border, 1.2, Qt.PenStyle.DashLine))
        painter.setBrush(QColor(theme.group_fill))
        painter.drawRoundedRect(box, 10, 10)
        painter.setFont(small)
        painter.setPen(QColor(theme.muted))
        label_box = painter.boundingRect(
            box.adjusted(10, 5, -10, 0), Qt.AlignmentFlag.AlignLeft, group.label
        )
        painter.drawText(label_box, Qt.AlignmentFlag.AlignLeft, group.label)
        group_labels.append(label_box.adjusted(-4, -2, 4, 2))

    lines = edge_lines(diagram, rects)
    labels: list[tuple[QLineF, str]] = []
    for edge in diagram.edges:
        arrow = lines[(edge.source, edge.target)]
        start, end = arrow.p1(), arrow.p2()
        pen = QPen(text_color, 1.5)
        if edge.style == "dashed":
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(start, end)
        draw_arrow_head(painter, QLineF(start, end), text_color)
        if edge.label:
            labels.append((QLineF(start, end), edge.label))

    for node in diagram.nodes:
        _node(painter, node, rects[node.id], theme, font)
    # Labels last, so a label that is wider than the gap between two boxes stays legible;
    # each takes the first spot along its arrow that overlaps no box and no other label.
    taken = [r.adjusted(-2, -2, 2, 2) for r in rects.values()] + group_labels
    for line, label in labels:
        taken.append(_edge_label(painter, line, label, small, theme, taken))


def edge_lines(
    diagram: Diagram, rects: dict[str, QRectF] | None = None
) -> dict[tuple[str, str], QLineF]:
    """Each edge's arrow as the painter draws it, box edge to box edge (natural units);
    the compare view marks the same lines."""
    rects = rects or {n.id: node_rect(n, diagram) for n in diagram.nodes}
    pairs = {(e.source, e.target) for e in diagram.edges}
    lines = {}
    for edge in diagram.edges:
        a, b = rects[edge.source], rects[edge.target]
        line = QLineF(a.center(), b.center())
        if (edge.target, edge.source) in pairs and edge.source != edge.target:
            # Two arrows between the same boxes: shift each to its own side of the axis.
            normal = line.normalVector().unitVector()
            offset = QPointF(normal.dx() * 9, normal.dy() * 9)
            line = QLineF(line.p1() + offset, line.p2() + offset)
        start, end = _clip(line, a), _clip(QLineF(line.p2(), line.p1()), b)
        lines[(edge.source, edge.target)] = QLineF(start, end)
    return lines


def _clip(line: QLineF, rect: QRectF) -> QPointF:
    """Where ``line`` (from inside ``rect`` outward) leaves the rectangle, plus a small gap."""
    dx, dy = line.dx(), line.dy()
    if dx == 0 and dy == 0:
        return line.p1()
    half_w, half_h = rect.width() / 2 + 3, rect.height() / 2 + 3
    t = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    return QPointF(line.x1() + dx * t, line.y1() + dy * t)


def draw_arrow_head(painter: QPainter, line: QLineF, color: QColor) -> None:
    """A filled head at ``line``'s end, pointing along it."""
    angle = math.atan2(line.dy(), line.dx())
    size = 9.0
    tip = line.p2()
    left = QPointF(tip.x() - size * math.cos(angle - 0.4), tip.y() - size * math.sin(angle - 0.4))
    right = QPointF(tip.x() - size * math.cos(angle + 0.4), tip.y() - size * math.sin(angle + 0.4))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawPolygon(QPolygonF([tip, left, right]))


LABEL_SPOTS = (0.5, 0.36, 0.64, 0.26, 0.74)


def label_rect(line: QLineF, text: str, font: QFont, avoid: list[QRectF]) -> QRectF:
    """Where an arrow's label goes: centred on the arrow (just above it when the arrow is
    horizontal), moved along the arrow if that spot would cover a box or another label,
    and if the arrow is too short for any spot, set beside it, clear of the boxes."""
    metrics = QFontMetricsF(font)
    bounds = metrics.boundingRect(QRectF(0, 0, 150.0, 200), Qt.TextFlag.TextWordWrap, text)
    w, h = bounds.width() + 8, bounds.height() + 4
    horizontal = abs(line.dy()) < abs(line.dx()) * 0.3
    centres: list[QPointF] = []
    for t in LABEL_SPOTS:
        at = line.pointAt(t)
        centres.append(QPointF(at.x(), at.y() - h / 2 - 2) if horizontal else at)
    mid = line.pointAt(0.5)
    if horizontal:  # above, then below the row of boxes the arrow runs between
        clear = NODE_H / 2 + h / 2 + 4
        centres += [QPointF(mid.x(), mid.y() - clear), QPointF(mid.x(), mid.y() + clear)]
    else:  # to the right, then to the left of the arrow
        clear = w / 2 + 6
        centres += [QPointF(mid.x() + clear, mid.y()), QPointF(mid.x() - clear, mid.y())]
    boxes = [QRectF(c.x() - w / 2, c.y() - h / 2, w, h) for c in centres]
    return next((b for b in boxes if not any(b.intersects(o) for o in avoid)), boxes[0])


def _edge_label(
    painter: QPainter, line: QLineF, text: str, font: QFont, theme: Theme, avoid: list[QRectF]
) -> QRectF:
    box = label_rect(line, text, font, avoid)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(theme.background))
    painter.drawRoundedRect(box, 4, 4)
    painter.setFont(font)
    painter.setPen(QColor(theme.muted))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
    return box


def _node(painter: QPainter, node: Node, rect: QRectF, theme: Theme, font: QFont) -> None:
    draw_shape(painter, rect, node.shape, theme, node.label, font)


def shape_text_rect(rect: QRectF, shape: str) -> QRectF:
    """Where a shape's label goes inside ``rect`` (clear of the lid, the bars, the figure)."""
    if shape == "store":
        return rect.adjusted(8, STORE_LID, -8, -4)
    if shape == "queue":
        return rect.adjusted(8, 4, -34, -4)
    if shape == "cloud":
        return rect.adjusted(14, 8, -14, -4)
    if shape == "actor":
        return rect.adjusted(30, 4, -6, -4)
    return rect.adjusted(8, 4, -8, -4)


def draw_shape(
    painter: QPainter,
    rect: QRectF,
    shape: str,
    theme: Theme,
    label: str = "",
    font: QFont | None = None,
    *,
    outline: QColor | None = None,
    fill: QColor | None = None,
    outline_width: float = 1.6,
) -> QRectF:
    """One box of a diagram, the way the reader draws it: the outline for ``shape`` (box,
    round, store, queue, actor, cloud; anything else is a box) and its label. The redraw
    canvas calls this too, so a box looks the same in the page and on the canvas;
    ``outline``/``fill`` let it recolour a box (selection, compare marks). Returns the
    label's rectangle."""
    pen = QPen(outline if outline is not None else QColor(theme.accent), outline_width)
    painter.setPen(pen)
    painter.setBrush(QBrush(fill if fill is not None else QColor(theme.node_fill)))
    if shape == "round":
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    elif shape == "store":
        lid = STORE_LID
        path = QPainterPath()
        path.moveTo(rect.left(), rect.top() + lid / 2)
        path.lineTo(rect.left(), rect.bottom() - lid / 2)
        path.arcTo(QRectF(rect.left(), rect.bottom() - lid, rect.width(), lid), 180, 180)
        path.lineTo(rect.right(), rect.top() + lid / 2)
        path.arcTo(QRectF(rect.left(), rect.top(), rect.width(), lid), 0, 180)
        painter.drawPath(path)
        painter.drawEllipse(QRectF(rect.left(), rect.top(), rect.width(), lid))
    elif shape == "queue":
        painter.drawRect(rect)
        for i in range(1, 4):
            x = rect.right() - i * 9
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
    elif shape == "cloud":
        painter.drawPath(cloud_path(rect))
    elif shape == "actor":
        painter.drawRoundedRect(rect, 8, 8)
        head = QPointF(rect.left() + 17, rect.center().y() - 9)
        painter.drawEllipse(head, 5, 5)
        painter.drawLine(QPointF(head.x(), head.y() + 5), QPointF(head.x(), head.y() + 16))
        painter.drawLine(QPointF(head.x() - 7, head.y() + 9), QPointF(head.x() + 7, head.y() + 9))
        painter.drawLine(QPointF(head.x(), head.y() + 16), QPointF(head.x() - 6, head.y() + 24))
        painter.drawLine(QPointF(head.x(), head.y() + 16), QPointF(head.x() + 6, head.y() + 24))
    else:
        painter.drawRect(rect)
    text_rect = shape_text_rect(rect, shape)
    if font is not None:
        painter.setFont(font)
    painter.setPen(QColor(theme.text))
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, label)
    return text_rect


def cloud_path(rect: QRectF) -> QPainterPath:
    """The outline of a cloud filling ``rect``: three overlapping ellipses, merged."""
    path = QPainterPath()
    r = rect
    path.addEllipse(
        QRectF(r.left(), r.top() + r.height() * 0.25, r.width() * 0.45, r.height() * 0.7)
    )
    path.addEllipse(QRectF(r.left() + r.width() * 0.22, r.top(), r.width() * 0.5, r.height() * 0.8))
    path.addEllipse(
        QRectF(
            r.left() + r.width() * 0.5,
            r.top() + r.height() * 0.18,
            r.width() * 0.5,
            r.height() * 0.75,
        )
    )
    path.setFillRule(Qt.FillRule.WindingFill)
    return path.simplified()
