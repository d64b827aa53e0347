"""The real window reading a user's folder: images load only from inside it (the rest
get a placeholder and are logged once), nothing is fetched from the network, and links
open only what they should: http(s)/mailto in the system's apps, ``article:`` and
relative ``.md`` links in the reader, and nothing else."""

from __future__ import annotations

import logging
import os
import select
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

from longform_desktop.ui.reader import article_view as article_view_module


@pytest.fixture
def server() -> socket.socket:
    """A listening socket on localhost: an image pointing at it must never connect."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    yield sock
    sock.close()


def _png(path: Path, width: int, height: int) -> None:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    assert image.save(str(path), "PNG")


@pytest.fixture
def folder(tmp_path: Path, server: socket.socket, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "mine"
    (root / "notes" / "sub").mkdir(parents=True)
    (root / "img").mkdir()
    _png(root / "notes" / "pic.png", 40, 30)
    _png(root / "img" / "shared.png", 24, 12)
    (tmp_path / "secret.png").write_text("secret")
    (root / "notes" / "out.png").symlink_to(tmp_path / "secret.png")
    (root / "notes" / "zero.png").symlink_to("/dev/zero")
    port = server.getsockname()[1]
    (root / "notes" / "a.md").write_text(
        "# Images and links\n\n"
        "![inside](pic.png) ![shared](../img/shared.png)\n\n"
        "![passwd](../../../../etc/passwd) ![abs](/etc/passwd) "
        "![file](file:///etc/hostname) ![zero](zero.png) ![devzero](/dev/zero) "
        f"![remote](http://127.0.0.1:{port}/x.png) ![out](out.png) "
        '<img src="/etc/hostname" alt="raw">\n\n'
        "[web](https://example.com/page) [mail](mailto:ana@example.com) "
        "[local file](file:///etc/passwd) [js](javascript:alert(1)) "
        "[other](other.md) [deep](sub/deep.md#second-part) [by slug](article:notes-other) "
        "[outside](../../secret.md)\n",
        encoding="utf-8",
    )
    (root / "notes" / "other.md").write_text(
        "# Other\n\nThe other file, [back](a.md).\n", encoding="utf-8"
    )
    (root / "notes" / "sub" / "deep.md").write_text(
        "# Deep\n\nIntro.\n\n" + "Filler paragraph.\n\n" * 80 + "## Second part\n\nThe end.\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("LONGFORM_USER_CONTENT_DIR", str(root))
    return root


@pytest.fixture
def window(folder: Path, shown_window):
    """The real window (tests/ui/conftest.py), built once the folder is in place."""
    return shown_window


def _slug(window, path: Path) -> str:
    return next(a.slug for a in window.catalog.articles if a.path == path)


def _open(window, path: Path) -> None:
    assert window.open_article(_slug(window, path))
    browser = window.article_view.browser
    browser.ensure_laid_out()
    browser.viewport().grab()  # paint: every image is asked for


def _image(window, name: str) -> object:
    doc = window.article_view.browser.document()
    return doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))


def test_images_inside_the_folder_load_and_the_rest_get_a_placeholder(
    window, folder: Path, caplog
) -> None:
    caplog.set_level(logging.INFO, logger="longform_desktop.ui.reader.local_images")
    _open(window, folder / "notes" / "a.md")
    pic, shared = _image(window, "pic.png"), _image(window, "../img/shared.png")
    assert isinstance(pic, QImage) and (pic.width(), pic.height()) == (40, 30)
    assert isinstance(shared, QImage) and shared.width() == 24
    assert not pic.text("refused")
    refused = window.article_view.browser.images.refused
    expected = {
        "../../../../etc/passwd": "outside",
        "/etc/passwd": "absolute",
        "file:///etc/hostname": "scheme",
        "/etc/hostname": "absolute",  # a raw <img> in the Markdown too
        "zero.png": "outside",  # a link to /dev/zero
        "/dev/zero": "absolute",
        "out.png": "outside",  # a link out of the folder
    }
    for name, kind in expected.items():
        assert refused[name].kind == kind, name
        image = _image(window, name)
        assert isinstance(image, QImage) and image.text("refused") == kind
        assert image.width() < 700 and image.height() < 60  # a small note, not a page
    assert any(r.kind == "remote" for r in refused.values())
    # Logged once each, however often the page is built again.
    window.article_view.restyle()
    window.article_view.browser.viewport().grab()
    logged = [r.getMessage() for r in caplog.records if "image not shown" in r.getMessage()]
    assert len(logged) == len(refused) == 8


def test_a_remote_image_is_never_fetched(window, folder: Path, server: socket.socket) -> None:
    _open(window, folder / "notes" / "a.md")
    QApplication.processEvents()
    readable, _, _ = select.select([server], [], [], 0.3)
    assert readable == []  # nobody connected to the image's server
    port = server.getsockname()[1]
    remote = _image(window, f"http://127.0.0.1:{port}/x.png")
    assert isinstance(remote, QImage) and remote.text("refused") == "remote"


def test_a_bundled_deep_dive_may_not_load_files_outside_the_content(window) -> None:
    view = window.article_view
    article = window.catalog.article("idempotency-and-exactly-once")
    assert view.resource_root(article) == article.path.parent.parent
    view.browser.images.set_page(article.path, view.resource_root(article))
    for name in ("../../../../etc/passwd", "/etc/passwd", "file:///etc/hostname"):
        image = view.browser.loadResource(QTextDocument.ResourceType.ImageResource.value, name)
        assert image.text("refused")
    # Any other kind of resource (a <link rel="stylesheet">) is never read.
    stylesheet = QTextDocument.ResourceType.StyleSheetResource.value
    assert view.browser.loadResource(stylesheet, QUrl("/etc/passwd")) == ""


# --- links -----------------------------------------------------------------------------
def _link_point(browser, href: str) -> QPoint:
    """Scroll the link ``href`` into view; the viewport point at its middle."""
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(browser.document())
                cursor.setPosition(fragment.position() + 1)
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                rect = browser.cursorRect(cursor)
                return QPoint(rect.left() - 3, rect.center().y())
            it += 1
        block = block.next()
    raise AssertionError(f"no link {href}")


def _click(qtbot, window, href: str) -> None:
    browser = window.article_view.browser
    point = _link_point(browser, href)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr(
        article_view_module.QDesktopServices, "openUrl", lambda url: calls.append(url.toString())
    )
    return calls


@pytest.mark.parametrize("href", ["https://example.com/page", "mailto:ana@example.com"])
def test_web_and_mail_links_open_outside_on_click(window, folder, qtbot, opened, href) -> None:
    _open(window, folder / "notes" / "a.md")
    _click(qtbot, window, href)
    assert opened == [href]
    assert window.article_view.article.path == folder / "notes" / "a.md"


@pytest.mark.parametrize("href", ["file:///etc/passwd", "javascript:alert(1)", "../../secret.md"])
def test_other_links_only_say_so_in_the_status_bar(window, folder, qtbot, opened, href) -> None:
    _open(window, folder / "notes" / "a.md")
    with qtbot.waitSignal(window.article_view.notice) as note:
        _click(qtbot, window, href)
    assert opened == []
    assert window.article_view.article.path == folder / "notes" / "a.md"
    assert "not opened" in note.args[0]
    assert "not opened" in window.statusBar().currentMessage()


def test_relative_and_article_links_open_the_user_files(window, folder, qtbot, opened) -> None:
    view = window.article_view
    _open(window, folder / "notes" / "a.md")
    _click(qtbot, window, "other.md")
    assert view.article.path == folder / "notes" / "other.md"
    _click(qtbot, window, "a.md")  # and back, from the other file
    assert view.article.path == folder / "notes" / "a.md"
    _click(qtbot, window, "article:notes-other")
    assert view.article.path == folder / "notes" / "other.md"
    _open(window, folder / "notes" / "a.md")
    _click(qtbot, window, "sub/deep.md#second-part")
    assert view.article.path == folder / "notes" / "sub" / "deep.md"
    assert view.current_heading() == "second-part"  # opened at the heading
    assert opened == []


def test_a_link_to_a_markdown_file_outside_the_library_is_not_opened(
    window, folder, tmp_path: Path, qtbot
) -> None:
    view = window.article_view
    _open(window, folder / "notes" / "a.md")
    (folder / "notes" / "stray.txt").write_text("x")
    url = QUrl("stray.txt")
    with qtbot.waitSignal(view.notice) as note:
        view._on_anchor(url)
    assert "not a deep dive" in note.args[0]
    assert os.path.exists(folder / "notes" / "stray.txt")


def test_printing_loads_images_by_the_same_rules(window, folder: Path) -> None:
    from longform_desktop.ui.reader import print_export

    _open(window, folder / "notes" / "a.md")
    doc = print_export.print_document(window.article_view, print_export.new_printer())
    doc.documentLayout().documentSize()  # lay out: every image is asked for
    kind = QTextDocument.ResourceType.ImageResource
    pic = doc.resource(kind, QUrl("pic.png"))
    assert isinstance(pic, QImage) and pic.width() == 40 and not pic.text("refused")
    for name in ("../../../../etc/passwd", "/etc/passwd", "file:///etc/hostname", "/dev/zero"):
        image = doc.resource(kind, QUrl(name))
        assert isinstance(image, QImage) and image.text("refused"), name
