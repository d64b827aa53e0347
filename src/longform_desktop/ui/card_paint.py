"""How a catalog card is laid out and painted (``catalog_view.ArticleCard``).

One function computes the boxes for a width, so the height the layout asks for
(``heightForWidth``) and what is painted can never disagree. Sizes are those of
``resources/stylesheets/content.qss`` for the widgets the card used to be made of:
margins 18/14 px, 6 px between rows, 10 px between the facts of the top row; topic 8.5 pt
bold with 1 px letter spacing, the difficulty in an 8 px-round pill, times 9 pt, title
15 pt semi-bold, summary 10.5 pt, a 4 px progress bar while in progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen

if TYPE_CHECKING:
    from .catalog_view import ArticleCard
    from .theme import Theme

MARGIN_X, MARGIN_Y, ROW_GAP, FACT_GAP = 18, 14, 6, 10
PILL_PAD, BAR_HEIGHT, RADIUS = 8, 4, 10
_WRAP = int(Qt.TextFlag.TextWordWrap.value)
_LEFT = int(Qt.AlignmentFlag.AlignLeft.value | Qt.AlignmentFlag.AlignTop.value)


def _sized(base: QFont, points: float, weight: QFont.Weight | None = None) -> QFont:
    font = QFont(base)
    font.setPointSizeF(points)
    if weight is not None:
        font.setWeight(weight)
    return font


@dataclass(frozen=True)
class Fonts:
    topic: QFont
    small: QFont  # difficulty pill
    meta: QFont  # read time, state, notes
    title: QFont
    summary: QFont

    @staticmethod
    def of(base: QFont) -> Fonts:
        return _fonts(base.toString())


@lru_cache(maxsize=8)
def _fonts(described: str) -> Fonts:
    base = QFont()
    base.fromString(described)  # QFont.toString(): what fromString reads back
    topic = _sized(base, 8.5, QFont.Weight.Bold)
    topic.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 1.0)
    return Fonts(
        topic=topic,
        small=_sized(base, 8.5),
        meta=_sized(base, 9),
        title=_sized(base, 15, QFont.Weight.DemiBold),
        summary=_sized(base, 10.5),
    )


@dataclass(frozen=True)
class CardLayout:
    height: int
    meta: QRect  # the top row
    title: QRect
    summary: QRect
    bar: QRect | None


def layout(card: ArticleCard, fonts: Fonts, width: int) -> CardLayout:
    inner = max(1, width - 2 * MARGIN_X)
    meta_height = max(
        QFontMetrics(fonts.topic).height(),
        QFontMetrics(fonts.small).height() + 2,
        QFontMetrics(fonts.meta).height(),
    )
    y = MARGIN_Y
    meta = QRect(MARGIN_X, y, inner, meta_height)
    y += meta_height + ROW_GAP
    title_h = _wrapped_height(fonts.title, inner, card.title_text)
    title = QRect(MARGIN_X, y, inner, title_h)
    y += title_h
    summary = QRect(MARGIN_X, y, inner, 0)
    if card.summary_text:
        y += ROW_GAP
        summary_h = _wrapped_height(fonts.summary, inner, card.summary_text)
        summary = QRect(MARGIN_X, y, inner, summary_h)
        y += summary.height()
    bar = None
    if card.percent is not None:
        y += ROW_GAP
        bar = QRect(MARGIN_X, y, inner, BAR_HEIGHT)
        y += BAR_HEIGHT
    return CardLayout(y + MARGIN_Y, meta, title, summary, bar)


def _wrapped_height(font: QFont, width: int, text: str) -> int:
    if not text:
        return 0
    return QFontMetrics(font).boundingRect(QRect(0, 0, width, 1 << 20), _WRAP, text).height()


def paint(card: ArticleCard, fonts: Fonts, theme: Theme) -> None:
    boxes = card.card_layout(card.width())
    written = card.article.is_written
    painter = QPainter(card)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _frame(painter, card, theme, written)
        _meta_row(painter, card, fonts, theme, boxes.meta)
        painter.setFont(fonts.title)
        painter.setPen(QColor(theme.text if written else theme.muted))
        painter.drawText(boxes.title, _LEFT | _WRAP, card.title_text)
        if card.summary_text:
            painter.setFont(fonts.summary)
            painter.setPen(QColor(theme.muted))
            painter.drawText(boxes.summary, _LEFT | _WRAP, card.summary_text)
        if boxes.bar is not None and card.percent is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.border))
            painter.drawRoundedRect(QRectF(boxes.bar), 2, 2)
            done = QRectF(boxes.bar)
            done.setWidth(done.width() * max(0, min(100, card.percent)) / 100)
            painter.setBrush(QColor(theme.accent))
            painter.drawRoundedRect(done, 2, 2)
    finally:
        painter.end()


def _frame(painter: QPainter, card: ArticleCard, theme: Theme, written: bool) -> None:
    focused, hovered = card.hasFocus(), card.underMouse() and written
    pen_width = 2 if focused else 1
    pen = QPen(QColor(theme.accent if focused or hovered else theme.border), pen_width)
    painter.setPen(pen)
    painter.setBrush(QColor(theme.surface if written else theme.background))
    half = pen_width / 2
    painter.drawRoundedRect(QRectF(card.rect()).adjusted(half, half, -half, -half), RADIUS, RADIUS)


def _meta_row(painter: QPainter, card: ArticleCard, fonts: Fonts, theme: Theme, row: QRect) -> None:
    x, right = row.left(), row.right()
    middle = row.center().y()

    def text_at(font: QFont, colour: str, text: str, left: int) -> int:
        metrics = QFontMetrics(font)
        painter.setFont(font)
        painter.setPen(QColor(colour))
        painter.drawText(left, middle + (metrics.ascent() - metrics.descent()) // 2, text)
        return metrics.horizontalAdvance(text)

    if card.topic_text:
        x += text_at(fonts.topic, theme.accent, card.topic_text, x) + FACT_GAP
    if card.difficulty_text:
        colour = theme.difficulty_color(card.difficulty_text)
        metrics = QFontMetrics(fonts.small)
        pill = QRectF(
            x,
            middle - (metrics.height() + 2) / 2,
            metrics.horizontalAdvance(card.difficulty_text) + 2 * PILL_PAD,
            metrics.height() + 2,
        )
        painter.setPen(QPen(QColor(colour), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(pill.adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
        text_at(fonts.small, colour, card.difficulty_text, x + PILL_PAD)
        x += int(pill.width()) + FACT_GAP
    text_at(fonts.meta, theme.muted, card.time_text, x)
    # Right-aligned: the reading state last, the note count before it.
    metrics = QFontMetrics(fonts.meta)
    for text in (card.state_text, card.notes_text):
        if text:
            width = metrics.horizontalAdvance(text)
            text_at(fonts.meta, theme.muted, text, right - width)
            right -= width + FACT_GAP
