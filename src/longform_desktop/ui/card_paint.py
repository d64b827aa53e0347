"""How a catalog card is laid out and painted (``catalog_view.ArticleCard``).

One function computes the boxes for a width, so the height the layout asks for
(``heightForWidth``) and what is painted can never disagree. Sizes are those of
``resources/stylesheets/content.qss`` for the widgets the card used to be made of:
margins 18/14 px, 6 px between rows, 10 px between the facts of the top row; topic 8.5 pt
bold with 1 px letter spacing, the difficulty in an 8 px-round pill, times 9 pt, title
15 pt semi-bold, summary 10.5 pt, a 4 px progress bar while in progress.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)

if TYPE_CHECKING:
    from .catalog_view import ArticleCard
    from .theme import Theme

MARGIN_X, MARGIN_Y, ROW_GAP, FACT_GAP = 18, 14, 6, 10
PILL_PAD, BAR_HEIGHT, RADIUS = 8, 4, 10


def _sized(base: QFont, points: float, weight: QFont.Weight | None = None) -> QFont:
    font = QFont(base)
    font.setPointSizeF(points)
    if weight is not None:
        font.setWeight(weight)
    return font


# NamedTuples, not dataclasses: immutable records all the same, and a sixth of the
# cost to define (~0.1 ms against ~0.6 ms each, before the first paint).
class Fonts(NamedTuple):
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


class CardLayout(NamedTuple):
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
    return _text(font, text, width)[1] if text else 0


def _text(
    font: QFont, text: str, width: int | None, colour: str | None = None
) -> tuple[QTextLayout, int]:
    """``text`` laid out in lines of ``width`` (one line if None) and its height, line
    for line as ``QPainter.drawText(rect, AlignLeft | AlignTop | TextWordWrap)`` lays
    it out (Qt's qt_format_text: each line starts on a whole pixel after the font's
    leading). Drawn with ``QTextLayout.draw`` and its colour as a format, because every
    way of giving the painter a pen or a brush makes PySide build Qt's whole namespace
    (ui/qt_constants.py), ~13 ms of the first paint."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(
        QTextOption.WrapMode.WordWrap if width is not None else QTextOption.WrapMode.NoWrap
    )
    layout.setTextOption(option)
    if colour is not None:
        coloured = QTextCharFormat()
        coloured.setForeground(_brush(colour))
        whole = QTextLayout.FormatRange()
        # Qt counts UTF-16 units: a character beyond U+FFFF is two.
        units = len(text) + sum(ord(c) > 0xFFFF for c in text)
        whole.start, whole.length, whole.format = 0, units, coloured
        layout.setFormats([whole])
    leading = QFontMetricsF(font).leading()
    height = -leading
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width if width is not None else 1e6)
        height = math.ceil(height + leading)
        line.setPosition(QPointF(0, height))
        height += line.ascent() + line.descent()  # line.height() is rounded up
    layout.endLayout()
    return layout, math.ceil(height)


def paint(card: ArticleCard, fonts: Fonts, theme: Theme) -> None:
    boxes = card.card_layout(card.width())
    written = card.article.is_written
    painter = QPainter(card)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _frame(painter, card, theme, written)
        _meta_row(painter, card, fonts, theme, boxes.meta)
        title_colour = theme.text if written else theme.muted
        title, _ = _text(fonts.title, card.title_text, boxes.title.width(), title_colour)
        title.draw(painter, QPointF(boxes.title.topLeft()))
        if card.summary_text:
            summary, _ = _text(fonts.summary, card.summary_text, boxes.summary.width(), theme.muted)
            summary.draw(painter, QPointF(boxes.summary.topLeft()))
        if boxes.bar is not None and card.percent is not None:
            done = QRectF(boxes.bar)
            done.setWidth(done.width() * max(0, min(100, card.percent)) / 100)
            painter.fillPath(_rounded(QRectF(boxes.bar), 2), _brush(theme.border))
            painter.fillPath(_rounded(done, 2), _brush(theme.accent))
    finally:
        painter.end()


# Pens and brushes are made and used only through calls with a single signature (QPen()
# then setColor, fillPath, strokePath), for the reason in _text.
def _pen(colour: str, width: float) -> QPen:
    pen = QPen()
    pen.setColor(QColor(colour))
    pen.setWidthF(width)
    return pen


def _brush(colour: str) -> QBrush:
    return _pen(colour, 1).brush()  # a solid brush of the colour


def _rounded(rect: QRectF, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    return path


def _frame(painter: QPainter, card: ArticleCard, theme: Theme, written: bool) -> None:
    focused, hovered = card.hasFocus(), card.underMouse() and written
    pen_width = 2 if focused else 1
    half = pen_width / 2
    outline = _rounded(QRectF(card.rect()).adjusted(half, half, -half, -half), RADIUS)
    # Fill, then outline: what drawRoundedRect does with a brush and a pen.
    painter.fillPath(outline, _brush(theme.surface if written else theme.background))
    painter.strokePath(
        outline, _pen(theme.accent if focused or hovered else theme.border, pen_width)
    )


def _meta_row(painter: QPainter, card: ArticleCard, fonts: Fonts, theme: Theme, row: QRect) -> None:
    x, right = row.left(), row.right()
    middle = row.center().y()

    def text_at(font: QFont, colour: str, text: str, left: int) -> int:
        metrics = QFontMetrics(font)
        baseline = middle + (metrics.ascent() - metrics.descent()) // 2
        laid, _ = _text(font, text, None, colour)
        laid.draw(painter, QPointF(left, baseline - laid.lineAt(0).ascent()))
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
        painter.strokePath(_rounded(pill.adjusted(0.5, 0.5, -0.5, -0.5), 8), _pen(colour, 1))
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
