"""The main window: catalog, reader and search, wired together in one place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ..core.catalog import Catalog
from ..services.search_service import SearchService
from ..storage.progress import ProgressRepository
from ..storage.settings import READER_ZOOM, SettingsRepository
from .article_view import ArticleView
from .catalog_view import CatalogView
from .search_panel import SearchPanel
from .theme import content_stylesheet, current_theme

if TYPE_CHECKING:
    from ..core.search import IndexStats, SearchResults

APP_TITLE = "Longform Desktop"
ZOOM_STEP = 0.1
SAVE_DELAY_MS = 600


@dataclass
class Place:
    """One entry of the back/forward history."""

    page: str  # "catalog" | "article"
    slug: str = ""
    position: float = 0.0


class SearchBox(QLineEdit):
    """The search field: Up/Down move through results, Enter opens, Esc leaves search."""

    def __init__(self, window: MainWindow):
        super().__init__()
        self.window_ = window
        self.setPlaceholderText("Search deep dives   (Ctrl+K)")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(320)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.window_.search_panel.move_selection(1 if key == Qt.Key.Key_Down else -1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.window_.open_selected_result()
            return
        if key == Qt.Key.Key_Escape:
            self.window_.leave_search()
            return
        super().keyPressEvent(event)


class MainWindow(QMainWindow):
    def __init__(
        self,
        catalog: Catalog,
        search_service: SearchService,
        progress: ProgressRepository,
        settings: SettingsRepository,
    ):
        super().__init__()
        self.catalog = catalog
        self.search_service = search_service
        self.progress = progress
        self.settings = settings
        self.back_stack: list[Place] = []
        self.forward_stack: list[Place] = []
        self.place = Place("catalog")
        self.setWindowTitle(APP_TITLE)
        self.resize(1280, 840)

        # --- widgets -----------------------------------------------------------------
        self.catalog_view = CatalogView(catalog)
        self.article_view = ArticleView()
        self.article_view.zoom = settings.get(READER_ZOOM)
        self.search_panel = SearchPanel()
        self.pages = QStackedWidget()
        for page in (self.catalog_view, self.article_view, self.search_panel):
            self.pages.addWidget(page)

        self.section_list = QListWidget()
        self.section_list.setObjectName("sectionList")
        for section in catalog.sections:
            item = QListWidgetItem(f"{section.title}   {len(section.articles)}")
            item.setData(Qt.ItemDataRole.UserRole, section.slug)
            self.section_list.addItem(item)
        self.toc_tree = QTreeWidget()
        self.toc_tree.setHeaderHidden(True)
        self.toc_tree.setObjectName("toc")
        self.sidebar = QStackedWidget()
        self.sidebar.addWidget(self.section_list)
        self.sidebar.addWidget(self.toc_tree)
        self.sidebar.setMinimumWidth(200)

        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 1030])
        self.setCentralWidget(splitter)
        # The stylesheet covers the content area only, set once it is built: menus,
        # toolbar and status bar keep the native style, and Qt polishes each widget
        # once instead of once per added child (about 60 ms of start-up).
        self._dark = current_theme().dark
        splitter.setStyleSheet(content_stylesheet(current_theme()))

        self.search_box = SearchBox(self)
        self._build_toolbar()
        self._build_menus()
        self.index_label = QLabel("")
        self.index_progress = QProgressBar()
        self.index_progress.setMaximumWidth(160)
        self.index_progress.hide()
        self.statusBar().addPermanentWidget(self.index_label)
        self.statusBar().addPermanentWidget(self.index_progress)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_position)

        # --- wiring: every signal connection of the window, in one place ----------
        self.catalog_view.article_requested.connect(lambda slug: self.open_article(slug))
        self.section_list.currentItemChanged.connect(self._on_section_selected)
        self.toc_tree.itemClicked.connect(self._on_toc_clicked)
        self.toc_tree.itemActivated.connect(self._on_toc_clicked)
        self.article_view.link_activated.connect(lambda s, a: self.open_article(s, anchor=a))
        self.article_view.position_changed.connect(lambda *_: self._save_timer.start())
        self.article_view.current_heading_changed.connect(self._follow_heading)
        self.search_box.textChanged.connect(self._on_search_text)
        self.search_panel.open_requested.connect(
            lambda slug, heading, terms: self.open_article(slug, anchor=heading, terms=terms)
        )
        self.search_panel.suggestion_accepted.connect(self.search_box.setText)
        search_service.results_ready.connect(self._on_results)
        search_service.indexing_started.connect(self._on_indexing_started)
        search_service.indexing_progress.connect(self._on_indexing_progress)
        search_service.index_ready.connect(self._on_index_ready)
        search_service.index_failed.connect(self._on_index_failed)
        search_service.related_ready.connect(self._on_related)

        self.refresh_progress()
        self.show_catalog(record=False)

    # --- chrome --------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar("Navigation")
        bar.setMovable(False)
        self.addToolBar(bar)
        self.back_action = QAction("← Back", self)
        self.back_action.setShortcut(QKeySequence("Alt+Left"))
        self.back_action.setToolTip("Back (Alt+Left)")
        self.back_action.triggered.connect(self.go_back)
        self.forward_action = QAction("Forward →", self)
        self.forward_action.setShortcut(QKeySequence("Alt+Right"))
        self.forward_action.setToolTip("Forward (Alt+Right)")
        self.forward_action.triggered.connect(self.go_forward)
        self.catalog_action = QAction("Catalog", self)
        self.catalog_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.catalog_action.triggered.connect(lambda: self.show_catalog())
        for action in (self.back_action, self.forward_action, self.catalog_action):
            bar.addAction(action)
        spacer = QWidget()
        spacer.setFixedWidth(24)
        bar.addWidget(spacer)
        bar.addWidget(self.search_box)
        for keys in ("Ctrl+K", "Ctrl+L"):
            QShortcut(QKeySequence(keys), self, self.focus_search)
        self._update_history_actions()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = file_menu.addAction("Quit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        go = self.menuBar().addMenu("&Go")
        go.addActions([self.back_action, self.forward_action, self.catalog_action])
        search_action = go.addAction("Search…")
        search_action.triggered.connect(self.focus_search)
        view = self.menuBar().addMenu("&View")
        self.find_action = view.addAction("Find in Page…")
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.article_view.find_bar.open_bar)
        find_next = view.addAction("Find Next")
        find_next.setShortcut(QKeySequence("F3"))
        find_next.triggered.connect(lambda: self.article_view.find_bar.find_next())
        find_prev = view.addAction("Find Previous")
        find_prev.setShortcut(QKeySequence("Shift+F3"))
        find_prev.triggered.connect(self.article_view.find_bar.find_previous)
        view.addSeparator()
        zoom_in = view.addAction("Zoom In")
        zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        zoom_in.triggered.connect(lambda: self.set_zoom(self.article_view.zoom + ZOOM_STEP))
        zoom_out = view.addAction("Zoom Out")
        zoom_out.setShortcut(QKeySequence("Ctrl+-"))
        zoom_out.triggered.connect(lambda: self.set_zoom(self.article_view.zoom - ZOOM_STEP))
        zoom_reset = view.addAction("Actual Size")
        zoom_reset.setShortcut(QKeySequence("Ctrl+0"))
        zoom_reset.triggered.connect(lambda: self.set_zoom(1.0))

    # --- navigation ------------------------------------------------------------------
    def _push_current(self, stack: list[Place]) -> None:
        """Save where the reader is and push the current place onto ``stack``."""
        self.save_position()
        if self.place.page == "article":
            self.place.position = self.article_view.position()
        stack.append(self.place)

    def _record(self) -> None:
        self._push_current(self.back_stack)
        self.forward_stack.clear()

    def show_catalog(self, record: bool = True) -> None:
        if record and self.place.page != "catalog":
            self._record()
        self.place = Place("catalog")
        self.refresh_progress()
        self.pages.setCurrentWidget(self.catalog_view)
        self.sidebar.setCurrentWidget(self.section_list)
        self.setWindowTitle(APP_TITLE)
        self._update_history_actions()

    def open_article(
        self,
        slug: str,
        anchor: str = "",
        terms: tuple[str, ...] = (),
        record: bool = True,
        position: float | None = None,
    ) -> bool:
        article = self.catalog.article(slug)
        if article is None or not article.is_written:
            self.statusBar().showMessage(f"“{slug}” is not available yet.", 4000)
            return False
        if self.place.page == "article" and self.place.slug == slug and not terms:
            if anchor:
                self.article_view.scroll_to_heading(anchor)
            return True
        if record:
            self._record()
        if position is None and not anchor:
            saved = self.progress.get(slug)
            position = saved.position if saved.percent > 0 else None
        self.place = Place("article", slug)
        # Show the page first: a hidden browser has a stale size, and the text column
        # and diagram widths are computed from the size it has when the HTML is set.
        self.pages.setCurrentWidget(self.article_view)
        self.sidebar.setCurrentWidget(self.toc_tree)
        self.article_view.show_article(article, anchor=anchor, position=position, terms=terms)
        self._fill_toc()
        self._follow_heading(self.article_view.current_heading())
        self.setWindowTitle(f"{article.title} — {APP_TITLE}")
        self.search_service.request_related(article)
        self._update_history_actions()
        self.article_view.browser.setFocus()
        return True

    def go_back(self) -> None:
        self._go(self.back_stack, self.forward_stack)

    def go_forward(self) -> None:
        self._go(self.forward_stack, self.back_stack)

    def _go(self, source: list[Place], target: list[Place]) -> None:
        if not source:
            return
        self._push_current(target)
        place = source.pop()
        if place.page == "article":
            self.open_article(place.slug, record=False, position=place.position)
        else:
            self.show_catalog(record=False)
        self._update_history_actions()

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(bool(self.back_stack))
        self.forward_action.setEnabled(bool(self.forward_stack))

    # --- sidebar ---------------------------------------------------------------------
    def _on_section_selected(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            if self.place.page != "catalog":
                self.show_catalog()
            self.catalog_view.scroll_to_section(item.data(Qt.ItemDataRole.UserRole))

    def _fill_toc(self) -> None:
        self.toc_tree.clear()
        parents: list[QTreeWidgetItem] = []
        for entry in self.article_view.toc():
            item = QTreeWidgetItem([entry.title])
            item.setData(0, Qt.ItemDataRole.UserRole, entry.id)
            item.setToolTip(0, entry.title)
            if entry.level <= 2 or not parents:
                self.toc_tree.addTopLevelItem(item)
                parents = [item]
            else:
                parents[-1].addChild(item)
        self.toc_tree.expandAll()

    def _on_related(self, slug: str, related: list[tuple[str, str]]) -> None:
        if self.article_view.append_related(slug, related):
            self._fill_toc()
            self._follow_heading(self.article_view.current_heading())

    def _on_toc_clicked(self, item: QTreeWidgetItem) -> None:
        self.article_view.scroll_to_heading(item.data(0, Qt.ItemDataRole.UserRole))

    def _follow_heading(self, heading_id: str) -> None:
        """Keep the table of contents in step with what is on screen."""
        iterator = [self.toc_tree.topLevelItem(i) for i in range(self.toc_tree.topLevelItemCount())]
        while iterator:
            item = iterator.pop(0)
            if item.data(0, Qt.ItemDataRole.UserRole) == heading_id:
                self.toc_tree.blockSignals(True)
                self.toc_tree.setCurrentItem(item)
                self.toc_tree.blockSignals(False)
                self.toc_tree.scrollToItem(item)
                return
            iterator.extend(item.child(i) for i in range(item.childCount()))
        self.toc_tree.blockSignals(True)
        self.toc_tree.setCurrentIndex(QModelIndex())  # above the first heading: none
        self.toc_tree.blockSignals(False)

    # --- search ----------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()
        if self.search_box.text().strip():
            self.pages.setCurrentWidget(self.search_panel)

    def _on_search_text(self, text: str) -> None:
        if not text.strip():
            self.leave_search()
            return
        if self.pages.currentWidget() is not self.search_panel:
            self.save_position()
            self.pages.setCurrentWidget(self.search_panel)
        if not self.search_service.ready:
            self.search_panel.show_busy("Building the search index… results will appear shortly.")
        self.search_service.request(text)

    def _on_results(self, results: SearchResults) -> None:
        if results.query == self.search_box.text():
            self.search_panel.show_results(results)

    def open_selected_result(self) -> None:
        if self.pages.currentWidget() is self.search_panel:
            self.search_panel.open_current()

    def leave_search(self) -> None:
        if self.pages.currentWidget() is self.search_panel:
            if self.place.page == "article":
                self.pages.setCurrentWidget(self.article_view)
            else:
                self.pages.setCurrentWidget(self.catalog_view)

    # --- index status ----------------------------------------------------------------
    def _on_indexing_started(self) -> None:
        self.index_label.setText("Checking search index…")

    def _on_indexing_progress(self, done: int, total: int) -> None:
        self.index_label.setText("Indexing deep dives…")
        self.index_progress.setRange(0, total)
        self.index_progress.setValue(done)
        self.index_progress.show()

    def _on_index_ready(self, stats: IndexStats) -> None:
        self.index_progress.hide()
        self.index_label.setText(f"Search ready · {stats.documents} sections indexed")
        if stats.rebuilt:
            self.statusBar().showMessage(
                f"Search index rebuilt ({stats.reason}) in {stats.seconds:.1f} s.", 5000
            )
        if self.place.page == "article":
            article = self.catalog.article(self.place.slug)
            if article is not None:
                self.search_service.request_related(article)

    def _on_index_failed(self, message: str) -> None:
        self.index_progress.hide()
        self.index_label.setText("Search unavailable")
        self.statusBar().showMessage(f"Search index could not be built: {message}", 10000)

    # --- reading progress and zoom -----------------------------------------------------
    def save_position(self) -> None:
        self._save_timer.stop()
        if self.place.page == "article" and self.article_view.article is not None:
            self.progress.save_position(
                self.article_view.article.slug, self.article_view.position()
            )

    def refresh_progress(self) -> None:
        self.catalog_view.set_progress(self.progress.all())

    def set_zoom(self, zoom: float) -> None:
        self.article_view.set_zoom(zoom)
        self.settings.set(READER_ZOOM, self.article_view.zoom)
        self.statusBar().showMessage(f"Zoom {round(self.article_view.zoom * 100)}%", 2000)

    def changeEvent(self, event: QEvent) -> None:
        """Follow the desktop switching between light and dark while we run."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            theme = current_theme()
            if theme.dark != getattr(self, "_dark", theme.dark):
                self._dark = theme.dark
                self.centralWidget().setStyleSheet(content_stylesheet(theme))
                self.article_view.restyle()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_position()
        super().closeEvent(event)
