"""The status bar: index state, transient messages, and errors a user must see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton

if TYPE_CHECKING:
    from longform_desktop.core.search import IndexStats

ERROR_MS = 15000


class StatusArea:
    """Owns the permanent widgets of a window's status bar."""

    def __init__(self, bar: QStatusBar) -> None:
        self.bar = bar
        self.index_label = QLabel("")
        self.index_label.setAccessibleName("Search index status")
        self.index_progress = QProgressBar()
        self.index_progress.setMaximumWidth(160)
        self.index_progress.setAccessibleName("Indexing progress")
        self.index_progress.hide()
        # "Details…" after an error: the full message (the log has the traceback).
        self.details = QToolButton()
        self.details.setText("Details…")
        self.details.setAccessibleName("Show error details")
        self.details.hide()
        self.details.clicked.connect(self._show_details)
        self._last_error = ("", "")
        bar.addPermanentWidget(self.details)
        bar.addPermanentWidget(self.index_label)
        bar.addPermanentWidget(self.index_progress)

    def message(self, text: str, msecs: int = 4000) -> None:
        self.bar.showMessage(text, msecs)

    def error(self, title: str, message: str) -> None:
        self._last_error = (title, message)
        self.bar.showMessage(f"{title}: {message}", ERROR_MS)
        self.details.show()

    def _show_details(self) -> None:
        from .dialogs.error_dialog import show_error

        title, message = self._last_error
        show_error(self.bar.window(), title, message)
        self.details.hide()

    def indexing_started(self) -> None:
        self.index_label.setText("Checking search index…")

    def indexing_progress(self, done: int, total: int) -> None:
        self.index_label.setText("Indexing deep dives…")
        self.index_progress.setRange(0, total)
        self.index_progress.setValue(done)
        self.index_progress.show()

    def index_ready(self, stats: IndexStats) -> None:
        self.index_progress.hide()
        # The note says why the index was rebuilt, not updated or built elsewhere (issue
        # 17): "Search ready" alone would hide that results may be out of date.
        state = "Search ready"
        if stats.read_only:
            state += " (not updated)"
        elif stats.temporary:
            state += " (temporary index)"
        self.index_label.setText(f"{state} · {stats.documents} sections indexed")
        self.index_label.setToolTip(stats.note)
        if stats.note:
            self.message(stats.note, ERROR_MS)
        elif stats.rebuilt:
            self.message(f"Search index rebuilt ({stats.reason}) in {stats.seconds:.1f} s.", 5000)

    def index_failed(self, message: str) -> None:
        self.index_progress.hide()
        self.index_label.setText("Search unavailable")
        self.error("Search index could not be built", message)
