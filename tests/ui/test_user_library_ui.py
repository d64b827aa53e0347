"""The user's own Markdown in the real window: the empty state, the section and its
cards, opening a file with its diagram, search, and rescans (Preferences, File › Rescan
Library, the folder watcher)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QApplication

from longform_desktop import paths
from longform_desktop.app import build_window
from longform_desktop.core.user_library import LIBRARY_SECTION
from longform_desktop.storage.db import open_database
from longform_desktop.storage.settings import USER_CONTENT_FOLDER, SettingsRepository

from ..user_library_files import KAFKA_WORD, make_library


def _build(qtbot):
    window = build_window(QApplication.instance())
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    return window


def _settle(window) -> None:
    window.services.runner.wait()
    QApplication.processEvents()


@pytest.fixture
def library(tmp_path: Path) -> tuple[Path, dict[str, Path]]:
    root = tmp_path / "my-notes"
    return root, make_library(root)


@pytest.fixture
def window_with_library(library, qtbot):
    root, _ = library
    db = open_database(paths.database_path())
    SettingsRepository(db).set(USER_CONTENT_FOLDER, str(root))  # as Preferences stored it
    db.close()
    window = _build(qtbot)
    yield window
    _settle(window)


def _diagram_images(document: QTextDocument) -> list[str]:
    names = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                names.append(fmt.toImageFormat().name())
            it += 1
        block = block.next()
    return names


def test_no_folder_shows_the_default_folder_hint_and_opens_preferences(qtbot) -> None:
    window = _build(qtbot)
    room = window.library
    default = paths.data_dir() / "my-deep-dives"
    assert room.placeholder.isVisibleTo(window.catalog_view)
    assert str(default) in room.hint.text() and "Preferences" in room.hint.text()
    assert window.catalog.section(LIBRARY_SECTION) is None  # the catalog has no such section
    assert room.rescan.isEnabled()  # the default folder can be rescanned
    qtbot.mouseClick(room.choose_button, Qt.MouseButton.LeftButton)
    dialog = window.window_room.preferences_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.close()
    _settle(window)


def test_the_section_lists_user_files_and_opens_one_with_its_diagram(
    window_with_library, library, qtbot
) -> None:
    window, (_, files) = window_with_library, library
    view = window.catalog_view
    assert not window.library.placeholder.isVisibleTo(view)
    assert view.section_headers[LIBRARY_SECTION].text() == "Your deep dives"
    slugs = [window.section_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(7)]
    assert slugs[-1] == LIBRARY_SECTION and window.section_list.count() == 7
    card = view.card("kafka")
    assert card is not None and card.isVisibleTo(view)
    assert card.title_text == "Kafka partitions"
    assert card.topic_text == "YOUR NOTES" and card.difficulty_text == ""
    assert view.card("notes-empty") is not None and not view.card("notes-empty").isEnabled()
    assert "Your notes" in [view.topic_filter.itemText(i) for i in range(view.topic_filter.count())]

    qtbot.mouseClick(view.card("diagrams-outbox"), Qt.MouseButton.LeftButton)
    reader = window.article_view
    assert window.pages.currentWidget() is reader and reader.article.path == files["diagram"]
    text = reader.browser.toPlainText()
    assert text.count("Transactional outbox") == 1  # the title line is not printed twice
    assert text.count("Write the event with the order") == 1  # nor the first paragraph
    assert "DIAGRAMS · 1 min read" in text  # its folder's name; no difficulty to show
    assert "diagram:outbox-relay" in _diagram_images(reader.browser.document())
    image = reader.browser.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl("diagram:outbox-relay")
    )
    assert isinstance(image, QImage) and not image.isNull()
    assert [window.toc_panel.topLevelItem(0).text(0)] == ["The flow"]
    # The redraw service reads the same catalog: the user's diagram can be redrawn.
    redraws = window.services.redraws
    assert redraws.diagram("diagrams-outbox", "outbox-relay") is not None
    assert ("diagrams-outbox", "outbox-relay") in {
        (s.article, s.diagram.id) for s in redraws.statuses("diagrams-outbox")
    }

    assert window.open_article("diagrams-broken-diagram")
    text = reader.browser.toPlainText()
    assert "This diagram could not be drawn." in text and "The text after it still reads." in text


def test_search_finds_a_user_file_and_opens_it_at_its_heading(window_with_library, qtbot) -> None:
    window = window_with_library
    with qtbot.waitSignal(window.search_service.index_ready, timeout=60000):
        window.search_service.ensure_index()
    window.search_box.setText(KAFKA_WORD)
    panel = window.search_panel
    qtbot.waitUntil(
        lambda: panel.results is not None and panel.results.query == KAFKA_WORD, timeout=10000
    )
    hit = panel.results.hits[0]
    assert (hit.article, hit.sections[0].heading) == ("kafka", "Rebalancing")
    assert panel.open_current()
    assert window.article_view.article.slug == "kafka"
    assert window.article_view.terms and window.article_view.highlight_terms(
        window.article_view.terms
    )


def test_choosing_a_folder_in_preferences_loads_it(library, qtbot) -> None:
    root, _ = library
    window = _build(qtbot)
    assert window.section_list.count() == 6
    with qtbot.waitSignal(window.services.library.catalog_changed, timeout=20000):
        window.settings.set(USER_CONTENT_FOLDER, str(root))
    assert window.catalog.section(LIBRARY_SECTION) is not None
    assert window.section_list.count() == 7
    assert window.catalog_view.card("kafka") is not None
    assert not window.library.placeholder.isVisibleTo(window.catalog_view)
    assert window.library.rescan.isEnabled()
    assert window.open_article("kafka")  # the navigator sees the same catalog
    # Clearing the folder brings the empty state back.
    with qtbot.waitSignal(window.services.library.catalog_changed, timeout=20000):
        window.settings.set(USER_CONTENT_FOLDER, "")
    assert window.section_list.count() == 6 and window.catalog_view.card("kafka") is None
    assert window.library.placeholder.isVisibleTo(window.catalog_view)
    assert window.pages.currentWidget() is window.catalog_view  # its open file went away
    _settle(window)


def test_rescan_picks_up_new_and_edited_files(window_with_library, library, qtbot) -> None:
    window, (root, files) = window_with_library, library
    assert window.open_article("kafka")
    (root / "fresh.md").write_text("# Fresh note\n\nWritten after start-up.\n", "utf-8")
    files["kafka"].write_text("# Kafka partitions\n\nNow about compaction only.\n", "utf-8")
    with qtbot.waitSignal(window.services.library.catalog_changed, timeout=20000):
        window.library.rescan.trigger()
    assert window.catalog_view.card("fresh") is not None
    assert "Now about compaction only." in window.article_view.browser.toPlainText()
    assert window.article_view.article is window.catalog.article("kafka")
    # A rescan that finds nothing new rebuilds nothing and says so.
    cards = list(window.catalog_view.cards)
    with qtbot.waitSignal(window.services.library.scanned, timeout=20000) as blocker:
        window.library.rescan.trigger()
    assert blocker.args[1] is False and window.catalog_view.cards == cards
    assert "no change" in window.statusBar().currentMessage()


def test_the_watcher_reloads_after_a_change_on_disk(window_with_library, library, qtbot) -> None:
    window, (root, _) = window_with_library, library
    service = window.services.library
    service._start_watching()  # at once, not after the start-up delay
    assert str(root) in service.watched()
    with qtbot.waitSignal(service.catalog_changed, timeout=20000):
        (root / "watched.md").write_text("# Seen by the watcher\n\nHello.\n", "utf-8")
    assert window.catalog.article("watched").title == "Seen by the watcher"


def test_skipped_files_are_listed_in_the_window_with_their_reasons(
    window_with_library, library, qtbot
) -> None:
    window, (_, files) = window_with_library, library
    room = window.library
    assert room.skipped_row.isVisibleTo(window.catalog_view)
    assert room.skipped_label.text() == "Your deep dives: 1 file skipped, 2 other problems."
    qtbot.mouseClick(room.details_button, Qt.MouseButton.LeftButton)
    dialog = room.details_dialog
    assert dialog is not None and dialog.isVisible()
    lines = dialog.text.toPlainText().splitlines()
    assert lines[0].startswith(f"skipped: {files['latin1']}:1: not UTF-8")
    assert any(line.startswith(f"{files['broken_diagram']}:") for line in lines[1:])
    assert "1 file skipped and 2 other problems" in dialog.summary.text()
    # Fixed on disk and rescanned: the list follows, and the row goes when nothing is left.
    files["latin1"].write_text("# Café\n\nAu lait.\n", "utf-8")
    with qtbot.waitSignal(window.services.library.catalog_changed, timeout=20000):
        room.rescan.trigger()
    assert not any(files["latin1"].name in line for line in dialog.text.toPlainText().split("\n"))
    assert room.skipped_label.text() == "Your deep dives: 0 files skipped, 2 other problems."
    assert window.catalog_view.card("notes-latin1") is not None
    dialog.close()


def test_a_file_naming_a_bundled_section_shows_there(tmp_path, qtbot) -> None:
    root = tmp_path / "mine"
    root.mkdir()
    (root / "wal.md").write_text(
        "---\nsection: databases-in-depth\n---\n# My WAL notes\n\nFsync first.\n", "utf-8"
    )
    paths.set_user_content_flag(str(root))  # as `longform-desktop --user-content DIR`
    try:
        window = _build(qtbot)
    finally:
        paths.set_user_content_flag(None)
    view = window.catalog_view
    card = view.card("wal")
    assert card is not None and card.isVisibleTo(view)
    databases = window.catalog.section("databases-in-depth")
    assert databases.articles[-1].slug == "wal" and len(databases.articles) > 1
    assert window.catalog.section(LIBRARY_SECTION).articles == ()
    assert "Every file here names a section" in view.empty_labels[LIBRARY_SECTION].text()
    assert window.open_article("wal")
    _settle(window)


def test_the_preferences_dialog_says_when_the_command_line_wins(tmp_path, qtbot) -> None:
    paths.set_user_content_flag(str(tmp_path))
    try:
        window = _build(qtbot)
        dialog = window.window_room.show_preferences()
        assert dialog.user_content.edit.placeholderText() == (
            f"Default: {paths.data_dir() / 'my-deep-dives'}"
        )
        assert dialog.user_content_override.isVisibleTo(dialog)
        assert f"--user-content says: {tmp_path}" in dialog.user_content_override.text()
        dialog.close()
    finally:
        paths.set_user_content_flag(None)
    _settle(window)


def _wait_for_change(qtbot, service, change, check) -> None:
    with qtbot.waitSignal(service.catalog_changed, timeout=20000):
        change()
    qtbot.waitUntil(check, timeout=20000)


def test_the_watcher_follows_add_edit_rename_delete_in_nested_and_new_folders(
    window_with_library, library, qtbot
) -> None:
    window, (root, _) = window_with_library, library
    service = window.services.library
    service._start_watching()
    deep = root / "databases" / "postgres"
    assert str(deep) in service.watched()
    note = deep / "wal.md"
    catalog = window.catalog

    _wait_for_change(
        qtbot, service, lambda: note.write_text("# WAL\n\nFirst words.\n", "utf-8"),
        lambda: catalog.article("databases-postgres-wal") is not None,
    )  # fmt: skip
    _wait_for_change(
        qtbot, service, lambda: note.write_text("# WAL\n\nEdited words.\n", "utf-8"),
        lambda: catalog.article("databases-postgres-wal").summary == "Edited words.",
    )  # fmt: skip
    renamed = deep / "write-ahead-log.md"
    _wait_for_change(
        qtbot, service, lambda: note.rename(renamed),
        lambda: catalog.article("databases-postgres-write-ahead-log") is not None
        and catalog.article("databases-postgres-wal") is None,
    )  # fmt: skip
    _wait_for_change(
        qtbot, service, renamed.unlink,
        lambda: catalog.article("databases-postgres-write-ahead-log") is None,
    )  # fmt: skip
    # A folder made after start-up is watched once it is seen: a file added to it later
    # is picked up too.
    fresh = root / "new-topic"
    fresh.mkdir()  # an empty folder changes no card: watched, nothing announced
    qtbot.waitUntil(lambda: str(fresh) in service.watched(), timeout=20000)
    _wait_for_change(
        qtbot, service, lambda: (fresh / "idea.md").write_text("# Idea\n\nLater.\n", "utf-8"),
        lambda: catalog.article("new-topic-idea") is not None,
    )  # fmt: skip
    assert window.catalog_view.card("new-topic-idea") is not None


def test_naming_a_section_in_the_front_matter_moves_the_card_on_rescan(
    window_with_library, library, qtbot
) -> None:
    window, (_, files) = window_with_library, library
    assert window.catalog.article("kafka").section == LIBRARY_SECTION
    files["kafka"].write_text(
        "---\nsection: streaming-and-real-time\n---\n# Kafka partitions\n\nMoved.\n", "utf-8"
    )
    with qtbot.waitSignal(window.services.library.catalog_changed, timeout=20000):
        window.library.rescan.trigger()
    streaming = window.catalog.section("streaming-and-real-time")
    assert streaming.articles[-1].slug == "kafka"
    assert "kafka" not in [a.slug for a in window.catalog.section(LIBRARY_SECTION).articles]
    QApplication.processEvents()  # the rebuilt section boxes are shown by a queued call
    card = window.catalog_view.card("kafka")
    assert card is not None and card.isVisibleTo(window.catalog_view)


def test_files_that_arrive_in_the_empty_default_folder_during_start_up_are_shown(
    qtbot,
) -> None:
    """The empty default folder is not scanned before the first paint (app.py); a file
    dropped in between that check and the window's completion is still put in the
    catalog, with its card, once the window is wired."""
    default = paths.default_user_content_dir()
    default.mkdir(parents=True)
    window = build_window(QApplication.instance(), deferred=True)
    qtbot.addWidget(window)
    window.show()
    assert window.catalog.section(LIBRARY_SECTION) is None and len(window.catalog_view.cards) == 12
    (default / "kafka.md").write_text("# Kafka rebalancing\n\nPartitions move one by one.\n")
    window.complete()
    qtbot.waitUntil(lambda: window.catalog_view.card("kafka") is not None, timeout=10000)
    assert window.catalog.section(LIBRARY_SECTION) is not None
    assert window.services.library.scan.articles[0].slug == "kafka"
    _settle(window)
