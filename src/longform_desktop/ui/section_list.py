"""The left panel's outline of the catalog: its sections, each with its count."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from longform_desktop.core.catalog import Catalog

from .qt_constants import USER_ROLE

ROLE_SLUG = USER_ROLE  # an int, not Qt.ItemDataRole: this list is in the first paint


class SectionList(QListWidget):
    section_requested = Signal(str)  # catalog section slug

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sectionList")
        self.setAccessibleName("Catalog sections")
        self.set_catalog(catalog)
        self.currentItemChanged.connect(self._request)

    def set_catalog(self, catalog: Catalog) -> None:
        """List ``catalog``'s sections (again, after a rescan of the user's library)."""
        current = self.currentItem()
        chosen = current.data(ROLE_SLUG) if current is not None else None
        self.blockSignals(True)
        self.clear()
        for section in catalog.sections:
            item = QListWidgetItem(f"{section.title}   {len(section.articles)}")
            item.setData(ROLE_SLUG, section.slug)
            self.addItem(item)
            if section.slug == chosen:
                self.setCurrentItem(item)
        self.blockSignals(False)

    def _request(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.section_requested.emit(item.data(ROLE_SLUG))
