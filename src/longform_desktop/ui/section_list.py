"""The left panel's outline of the catalog: its sections, each with its count."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from longform_desktop.core.catalog import Catalog

from .qt_constants import USER_ROLE

if TYPE_CHECKING:
    from PySide6.QtGui import QFocusEvent, QMouseEvent

ROLE_SLUG = USER_ROLE  # an int, not Qt.ItemDataRole: this list is in the first paint


class SectionList(QListWidget):
    """Choosing a section (a click, the arrow keys, Enter) asks for it; a click on the
    section already chosen asks again, so the catalog goes back to it."""

    section_requested = Signal(str)  # catalog section slug

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sectionList")
        self.setAccessibleName("Catalog sections")
        self._placing_cursor = False
        self._current_at_press: QListWidgetItem | None = None
        self.set_catalog(catalog)
        self.currentItemChanged.connect(self._request)
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._request)

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

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Given focus by the keyboard or the window (as at every start), Qt makes the
        # first row current when none is: a cursor for the arrow keys, not a request.
        # Taken for one, it scrolled the catalog past its heading on every start.
        self._placing_cursor = True
        try:
            super().focusInEvent(event)
        finally:
            self._placing_cursor = False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._current_at_press = self.currentItem()
        super().mousePressEvent(event)

    def _clicked(self, item: QListWidgetItem) -> None:
        if item is self._current_at_press:  # no change of row, so no request yet
            self._request(item)

    def _request(self, item: QListWidgetItem | None) -> None:
        if item is not None and not self._placing_cursor:
            self.section_requested.emit(item.data(ROLE_SLUG))
