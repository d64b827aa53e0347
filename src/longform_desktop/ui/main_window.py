"""The main window: builds the pages and panels, and wires their signals in one block.

Everything else lives in a room of its own: commands in actions.py, page switching
and history in navigation.py, the reader in reader/, the status bar in status.py. A study
feature (notes, redraws...) keeps its panels, actions and their wiring in its own package
(``ui/notes/room.py``...), built here with one line; panels beside the article are tabs
of ``study_panel``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QStackedWidget, QTabWidget

from longform_desktop.core.catalog import Article, Catalog
from longform_desktop.services.events import PROGRESS
from longform_desktop.storage.settings import READER_ZOOM, THEME

from .actions import Actions
from .catalog_view import CatalogView
from .search_box import SearchBox
from .section_list import SectionList
from .status import StatusArea
from .theme import apply_theme_choice, content_stylesheet, current_theme
from .window_state import WindowState

if TYPE_CHECKING:
    from longform_desktop.services.app_services import AppServices

    from .library_room import LibraryRoom
    from .navigation import Navigator
    from .notes.room import NotesRoom
    from .reader.article_view import ArticleView
    from .redraw.room import RedrawRoom
    from .search_outline import SearchOutline
    from .search_panel import SearchPanel
    from .search_room import SearchRoom
    from .toc_panel import TocPanel
    from .window_room import WindowRoom

APP_TITLE = "Longform Desktop"
ZOOM_STEP = 0.1


class MainWindow(QMainWindow):
    """Built in two steps. ``__init__`` builds what the first paint shows: the catalog,
    its outline, the toolbar and menus, the status bar, at the size the window was left.
    ``complete()`` builds the rest (the reader, search results, the study rooms) and
    wires it. Tests and ``build_window`` get both at once; the app paints the catalog
    first and completes just after its first paint (docs/architecture.md).
    """

    def __init__(self, catalog: Catalog, services: AppServices, *, deferred: bool = False) -> None:
        super().__init__()
        self.catalog, self.services = catalog, services
        self.search_service = services.search
        self.settings = services.preferences
        apply_theme_choice(self.settings.get(THEME))  # System/Light/Dark, before any styling
        self.setWindowTitle(APP_TITLE)
        self.resize(1280, 840)

        # --- what the first paint shows ------------------------------------------------
        self.catalog_view = CatalogView(catalog)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.catalog_view)
        self.section_list = SectionList(catalog)
        self.sidebar = QStackedWidget()
        self.sidebar.setAccessibleName("Side panel")
        self.sidebar.addWidget(self.section_list)
        self.sidebar.setMinimumWidth(200)
        # The study panel beside the article: one tab per feature (Notes, Redraws...),
        # added by the feature's room; hidden until a feature shows it.
        self.study_panel = QTabWidget()
        self.study_panel.setObjectName("studyPanel")
        self.study_panel.setAccessibleName("Study panel")
        self.study_panel.setDocumentMode(True)
        self.study_panel.hide()
        self.splitter = QSplitter()
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.pages)
        self.splitter.addWidget(self.study_panel)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([250, 1030, 340])
        self.setCentralWidget(self.splitter)
        # The stylesheet covers the content area only, set once it is built: menus,
        # toolbar and status bar keep the native style, and Qt polishes each widget
        # once instead of once per added child (about 60 ms of start-up).
        self._dark = current_theme().dark
        self.splitter.setStyleSheet(content_stylesheet(current_theme()))

        self.search_box = SearchBox()
        self.commands = Actions(self)
        self.commands.build_toolbar(self.search_box)
        self.status = StatusArea(self.statusBar())
        self.state = WindowState(self)
        self.state.restore_layout()  # geometry and panel widths before the first paint
        self.refresh_progress()
        self.completed = False
        if not deferred:
            self.complete()

    def complete(self) -> None:
        """Build and wire everything the first paint does not show (once)."""
        if self.completed:
            return
        self.completed = True
        from .library_room import LibraryRoom
        from .navigation import Navigator
        from .notes.room import NotesRoom
        from .reader.article_view import ArticleView
        from .redraw.room import RedrawRoom
        from .search_outline import SearchOutline
        from .search_panel import SearchPanel
        from .search_room import SearchRoom
        from .toc_panel import TocPanel
        from .window_room import WindowRoom

        services = self.services
        services.complete()  # the study services the rooms below use
        self.commands.complete()  # the commands the rooms below connect
        self.search_box.complete()
        self.catalog_view.complete()
        self.article_view: ArticleView = ArticleView()
        self.article_view.zoom = self.settings.get(READER_ZOOM)
        self.article_view.use_library(self.catalog, services.library)  # links, images
        self.search_panel: SearchPanel = SearchPanel()
        for page in (self.article_view, self.search_panel):
            self.pages.addWidget(page)
        self.toc_panel: TocPanel = TocPanel()
        self.search_outline: SearchOutline = SearchOutline()
        for panel in (self.toc_panel, self.search_outline):
            self.sidebar.addWidget(panel)
        self.navigator: Navigator = Navigator(
            self.catalog,
            self.pages,
            self.catalog_view,
            self.article_view,
            self.search_panel,
            services.reading,
            services.events,
            self,
        )
        self._connect()
        self.notes: NotesRoom = NotesRoom(self)  # highlights and notes: ui/notes/room.py
        self.redraws: RedrawRoom = RedrawRoom(self)  # redraw from memory: ui/redraw/room.py
        self.window_room: WindowRoom = WindowRoom(self)  # print, preferences, theme, state
        self.library: LibraryRoom = LibraryRoom(self)  # the user's own Markdown
        self.search: SearchRoom = SearchRoom(self)  # the box, results and the index state
        self.show_catalog(record=False)

    def _connect(self) -> None:
        """Every signal connection of the window, in one place."""
        a, nav, view = self.commands, self.navigator, self.article_view
        events = self.services.events
        # commands
        a.quit.triggered.connect(self.close)
        a.back.triggered.connect(nav.back)
        a.forward.triggered.connect(nav.forward)
        a.catalog.triggered.connect(lambda: self.show_catalog())
        a.find.triggered.connect(view.find_bar.open_bar)
        a.find_next.triggered.connect(lambda: view.find_bar.find_next())
        a.find_previous.triggered.connect(view.find_bar.find_previous)
        a.zoom_in.triggered.connect(lambda: self.set_zoom(view.zoom + ZOOM_STEP))
        a.zoom_out.triggered.connect(lambda: self.set_zoom(view.zoom - ZOOM_STEP))
        a.zoom_reset.triggered.connect(lambda: self.set_zoom(1.0))
        # pages and panels
        nav.history_changed.connect(self._enable_history)
        nav.article_opened.connect(self._on_article_opened)
        nav.catalog_shown.connect(self._on_catalog_shown)
        self.pages.currentChanged.connect(self._follow_page)
        self.catalog_view.article_requested.connect(lambda slug: self.open_article(slug))
        self.section_list.section_requested.connect(self._on_section_requested)
        self.toc_panel.heading_requested.connect(view.scroll_to_heading)
        view.link_activated.connect(lambda slug, anchor: self.open_article(slug, anchor=anchor))
        view.current_heading_changed.connect(self.toc_panel.follow)
        view.notice.connect(self.status.message)
        # announcements and failures
        events.user_data_changed.connect(self._on_user_data_changed)
        events.status_message.connect(self.status.message)
        events.error_reported.connect(self.status.error)
        self.services.runner.failed.connect(lambda m: self.status.error("Background task", m))
        self.services.writer.failed.connect(lambda m: self.status.error("Not saved", m))

    # --- navigation (tests and other windows call these) ------------------------------
    def show_catalog(self, record: bool = True) -> None:
        self.navigator.show_catalog(record)

    def open_article(self, slug: str, anchor: str = "", terms: tuple[str, ...] = ()) -> bool:
        return self.navigator.open_article(slug, anchor=anchor, terms=terms)

    def save_position(self) -> None:
        self.navigator.save_position()

    def _enable_history(self, back: bool, forward: bool) -> None:
        self.commands.back.setEnabled(back)
        self.commands.forward.setEnabled(forward)

    def _follow_page(self, *_: object) -> None:
        """The left panel belongs to the page: sections beside the catalog, contents
        beside a deep dive, the results' outline beside the search results."""
        page = self.pages.currentWidget()
        panel = {self.article_view: self.toc_panel, self.search_panel: self.search_outline}
        self.sidebar.setCurrentWidget(
            panel.get(page, self.section_list) if page else self.section_list
        )

    def _on_article_opened(self, article: Article) -> None:
        self.toc_panel.fill(self.article_view.toc())
        self.toc_panel.follow(self.article_view.current_heading())
        self.setWindowTitle(f"{article.title} — {APP_TITLE}")
        self.search_service.request_related(article)

    def _on_catalog_shown(self) -> None:
        self.setWindowTitle(APP_TITLE)
        self.refresh_progress()

    def _on_section_requested(self, slug: str) -> None:
        if self.pages.currentWidget() is not self.catalog_view:
            self.show_catalog()
        self.catalog_view.scroll_to_section(slug)

    # --- user data, zoom, theme --------------------------------------------------------
    def _on_user_data_changed(self, kind: str, key: str, initiator: object) -> None:
        if kind == PROGRESS and self.pages.currentWidget() is self.catalog_view:
            self.refresh_progress()

    def refresh_progress(self) -> None:
        self.catalog_view.set_progress(self.services.reading.all_progress())

    def set_zoom(self, zoom: float) -> None:
        self.article_view.set_zoom(zoom)
        self.settings.set(READER_ZOOM, self.article_view.zoom)
        self.status.message(f"Zoom {round(self.article_view.zoom * 100)}%", 2000)

    def changeEvent(self, event: QEvent) -> None:
        """Follow the desktop switching between light and dark while we run."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            theme = current_theme()
            if theme.dark != getattr(self, "_dark", theme.dark):
                self._dark = theme.dark
                self.splitter.setStyleSheet(content_stylesheet(theme))
                if not self.completed:
                    return
                self.article_view.restyle()
                if self.search_panel.results is not None:  # its rows carry theme colours
                    self.search_panel.show_results(self.search_panel.results)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.completed:
            self.save_position()
        super().closeEvent(event)
