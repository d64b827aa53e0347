"""The redraw room: the Redraws tab, the redraw session and Review pages, the commands,
the reader's "Redraw from memory" menu entry and the catalog's "due today" line, wired
for the main window, which builds it with one line.

A session or a review takes the window's main area (a page of ``window.pages``; what
is hidden meanwhile and given back: takeover.py). The heavy parts (canvas, scene,
scorer) are imported when first used, not at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from longform_desktop.services.events import DRAWINGS, REVIEWS
from longform_desktop.ui.reader.context_menu import diagram_at

from .page_diagrams import diagram_in_view
from .takeover import Takeover

if TYPE_CHECKING:
    from longform_desktop.storage.drawings import Attempt
    from longform_desktop.ui.main_window import MainWindow
    from longform_desktop.ui.review.review_view import ReviewView

    from .drawing_files import DrawingFiles
    from .redraws_panel import RedrawsPanel
    from .session import RedrawSession

REDRAW_KEY, REVIEW_KEY, PANEL_KEY = "Ctrl+D", "Ctrl+Shift+R", "Ctrl+Shift+D"
SUMMARY_DELAY_MS = 300  # after the first paint: the summary imports the scheduler
PANEL_WIDTH = 340
REFRESH_MS = 150  # announcements come in bursts (attempt + review card)
SUMMARY_EVERY_MS = 5 * 60 * 1000  # cards fall due while the app stays open


class RedrawRoom(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.service = window.services.redraws
        self.events = window.services.events
        self.tab = QWidget()
        self.tab.setObjectName("redrawsPanel")
        self.tab.setAccessibleName("Redraws")
        QVBoxLayout(self.tab).setContentsMargins(0, 0, 0, 0)
        window.study_panel.addTab(self.tab, "Redraws")
        self.panel: RedrawsPanel | None = None
        self.session: RedrawSession | None = None
        self.review: ReviewView | None = None
        self._files: DrawingFiles | None = None
        self.takeover = Takeover(window, self._mine)
        self._panel_open = False
        self._menu_owner: QObject | None = None
        self._build_actions()
        self._refresh = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh.timeout.connect(self._refresh_now)
        self._summary = QTimer(self, singleShot=True, interval=SUMMARY_DELAY_MS)
        self._summary.timeout.connect(self.refresh_summary)
        self._summary_clock = QTimer(self, interval=SUMMARY_EVERY_MS)
        self._summary_clock.timeout.connect(self.refresh_summary)
        self._connect()
        self._summary.start()
        self._summary_clock.start()

    # --- commands ------------------------------------------------------------------------
    def _build_actions(self) -> None:
        c = self.window.commands
        self.redraw_action = c.add(
            "redraw_diagram", "&Redraw a Diagram From Memory", [REDRAW_KEY], "&Redraw",
            "Hide the article and draw the diagram on screen from memory",
        )  # fmt: skip
        self.paper_action = c.add("paper_sketch", "Attach a &Paper Sketch…", [], "&Redraw")
        self.free_action = c.add("free_drawing", "New &Free Drawing", [], "&Redraw")
        self.review_action = c.add(
            "review_redraws", "Re&view Due Redraws", [REVIEW_KEY], "&Redraw",
            "Redraw the diagrams due today, one after another", separator=True,
        )  # fmt: skip
        self.panel_action = c.add("redraws_panel", "&Redraws Panel", [PANEL_KEY], "&View")
        self.panel_action.setCheckable(True)
        self.export_action = c.add("export_drawing", "Export &Drawing…", [], "&File")
        self.import_action = c.add("import_drawing", "Import D&rawing…", [], "&File")
        file_menu = c.menu("&File")
        for action in (self.export_action, self.import_action):
            file_menu.removeAction(action)
            file_menu.insertAction(c.quit, action)
        file_menu.insertSeparator(c.quit)
        bar = self.window.menuBar()
        bar.insertMenu(c.menu("&Help").menuAction(), c.menu("&Redraw"))

    def _connect(self) -> None:
        w = self.window
        self.redraw_action.triggered.connect(self.redraw_in_view)
        self.paper_action.triggered.connect(lambda: self.attach_paper(*self._in_view()))
        self.free_action.triggered.connect(lambda: self.new_free_drawing(self._article()))
        self.review_action.triggered.connect(self.start_review)
        self.panel_action.triggered.connect(self.set_panel_open)
        self.export_action.triggered.connect(self.export_current)
        self.import_action.triggered.connect(lambda: self.import_drawing(self._article()))
        w.navigator.article_opened.connect(self._on_article_opened)
        w.navigator.catalog_shown.connect(self._on_catalog_shown)
        self.takeover.given_back.connect(self._given_back)
        w.study_panel.currentChanged.connect(lambda _i: self._refresh.start())
        w.article_view.context_menu.add_provider(self.context_actions)
        w.catalog_view.study_summary.linkActivated.connect(lambda _href: self.start_review())
        opener = getattr(w.search_panel, "drawing_open_requested", None)
        if opener is not None:  # a drawing found by the search box opens here
            opener.connect(self.open_attempt)
        self.events.user_data_changed.connect(self._on_user_data)
        w.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and self.session:
            self.session.save_now()  # the writer commits it before the app quits
        if watched is self.window and event.type() == QEvent.Type.Close and self.review:
            self.review.session.save_now()
        if watched is self.window and event.type() == QEvent.Type.Close and self.service.indexer:
            self.service.indexer.flush()  # not left waiting behind a closed window
        return False

    # --- building what is used later -------------------------------------------------------
    def files(self) -> DrawingFiles:
        if self._files is None:
            from .drawing_files import DrawingFiles

            self._files = DrawingFiles(self.window, self.service)
        return self._files

    def ensure_panel(self) -> RedrawsPanel:
        if self.panel is None:
            from .redraws_panel import RedrawsPanel

            panel = RedrawsPanel(self.service)
            panel.redraw_requested.connect(self.redraw)
            panel.paper_requested.connect(self.attach_paper)
            panel.open_requested.connect(self.open_attempt)
            panel.export_requested.connect(self.export_attempt)
            panel.delete_requested.connect(self.delete_attempt)
            panel.free_drawing_requested.connect(self.new_free_drawing)
            panel.import_requested.connect(self.import_drawing)
            layout = self.tab.layout()
            assert layout is not None
            layout.addWidget(panel)
            self.panel = panel
        return self.panel

    def ensure_session(self) -> RedrawSession:
        if self.session is None:
            from .session import RedrawSession

            self.session = RedrawSession(self.service, self.events)
            self.session.left.connect(self.leave)
            self.session.section_requested.connect(self.open_section)
            self.window.pages.addWidget(self.session)
        return self.session

    def ensure_review(self) -> ReviewView:
        if self.review is None:
            from longform_desktop.ui.review.review_view import ReviewView

            self.review = ReviewView(self.service, self.events)
            self.review.left.connect(self.leave)
            self.review.section_requested.connect(self.open_section)
            self.window.pages.addWidget(self.review)
        return self.review

    # --- what the user asks for ---------------------------------------------------------------
    def redraw(self, article: str, diagram: str) -> RedrawSession:
        session = self.ensure_session()
        session.set_review_mode(False)
        session.start(article, diagram)
        self._enter(session)
        return session

    def redraw_in_view(self) -> RedrawSession | None:
        article, diagram = self._in_view()
        if article is None or diagram is None:
            self.events.status("Open a deep dive with a diagram to redraw it from memory.")
            return None
        return self.redraw(article, diagram)

    def attach_paper(self, article: str | None, diagram: str | None) -> RedrawSession | None:
        if article is None or diagram is None:
            self.events.status("Open a deep dive with a diagram to attach a paper sketch.")
            return None
        picked = self.files().pick_photo()
        if picked is None:
            return None
        attempt = self.service.attach_photo(article, diagram, *picked)
        return self._show(attempt.id, attempt)

    def new_free_drawing(self, article: str | None) -> RedrawSession | None:
        if article is None:
            self.events.status("Open a deep dive first: a free drawing is kept with it.")
            return None
        session = self.ensure_session()
        session.start_free(article)
        self._enter(session)
        return session

    def open_attempt(self, attempt_id: str) -> RedrawSession | None:
        return self._show(attempt_id)

    def _show(self, attempt_id: str, attempt: Attempt | None = None) -> RedrawSession | None:
        attempt = attempt or self.service.attempt(attempt_id)
        if attempt is None:
            self.events.status("That drawing no longer exists.")
            return None
        session = self.ensure_session()
        session.set_review_mode(False)
        session.open_attempt(attempt)
        self._enter(session)
        return session

    def start_review(self) -> ReviewView:
        review = self.ensure_review()
        review.start(self.service.due_today())
        self._enter(review)
        return review

    def open_section(self, article: str, heading_id: str) -> None:
        """The article at the section to reread. The same article is shown first and
        re-wrapped for the width it gets back (the sidebar returns), so the scroll to
        the heading lands on the final layout."""
        view = self.window.article_view
        if view.article is not None and view.article.slug == article:
            self.window.pages.setCurrentWidget(view)
            view.browser.refresh_layout()
        self.window.open_article(article, anchor=heading_id)

    def delete_attempt(self, attempt_id: str) -> None:
        attempt = self.service.attempt(attempt_id)
        if attempt is None:
            return
        answer = QMessageBox.question(
            self.window, "Delete Drawing", "Delete this drawing? This cannot be undone."
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.service.delete(attempt)

    # --- files ---------------------------------------------------------------------------------
    def export_attempt(self, attempt_id: str, kind: str) -> None:
        self.files().export_attempt(attempt_id, kind)

    def export_current(self) -> None:
        session = self._current_session()
        drawing = session.current_drawing() if session is not None else None
        if drawing is None:
            self.events.status("Open a drawing to export it (Redraws panel, or redraw one).")
            return
        self.files().export(drawing, drawing.diagram or "drawing")

    def import_drawing(self, article: str | None) -> None:
        attempt = self.files().import_drawing(article)
        if attempt is None:
            return
        what = f"an attempt at “{attempt.diagram}”" if attempt.diagram else "a free drawing"
        self.events.status(f"Imported as {what}.")
        if attempt.article is not None and attempt.article == self._article():
            self.set_panel_open(True)

    # --- pages ---------------------------------------------------------------------------------
    def _mine(self) -> tuple[QWidget, ...]:
        return tuple(p for p in (self.session, self.review) if p is not None)

    def _current_session(self) -> RedrawSession | None:
        current = self.window.pages.currentWidget()
        if self.session is not None and current is self.session:
            return self.session
        if self.review is not None and current is self.review:
            return self.review.session
        return None

    def _enter(self, page: QWidget) -> None:
        self.takeover.enter(page)

    def leave(self) -> None:
        self.takeover.leave()

    def _given_back(self) -> None:
        for page in (self.session, self.review.session if self.review else None):
            if page is not None:
                page.suspend()
        self._refresh.start()

    # --- the panel -------------------------------------------------------------------------------
    def set_panel_open(self, shown: bool) -> None:
        self._panel_open = bool(shown)
        self.panel_action.setChecked(self._panel_open)
        study = self.window.study_panel
        if shown:
            study.setCurrentWidget(self.tab)
            study.show()
            QTimer.singleShot(0, self._widen_study_panel)  # once the shown panel has a size
            self.ensure_panel().show_article(self._article())
            if self._article() is None:
                self.events.status("The Redraws panel shows beside an open deep dive.")
        elif study.currentWidget() is self.tab:
            study.hide()

    def _widen_study_panel(self, wanted: int = PANEL_WIDTH) -> None:
        """Room for three thumbnails a row: the panel takes width from the page."""
        splitter = self.window.splitter
        sizes = splitter.sizes()
        index = splitter.indexOf(self.window.study_panel)
        page = splitter.indexOf(self.window.pages)
        if index < 0 or page < 0 or sizes[index] >= wanted:
            return
        grow = min(wanted - sizes[index], max(0, sizes[page] - 600))
        sizes[index] += grow
        sizes[page] -= grow
        splitter.setSizes(sizes)

    def _on_article_opened(self, article: object) -> None:
        if self._panel_open:
            self.set_panel_open(True)
        self._refresh.start()

    def _on_catalog_shown(self) -> None:
        if self.window.study_panel.currentWidget() is self.tab:
            self.window.study_panel.hide()
        self._summary.start()

    def _on_user_data(self, kind: str, key: str, _initiator: object) -> None:
        if kind in (DRAWINGS, REVIEWS):
            self._refresh.start()
            self._summary.start()

    def _refresh_now(self) -> None:
        study = self.window.study_panel
        if study.isVisible() and study.currentWidget() is self.tab:
            self.ensure_panel().show_article(self._article())

    def refresh_summary(self) -> None:
        summary = self.service.summary()
        if not summary.total:
            self.window.catalog_view.set_study_summary("")
            return
        n = summary.due_today
        due = f"Due today: <b>{n} diagram{'s' if n != 1 else ''}</b>"
        link = ' · <a href="review">Review now</a>' if n else ""
        mastered = f"{summary.mastered} of {summary.total} mastered"
        self.window.catalog_view.set_study_summary(f"{due} · {mastered}{link}")

    # --- the reader ------------------------------------------------------------------------------
    def _article(self) -> str | None:
        article = self.window.article_view.article
        return article.slug if article is not None else None

    def _in_view(self) -> tuple[str | None, str | None]:
        """The open article and the diagram on screen (or the first one)."""
        article = self.window.article_view.article
        if article is None or self.window.pages.currentWidget() is not self.window.article_view:
            return None, None
        return article.slug, diagram_in_view(self.window.article_view.browser, article)

    def context_actions(self, pos: QPoint) -> list[QAction]:
        article = self.window.article_view.article
        diagram_id = diagram_at(self.window.article_view.browser, pos)
        if article is None or diagram_id is None:
            return []
        # Made per right-click; the previous menu's entries go with their owner.
        if self._menu_owner is not None:
            self._menu_owner.deleteLater()
        owner = self._menu_owner = QObject(self)
        redraw = QAction("Redraw This Diagram From Memory", owner)
        redraw.triggered.connect(lambda: self.redraw(article.slug, diagram_id))
        paper = QAction("Attach a Paper Sketch of It…", owner)
        paper.triggered.connect(lambda: self.attach_paper(article.slug, diagram_id))
        return [redraw, paper]
