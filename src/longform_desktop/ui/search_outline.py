"""The left panel while searching: the results' deep dives, each with its count.

What the left panel shows belongs to the page on the right: the catalog's sections
beside the catalog, the contents beside a deep dive, and beside the search results this
outline of them (not the contents of the deep dive that was open before). Choosing a
deep dive here brings its results to the top of the results list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

if TYPE_CHECKING:
    from longform_desktop.core.search import SearchResults

ROLE_SLUG = Qt.ItemDataRole.UserRole
KIND_WORDS = {"note": ("note", "notes"), "drawing": ("redraw", "redraws")}


class SearchOutline(QListWidget):
    article_requested = Signal(str)  # slug of the deep dive whose results to show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchOutline")
        self.setAccessibleName("Search results by deep dive")
        self.setWordWrap(True)
        self.setSpacing(4)  # the sections list's item padding, without a stylesheet rule
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.itemClicked.connect(self._request)
        self.itemActivated.connect(self._request)
        self.show_message("Type to search every deep dive.")

    def show_message(self, text: str) -> None:
        self.clear()
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # readable, not selectable
        self.addItem(item)

    def show_results(self, results: SearchResults) -> None:
        """One row per deep dive in the results, in result order: its title and what
        matched in it (sections, and notes or redraws when the search finds those)."""
        if not results.hits:
            self.show_message(results.error or "No results.")
            return
        counts: dict[str, dict[str, int]] = {}
        titles: dict[str, str] = {}
        for hit in results.hits:
            kinds = counts.setdefault(hit.article, {})
            kind = getattr(hit, "kind", "article")
            kinds[kind] = kinds.get(kind, 0) + (len(hit.sections) if kind == "article" else 1)
            titles.setdefault(hit.article, hit.title)
        self.clear()
        header = QListWidgetItem(f"Results in {len(counts)} deep dive{'s' * (len(counts) != 1)}")
        header.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = header.font()
        font.setBold(True)
        header.setFont(font)
        self.addItem(header)
        for slug, kinds in counts.items():
            parts = []
            for kind, n in kinds.items():
                one, many = KIND_WORDS.get(kind, ("section", "sections"))
                parts.append(f"{n} {one if n == 1 else many}")
            item = QListWidgetItem(f"{titles[slug]}\n{' · '.join(parts)}")
            item.setData(ROLE_SLUG, slug)
            item.setToolTip(f"Show the results in “{titles[slug]}”")
            self.addItem(item)

    def _request(self, item: QListWidgetItem) -> None:
        slug = item.data(ROLE_SLUG)
        if slug:
            self.article_requested.emit(slug)


def scroll_results_to(results_list: QListWidget, slug: str, role: int) -> bool:
    """Select the first result row of ``slug`` in the search panel's list (rows carry
    ``(slug, ...)`` under ``role``) and bring its deep dive's header to the top."""
    for row in range(results_list.count()):
        target = results_list.item(row).data(role)
        if isinstance(target, (tuple, list)) and target and target[0] == slug:
            header = results_list.item(row - 1) if row > 0 else results_list.item(row)
            results_list.scrollToItem(header, QAbstractItemView.ScrollHint.PositionAtTop)
            results_list.setCurrentRow(row)
            return True
    return False
