"""Code blocks keep their lines: fitting a code table to the room it has.

A code block is a one-cell table of ``white-space: pre`` lines (core/markdown.py makes
it, theme.reader_css sets ``pre``). A line that does not fit is never wrapped while it
can be helped: the reader first widens the table (``ReaderBrowser`` lets it break out of
the text column towards the page width, like a diagram), then this shrinks its font,
down to a floor; only past the floor do its long lines wrap, with a hanging indent so a
continuation is visibly part of the line above. The page never scrolls sideways.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextTable,
)

CODE_PADDING = 12  # the code table's cellpadding (core/markdown.py)
CODE_SLACK = 6  # px of room for hinting and the cell border
CODE_MIN_SCALE = 0.75  # on screen; print goes a little smaller (print_export.py)
HANGING_CHARS = 4


@dataclass
class CodeBlock:
    """What is known of one code table: measured once per document."""

    font: QFont  # the font the stylesheet gave it
    natural: float  # its longest line, in px in that font
    chars: int  # that line's length in characters (the font is monospace)
    applied: tuple[float, bool] = (1.0, False)  # (font scale, wrapping) now in the document
    device: QPaintDevice | None = None  # what it is laid out for (None: the screen)

    @property
    def padded(self) -> float:
        """The table width its longest line needs at its own size."""
        return self.natural + 2 * CODE_PADDING + CODE_SLACK

    def width_at(self, scale: float) -> float:
        """The longest line at ``scale``, measured (hinting makes it not quite linear)."""
        if scale == 1.0:
            return self.natural
        font = QFont(self.font)
        font.setPointSizeF(self.font.pointSizeF() * scale)
        return self.chars * _metrics(font, self.device).horizontalAdvance("0")


def is_code_table(table: QTextTable) -> bool:
    if table.rows() != 1 or table.columns() != 1:
        return False
    return table.cellAt(0, 0).firstCursorPosition().block().blockFormat().nonBreakableLines()


def _metrics(font: QFont, device: QPaintDevice | None) -> QFontMetricsF:
    return QFontMetricsF(font) if device is None else QFontMetricsF(font, device)


def measure(table: QTextTable, device: QPaintDevice | None = None) -> CodeBlock:
    """The longest line of a code table, in px of ``device`` (the screen by default)."""
    natural, chars, base = 0.0, 0, None
    metrics: dict[str, QFontMetricsF] = {}
    for block in cell_blocks(table):
        width = 0.0
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            font = fragment.charFormat().font()
            base = base or font
            fm = metrics.setdefault(font.key(), _metrics(font, device))
            width += fm.horizontalAdvance(fragment.text())
            it += 1
        if width > natural:
            natural, chars = width, len(block.text())
    return CodeBlock(base or QFont(), natural, chars, device=device)


def fit(
    table: QTextTable,
    code: CodeBlock,
    width: float,
    cursor: QTextCursor,
    min_scale: float = CODE_MIN_SCALE,
    px: float = 1.0,
) -> None:
    """Shrink (then, past ``min_scale``, wrap) the table's code to fit ``width`` device
    px; ``px`` is device pixels per CSS pixel (the padding is in CSS pixels)."""
    room = width - (2 * CODE_PADDING + CODE_SLACK) * px
    scale = 1.0
    if code.natural > room:
        # The linear estimate, then down in steps until the measured line fits.
        scale = math.floor(100 * room / code.natural) / 100
        while scale >= min_scale and code.width_at(scale) > room:
            scale = round(scale - 0.02, 2)
    wrap = scale < min_scale
    scale = max(scale, min_scale)
    if (scale, wrap) != code.applied:
        _restyle(table, code, scale, wrap, cursor)


def _restyle(
    table: QTextTable, code: CodeBlock, scale: float, wrap: bool, cursor: QTextCursor
) -> None:
    char_format = QTextCharFormat()
    char_format.setFontPointSize(code.font.pointSizeF() * scale)
    cursor.setPosition(table.firstPosition())
    cursor.setPosition(table.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(char_format)
    hang = HANGING_CHARS * code.width_at(scale) / max(1, code.chars) if wrap else 0.0
    for block in cell_blocks(table):
        fmt = block.blockFormat()
        fmt.setNonBreakableLines(not wrap)
        fmt.setLeftMargin(hang)
        fmt.setTextIndent(-hang)
        cursor.setPosition(block.position())
        cursor.setBlockFormat(fmt)
    code.applied = (scale, wrap)


def cell_blocks(table: QTextTable) -> list[QTextBlock]:
    cell = table.cellAt(0, 0)
    blocks, block = [], cell.firstCursorPosition().block()
    end = cell.lastCursorPosition().position()
    while block.isValid() and block.position() <= end:
        blocks.append(block)
        block = block.next()
    return blocks
