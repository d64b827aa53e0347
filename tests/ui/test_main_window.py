"""The real window, driven as a person would: catalog, reader, TOC, search, history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from longform_desktop.app import build_window
from longform_desktop.storage.settings import READER_ZOOM
from longform_desktop.ui.main_window import APP_TITLE
from longform_desktop.ui.search_panel import ROLE_TARGET

from ..seed import SECTIONS, seed_entries

PILOT = "idempotency-and-exactly-once"


@pytest.fixture
def window(indexed_window):
    return indexed_window


def test_catalog_shows_every_section_and_seed_card(window) -> None:
    view = window.catalog_view
    assert window.windowTitle() == APP_TITLE
    sidebar = [
        window.section_list.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(window.section_list.count())
    ]
    assert sidebar == [s.slug for s in window.catalog.sections]
    assert [s.title for s in window.catalog.sections] == SECTIONS
    for entry in seed_entries():
        card = next(c for c in view.cards if c.article.title == entry.title)
        assert card.title_text == entry.title
        assert card.summary_text == entry.summary
        assert card.topic_text == entry.topic.upper()
        assert card.difficulty_text == entry.difficulty
        assert card.time_text.endswith("min read") or card.time_text == ("not yet written")
    assert view.empty_labels["foundations"].isVisibleTo(view)
    assert view.empty_labels["infrastructure-and-platform"].isVisibleTo(view)


def test_filters_hide_cards(window) -> None:
    view = window.catalog_view
    view.difficulty_filter.setCurrentText("medium")
    visible = [c.article.difficulty for c in view.cards if c.isVisibleTo(view)]
    assert visible and set(visible) == {"medium"}
    view.topic_filter.setCurrentText("Databases")
    assert not any(c.isVisibleTo(view) for c in view.cards)
    assert view.count_label.text().startswith("0 of 12")


def test_click_card_opens_article_with_toc(window, qtbot) -> None:
    card = window.catalog_view.card(PILOT)
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.article_view
    assert window.windowTitle() == f"{card.article.title} — {APP_TITLE}"
    toc = window.toc_panel
    assert toc.topLevelItemCount() >= 5
    text = window.article_view.browser.toPlainText()
    assert card.article.title in text and "Redraw it" in text
    # Clicking a TOC entry scrolls there, and the TOC follows the scroll position.
    middle = toc.topLevelItem(toc.topLevelItemCount() // 2)
    qtbot.mouseClick(
        toc.viewport(), Qt.MouseButton.LeftButton, pos=toc.visualItemRect(middle).center()
    )
    target = middle.data(0, Qt.ItemDataRole.UserRole)
    assert window.article_view.current_heading() == target
    assert window.article_view.browser.verticalScrollBar().value() > 0
    bar = window.article_view.browser.verticalScrollBar()
    bar.setValue(0)
    assert toc.currentItem() is None or toc.currentItem().data(0, Qt.ItemDataRole.UserRole) != (
        target
    )
    # Related deep dives arrive from the index, are appended to the page and the TOC,
    # exactly once.
    qtbot.waitUntil(
        lambda: "Related deep dives" in window.article_view.browser.toPlainText(), timeout=10000
    )
    assert window.article_view.browser.toPlainText().count("Related deep dives") == 1
    last = toc.topLevelItem(toc.topLevelItemCount() - 1)
    assert last.text(0) == "Related deep dives"
    bar.setValue(bar.maximum())
    assert toc.currentItem() is last


def test_unwritten_card_is_not_openable(content_copy, qtbot) -> None:
    """A deep dive with front matter only is listed, greyed out, and cannot be opened."""
    source = content_copy / "apis-in-depth" / "pagination-that-survives-real-data.md"
    front = source.read_text(encoding="utf-8").split("\n---\n", 1)[0] + "\n---\n"
    draft = front.replace("slug: pagination-that-survives-real-data", "slug: rate-limits")
    draft = draft.replace("order: 3", "order: 9")
    (content_copy / "apis-in-depth" / "rate-limits.md").write_text(draft, encoding="utf-8")
    window = build_window(QApplication.instance())
    qtbot.addWidget(window)
    card = window.catalog_view.card("rate-limits")
    assert card is not None and not card.article.is_written
    assert not card.isEnabled() and card.time_text == "not yet written"
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.catalog_view
    assert not window.open_article("rate-limits")
    assert "not available yet" in window.statusBar().currentMessage()


def test_search_typing_to_open_at_section(window, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    qtbot.keyClicks(window.search_box, "idempotency key")
    panel = window.search_panel
    qtbot.waitUntil(
        lambda: panel.results is not None and panel.results.query == "idempotency key",
        timeout=10000,
    )
    assert window.pages.currentWidget() is panel
    assert panel.results.hits[0].article == PILOT
    slug, heading_id = panel.list.currentItem().data(ROLE_TARGET)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.article_view
    assert window.article_view.article.slug == slug
    # The chosen section is at the top of the view, and the TOC shows it, at once and
    # still after the deferred re-layout.
    assert window.article_view.current_heading() == heading_id
    assert window.toc_panel.currentItem().data(0, Qt.ItemDataRole.UserRole) == heading_id
    qtbot.wait(300)
    assert window.article_view.current_heading() == heading_id
    # Highlighted terms are in the page.
    assert window.article_view.highlight_terms(window.article_view.terms) > 0
    assert heading_id


def test_stale_results_are_dropped(window, qtbot) -> None:
    service = window.search_service
    seen = []
    service.results_ready.connect(lambda r: seen.append(r.query))
    service.request("vacuum", immediate=True)
    service.request("keyset", immediate=True)
    qtbot.waitUntil(lambda: "keyset" in seen, timeout=10000)
    service.runner.wait()
    qtbot.wait(50)
    assert seen == ["keyset"]


def test_malformed_query_in_box_still_searches(window, qtbot) -> None:
    window.search_box.setText('"idempotency (key')
    qtbot.waitUntil(
        lambda: (
            window.search_panel.results is not None
            and window.search_panel.results.query == '"idempotency (key'
        ),
        timeout=10000,
    )
    assert window.search_panel.results.hits


def test_back_forward_and_position_restored(window, qtbot) -> None:
    assert window.open_article(PILOT)
    window.article_view.set_position(0.5)
    window.save_position()
    window.show_catalog()
    assert window.services.writer.flush()
    assert window.pages.currentWidget() is window.catalog_view
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.article_view.article.slug == PILOT
    assert abs(window.article_view.position() - 0.5) < 0.02
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is window.catalog_view
    card = window.catalog_view.card(PILOT)
    qtbot.waitUntil(lambda: card.state_text.startswith("in progress"))
    state, _, pct = card.state_text.partition(" · ")
    assert state == "in progress" and 48 <= int(pct.rstrip("%")) <= 53


def test_zoom_is_remembered(window, qtbot) -> None:
    window.open_article(PILOT)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.article_view.zoom == pytest.approx(1.1)
    assert window.settings.get(READER_ZOOM) == pytest.approx(1.1)
    assert window.services.writer.flush()
    second = build_window(QApplication.instance())
    qtbot.addWidget(second)
    assert second.article_view.zoom == pytest.approx(1.1)


def test_find_in_page(window, qtbot) -> None:
    window.open_article(PILOT)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.article_view.find_bar
    assert bar.isVisible()
    qtbot.keyClicks(bar.edit, "fingerprint")
    first = window.article_view.browser.textCursor().position()
    assert window.article_view.browser.textCursor().selectedText().lower() == "fingerprint"
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.article_view.browser.textCursor().position() != first
    bar.edit.setText("zzzz-not-here")
    assert bar.status.text() == "No matches"


def test_theme_follows_a_palette_change(window, qtbot) -> None:
    from PySide6.QtGui import QColor, QPalette

    from longform_desktop.ui.theme import DARK, LIGHT

    app = QApplication.instance()
    original = app.palette()
    window.open_article(PILOT)
    window.article_view.set_position(0.4)
    before = window.article_view.position()
    assert LIGHT.text in window.article_view.browser.document().defaultStyleSheet()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    try:
        app.setPalette(dark)
        qtbot.waitUntil(
            lambda: DARK.text in window.article_view.browser.document().defaultStyleSheet()
        )
        assert DARK.accent in window.centralWidget().styleSheet()
        assert abs(window.article_view.position() - before) < 0.02
    finally:
        app.setPalette(original)
    qtbot.waitUntil(
        lambda: LIGHT.text in window.article_view.browser.document().defaultStyleSheet()
    )


def test_the_search_box_gets_its_clear_button_once_complete(qapp, qtbot) -> None:
    window = build_window(qapp, deferred=True)  # as the app builds it for the first paint
    qtbot.addWidget(window)
    assert not window.search_box.isClearButtonEnabled()  # its icon waits for the paint
    window.complete()
    assert window.search_box.isClearButtonEnabled()
    qtbot.keyClicks(window.search_box, "wal")
    assert window.search_box.text() == "wal"


def test_the_menus_fill_in_once_complete(qapp, qtbot) -> None:
    window = build_window(qapp, deferred=True)  # as the app builds it for the first paint
    qtbot.addWidget(window)

    def menu(title: str) -> list[str]:
        found = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
        return [a.text() for a in found.actions() if not a.isSeparator()]

    titles = ["&File", "&Go", "&View", "&Notes", "&Redraw", "&Help"]  # all, from the start
    assert [a.text() for a in window.menuBar().actions()] == titles
    assert menu("&Go") == ["← Back", "Forward →", "&Catalog"]  # the toolbar's, first
    assert menu("&File") == []
    window.complete()
    assert menu("&Go") == ["← Back", "Forward →", "&Catalog", "&Search…"]
    assert menu("&File")[0] == "&Print…" and menu("&File")[-1] == "&Quit"
    assert window.commands.search.shortcut().toString() == "Ctrl+K"


def test_the_catalog_does_not_move_when_the_study_summary_arrives(qtbot) -> None:
    """The window paints its catalog first and completes after (app.main): the line
    "Due today: ..." is filled in then, in the place kept for it, so nothing below it
    moves under the reader's eyes."""
    window = build_window(QApplication.instance(), deferred=True)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    view = window.catalog_view
    header = view.section_headers[window.catalog.sections[0].slug]

    def header_y() -> int:
        return header.mapTo(view.page, header.rect().topLeft()).y()

    at_first_paint = header_y()
    window.complete()
    qtbot.waitUntil(lambda: "Due today" in view.study_summary.text(), timeout=10000)
    QApplication.processEvents()
    assert header_y() == at_first_paint
    window.search_service.runner.wait()


def test_the_menu_bar_and_toolbar_of_the_first_paint_are_those_of_the_whole_window(
    qtbot,
) -> None:
    """Nothing in the bars changes when the window completes after its first paint: no
    menu title appears (pushing Help along), Back and Forward are not enabled first."""
    window = build_window(QApplication.instance(), deferred=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    def bars() -> tuple[list[str], bool, bool]:
        titles = [a.text() for a in window.menuBar().actions()]
        return titles, window.commands.back.isEnabled(), window.commands.forward.isEnabled()

    at_first_paint = bars()
    window.complete()
    QApplication.processEvents()
    assert bars() == at_first_paint
    assert at_first_paint == (["&File", "&Go", "&View", "&Notes", "&Redraw", "&Help"], False, False)
    window.search_service.runner.wait()
