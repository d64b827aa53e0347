"""A redraw session: draw one reference diagram from memory, then compare.

The page takes the window's main area (the room hides the article, the sidebar and the
study panel): a bar with the diagram's title, a running timer, the save state and
Compare, over an empty canvas. Every edit is autosaved through RedrawService.save_scene
after a short pause (AUTOSAVE_MS) and again when the session is left or the window
closes, so a drawing survives a crash one second after its last change. Compare scores
the attempt (RedrawService.finish: attempt, review card and rating in one transaction)
and shows the CompareView; Try again starts a new attempt from an empty canvas.

The same page edits a free drawing (no timer, no compare), resumes an unfinished
attempt, and shows a scored one or a paper sketch in the compare view.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from longform_desktop.core.drawing import Drawing, dump_drawing, load_drawing
from longform_desktop.services.events import REVIEWS, AppEvents
from longform_desktop.storage.reviews import parse_utc

from .canvas_widget import CanvasWidget
from .compare_view import CompareView
from .look import apply_look, on_theme_change
from .session_bar import CanvasHint, SessionBar, clock_text

if TYPE_CHECKING:
    from longform_desktop.core.diagram import Diagram
    from longform_desktop.services.redraw_service import RedrawService
    from longform_desktop.storage.drawings import Attempt

AUTOSAVE_MS = 400  # after the last edit; well inside the one second the issue allows
REDRAW, FREE, COMPARE = "redraw", "free", "compare"


class RedrawSession(QWidget):
    left = Signal()  # the user is done here: back to where the session started
    section_requested = Signal(str, str)  # article slug, heading id
    next_requested = Signal()  # in a review: on to the next due diagram
    attempt_changed = Signal(object)  # the Attempt shown (or None)

    def __init__(
        self, service: RedrawService, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("redrawSession")
        self.service, self.events = service, events
        self.attempt: Attempt | None = None
        self.diagram: Diagram | None = None
        self.mode = ""
        self.sections: dict[str, tuple[str, str]] = {}
        self._saved_scene = ""
        self._base = 0.0  # seconds spent before this sitting (a resumed attempt)
        self._elapsed = QElapsedTimer()
        self._running = False
        self._build()
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_time)
        self.canvas.changed.connect(self._on_changed)
        self.compare_view.try_again.connect(self.try_again)
        self.compare_view.leave_requested.connect(self.leave)
        self.compare_view.next_requested.connect(self.next_requested)
        self.compare_view.section_requested.connect(self._open_section)
        self.compare_view.paper_scored.connect(self.score_paper)
        events.user_data_changed.connect(self._on_user_data)
        self._dark: bool | None = None
        self._restyle()
        on_theme_change(self._restyle)

    def _build(self) -> None:
        self.bar = SessionBar()
        bar = self.bar
        self.leave_button, self.title_label = bar.leave_button, bar.title_label
        self.timer_label, self.saved_label = bar.timer_label, bar.saved_label
        self.compare_button, self.done_button = bar.compare_button, bar.done_button
        self.canvas = CanvasWidget()
        self.hint = CanvasHint(self.canvas.view.viewport())
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(0)
        page_layout.addWidget(bar)
        page_layout.addWidget(self.canvas, 1)
        self.drawing_page = page
        self.compare_view = CompareView()
        self.stack = QStackedWidget()
        self.stack.addWidget(page)
        self.stack.addWidget(self.compare_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.leave_button.clicked.connect(self.leave)
        self.compare_button.clicked.connect(self.compare)
        self.done_button.clicked.connect(self.leave)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), page)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.compare)

    # --- starting ---------------------------------------------------------------------
    def start(self, article: str, diagram_id: str) -> Attempt:
        """A new attempt at a reference diagram, from an empty canvas."""
        if self.service.diagram(article, diagram_id) is None:
            raise ValueError(f"{article} has no diagram '{diagram_id}'")
        self.save_now()
        attempt = self.service.start_attempt(article, diagram_id)
        self._open_canvas(attempt)
        return attempt

    def start_free(self, article: str | None) -> Attempt:
        self.save_now()
        attempt = self.service.start_attempt(article, None)
        self._open_canvas(attempt)
        return attempt

    def open_attempt(self, attempt: Attempt) -> None:
        """A stored attempt: scored ones in the compare view, unfinished ones and free
        drawings on the canvas to go on with."""
        self.save_now()
        if attempt.kind == "paper":
            self._show_paper(attempt)
        elif attempt.score is not None and attempt.score_parts is not None:
            self._set_attempt(attempt)
            self._show_compare(attempt, load_drawing(attempt.scene), attempt.score_parts)
        else:
            self._open_canvas(attempt)

    def set_review_mode(self, on: bool, next_text: str = "Next diagram →") -> None:
        self.compare_view.set_review_mode(on, next_text)

    def _set_attempt(self, attempt: Attempt) -> None:
        self.attempt = attempt
        article, diagram = attempt.article, attempt.diagram
        self.diagram = self.service.diagram(article, diagram) if article and diagram else None
        self.sections = {}
        self.attempt_changed.emit(attempt)

    def _open_canvas(self, attempt: Attempt) -> None:
        self._set_attempt(attempt)
        self.mode = FREE if self.diagram is None else REDRAW
        self.canvas.set_drawing(load_drawing(attempt.scene))
        self.canvas.set_read_only(False)
        self.canvas.set_tool("select")
        self._saved_scene = dump_drawing(self.canvas.drawing())
        self._base = attempt.duration_s
        redraw = self.mode == REDRAW
        title = f"Redraw from memory: {self.diagram.title}" if self.diagram else "Free drawing"
        self.title_label.setText(title)
        self.compare_button.setVisible(redraw)
        self.timer_label.setVisible(redraw)
        self.done_button.setVisible(not redraw)
        self.saved_label.setText("")
        self.hint.setVisible(not self.canvas.drawing().items)
        self.stack.setCurrentWidget(self.drawing_page)
        self._start_clock()
        self.canvas.view.setFocus()

    # --- the clock ------------------------------------------------------------------------
    def duration(self) -> float:
        return self._base + (self._elapsed.elapsed() / 1000 if self._running else 0.0)

    def _start_clock(self) -> None:
        self._elapsed.start()
        self._running = True
        self._tick.start()
        self._show_time()

    def _stop_clock(self) -> None:
        if self._running:
            self._base = self.duration()
        self._running = False
        self._tick.stop()

    def _show_time(self) -> None:
        self.timer_label.setText(clock_text(self.duration()))

    # --- autosave ---------------------------------------------------------------------------
    def _on_changed(self) -> None:
        if self.mode not in (REDRAW, FREE):
            return
        self.hint.setVisible(not self.canvas.document.drawing.items)
        self.saved_label.setText("Editing…")
        self._autosave.start()

    def save_now(self) -> None:
        """Write the drawing now if it changed since the last save."""
        self._autosave.stop()
        if self.attempt is None or self.mode not in (REDRAW, FREE):
            return
        drawing = self.canvas.drawing()
        text = dump_drawing(drawing)
        if text == self._saved_scene:
            return
        self._saved_scene = text
        self.saved_label.setText("Saving…")
        attempt_id = self.attempt.id
        self.attempt = self.service.save_scene(
            self.attempt, drawing, round(self.duration(), 1), lambda a: self._saved(attempt_id)
        )

    def _saved(self, attempt_id: str) -> None:
        if self.attempt is not None and self.attempt.id == attempt_id and self.mode != COMPARE:
            self.saved_label.setText("Saved ✓")

    def current_drawing(self) -> Drawing | None:
        """What File > Export writes: the canvas, or the attempt being compared."""
        if self.mode in (REDRAW, FREE):
            return self.canvas.drawing()
        return self.compare_view.drawing

    # --- comparing ----------------------------------------------------------------------------
    def compare(self) -> bool:
        """Score the attempt and show it beside the reference."""
        if self.mode != REDRAW or self.attempt is None or self.diagram is None:
            return False
        self.canvas.scene.finish_editing()  # a label being typed counts
        drawing = self.canvas.drawing()
        if not any(s.labelled for s in drawing.shapes()) and not self._confirm_empty():
            return False
        self._autosave.stop()
        self._stop_clock()
        duration = round(self.duration(), 1)
        result = self.service.finish(self.attempt, drawing, duration)
        parts = result.to_json()
        scored = self.attempt.with_changes(
            scene=dump_drawing(drawing), duration_s=duration, score=result.score, score_parts=parts
        )
        self.attempt = scored
        self.attempt_changed.emit(scored)
        self._show_compare(scored, drawing, parts)
        return True

    def _confirm_empty(self) -> bool:
        answer = QMessageBox.question(
            self,
            "Compare",
            "No box is labelled yet. Compare anyway? It scores 0 and shows the reference.",
        )
        return answer == QMessageBox.StandardButton.Yes

    def _show_compare(self, attempt: Attempt, drawing: Drawing, parts: dict) -> None:
        assert self.diagram is not None
        self.mode = COMPARE
        self._stop_clock()
        self.compare_view.show_canvas(attempt, self.diagram, drawing, parts)
        self.stack.setCurrentWidget(self.compare_view)
        self._refresh_review()
        self._ask_sections(attempt, parts)

    def _show_paper(self, attempt: Attempt) -> None:
        self._set_attempt(attempt)
        if self.diagram is None:
            return
        self.mode = COMPARE
        self._stop_clock()
        self.compare_view.show_paper(attempt, self.diagram)
        self.stack.setCurrentWidget(self.compare_view)
        self._refresh_review()
        if attempt.score_parts is not None:
            self._ask_sections(attempt, attempt.score_parts)

    def score_paper(self, nodes: list[str], edges: list[tuple[str, str]]) -> None:
        if self.attempt is None or self.attempt.kind != "paper" or self.attempt.score is not None:
            return
        result = self.service.score_paper(self.attempt, nodes, edges)
        scored = self.attempt.with_changes(
            checklist={"nodes": sorted(set(nodes)), "edges": [list(e) for e in sorted(set(edges))]},
            score=result.score,
            score_parts=result.to_json(),
        )
        self._show_paper(scored)
        self.attempt_changed.emit(scored)

    def _ask_sections(self, attempt: Attempt, parts: dict) -> None:
        assert attempt.article is not None and attempt.diagram is not None
        nodes = [m["node"] for m in parts["boxes"]["missed"]]
        edges = [(m["from"], m["to"]) for m in parts["arrows"]["missed"]]
        if not nodes and not edges:
            return
        self.service.locate_sections(
            attempt.article,
            attempt.diagram,
            nodes,
            edges,
            partial(self._on_sections, attempt.id),
        )

    def _on_sections(self, attempt_id: str, sections: dict[str, tuple[str, str]]) -> None:
        if self.attempt is not None and self.attempt.id == attempt_id:
            self.sections = sections
            self.compare_view.set_sections(sections)

    def _open_section(self, key: str) -> None:
        found = self.sections.get(key)
        if found is not None and self.attempt is not None and self.attempt.article:
            self.section_requested.emit(self.attempt.article, found[0])

    def _refresh_review(self) -> None:
        if self.attempt is None or not self.attempt.article or not self.attempt.diagram:
            return
        card = self.service.card(self.attempt.article, self.attempt.diagram)
        due = parse_utc(card.due) if card is not None else None
        self.compare_view.set_next_review(due, self.service.clock())

    def _on_user_data(self, kind: str, key: str, _initiator: object) -> None:
        attempt = self.attempt
        shown = f"{attempt.article}/{attempt.diagram}" if attempt is not None else None
        if kind == REVIEWS and self.mode == COMPARE and key == shown:
            self._refresh_review()

    # --- leaving ----------------------------------------------------------------------------
    def try_again(self) -> None:
        if self.attempt is not None and self.attempt.article and self.attempt.diagram:
            self.start(self.attempt.article, self.attempt.diagram)

    def suspend(self) -> None:
        """The page is being left: save, stop the clock, drop an untouched attempt."""
        self.save_now()
        self._stop_clock()
        attempt = self.attempt if self.mode in (REDRAW, FREE) else None
        if attempt is not None and self.service.discard_if_empty(attempt, self.canvas.drawing()):
            self.attempt = None
            self.mode = ""
            self.attempt_changed.emit(None)

    def leave(self) -> None:
        self.suspend()
        self.left.emit()

    # --- events -------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.mode in (REDRAW, FREE) and not self._running:
            self._start_clock()

    def hideEvent(self, event: QHideEvent) -> None:
        self.save_now()
        self._stop_clock()
        super().hideEvent(event)

    def _restyle(self) -> None:
        from longform_desktop.ui.theme import current_theme

        dark = current_theme().dark
        if dark != self._dark:
            self._dark = dark
            apply_look(self)
