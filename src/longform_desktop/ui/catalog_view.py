"""The catalog screen: sections in seed order, a card per deep dive, filters."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtGui import QCursor, QEnterEvent, QKeyEvent, QMouseEvent, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from longform_desktop.core.catalog import Article, Catalog, Section
from longform_desktop.storage.progress import Progress

from . import card_paint
from .theme import current_theme

ALL = "All"


class ArticleCard(QWidget):
    """One deep dive: topic, difficulty, read time, title, summary and reading state.

    Painted, not built of labels: a card of six labels and two layouts cost ~2 ms each
    to build and polish at start-up, a painted one a tenth of that, and the catalog is
    the first thing on screen (issue 13's start-up target). The look follows
    ``resources/stylesheets/content.qss``'s names and the theme's colours, read at paint
    time, so a theme switch is a repaint. What needs Qt's namespace (the hand cursor,
    keyboard focus) is set by ``complete()`` after the first paint (ui/qt_constants.py).
    """

    clicked = Signal(str)

    def __init__(self, article: Article, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.article = article
        self.setObjectName("card")
        self.topic_text = article.topic.upper()
        self.difficulty_text = article.difficulty  # "" for a user's note with none
        self.time_text = (
            f"{article.read_minutes} min read" if article.is_written else "not yet written"
        )
        self.state_text = ""  # "unread", "in progress · 40%", "✓ finished"
        self.notes_text = ""  # "✎ 3 notes", set by the notes room
        self.percent: int | None = None  # the progress bar, while in progress
        # Layouts ask the same few widths many times while settling (~30 asks per card
        # at start-up); each answer wraps two texts, so keep them until the card changes.
        self._layouts: dict[int, card_paint.CardLayout] = {}
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        # What a screen reader says on focus: the card is one control.
        facts = ", ".join(p for p in (article.topic, article.difficulty, self.time_text) if p)
        self.setAccessibleName(f"{article.title}: {facts}")
        self.setAccessibleDescription(article.summary)
        if article.is_written:
            self.setToolTip(f"Open “{article.title}”")
        else:
            self.setEnabled(False)
            self.setToolTip("This deep dive is not written yet.")

    def complete(self) -> None:
        """After the first paint: a written card takes keyboard focus and shows the
        pointing hand."""
        if self.article.is_written:
            Qt = QtCore.Qt
            self.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    @property
    def title_text(self) -> str:
        return self.article.title

    @property
    def summary_text(self) -> str:
        return self.article.summary

    def set_progress(self, progress: Progress | None) -> None:
        had_bar = self.percent is not None
        if not self.article.is_written:
            self.state_text = ""
        elif progress is None or progress.state == "unread":
            self.state_text, self.percent = "unread", None
        elif progress.finished:
            self.state_text, self.percent = "✓ finished", None
        else:
            self.percent = round(progress.percent * 100)
            self.state_text = f"in progress · {self.percent}%"
        self._changed(geometry=had_bar != (self.percent is not None))

    def set_note_count(self, count: int) -> None:
        """How many notes and highlights the user has on this deep dive (hidden if none)."""
        self.notes_text = f"✎ {count} note{'s' * (count != 1)}" if count else ""
        self._changed(geometry=False)

    def _changed(self, geometry: bool) -> None:
        """Repaint; with ``geometry`` (the progress bar came or went), lay out again too.
        The layouts are kept otherwise: each costs two text layouts, and the start-up
        sets every card's state once it is built."""
        notes = self.notes_text.removeprefix("✎ ")
        parts = (self.state_text, notes, self.article.summary)
        self.setAccessibleDescription(". ".join(p for p in parts if p))
        if geometry:
            self._layouts.clear()
            self.updateGeometry()
        self.update()

    # --- geometry ----------------------------------------------------------------------

    def _fonts(self) -> card_paint.Fonts:
        return card_paint.Fonts.of(self.font())

    def hasHeightForWidth(self) -> bool:
        return True

    def card_layout(self, width: int) -> card_paint.CardLayout:
        boxes = self._layouts.get(width)
        if boxes is None:
            if len(self._layouts) > 16:
                self._layouts.clear()
            boxes = self._layouts[width] = card_paint.layout(self, self._fonts(), width)
        return boxes

    def heightForWidth(self, width: int) -> int:
        return self.card_layout(width).height

    def sizeHint(self) -> QSize:
        return QSize(640, self.heightForWidth(640))

    def minimumSizeHint(self) -> QSize:
        # No minimum height: the layout gives a card its heightForWidth. The height at
        # 240 px (its minimum width) was three times the height at a real width, and the
        # scroll area makes the page at least the sum of its cards' minimums: the
        # catalog ended in some 2,000 px of blank page.
        return QSize(240, 0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._layouts.clear()
            self.updateGeometry()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        card_paint.paint(self, self._fonts(), current_theme())

    # --- input -------------------------------------------------------------------------

    def enterEvent(self, event: QEnterEvent) -> None:
        self.update()  # the border follows the pointer (paint() asks underMouse())
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if (
            event.button() == QtCore.Qt.MouseButton.LeftButton
            and self.article.is_written
            and self.rect().contains(event.position().toPoint())
        ):
            self.clicked.emit(self.article.slug)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        Qt = QtCore.Qt
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.article.slug)
            return
        super().keyPressEvent(event)


