"""Hardening: what the reader loads and opens, and how long a hostile page holds the GUI
thread. Images named by generated hostile paths through the real browser (nothing
outside the folder ever loads), devices and FIFOs, every kind of link, and very long
pages (20,000 headings, 5 MB of prose, a 100,000-line code block, a 2 MB title) opened
while a 5 ms heartbeat measures the longest stall (a figure, never asserted)."""

from __future__ import annotations

import itertools
import os
import random
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from longform_desktop.core.catalog import Article, Catalog, Section
from longform_desktop.core.user_files import UserArticle
from longform_desktop.ui.reader import article_view as article_view_module
from longform_desktop.ui.reader.article_view import ArticleView
from longform_desktop.ui.reader.local_images import url_text

from ..long_pages import long_pages
from .report import tally

IMAGE = QTextDocument.ResourceType.ImageResource.value


def _article(path: Path, body: str, title: str = "Hostile", slug: str = "hostile") -> Article:
    return UserArticle(
        slug=slug,
        title=title,
        section="user",
        topic="",
        difficulty="",
        summary="",
        order=1,
        path=path,
        body=body,
        body_line=1,
        word_count=max(1, len(body.split())),
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "mine"
    (root / "sub").mkdir(parents=True)
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    for place in (root / "pic.png", root / "sub" / "pic.png", tmp_path / "pic.png"):
        image.save(str(place), "PNG")
    (root / "sub" / "a.md").write_text("# A\n")
    (root / "sub" / "zero.png").symlink_to("/dev/zero")
    (root / "sub" / "urandom.png").symlink_to("/dev/urandom")
    (root / "sub" / "out.png").symlink_to(tmp_path / "pic.png")
    (root / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(root / "sub" / "fifo.png")
    return root


@pytest.fixture
def view(qtbot, folder: Path) -> ArticleView:
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    widget.library_folder = lambda: folder
    return widget


_PARTS = [
    "..",
    "%2e%2e",
    "..%2f",
    "%2E%2E%5C",
    ".",
    "sub",
    "up",
    "pic.png",
    "etc",
    "passwd",
    "\\",
    "%00",
    "~",
    "C:",
    "file:",
    "/",
    "//",
    "%2f",
    "zero.png",
    "fifo.png",
    "out.png",
    "?x=1",
    "#frag",
    "%252e%252e",
    "..\\..",
    "a" * 300,
    "\u202e",
    "%c0%ae%c0%ae",
]


def test_generated_image_names_never_load_outside_the_folder(view, folder: Path) -> None:
    article = _article(folder / "sub" / "a.md", "# A\n")
    browser = view.browser
    root = folder.resolve()
    rng = random.Random(17)
    names = [
        "".join(rng.choice(_PARTS) + rng.choice(["/", "", "\\"]) for _ in range(rng.randint(1, 6)))
        for _ in range(600)
    ]
    names += ["../../../../etc/passwd", "/etc/passwd", "file:///etc/hostname", "/dev/zero"]
    loaded = failures = 0
    worst = 0.0
    for name in names:
        browser.images.set_page(article.path, view.resource_root(article))
        start = time.perf_counter()
        image = browser.loadResource(IMAGE, QUrl(name))
        worst = max(worst, (time.perf_counter() - start) * 1000)
        if not isinstance(image, QImage) or image.isNull():
            failures += 1  # an empty answer would let Qt read the file itself
        elif not image.text("refused"):
            loaded += 1
            # What loaded must be one of the two pictures inside the folder.
            from longform_desktop.core.resources import resolve_local_resource

            path = resolve_local_resource(article.path, folder, url_text(QUrl(name)))
            if not isinstance(path, Path) or not path.is_relative_to(root):
                failures += 1
    tally(
        "reader",
        "image names (generated, hostile)",
        tried=len(names),
        failures=failures,
        loaded_inside=loaded,
        max_ms=round(worst, 2),
    )
    assert failures == 0


def test_devices_fifos_and_links_out_are_refused_fast(view, folder: Path) -> None:
    article = _article(folder / "sub" / "a.md", "# A\n")
    names = [
        "zero.png",
        "urandom.png",
        "fifo.png",
        "out.png",
        "up/pic.png",
        "/dev/zero",
        "../../pic.png",
        "%2e%2e/%2e%2e/pic.png",
        "..\\..\\pic.png",
    ]
    failures = 0
    worst = 0.0
    for name in names:
        view.browser.images.set_page(article.path, view.resource_root(article))
        start = time.perf_counter()
        image = view.browser.loadResource(IMAGE, QUrl(name))
        worst = max(worst, (time.perf_counter() - start) * 1000)
        failures += not image.text("refused")
    tally(
        "reader",
        "devices, FIFOs, links out of the folder",
        tried=len(names),
        failures=failures,
        max_ms=round(worst, 2),
    )
    assert failures == 0


def test_links_of_every_kind_do_only_what_they_should(view, folder: Path, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        article_view_module.QDesktopServices, "openUrl", lambda url: opened.append(url.toString())
    )
    (folder / "sub" / "b.md").write_text("# B\n")
    here = _article(folder / "sub" / "a.md", "# A\n\nText.\n", slug="sub-a")
    other = _article(folder / "sub" / "b.md", "# B\n", slug="sub-b")
    view.catalog = Catalog([Section("user", "Yours", articles=(here, other))])
    view.show_article(here)
    went: list[tuple[str, str]] = []
    view.link_activated.connect(lambda slug, anchor: went.append((slug, anchor)))
    external = ["https://example.com/", "http://example.com/x?y=1#z", "mailto:a@example.com"]
    inert = [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:msgbox",
        "x-custom:thing",
        "ftp://example.com/",
        "//example.com/x",
        "\\\\server\\share\\x.md",
        "../../x.md",
        "%2e%2e/%2e%2e/x.md",
        "/etc/passwd",
        "C:\\x.md",
        "up/b.md",
        "missing.md",
        "b.md\0x",
        "a" * 5000,
    ]
    failures = 0
    for href in external:
        before = len(opened)
        view._on_anchor(QUrl(href))
        failures += len(opened) != before + 1
    for href in inert:
        before_open, before_went = len(opened), len(went)
        view._on_anchor(QUrl(href))
        failures += len(opened) != before_open or len(went) != before_went
    view._on_anchor(QUrl("b.md#b"))
    view._on_anchor(QUrl("article:sub-b"))
    failures += went != [("sub-b", "b"), ("sub-b", "")]
    tally(
        "reader",
        "links (http/mailto, inert schemes, .md)",
        tried=len(external) + len(inert) + 2,
        failures=failures,
    )
    assert failures == 0


def _stall_ms(qtbot, action, settle_ms: int = 400) -> float:
    """The longest gap between 5 ms heartbeats while ``action`` runs from the event loop."""
    ticks = [time.perf_counter()]
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    QTimer.singleShot(10, action)
    qtbot.wait(settle_ms)
    timer.stop()
    ticks.append(time.perf_counter())
    return max(b - a for a, b in itertools.pairwise(ticks)) * 1000


def test_very_long_pages_open_without_stalling_the_gui_thread(view, folder: Path, qtbot) -> None:
    worst = 0.0
    failures = 0
    for i, (case, (title, body)) in enumerate(long_pages().items()):
        article = _article(folder / f"long{i}.md", body, title=title, slug=f"long-{i}")
        stall = _stall_ms(qtbot, lambda a=article: view.show_article(a))
        worst = max(worst, stall)
        text = view.browser.toPlainText()
        shown = len(text) < 400_000 and len(view.toc()) <= 400 and "not shown:" not in text
        cut = view.part is not None and view.part.cut
        failures += not shown or (cut and not view.long_notice.isVisibleTo(view))
        tally("reader", f"long page: {case}", failures=int(not shown), max_ms=round(stall, 1))
    tally(
        "reader",
        "long pages: longest GUI stall",
        tried=5,
        failures=failures,
        max_ms=round(worst, 1),
    )
    assert failures == 0
