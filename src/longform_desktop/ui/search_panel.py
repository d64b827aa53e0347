"""Search results: grouped by deep dive, one row per matching section with its snippet."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from .theme import current_theme

if TYPE_CHECKING:
    from ..core.search import SearchResults

ROLE_TARGET = Qt.ItemDataRole.UserRole + 1  # (slug, heading_id) on selectable rows


class SearchPanel(QWidget):
    open_requested = Signal(str, str, tuple)  # slug, heading id, terms to highlight
    suggestion_accepted = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.results: SearchResults | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        self.status = QLabel("Type to search every deep dive.")
        self.status.setObjectName("muted")
        self.status.setAccessibleName("Search status")
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.linkActivated.connect(lambda text: self.suggestion_accepted.emit(text))
        layout.addWidget(self.status)
        self.list = QListWidget()
        self.list.setObjectName("results")
        self.list.setAccessibleName("Search results")
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.itemActivated.connect(self._activate)
        self.list.itemClicked.connect(self._activate)
        layout.addWidget(self.list, 1)

    def show_busy(self, message: str) -> None:
        self.status.setText(html.escape(message))

    def show_results(self, results: SearchResults) -> None:
        self.results = results
        self.list.clear()
        theme = current_theme()
        sections = sum(len(h.sections) for h in results.hits)
        if not results.query.strip():
            status = "Type to search every deep dive."
        elif not results.hits:
            status = f"No results for <b>{html.escape(results.query)}</b>."
        else:
            status = (
                f"{sections} section{'s' * (sections != 1)} in {len(results.hits)} "
                f"deep dive{'s' * (len(results.hits) != 1)}"
            )
            if results.relaxed:
                status += " (no section has every word; showing sections with any of them)"
        if results.suggestion:
            status += (
                f' &nbsp; Did you mean <a href="{html.escape(results.suggestion)}">'
                f"{html.escape(results.suggestion)}</a>?"
            )
        self.status.setText(status)
        for hit in results.hits:
            header = QListWidgetItem()
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(header)
            label = QLabel(
                f'<span style="font-size:12pt; font-weight:600">{html.escape(hit.title)}'
                f'</span> <span style="color:{theme.muted}">· {html.escape(hit.topic)} · '
                f"{html.escape(hit.difficulty)}</span>"
            )
            label.setObjectName("resultArticle")
            label.setContentsMargins(4, 10, 4, 0)
            header.setSizeHint(label.sizeHint())
            self.list.setItemWidget(header, label)
            for sec in hit.sections:
                item = QListWidgetItem()
                item.setData(ROLE_TARGET, (hit.article, sec.heading_id))
                heading = html.escape(sec.heading or "Introduction")
                snippet = sec.snippet_html.replace(
                    '<b class="match">', f'<b style="background:{theme.highlight}">'
                )
                text = (
                    f'<div style="margin-left:14px"><span style="color:{theme.accent}">'
                    f"§ {heading}</span><br/>"
                    f'<span style="color:{theme.text}">{snippet}</span></div>'
                )
                row = QLabel(text)
                row.setWordWrap(True)
                row.setContentsMargins(4, 4, 4, 6)
                row.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
                item.setToolTip(f"Open “{hit.title}” at “{sec.heading or 'the start'}”")
                self.list.addItem(item)
                width = max(300, self.list.viewport().width() - 24)
                row.setFixedWidth(width)
                item.setSizeHint(row.sizeHint().expandedTo(row.minimumSizeHint()))
                row.setMinimumWidth(0)
                row.setMaximumWidth(16777215)
                self.list.setItemWidget(item, row)
        self.select_first()

    def select_first(self) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(ROLE_TARGET):
                self.list.setCurrentRow(i)
                return

    def move_selection(self, step: int) -> None:
        """Up/Down from the search box: skip the article header rows."""
        row = self.list.currentRow()
        i = row + step
        while 0 <= i < self.list.count():
            if self.list.item(i).data(ROLE_TARGET):
                self.list.setCurrentRow(i)
                return
            i += step

    def open_current(self) -> bool:
        item = self.list.currentItem()
        if item is None or not item.data(ROLE_TARGET):
            return False
        self._activate(item)
        return True

    def _activate(self, item: QListWidgetItem) -> None:
        target = item.data(ROLE_TARGET)
        if target:
            slug, heading_id = target
            terms = self.results.terms if self.results else ()
            self.open_requested.emit(slug, heading_id, tuple(terms))
