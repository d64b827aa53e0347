"""The Redraws panel beside an open deep dive: its reference diagrams, each with the last
score, the score history, the next review and the attempts as thumbnails, then the
user's free drawings. Buttons and tiles say what the user wants (signals); the room
does it through RedrawService. The panel reads the service and refreshes when told
(the room follows DRAWINGS and REVIEWS announcements)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .attempt_tiles import THUMB, AttemptTile
from .compare_details import due_words
from .look import apply_look, on_theme_change
from .score_chart import ScoreChart

if TYPE_CHECKING:
    from longform_desktop.services.redraw_service import DiagramStatus, RedrawService
    from longform_desktop.storage.drawings import Attempt

COLUMNS = 3
SHOWN = 6  # tiles shown before "Show all"


def status_words(status: DiagramStatus) -> str:
    if status.last_score is None:
        return "Not redrawn yet"
    n = status.attempts
    parts = [f"Last score {status.last_score}", f"{n} attempt{'s' if n != 1 else ''}"]
    if status.mastered:
        parts.append("mastered")
    return " · ".join(parts)


class DiagramCard(QFrame):
    def __init__(self, panel: RedrawsPanel, status: DiagramStatus, attempts: list[Attempt]) -> None:
        super().__init__()
        self.setObjectName("diagramCard")
        self.status = status
        self.tiles: list[AttemptTile] = []
        article, diagram = status.article, status.diagram.id
        now = panel.service.clock()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(6)
        title = QLabel(status.diagram.title)
        title.setObjectName("diagramTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.status_label = QLabel(status_words(status))
        self.status_label.setObjectName("muted")
        layout.addWidget(self.status_label)
        self.due_label = QLabel(due_words(status.due, now))
        due_now = status.due is not None and status.due <= panel.service.end_of_today()
        self.due_label.setObjectName("dueNow" if due_now else "muted")
        self.due_label.setVisible(status.due is not None)
        layout.addWidget(self.due_label)
        self.chart = ScoreChart()
        self.chart.set_points(panel.service.history(article, diagram))
        self.chart.setVisible(bool(self.chart.points))
        layout.addWidget(self.chart)
        grid = QGridLayout()
        grid.setSpacing(6)
        newest = list(reversed(attempts))
        columns = panel.columns()
        for i, attempt in enumerate(newest):
            tile = panel.tile(attempt)
            tile.setVisible(i < SHOWN or panel.expanded(diagram))
            self.tiles.append(tile)
            grid.addWidget(tile, i // columns, i % columns)
        grid.setColumnStretch(columns, 1)
        layout.addLayout(grid)
        if len(newest) > SHOWN and not panel.expanded(diagram):
            more = QPushButton(f"Show all {len(newest)} attempts")
            more.setFlat(True)
            more.clicked.connect(lambda: panel.expand(diagram))
            layout.addWidget(more, 0, Qt.AlignmentFlag.AlignLeft)
        buttons = QVBoxLayout()
        buttons.setSpacing(2)
        self.redraw_button = QPushButton("Redraw from memory")
        self.redraw_button.setObjectName("primary")
        self.redraw_button.setToolTip("Hide the article and draw this diagram from memory")
        self.redraw_button.clicked.connect(lambda: panel.redraw_requested.emit(article, diagram))
        self.paper_button = QPushButton("Attach a paper sketch…")
        self.paper_button.setFlat(True)
        self.paper_button.setToolTip(
            "Paper sketch: attach a photo of the diagram drawn on paper, then tick its checklist"
        )
        self.paper_button.clicked.connect(lambda: panel.paper_requested.emit(article, diagram))
        buttons.addWidget(self.redraw_button)
        buttons.addWidget(self.paper_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(buttons)


class RedrawsPanel(QWidget):
    redraw_requested = Signal(str, str)  # article, diagram id
    paper_requested = Signal(str, str)
    open_requested = Signal(str)  # attempt id
    export_requested = Signal(str, str)  # attempt id, "png" | "svg" | "json" | "photo"
    delete_requested = Signal(str)
    free_drawing_requested = Signal(str)  # article
    import_requested = Signal(str)  # article

    def __init__(self, service: RedrawService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redrawsPanel")
        self.setAccessibleName("Redraws")
        self.service = service
        self.article: str | None = None
        self.cards: dict[str, DiagramCard] = {}
        self.free_tiles: list[AttemptTile] = []
        self._expanded: set[str] = set()
        self._dark: bool | None = None
        self._columns = COLUMNS
        intro = QLabel(
            "Redraw each diagram from memory, then compare. Each score schedules the "
            "next redraw, just before you would forget it."
        )
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(12, 12, 12, 12)
        self.body_layout.setSpacing(10)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.body)
        self.free_button = QPushButton("New free drawing")
        self.free_button.setToolTip("A drawing of your own, kept with this deep dive")
        self.free_button.clicked.connect(self._free)
        self.import_button = QPushButton("Import…")
        self.import_button.setToolTip("Import a Longform drawing file (JSON)")
        self.import_button.clicked.connect(self._import)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QVBoxLayout()
        header.setContentsMargins(12, 10, 12, 0)
        header.addWidget(intro)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        self._restyle()
        on_theme_change(self._theme_changed)

    # --- filling ----------------------------------------------------------------------
    def show_article(self, article: str | None) -> None:
        if article != self.article:
            self._expanded.clear()
        self.article = article
        self.refresh()

    def refresh(self) -> None:
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.cards.clear()
        self.free_tiles = []
        if self.article is None:
            return
        attempts = self.service.attempts(self.article)
        statuses = self.service.statuses(self.article)
        if not statuses:
            empty = QLabel("This deep dive has no diagrams to redraw.")
            empty.setObjectName("empty")
            self.body_layout.addWidget(empty)
        for status in statuses:
            mine = [a for a in attempts if a.diagram == status.diagram.id]
            card = DiagramCard(self, status, mine)
            self.cards[status.diagram.id] = card
            self.body_layout.addWidget(card)
        self.body_layout.addWidget(self._free_section([a for a in attempts if a.diagram is None]))
        self.body_layout.addStretch(1)

    def _free_section(self, drawings: list[Attempt]) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 8, 0, 0)
        title = QLabel("Your drawings")
        title.setObjectName("diagramTitle")
        layout.addWidget(title)
        grid = QGridLayout()
        grid.setSpacing(6)
        columns = self.columns()
        for i, attempt in enumerate(reversed(drawings)):
            tile = self.tile(attempt)
            self.free_tiles.append(tile)
            grid.addWidget(tile, i // columns, i % columns)
        grid.setColumnStretch(columns, 1)
        layout.addLayout(grid)
        if not drawings:
            none = QLabel("Free drawings and imported files show here.")
            none.setObjectName("muted")
            none.setWordWrap(True)
            layout.addWidget(none)
        row = QHBoxLayout()
        for button in (self.free_button, self.import_button):
            button.setParent(None)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    def tile(self, attempt: Attempt) -> AttemptTile:
        tile = AttemptTile(attempt)
        tile.open_requested.connect(self.open_requested)
        tile.export_requested.connect(self.export_requested)
        tile.delete_requested.connect(self.delete_requested)
        return tile

    def columns(self) -> int:
        """Tiles per row for the panel's width (three when there is room)."""
        room = self.width() - 2 * 12 - 2 * 12
        return max(1, min(COLUMNS, room // (THUMB.width() + 14)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.columns() != self._columns:
            self._columns = self.columns()
            if self.article is not None:
                self.refresh()

    def expanded(self, diagram: str) -> bool:
        return diagram in self._expanded

    def expand(self, diagram: str) -> None:
        self._expanded.add(diagram)
        self.refresh()

    def _free(self) -> None:
        if self.article is not None:
            self.free_drawing_requested.emit(self.article)

    def _import(self) -> None:
        if self.article is not None:
            self.import_requested.emit(self.article)

    # --- theme ------------------------------------------------------------------------
    def _theme_changed(self) -> None:
        if self._restyle() and self.article is not None:
            self.refresh()  # thumbnails and chart colours are drawn for one theme

    def _restyle(self) -> bool:
        from longform_desktop.ui.theme import current_theme

        dark = current_theme().dark
        if dark == self._dark:
            return False
        self._dark = dark
        apply_look(self)
        return True
