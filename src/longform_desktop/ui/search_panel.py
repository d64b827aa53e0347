"""Search results: grouped by deep dive, one row per matching section with its snippet;
a row per matching note or drawing; the correction applied, and failures shown as
failures (never as "No results").

Signals (the window wires them; none reaches into a parent):

- ``open_requested(slug, heading_id, terms)``: a section row was chosen;
- ``note_open_requested(note_id)`` / ``drawing_open_requested(drawing_id)``: a note or
  drawing row was chosen. If nothing is connected to them, a note opens its article at
  its heading through ``open_requested`` instead, and a drawing its article;
- ``suggestion_accepted(text)``: a query to search instead (a "did you mean", the
  corrected query, or the words as typed, quoted so they are not corrected again): the
  window puts it in the search box.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QMetaMethod, Qt, Signal, SignalInstance
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from .theme import current_theme

if TYPE_CHECKING:
    from longform_desktop.core.search import ArticleHit, SearchResults, SectionHit

ROLE_TARGET = Qt.ItemDataRole.UserRole + 1  # (slug, heading_id) on selectable rows
ROLE_ITEM = Qt.ItemDataRole.UserRole + 2  # (kind, id) on note and drawing rows
ERROR_COLOR = "#d93025"  # readable on the light and the dark palette
NOTE_COLORS = {"yellow": "#f6c026", "green": "#34a853", "blue": "#4285f4", "pink": "#e86aa6"}


def _link(text: str, label: str | None = None) -> str:
    return f'<a href="{html.escape(text)}"><i>{html.escape(label or text)}</i></a>'


class SearchPanel(QWidget):
    open_requested = Signal(str, str, tuple)  # slug, heading id, terms to highlight
    suggestion_accepted = Signal(str)
    note_open_requested = Signal(str)  # note id
    drawing_open_requested = Signal(str)  # drawing id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results: SearchResults | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        self.status = QLabel("Type to search every deep dive.")
        self.status.setObjectName("muted")
        self.status.setAccessibleName("Search status")
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setWordWrap(True)
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

    def status_html(self, results: SearchResults) -> str:
        """The line above the results: counts, the correction, a failure, and the
        search's note (a shortened query)."""
        if results.error:
            return (
                f'<span style="color:{ERROR_COLOR}">Search failed: '
                f"{html.escape(results.error)}</span>"
            )
        if not results.query.strip():
            return "Type to search every deep dive."
        lines = []
        if results.note:  # e.g. a pasted page was cut to the words a query may have
            lines.append(f"<i>{html.escape(results.note)}</i>")
        if results.corrected:
            lines.append(
                f"Showing results for {_link(results.corrected)} — search instead for "
                f"{_link(results.search_instead, results.query)}"
            )
        if not results.hits:
            main = f"No results for <b>{html.escape(results.query)}</b>."
        else:
            main = self._counts(results)
            if results.relaxed:
                main += " (no section has every word; showing sections with any of them)"
        if results.suggestion:
            main += f" &nbsp; Did you mean {_link(results.suggestion)}?"
        return "<br/>".join([*lines, main])

    @staticmethod
    def _counts(results: SearchResults) -> str:
        articles = [h for h in results.hits if h.kind == "article"]
        sections = sum(len(h.sections) for h in articles)
        text = (
            f"{sections} section{'s' * (sections != 1)} in {len(articles)} "
            f"deep dive{'s' * (len(articles) != 1)}"
        )
        for kind, one, many in (("note", "note", "notes"), ("drawing", "drawing", "drawings")):
            n = sum(1 for h in results.hits if h.kind == kind)
            if n:
                text += f", {n} {one if n == 1 else many}"
        return text

    def show_results(self, results: SearchResults) -> None:
        self.results = results
        self.list.clear()
        self.status.setText(self.status_html(results))
        for hit in results.hits:
            self._add_header(hit)
            for sec in hit.sections:
                self._add_row(hit, sec)
        self.select_first()

    def _add_header(self, hit: ArticleHit) -> None:
        theme = current_theme()
        header = QListWidgetItem()
        header.setFlags(Qt.ItemFlag.NoItemFlags)
        self.list.addItem(header)
        title = html.escape(hit.title)
        if hit.kind == "note":
            lead, rest = "Note", f"on {title}"
        elif hit.kind == "drawing":
            drawing = html.escape(hit.details.get("title") or "Untitled")
            lead, rest = f"Drawing: {drawing}", f"for {title}"
        else:
            lead = title
            rest = f"{html.escape(hit.topic)} · {html.escape(hit.difficulty)}"
        label = QLabel(
            f'<span style="font-size:12pt; font-weight:600">{lead}</span> '
            f'<span style="color:{theme.muted}">· {rest}</span>'
        )
        label.setObjectName("resultArticle")
        label.setContentsMargins(4, 10, 4, 0)
        header.setSizeHint(label.sizeHint())
        self.list.setItemWidget(header, label)

    def _add_row(self, hit: ArticleHit, sec: SectionHit) -> None:
        theme = current_theme()
        item = QListWidgetItem()
        item.setData(ROLE_TARGET, (hit.article, sec.heading_id))
        snippet = sec.snippet_html.replace(
            '<b class="match">', f'<b style="background:{theme.highlight}">'
        )
        if hit.kind == "note":
            item.setData(ROLE_ITEM, ("note", hit.item_id))
            color = NOTE_COLORS.get(hit.details.get("color") or "", theme.border)
            quote = html.escape(hit.details.get("quote") or "")
            first = (
                f'<span style="border-left:3px solid {color}; color:{theme.muted}">'
                f"&nbsp;“{quote[:160]}{'…' * (len(quote) > 160)}”</span>"
            )
            tip = f"Open this note on “{hit.title}”"
        elif hit.kind == "drawing":
            item.setData(ROLE_ITEM, ("drawing", hit.item_id))
            first = f'<span style="color:{theme.accent}">✎ Labels</span>'
            tip = f"Open this drawing of “{hit.title}”"
        else:
            heading = html.escape(sec.heading or "Introduction")
            first = f'<span style="color:{theme.accent}">§ {heading}</span>'
            tip = f"Open “{hit.title}” at “{sec.heading or 'the start'}”"
        row = QLabel(
            f'<div style="margin-left:14px">{first}<br/>'
            f'<span style="color:{theme.text}">{snippet}</span></div>'
        )
        row.setWordWrap(True)
        row.setContentsMargins(4, 4, 4, 6)
        row.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        item.setToolTip(tip)
        self.list.addItem(item)
        width = max(300, self.list.viewport().width() - 24)
        row.setFixedWidth(width)
        item.setSizeHint(row.sizeHint().expandedTo(row.minimumSizeHint()))
        row.setMinimumWidth(0)
        row.setMaximumWidth(16777215)
        self.list.setItemWidget(item, row)

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

    def _connected(self, signal: SignalInstance) -> bool:
        return self.isSignalConnected(QMetaMethod.fromSignal(signal))

    def _activate(self, item: QListWidgetItem) -> None:
        target = item.data(ROLE_TARGET)
        if not target:
            return
        kind, item_id = item.data(ROLE_ITEM) or ("article", "")
        if kind == "note" and self._connected(self.note_open_requested):
            self.note_open_requested.emit(item_id)
        elif kind == "drawing" and self._connected(self.drawing_open_requested):
            self.drawing_open_requested.emit(item_id)
        else:
            slug, heading_id = target
            terms = self.results.terms if self.results and kind == "article" else ()
            self.open_requested.emit(slug, heading_id, tuple(terms))
