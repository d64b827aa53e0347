"""A small score-history chart drawn with QPainter (no chart library): one dot per
scored attempt, oldest on the left, joined by a line, on a 0-100 scale with the
"mastered" band (90+) shaded. Dots take the colour of the review rating the score gave;
hovering one says when it was and what it scored.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from longform_desktop.ui.theme import Theme, current_theme

from .compare_marks import rating_name

_LIGHT = {"Again": "#cc4444", "Hard": "#c98a12", "Good": "#2f6fd6", "Easy": "#2f9e57"}
_DARK = {"Again": "#ff6b6b", "Hard": "#f0b43c", "Good": "#6ea3ff", "Easy": "#4cc27a"}
MASTERED = 90


def score_colour(score: int, theme: Theme | None = None) -> QColor:
    """The colour of a score: red below 40, amber to 69, blue to 89, green from 90."""
    theme = theme or current_theme()
    return QColor((_DARK if theme.dark else _LIGHT)[rating_name(score)])


def short_date(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{local.day} {local.strftime('%b')}"


class ScoreChart(QWidget):
    LEFT, RIGHT, TOP, BOTTOM = 22.0, 26.0, 6.0, 6.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[datetime, int]] = []
        self.setMouseTracking(True)
        self.setMinimumHeight(56)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Score history")

    def sizeHint(self) -> QSize:
        return QSize(240, 64)

    def set_points(self, points: list[tuple[datetime, int]]) -> None:
        self.points = list(points)
        scores = ", ".join(str(s) for _, s in self.points)
        self.setAccessibleDescription(f"Scores, oldest first: {scores}" if scores else "No scores")
        self.update()

    def plot_rect(self) -> QRectF:
        return QRectF(self.rect()).adjusted(self.LEFT, self.TOP, -self.RIGHT, -self.BOTTOM)

    def point_at(self, index: int) -> QPointF:
        """Where the ``index``-th score's dot is drawn."""
        area = self.plot_rect()
        n = len(self.points)
        x = area.center().x() if n == 1 else area.left() + area.width() * index / (n - 1)
        y = area.bottom() - area.height() * self.points[index][1] / 100
        return QPointF(x, y)

    def paintEvent(self, event: QPaintEvent) -> None:
        theme = current_theme()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self.plot_rect()
        muted, border = QColor(theme.muted), QColor(theme.border)
        font = QFont(self.font())
        font.setPointSizeF(7.5)
        painter.setFont(font)
        band = QColor(score_colour(MASTERED, theme))
        band.setAlpha(34 if theme.dark else 26)
        top = area.bottom() - area.height() * MASTERED / 100
        painter.fillRect(QRectF(area.left(), area.top(), area.width(), top - area.top()), band)
        painter.setPen(QPen(border, 1, Qt.PenStyle.DotLine))
        for level in (0, 50, 100):
            y = area.bottom() - area.height() * level / 100
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(muted)
            label = QRectF(0, y - 6, self.LEFT - 4, 12)
            painter.drawText(
                label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(level)
            )
            painter.setPen(QPen(border, 1, Qt.PenStyle.DotLine))
        if not self.points:
            painter.setPen(muted)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No scores yet")
            painter.end()
            return
        dots = [self.point_at(i) for i in range(len(self.points))]
        if len(dots) > 1:
            path = QPainterPath(dots[0])
            for dot in dots[1:]:
                path.lineTo(dot)
            painter.setPen(QPen(QColor(theme.accent), 1.6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        painter.setPen(QPen(QColor(theme.surface), 1.2))
        for (_, score), dot in zip(self.points, dots, strict=True):
            painter.setBrush(score_colour(score, theme))
            painter.drawEllipse(dot, 3.6, 3.6)
        last = self.points[-1][1]
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(score_colour(last, theme))
        tip = dots[-1]
        painter.drawText(
            QRectF(tip.x() + 5, tip.y() - 7, self.RIGHT, 14),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            str(last),
        )
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        near = [
            (abs(self.point_at(i).x() - pos.x()), i)
            for i in range(len(self.points))
            if abs(self.point_at(i).x() - pos.x()) < 10
        ]
        if near:
            _, i = min(near)
            when, score = self.points[i]
            text = f"{short_date(when)}: {score} ({rating_name(score)})"
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)
