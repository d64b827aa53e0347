"""Which page the window shows, and the back/forward history between them.

Places are Qt-free values (core/history.py); this turns them into pages and saves the
reading position on the way out. It announces what it opened; the window wires the
table of contents, the title and the related-articles request to those signals.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from longform_desktop.core.catalog import Article, Catalog
from longform_desktop.core.history import ArticlePlace, CatalogPlace, History, Place
from longform_desktop.services.events import AppEvents
from longform_desktop.services.reading_service import ReadingService

from .catalog_view import CatalogView
from .reader.article_view import ArticleView

SAVE_DELAY_MS = 600  # scrolling saves the position at most this often


class Navigator(QObject):
    article_opened = Signal(object)  # Article
    catalog_shown = Signal()
    history_changed = Signal(bool, bool)  # can go back, can go forward

    def __init__(
        self,
        catalog: Catalog,
        pages: QStackedWidget,
        catalog_view: CatalogView,
        article_view: ArticleView,
        search_page: QWidget,
        reading: ReadingService,
        events: AppEvents,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalog, self.pages, self.reading, self.events = catalog, pages, reading, events
        self.catalog_view, self.article_view, self.search_page = (
            catalog_view,
            article_view,
            search_page,
        )
        self.history = History()
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_position)
        article_view.position_changed.connect(lambda *_: self._save_timer.start())

    @property
    def place(self) -> Place:
        return self.history.current

    def _leaving(self) -> Place:
        """The current place with the position the reader has scrolled to, saved."""
        self.save_position()
        place = self.history.current
        if isinstance(place, ArticlePlace):
            place = place.at(self.article_view.position())
        return place

    def show_catalog(self, record: bool = True) -> None:
        if record and not isinstance(self.place, CatalogPlace):
            self.history.visit(CatalogPlace(), leaving=self._leaving())
        else:
            self.history.replace(CatalogPlace())
        self.pages.setCurrentWidget(self.catalog_view)
        self.catalog_shown.emit()
        self._announce_history()

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
            self.events.status(f"“{slug}” is not available yet.")
            return False
        current = self.place
        if isinstance(current, ArticlePlace) and current.slug == slug and not terms:
            self.pages.setCurrentWidget(self.article_view)
            if anchor:
                self.article_view.scroll_to_heading(anchor)
            elif position is not None:
                self.article_view.set_position(position)
            return True
        if record:
            self.history.visit(ArticlePlace(slug), leaving=self._leaving())
        else:
            self.history.replace(ArticlePlace(slug))
        if position is None and not anchor:
            saved = self.reading.progress(slug)
            position = saved.position if saved.percent > 0 else None
        # Show the page first: a hidden browser has a stale size, and the text column
        # and diagram widths are computed from the size it has when the HTML is set.
        self.pages.setCurrentWidget(self.article_view)
        self.article_view.show_article(article, anchor=anchor, position=position, terms=terms)
        self.article_opened.emit(article)
        self._announce_history()
        self.article_view.browser.setFocus()
        return True

    def back(self) -> None:
        self._show(self.history.back(leaving=self._leaving()))

    def forward(self) -> None:
        self._show(self.history.forward(leaving=self._leaving()))

    def _show(self, place: Place | None) -> None:
        if isinstance(place, ArticlePlace):
            self.open_article(place.slug, record=False, position=place.position)
        elif place is not None:
            self.show_catalog(record=False)
        self._announce_history()

    def _announce_history(self) -> None:
        self.history_changed.emit(self.history.can_go_back, self.history.can_go_forward)

    # --- the search page sits over the current place without being one --------------
    @property
    def searching(self) -> bool:
        return self.pages.currentWidget() is self.search_page

    def show_search(self) -> None:
        if not self.searching:
            self.save_position()
            self.pages.setCurrentWidget(self.search_page)

    def leave_search(self) -> None:
        if self.searching:
            self.pages.setCurrentWidget(self._page_of(self.place))

    def _page_of(self, place: Place) -> QWidget:
        return self.article_view if isinstance(place, ArticlePlace) else self.catalog_view

    # --- reading position ---------------------------------------------------------
    def save_position(self) -> None:
        self._save_timer.stop()
        article: Article | None = self.article_view.article
        if isinstance(self.place, ArticlePlace) and article is not None:
            self.reading.save_position(article.slug, self.article_view.position())
