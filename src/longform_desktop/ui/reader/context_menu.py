"""The reader's context menu: Qt's own (Copy, Select All) plus what features add.

Features register a provider; on right-click each is asked for its actions for the
point clicked (the notes room offers highlight colours for a selection, the redraw room
offers "Redraw from memory" on a diagram). No feature edits the browser to get there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTextBrowser

Provider = Callable[[QPoint], list[QAction]]


def diagram_at(browser: QTextBrowser, pos: QPoint) -> str | None:
    """The id of the reference diagram drawn at viewport point ``pos``, if any.

    Diagrams sit alone in their paragraph (markdown.py), so the paragraph under the
    point is the figure when its only character is a ``diagram:`` image."""
    block = browser.cursorForPosition(pos).block()
    if block.text() != "\ufffc":
        return None
    fmt = block.begin().fragment().charFormat()
    if not fmt.isImageFormat() or not fmt.toImageFormat().name().startswith("diagram:"):
        return None
    rect = browser.document().documentLayout().blockBoundingRect(block)
    rect.translate(-browser.horizontalScrollBar().value(), -browser.verticalScrollBar().value())
    if not rect.contains(pos.toPointF()):
        return None
    return fmt.toImageFormat().name().removeprefix("diagram:")


class ReaderContextMenu:
    def __init__(self, browser: QTextBrowser) -> None:
        self.browser = browser
        self._providers: list[Provider] = []
        browser.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        browser.customContextMenuRequested.connect(self._show)

    def add_provider(self, provider: Provider) -> None:
        self._providers.append(provider)

    def build(self, pos: QPoint) -> QMenu:
        menu = self.browser.createStandardContextMenu(pos)
        extra = [action for provider in self._providers for action in provider(pos)]
        if extra:
            first = menu.actions()[0] if menu.actions() else None
            for action in extra:
                if first is None:
                    menu.addAction(action)
                else:
                    menu.insertAction(first, action)
            if first is not None:
                menu.insertSeparator(first)
        return menu

    def _show(self, pos: QPoint) -> None:
        menu = self.build(pos)
        menu.exec(self.browser.viewport().mapToGlobal(pos))
        menu.deleteLater()
