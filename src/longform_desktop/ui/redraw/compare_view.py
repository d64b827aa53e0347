"""The compare view: the reference beside the attempt, both marked, with the score.

Left, the reference as the reader draws it, recalled boxes and arrows green, missed ones
red, reversed or headless arrows amber; middle, the user's drawing (read-only, the same
colours, extras violet) or the photo of a paper sketch; right, the score's parts and
what was missed, each with a link to the section that explains it. Buttons: Try again
(a new attempt), Next diagram (in a review), Back.

The view only shows; the session asks the service to score and to find the sections.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from longform_desktop.ui.diagram_painter import natural_size

from .compare_details import CompareDetails, ScoreHeader
from .compare_marks import Marks, marks_from_score
from .drawing_picture import DrawingPicture
from .look import on_theme_change
from .paper_sketch import Checklist, PhotoView
from .reference_view import ReferenceView

if TYPE_CHECKING:
    from longform_desktop.core.diagram import Diagram
    from longform_desktop.core.drawing import Drawing
    from longform_desktop.storage.drawings import Attempt


def duration_words(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def _pane(caption: QLabel, body: QWidget) -> QWidget:
    pane = QFrame()
    pane.setObjectName("comparePane")
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    caption.setObjectName("eyebrow")
    layout.addWidget(caption)
    layout.addWidget(body, 1)
    return pane


class CompareView(QWidget):
    try_again = Signal()
    leave_requested = Signal()
    next_requested = Signal()
    section_requested = Signal(str)  # a missed node id or "from->to"
    paper_scored = Signal(list, list)  # ticked node ids, ticked (from, to) pairs

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.attempt: Attempt | None = None
        self.diagram: Diagram | None = None
        self.drawing: Drawing | None = None
        self.parts: dict[str, Any] | None = None
        self.marks = Marks()
        self._sized = False
        self._preview = False
        self._sections: dict[str, tuple[str, str]] | None = None  # None: not asked yet
        self.header = ScoreHeader()
        self.try_button = QPushButton("Try again")
        self.try_button.setToolTip("A new attempt at this diagram, from an empty canvas")
        self.next_button = QPushButton("Next diagram →")
        self.next_button.setObjectName("primary")
        self.next_button.hide()
        self.back_button = QPushButton("Back to the article")
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.header, 1)
        for button in (self.try_button, self.next_button, self.back_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.reference = ReferenceView()
        self.reference_caption = QLabel("REFERENCE")
        self.canvas = DrawingPicture()
        self.photo = PhotoView()
        self.attempt_stack = QStackedWidget()
        self.attempt_stack.addWidget(self.canvas)
        self.attempt_stack.addWidget(self.photo)
        self.attempt_caption = QLabel("YOUR DRAWING")
        self.checklist = Checklist()
        self.details = CompareDetails()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(4, 0, 8, 0)
        side_layout.addWidget(self.checklist)
        side_layout.addWidget(self.details, 1)
        self.side = QScrollArea()
        self.side.setWidgetResizable(True)
        self.side.setFrameShape(QFrame.Shape.NoFrame)
        self.side.setWidget(side)
        self.side.setMinimumWidth(200)
        self.side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The two pictures side by side, or one above the other for a wide diagram:
        # whichever shows the reference larger (``_orient``).
        self.pictures = QSplitter(Qt.Orientation.Horizontal)
        self.pictures.setChildrenCollapsible(False)
        self.pictures.addWidget(_pane(self.reference_caption, self.reference))
        self.pictures.addWidget(_pane(self.attempt_caption, self.attempt_stack))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.pictures)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.try_button.clicked.connect(self.try_again)
        self.next_button.clicked.connect(self.next_requested)
        self.back_button.clicked.connect(self.leave_requested)
        self.details.link_activated.connect(self.section_requested)
        self.reference.node_clicked.connect(self._node_clicked)
        self.checklist.changed.connect(self._preview_paper)
        self.checklist.score_requested.connect(self.paper_scored)
        on_theme_change(self._theme_changed)

    # --- showing an attempt ---------------------------------------------------------
    def _show_common(self, attempt: Attempt, diagram: Diagram, title: str) -> None:
        self.attempt, self.diagram = attempt, diagram
        self.reference.set_diagram(diagram)
        self._orient()
        self.reference_caption.setText(f"REFERENCE · {title.upper()}")
        self.header.set_next_review(None, datetime.now().astimezone())

    def show_canvas(
        self, attempt: Attempt, diagram: Diagram, drawing: Drawing, parts: dict[str, Any]
    ) -> None:
        """A scored canvas attempt: both pictures marked, the score and its parts."""
        self._show_common(attempt, diagram, diagram.title)
        self.drawing = drawing
        self.attempt_stack.setCurrentWidget(self.canvas)
        self.canvas.set_drawing(drawing)
        self.checklist.hide()
        when = "" if not attempt.duration_s else f" · {duration_words(attempt.duration_s)}"
        self.attempt_caption.setText(f"YOUR DRAWING{when}")
        self._show_parts(parts)

    def show_paper(self, attempt: Attempt, diagram: Diagram) -> None:
        """A paper sketch: the photo and its checklist (locked once scored)."""
        self._show_common(attempt, diagram, diagram.title)
        self.drawing = None
        self.attempt_stack.setCurrentWidget(self.photo)
        self.photo.set_photo(attempt.photo)
        self.attempt_caption.setText("YOUR PAPER SKETCH")
        self.checklist.set_diagram(
            diagram, attempt.checklist if attempt.score is not None else None
        )
        self.checklist.show()
        if attempt.score is not None and attempt.score_parts is not None:
            self._show_parts(attempt.score_parts)
        else:
            self._preview_paper()

    def _show_parts(self, parts: dict[str, Any], preview: bool = False) -> None:
        assert self.diagram is not None
        self.parts, self._preview, self._sections = parts, preview, {}
        self.marks = marks_from_score(parts)
        self.header.show_parts(parts, preview)
        self.reference.set_marks(self.marks.nodes, self.marks.edges)
        if self.drawing is not None:
            ids = {i.id for i in self.drawing.items}
            self.canvas.set_marks({k: v for k, v in self.marks.attempt.items() if k in ids})
        self.details.show_result(parts, self.diagram, self.drawing, looking=not preview)

    def _preview_paper(self) -> None:
        if self.attempt is not None and self.attempt.score is None and self.checklist.diagram:
            self._show_parts(self.checklist.preview(), preview=True)

    def set_sections(self, sections: dict[str, tuple[str, str]]) -> None:
        self._sections = dict(sections)
        self.details.set_sections(sections)
        self.reference.tips = {
            key: f"Missed. Reread “{heading}” (click)"
            for key, (_hid, heading) in sections.items()
            if "->" not in key
        }

    def set_next_review(self, due: datetime | None, now: datetime) -> None:
        self.header.set_next_review(due, now)

    def set_review_mode(self, on: bool, next_text: str = "Next diagram →") -> None:
        self.next_button.setVisible(on)
        self.next_button.setText(next_text)
        self.back_button.setText("End review" if on else "Back to the article")

    # --- geometry ----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            side = max(270, min(340, self.width() // 4))
            self.splitter.setSizes([max(400, self.width() - side - 40), side])
        self._orient()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._orient()

    def _orient(self) -> None:
        if self.diagram is None:
            return
        w, h = natural_size(self.diagram)
        area_w, area_h = self.pictures.width(), self.pictures.height()
        beside = min(area_w / 2 / w, area_h / h)
        above = min(area_w / w, area_h / 2 / h)
        wanted = Qt.Orientation.Vertical if above > beside else Qt.Orientation.Horizontal
        if wanted != self.pictures.orientation():
            self.pictures.setOrientation(wanted)
            size = area_h if wanted == Qt.Orientation.Vertical else area_w
            self.pictures.setSizes([size // 2, size // 2])

    def _theme_changed(self) -> None:
        """Light/dark switched: the words carry their colours, so write them again."""
        if self.parts is not None and self.diagram is not None:
            sections = self._sections
            self._show_parts(self.parts, self._preview)
            if sections:
                self.set_sections(sections)

    def _node_clicked(self, node_id: str) -> None:
        if self.marks.nodes.get(node_id) == "missed":
            self.section_requested.emit(node_id)
