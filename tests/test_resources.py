"""The resources module finds every shipped file; the stylesheet template and the icons
are what the UI and the desktop files expect."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from longform_desktop import resources
from longform_desktop.ui import theme

from .conftest import REPO


@pytest.fixture
def fresh_lookup(monkeypatch: pytest.MonkeyPatch):
    """resources_dir() is cached for the process; tests that move it start afresh."""
    resources.resources_dir.cache_clear()
    yield monkeypatch
    resources.resources_dir.cache_clear()


def test_a_checkout_reads_the_top_level_resources_folder() -> None:
    assert resources.resources_dir() == REPO / "resources"
    assert resources.path("stylesheets/content.qss") == REPO / "resources/stylesheets/content.qss"


def test_the_bundled_copy_comes_first(tmp_path: Path, fresh_lookup) -> None:
    (tmp_path / "resources").mkdir()
    fresh_lookup.setattr(resources, "BUNDLED_DIR", tmp_path)
    assert resources.resources_dir() == tmp_path / "resources"


def test_no_resources_folder_names_every_place_looked(tmp_path: Path, fresh_lookup) -> None:
    fresh_lookup.setattr(resources, "BUNDLED_DIR", tmp_path / "a")
    fresh_lookup.setattr(resources, "CHECKOUT_DIR", tmp_path / "b")
    with pytest.raises(resources.ResourceNotFoundError) as caught:
        resources.resources_dir()
    assert str(tmp_path / "a" / "resources") in str(caught.value)
    assert str(tmp_path / "b" / "resources") in str(caught.value)


def test_a_missing_file_is_an_error_with_its_path() -> None:
    with pytest.raises(resources.ResourceNotFoundError, match=r"stylesheets/nope\.qss"):
        resources.read_text("stylesheets/nope.qss")


def test_icon_files_exist_smallest_first() -> None:
    files = resources.icon_files()
    assert [int(p.parent.parent.name.split("x")[0]) for p in files] == list(resources.ICON_SIZES)
    assert all(p.is_file() for p in files)
    assert max(int(p.parent.parent.name.split("x")[0]) for p in resources.icon_files(256)) == 256
    assert resources.icon_svg().read_text(encoding="utf-8").lstrip().startswith("<?xml")


@pytest.mark.parametrize("chosen", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_content_stylesheet_fills_every_placeholder_and_qt_parses_it(qtbot, chosen) -> None:
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QLabel, QWidget

    css = theme.content_stylesheet(chosen)
    assert "$" not in css
    for colour in (chosen.text, chosen.muted, chosen.background, chosen.accent):
        assert colour in css
    assert chosen.difficulty_color("hard") in css

    messages: list[str] = []
    previous = qInstallMessageHandler(lambda mode, context, message: messages.append(message))
    try:
        page = QWidget()
        qtbot.addWidget(page)
        card = QLabel("card", page)
        card.setObjectName("card")
        page.setStyleSheet(css)
        page.ensurePolished()
        card.ensurePolished()
    finally:
        qInstallMessageHandler(previous)
    assert [m for m in messages if "stylesheet" in m.lower()] == []


def test_committed_icon_pngs_are_the_svgs_rendered(tmp_path: Path, qapp) -> None:
    """Edit an SVG, run scripts/make_icons.py: this fails if the second step is forgotten."""
    from PySide6.QtGui import QImage

    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_icons.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for committed in resources.icon_files():
        size = int(committed.parent.parent.name.split("x")[0])
        fresh = tmp_path / f"{size}x{size}" / "apps" / committed.name
        a = QImage(str(committed)).convertToFormat(QImage.Format.Format_RGBA8888)
        b = QImage(str(fresh)).convertToFormat(QImage.Format.Format_RGBA8888)
        assert (a.width(), a.height()) == (size, size) == (b.width(), b.height())
        assert a.hasAlphaChannel()
        pa, pb = bytes(a.constBits()), bytes(b.constBits())
        # A tolerance, not equality: another Qt release may antialias a little differently.
        mean_difference = sum(abs(x - y) for x, y in zip(pa, pb, strict=True)) / len(pa)
        assert mean_difference < 1.0, f"{committed} is stale: run scripts/make_icons.py"
