"""The "All notes" window: every note across the deep dives, filtered and sorted.

Filters: article, colour, and text (in the note, its quote or its article's title, any
case). Sorted by date (newest or oldest first, by last edit) or in article order (the
catalog's order, then each note's position in its article: notes on the whole article
first, then passages by where they were made, detached ones last). "Export…" writes the
selected rows, or every row shown when none is selected. A double click (or Enter) opens
the note in the main window. It is a separate, non-modal window so the reader stays
usable beside it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from . import palette
from .note_card import short_date

if TYPE_CHECKING:
    from longform_desktop.core.catalog import Catalog
    from longform_desktop.core.notes import Note

ANY = "Any"
ALL_ARTICLES = "All deep dives"
NO_COLOR_CHOICE = "No colour"
SORTS = ("Newest first", "Oldest first", "Article order")
ROLE_ID = Qt.ItemDataRole.UserRole + 1
TEXT_SHOWN = 160


class AllNotesView(QDialog):
    open_requested = Signal(str)  # note id
    export_requested = Signal(list)  # the notes to export

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.setObjectName("allNotes")
        self.setWindowTitle("All notes")
        self.setWindowFlag(Qt.WindowType.Window)
        self.setModal(False)
        self.resize(920, 600)
        self.notes: list[Note] = []
        self._order = {a.slug: i for i, a in enumerate(catalog.articles)}
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Deep dive"))
        self.article_filter = QComboBox()
        self.article_filter.setAccessibleName("Filter by deep dive")
        filters.addWidget(self.article_filter, 2)
        filters.addWidget(QLabel("Colour"))
        self.color_filter = QComboBox()
        self.color_filter.setAccessibleName("Filter by colour")
        self.color_filter.addItem(ANY, None)
        for color in palette.COLORS:
            self.color_filter.addItem(palette.NAMES[color], color)
        self.color_filter.addItem(NO_COLOR_CHOICE, "")
        filters.addWidget(self.color_filter)
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText("Filter by text")
        self.text_filter.setAccessibleName("Filter by text")
        self.text_filter.setClearButtonEnabled(True)
        filters.addWidget(self.text_filter, 2)
        filters.addWidget(QLabel("Sort"))
        self.sort = QComboBox()
        self.sort.setAccessibleName("Sort notes")
        self.sort.addItems(SORTS)
        filters.addWidget(self.sort)
        layout.addLayout(filters)
        self.tree = QTreeWidget()
        self.tree.setObjectName("allNotesList")
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setHeaderLabels(["Colour", "Deep dive", "Passage and note", "Edited"])
        self.tree.setColumnWidth(0, 90)
        self.tree.setColumnWidth(1, 220)
        self.tree.setColumnWidth(2, 460)
        self.tree.itemActivated.connect(self._activate)
        layout.addWidget(self.tree, 1)
        bottom = QHBoxLayout()
        self.count = QLabel()
        self.count.setObjectName("muted")
        bottom.addWidget(self.count, 1)
        self.export_button = QPushButton("Export…")
        self.export_button.setToolTip("Export the selected notes (all shown when none is)")
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.to_export()))
        bottom.addWidget(self.export_button)
        self.open_button = QPushButton("Open")
        self.open_button.clicked.connect(self._open_current)
        bottom.addWidget(self.open_button)
        layout.addLayout(bottom)
        for widget in (self.article_filter, self.color_filter, self.sort):
            widget.currentIndexChanged.connect(self.apply)
        self.text_filter.textChanged.connect(self.apply)
        QShortcut(QKeySequence("Escape"), self, self.close)

    # --- contents --------------------------------------------------------------------
    def set_notes(self, notes: list[Note]) -> None:
        self.notes = list(notes)
        current = self.article_filter.currentData()
        self.article_filter.blockSignals(True)
        self.article_filter.clear()
        self.article_filter.addItem(ALL_ARTICLES, None)
        for slug in sorted({n.article for n in notes}, key=self._article_key):
            self.article_filter.addItem(self._title(slug), slug)
        index = self.article_filter.findData(current)
        self.article_filter.setCurrentIndex(max(0, index))
        self.article_filter.blockSignals(False)
        self.apply()

    def _title(self, slug: str) -> str:
        article = self.catalog.article(slug)
        return article.title if article is not None else f"{slug} (not installed)"

    def _article_key(self, slug: str) -> tuple[int, str]:
        return (self._order.get(slug, len(self._order)), slug)

    def filtered(self) -> list[Note]:
        """The notes the filters let through, in the chosen order."""
        slug, color = self.article_filter.currentData(), self.color_filter.currentData()
        words = self.text_filter.text().casefold().split()
        shown = []
        for note in self.notes:
            if slug is not None and note.article != slug:
                continue
            if color is not None and (note.color or "") != color:
                continue
            if words:
                quote = note.target.exact if note.target is not None else ""
                haystack = f"{note.body}\n{quote}\n{self._title(note.article)}".casefold()
                if not all(w in haystack for w in words):
                    continue
            shown.append(note)
        sort = self.sort.currentText()
        if sort == "Article order":
            shown.sort(key=self._document_key)
        else:
            shown.sort(key=lambda n: (n.updated, n.created, n.id), reverse=sort == SORTS[0])
        return shown

    def _document_key(self, note: Note) -> tuple:
        # The position the passage was made at; re-anchoring every article to sort would
        # mean rendering all of them.
        t = note.target
        where = -1 if t is None else (t.start if t.start is not None else 10**9)
        return (*self._article_key(note.article), where, note.created, note.id)

    def apply(self) -> None:
        shown = self.filtered()
        self.tree.clear()
        for note in shown:
            self.tree.addTopLevelItem(self._item(note))
        total = len(self.notes)
        self.count.setText(
            f"{len(shown)} of {total} note{'s' * (total != 1)}" if total else "No notes yet."
        )
        self.export_button.setEnabled(bool(shown))

    def _item(self, note: Note) -> QTreeWidgetItem:
        quote = note.target.exact if note.target is not None else ""
        text = f"“{_short(quote)}”" if quote else "(on the whole article)"
        if note.body.strip():
            text += f"\n{_short(note.body)}"
        item = QTreeWidgetItem(
            [
                palette.NAMES.get(note.color or "", "—"),
                self._title(note.article),
                text,
                short_date(note.updated),
            ]
        )
        item.setData(0, ROLE_ID, note.id)
        item.setForeground(0, QColor(palette.swatch(note.color)))
        item.setToolTip(2, note.body or quote)
        return item

    # --- actions --------------------------------------------------------------------
    def shown_ids(self) -> list[str]:
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item.data(0, ROLE_ID) for item in items if item is not None]

    def to_export(self) -> list[Note]:
        selected = {item.data(0, ROLE_ID) for item in self.tree.selectedItems()}
        shown = self.filtered()
        return [n for n in shown if n.id in selected] if selected else shown

    def _activate(self, item: QTreeWidgetItem) -> None:
        self.open_requested.emit(item.data(0, ROLE_ID))

    def _open_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self._activate(item)


def _short(text: str, limit: int = TEXT_SHOWN) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
