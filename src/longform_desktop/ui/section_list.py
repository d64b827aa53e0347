"""The left panel's outline of the catalog: its sections, each with its count."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ..core.catalog import Catalog

ROLE_SLUG = Qt.ItemDataRole.UserRole


class SectionList(QListWidget):
    section_requested = Signal(str)  # catalog section slug

    def __init__(self, catalog: Catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sectionList")
        self.setAccessibleName("Catalog sections")
        for section in catalog.sections:
            item = QListWidgetItem(f"{section.title}   {len(section.articles)}")
            item.setData(ROLE_SLUG, section.slug)
            self.addItem(item)
        self.currentItemChanged.connect(self._request)

    def _request(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.section_requested.emit(item.data(ROLE_SLUG))
