"""The painted catalog cards as a person uses them: keyboard focus and Enter, the
pointer's hand and hover border, the progress bar (ui/card_paint.py)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QEnterEvent, QImage
from PySide6.QtWidgets import QApplication, QWidget

from longform_desktop.app import build_window
from longform_desktop.storage.progress import Progress
from longform_desktop.ui.catalog_view import ArticleCard
from longform_desktop.ui.theme import current_theme


class _PaintCounter(QObject):
    def __init__(self, seen: list[QEvent.Type]) -> None:
        super().__init__()
        self.seen = seen

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.seen.append(event.type())
        return False


def _first_written(window) -> ArticleCard:
    return next(c for c in window.catalog_view.cards if c.article.is_written)


def _pixels(card: ArticleCard) -> QImage:
    return card.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)


def test_cards_focus_and_open_with_the_keyboard(shown_window, qtbot) -> None:
    card = _first_written(shown_window)
    assert card.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert card.cursor().shape() == Qt.CursorShape.PointingHandCursor
    unfocused = _pixels(card)
    card.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(card.hasFocus)
    assert _pixels(card) != unfocused  # the focus border is drawn
    with qtbot.waitSignal(card.clicked) as opened:
        qtbot.keyClick(card, Qt.Key.Key_Return)
    assert opened.args == [card.article.slug]


def test_the_hand_and_focus_wait_for_the_first_paint(qapp, qtbot) -> None:
    window = build_window(qapp, deferred=True)
    qtbot.addWidget(window)
    card = _first_written(window)
    assert card.focusPolicy() == Qt.FocusPolicy.NoFocus  # not yet: see ui/qt_constants.py
    window.complete()
    assert card.focusPolicy() == Qt.FocusPolicy.StrongFocus
    # A card built after that (the user's library rescanned) gets them at once.
    window.catalog_view.set_catalog(window.catalog)
    assert _first_written(window).focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_a_card_repaints_when_the_pointer_enters_and_leaves(shown_window, qtbot) -> None:
    card = _first_written(shown_window)
    paints: list[QEvent.Type] = []
    counter = _PaintCounter(paints)
    card.installEventFilter(counter)
    QApplication.sendEvent(card, QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5)))
    qtbot.waitUntil(lambda: len(paints) >= 1)
    QApplication.sendEvent(card, QEvent(QEvent.Type.Leave))
    qtbot.waitUntil(lambda: len(paints) >= 2)
    card.removeEventFilter(counter)


def test_progress_draws_a_bar_in_the_theme_accent(shown_window, qtbot) -> None:
    card = _first_written(shown_window)
    card.set_progress(Progress(card.article.slug, 0.5, 0.5, False))
    qtbot.waitUntil(lambda: card.height() == card.heightForWidth(card.width()))
    image = _pixels(card)
    bar = card.card_layout(card.width()).bar
    assert bar is not None
    accent = current_theme().accent.lstrip("#").lower()
    left = image.pixelColor(bar.left() + 4, bar.center().y()).name().lstrip("#")
    right = image.pixelColor(bar.right() - 4, bar.center().y()).name().lstrip("#")
    assert left == accent  # done: the accent
    assert right != accent  # the rest: the border colour
    assert card.state_text == "in progress · 50%"


def test_the_card_grows_for_the_progress_bar_and_shrinks_back(shown_window, qtbot) -> None:
    card = _first_written(shown_window)
    slug, width = card.article.slug, card.width()
    unread = card.heightForWidth(width)
    card.set_note_count(4)  # the note count is text in the top row: no new height
    assert card.heightForWidth(width) == unread
    card.set_progress(Progress(slug, 0.3, 0.3, False))
    with_bar = card.heightForWidth(width)
    assert with_bar > unread
    card.set_progress(Progress(slug, 0.6, 0.6, False))  # a new percent, the same bar
    assert card.heightForWidth(width) == with_bar
    card.set_progress(Progress(slug, 1.0, 1.0, True))
    assert card.heightForWidth(width) == unread
    qtbot.waitUntil(lambda: card.height() == unread)


def _blank_below_content(window) -> int:
    page = window.catalog_view.scroll_area.widget()
    shown = [w for w in page.findChildren(QWidget) if w.parent() is page and w.isVisible()]
    return page.height() - max(w.geometry().bottom() for w in shown)


def test_the_catalog_ends_where_its_content_ends(shown_window, qtbot) -> None:
    """Scrolled to the end, the catalog shows its last section, not a blank page: the
    cards' minimum heights (at 240 px) once made the page ~2,000 px too tall."""
    qtbot.waitUntil(lambda: _blank_below_content(shown_window) <= 40)  # the page margin
    shown_window.resize(760, 700)  # narrower: the cards are taller, the page still fits
    qtbot.waitUntil(lambda: _blank_below_content(shown_window) <= 40)
