"""The left panel's table of contents of the open deep dive; follows the scroll."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

if TYPE_CHECKING:
    from longform_desktop.core.markdown import TocEntry

ROLE_ID = Qt.ItemDataRole.UserRole


class TocPanel(QTreeWidget):
    heading_requested = Signal(str)  # heading id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setObjectName("toc")
        self.setAccessibleName("Table of contents")
        self.itemClicked.connect(self._request)
        self.itemActivated.connect(self._request)

    def fill(self, entries: Iterable[TocEntry]) -> None:
        self.clear()
        parents: list[QTreeWidgetItem] = []
        for entry in entries:
            item = QTreeWidgetItem([entry.title])
            item.setData(0, ROLE_ID, entry.id)
            item.setToolTip(0, entry.title)
            if entry.level <= 2 or not parents:
                self.addTopLevelItem(item)
                parents = [item]
            else:
                parents[-1].addChild(item)
        self.expandAll()

    def follow(self, heading_id: str) -> None:
        """Mark ``heading_id`` as current without asking to scroll there."""
        item = next((i for i in self._items() if i.data(0, ROLE_ID) == heading_id), None)
        self.blockSignals(True)
        if item is None:
            self.setCurrentIndex(QModelIndex())  # above the first heading: none
        else:
            self.setCurrentItem(item)
            self.scrollToItem(item)
        self.blockSignals(False)

    def _items(self) -> Iterator[QTreeWidgetItem]:
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            if item is not None:
                yield item
                stack.extend(item.child(i) for i in range(item.childCount()))

    def _request(self, item: QTreeWidgetItem) -> None:
        self.heading_requested.emit(item.data(0, ROLE_ID))
