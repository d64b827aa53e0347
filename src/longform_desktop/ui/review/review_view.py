"""The Review view: walks through the redraws due today, one redraw session each.

First a list of what is due (diagram, deep dive, last score); Start opens the first as a
redraw from memory; after Compare, "Next diagram" opens the next; the last one ends on a
summary of the scores with when each comes back. Leaving at any point keeps what was
done (every compare is already a review). The sessions are ordinary RedrawSessions.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from longform_desktop.storage.reviews import parse_utc
from longform_desktop.ui.redraw.compare_details import due_words
from longform_desktop.ui.redraw.look import apply_look, on_theme_change
from longform_desktop.ui.redraw.score_chart import score_colour
from longform_desktop.ui.redraw.session import RedrawSession

if TYPE_CHECKING:
    from longform_desktop.services.events import AppEvents
    from longform_desktop.services.redraw_service import DiagramStatus, RedrawService


CARD_WIDTH = 600


class ReviewView(QWidget):
    left = Signal()
    section_requested = Signal(str, str)  # article slug, heading id

    def __init__(
        self, service: RedrawService, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewView")
        self.service = service
        self.queue: list[DiagramStatus] = []
        self.index = 0
        self.results: list[tuple[DiagramStatus, int | None]] = []
        self.session = RedrawSession(service, events)
        self.session.next_requested.connect(self.next)
        self.session.left.connect(self._session_left)
        self.session.section_requested.connect(self.section_requested)
        self.intro = QWidget()
        self.done = QWidget()
        self.stack = QStackedWidget()
        for page in (self.intro, self.session, self.done):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.start_button = QPushButton("Start")
        self.start_button.setObjectName("primary")
        self.start_button.clicked.connect(lambda: self.begin(0))
        self._dark: bool | None = None
        self._restyle()
        on_theme_change(self._restyle)

    # --- the walk -----------------------------------------------------------------------
    def start(self, due: list[DiagramStatus]) -> None:
        """Show what is due (or that nothing is) with a Start button."""
        self.queue, self.index, self.results = list(due), 0, []
        self._fill_intro()
        self.stack.setCurrentWidget(self.intro)

    def begin(self, index: int) -> None:
        """Redraw the ``index``-th due diagram from memory."""
        self.index = index
        status = self.queue[index]
        last = index == len(self.queue) - 1
        self.session.set_review_mode(True, "Finish review" if last else "Next diagram →")
        self.session.start(status.article, status.diagram.id)
        self.session.title_label.setText(
            f"Review {index + 1} of {len(self.queue)} · Redraw from memory: {status.diagram.title}"
        )
        self.stack.setCurrentWidget(self.session)

    def next(self) -> None:
        """The current diagram is done (compared): on to the next, or the summary."""
        attempt = self.session.attempt
        self.results.append((self.queue[self.index], attempt.score if attempt else None))
        if self.index + 1 < len(self.queue):
            self.begin(self.index + 1)
        else:
            self.session.suspend()
            self._fill_done()
            self.stack.setCurrentWidget(self.done)

    def current(self) -> DiagramStatus | None:
        in_session = self.stack.currentWidget() is self.session
        return self.queue[self.index] if in_session and self.queue else None

    def _session_left(self) -> None:
        self.left.emit()

    # --- pages ----------------------------------------------------------------------------
    def _page(
        self, widget: QWidget, title: str, lines: Sequence[QWidget], buttons: Sequence[QWidget]
    ) -> None:
        self.start_button.setParent(None)  # kept across fillings; everything else goes
        for child in widget.findChildren(
            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            child.hide()
            child.deleteLater()
        old = widget.layout()
        if old is not None:
            QWidget().setLayout(old)  # a widget takes one layout: hand the old one away
        outer = QVBoxLayout(widget)
        outer.setContentsMargins(40, 36, 40, 36)
        card = QFrame()
        card.setObjectName("reviewCard")
        card.setFixedWidth(CARD_WIDTH)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(10)
        heading = QLabel(title)
        heading.setObjectName("sectionTitle")
        inner.addWidget(heading)
        for line in lines:
            if isinstance(line, QLabel) and line.wordWrap():
                # In a centred card Qt sizes a label by its one-line hint; give it the
                # height its wrapped lines need at the card's width.
                line.setMinimumHeight(line.heightForWidth(CARD_WIDTH - 56))
            inner.addWidget(line)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        inner.addSpacing(8)
        inner.addLayout(row)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)

    def _label(self, text: str, name: str = "") -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        if name:
            label.setObjectName(name)
        return label

    def _fill_intro(self) -> None:
        back = QPushButton("Back")
        back.clicked.connect(self.left)
        n = len(self.queue)
        if not n:
            text = "Nothing is due today. Each redraw you score comes back on the day it is due."
            lines = [self._label(text, "muted")]
            self._page(self.intro, "Nothing to review", lines, [back])
            return
        lines = [
            self._label(
                f"{n} diagram{'s are' if n > 1 else ' is'} due. For each, the article is hidden "
                "and you redraw it from memory, then compare.",
                "muted",
            )
        ]
        for status in self.queue:
            article = self.service.catalog.article(status.article)
            where = article.title if article else status.article
            last = "" if status.last_score is None else f" · last score {status.last_score}"
            lines.append(self._label(f"<b>{html.escape(status.diagram.title)}</b>"))
            lines.append(self._label(html.escape(where + last), "muted"))
        self._page(self.intro, "Review due redraws", lines, [back, self.start_button])

    def _fill_done(self) -> None:
        back = QPushButton("Done")
        back.setObjectName("primary")
        back.clicked.connect(self.left)
        now = self.service.clock()
        lines = []
        for status, points in self.results:
            card = self.service.card(status.article, status.diagram.id)
            due = due_words(parse_utc(card.due), now) if card is not None else ""
            colour = score_colour(points or 0).name()
            shown = "not scored" if points is None else str(points)
            lines.append(
                self._label(
                    f"<b>{html.escape(status.diagram.title)}</b> — "
                    f'<span style="color:{colour}; font-weight:700;">{shown}</span>'
                )
            )
            lines.append(self._label(html.escape(due), "muted"))
        n = len(self.results)
        self._page(self.done, f"Review done: {n} diagram{'s' if n != 1 else ''}", lines, [back])

    # --- theme ------------------------------------------------------------------------------
    def _restyle(self) -> None:
        from longform_desktop.ui.theme import current_theme

        dark = current_theme().dark
        if dark != self._dark:
            self._dark = dark
            apply_look(self)