class CatalogView(QWidget):
    article_requested = Signal(str)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.cards: list[ArticleCard] = []
        self.completed = False
        self.section_headers: dict[str, QWidget] = {}
        self.empty_labels: dict[str, QLabel] = {}
        self._section_boxes: dict[str, QWidget] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        filters.setContentsMargins(24, 10, 24, 6)
        filters.addWidget(QLabel("Topic"))
        self.topic_filter = QComboBox()
        self.topic_filter.setAccessibleName("Topic filter")
        self.topic_filter.addItems([ALL, *catalog.topics()])
        filters.addWidget(self.topic_filter)
        filters.addSpacing(12)
        filters.addWidget(QLabel("Difficulty"))
        self.difficulty_filter = QComboBox()
        self.difficulty_filter.setAccessibleName("Difficulty filter")
        self.difficulty_filter.addItems([ALL, "easy", "medium", "hard"])
        filters.addWidget(self.difficulty_filter)
        filters.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        filters.addWidget(self.count_label)
        outer.addLayout(filters)

        self.scroll_area = QScrollArea()
        # Resizable from the first show (showEvent): resized before the window is shown,
        # the page took the scroll area's default size and every card was laid out for
        # two widths the window never has (24 text layouts, ~2.5 ms of start-up).
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # Kept: the page is what the first paint is watched on (app.py). Asking the
        # scroll area for its viewport instead makes PySide resolve the C++ widget's
        # type, which builds every QWidget subclass it has (53 enums, ~8 ms).
        self.page = page = QWidget()
        page.setObjectName("catalogPage")
        self.page_layout = QVBoxLayout(page)
        self.page_layout.setContentsMargins(24, 8, 24, 24)
        self.page_layout.setSpacing(10)
        heading = QLabel("Backend · deep dives")
        heading.setObjectName("eyebrow")
        self.page_layout.addWidget(heading)
        title = QLabel("The long form.")
        title.setObjectName("pageTitle")
        self.page_layout.addWidget(title)
        promise = QLabel(
            "Full case studies and core-topic deep dives. "
            "Read one, then try to redraw it from memory."
        )
        promise.setObjectName("muted")
        promise.setWordWrap(True)
        self.page_layout.addWidget(promise)
        # What is waiting for the reader (e.g. "Due today: 3 diagrams"), set by features
        # once the window is complete. Its line is there from the first paint (a no-break
        # space), so the sections below do not move down 24 px when it arrives; a catalog
        # with nothing to review hides it (set_study_summary("")).
        self.study_summary = QLabel("\u00a0")
        self.study_summary.setObjectName("studySummary")
        self.study_summary.setAccessibleName("Study progress")
        self.page_layout.addWidget(self.study_summary)
        for section in catalog.sections:
            self._add_section(section)
        self.page_layout.addStretch(1)
        self.scroll_area.setWidget(page)
        outer.addWidget(self.scroll_area)

        self.topic_filter.currentTextChanged.connect(self.apply_filters)
        self.difficulty_filter.currentTextChanged.connect(self.apply_filters)
        self.apply_filters()

    def showEvent(self, event: QShowEvent) -> None:
        if not self.scroll_area.widgetResizable():
            self.scroll_area.setWidgetResizable(True)
        super().showEvent(event)

    def complete(self) -> None:
        """After the first paint: what the cards leave until then (``ArticleCard``)."""
        self.completed = True
        for card in self.cards:
            card.complete()

    def set_catalog(self, catalog: Catalog) -> None:
        """Show ``catalog`` instead (the user's library was rescanned): the sections and
        cards are built again in place; the filters keep their choice where it still
        exists. Progress and note counts are the caller's to set again."""
        boxes = list(self._section_boxes.values())
        at = self.page_layout.indexOf(boxes[0]) if boxes else self.page_layout.count() - 1
        for box in boxes:
            self.page_layout.removeWidget(box)
            box.deleteLater()
        self.cards.clear()
        self.section_headers.clear()
        self.empty_labels.clear()
        self._section_boxes.clear()
        self.catalog = catalog
        for offset, section in enumerate(catalog.sections):
            self._add_section(section, at + offset)
        topic = self.topic_filter.currentText()
        self.topic_filter.blockSignals(True)
        self.topic_filter.clear()
        self.topic_filter.addItems([ALL, *catalog.topics()])
        self.topic_filter.setCurrentIndex(max(0, self.topic_filter.findText(topic)))
        self.topic_filter.blockSignals(False)
        self.apply_filters()

    def _add_section(self, section: Section, index: int = -1) -> None:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 18, 0, 0)
        layout.setSpacing(10)
        header = QLabel(section.title)
        header.setObjectName("sectionTitle")
        layout.addWidget(header)
        if section.blurb:
            blurb = QLabel(section.blurb)
            blurb.setObjectName("muted")
            layout.addWidget(blurb)
        empty = QLabel(
            "No deep dives in this section yet. They will appear here when written."
            if not section.articles
            else "No deep dive here matches the filters."
        )
        empty.setObjectName("empty")
        layout.addWidget(empty)
        self.empty_labels[section.slug] = empty
        for article in section.articles:
            card = ArticleCard(article)
            if self.completed:
                card.complete()
            card.clicked.connect(self.article_requested)
            layout.addWidget(card)
            self.cards.append(card)
        self.section_headers[section.slug] = header
        self._section_boxes[section.slug] = box
        self.page_layout.insertWidget(index, box)

    def apply_filters(self) -> None:
        topic, difficulty = self.topic_filter.currentText(), self.difficulty_filter.currentText()
        shown = 0
        for section in self.catalog.sections:
            visible = 0
            for card in self.cards:
                if card.article.section != section.slug:
                    continue
                ok = (topic == ALL or card.article.topic == topic) and (
                    difficulty == ALL or card.article.difficulty == difficulty
                )
                card.setVisible(ok)
                visible += ok
            self.empty_labels[section.slug].setVisible(visible == 0)
            shown += visible
        total = len(self.cards)
        self.count_label.setText(f"{shown} of {total} deep dives")

    def set_study_summary(self, rich_text: str) -> None:
        """Show (or, with "", hide) the line of study progress under the page title."""
        self.study_summary.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.study_summary.setText(rich_text)
        self.study_summary.setVisible(bool(rich_text))

    def set_progress(self, progress: dict[str, Progress]) -> None:
        for card in self.cards:
            card.set_progress(progress.get(card.article.slug))

    def scroll_to_section(self, slug: str) -> None:
        box = self._section_boxes.get(slug)
        if box is not None:
            self.scroll_area.verticalScrollBar().setValue(box.y())

    def card(self, slug: str) -> ArticleCard | None:
        return next((c for c in self.cards if c.article.slug == slug), None)
