"""Paper sketches: a photo attached from the panel (file dialog stood in for), shown
beside the reference with a checklist ticked by mouse, previewed while ticking, scored
by the contract's paper rule, locked once scored; a file that is no photo is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from longform_desktop.core.redraw_score import round_half_up
from longform_desktop.ui.redraw.paper_sketch import photo_type

from .redraw_ui_helpers import (  # collect_windows_here: autouse
    ARTICLE,
    DIAGRAM,
    LEFT,
    close_window,
    collect_windows_here,  # noqa: F401
    make_window,
)


@pytest.fixture
def window(qtbot):
    win = make_window(qtbot)
    assert win.open_article(ARTICLE)
    win.redraws.set_panel_open(True)
    yield win
    close_window(win)


def photo(tmp_path: Path, fmt: str = "JPG") -> Path:
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#f4efe1"))
    path = tmp_path / f"sketch.{fmt.lower()}"
    assert image.save(str(path), fmt)
    return path


def tick(box) -> None:
    """Click a checkbox where a person would: on its indicator."""
    QTest.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))


def test_photo_type_comes_from_the_bytes() -> None:
    assert photo_type(b"\x89PNG\r\n\x1a\n....") == "image/png"
    assert photo_type(b"\xff\xd8\xff\xe0....") == "image/jpeg"
    assert photo_type(b"GIF89a") is None


def test_paper_sketch_is_ticked_and_scored_by_the_paper_rule(qtbot, window, tmp_path, monkeypatch):
    path = photo(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(path), "")))
    card = window.redraws.panel.cards[DIAGRAM]
    QTest.mouseClick(card.paper_button, LEFT)
    session = window.redraws.session
    view = session.compare_view
    assert window.pages.currentWidget() is session and session.stack.currentWidget() is view
    assert view.attempt_stack.currentWidget() is view.photo and not view.photo.image.isNull()
    assert view.photo.image.size().width() == 320
    checklist = view.checklist
    assert checklist.isVisible() and view.header.rating_label.text() == "If saved now"
    assert len(checklist.node_boxes) == 7 and len(checklist.edge_boxes) == 8
    assert view.header.score_label.text() == "0"

    for node in ("app", "lb", "api", "keys", "db"):
        tick(checklist.node_boxes[node])
    for edge in (("app", "lb"), ("lb", "api"), ("api", "keys")):
        tick(checklist.edge_boxes[edge])
    assert checklist.ticked()[0] == ["app", "lb", "api", "keys", "db"]
    expected = round_half_up(100 * (0.4 * 5 / 7 + 0.6 * 3 / 8))  # 51.07 -> 51, no extras
    assert view.header.score_label.text() == str(expected)  # previewed while ticking
    assert view.reference.nodes["db"] == "matched" and view.reference.nodes["psp"] == "missed"

    QTest.mouseClick(checklist.save_button, LEFT)
    service = window.services.redraws
    window.services.writer.flush()
    qtbot.waitUntil(lambda: service.card(ARTICLE, DIAGRAM) is not None)
    (stored,) = service.attempts(ARTICLE, DIAGRAM)
    assert (stored.kind, stored.score, stored.photo_type) == ("paper", expected, "image/jpeg")
    assert stored.photo == path.read_bytes()
    assert stored.checklist["nodes"] == sorted(["app", "lb", "api", "keys", "db"])
    assert view.header.rating_label.text() == "Hard"
    assert not checklist.save_button.isVisible()
    assert not checklist.node_boxes["psp"].isEnabled()  # a scored sketch keeps its ticks
    # reopened from its thumbnail: the photo, the ticks, the score
    QTest.mouseClick(view.back_button, LEFT)
    window.redraws.set_panel_open(True)
    qtbot.waitUntil(lambda: len(window.redraws.panel.cards[DIAGRAM].tiles) == 1)
    tile = window.redraws.panel.cards[DIAGRAM].tiles[0]
    assert tile.text().startswith(f"Paper · {expected}")
    QTest.mouseClick(tile, LEFT)
    assert view.header.score_label.text() == str(expected)
    assert checklist.node_boxes["db"].isChecked() and not checklist.node_boxes["psp"].isChecked()


def test_a_file_that_is_not_a_photo_is_refused(qtbot, window, tmp_path, monkeypatch) -> None:
    fake = tmp_path / "notes.png"
    fake.write_text("not an image", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(fake), "")))
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, m: said.append(m)))
    QTest.mouseClick(window.redraws.panel.cards[DIAGRAM].paper_button, LEFT)
    assert said == ["notes.png is not a PNG or JPEG photo."]
    assert window.pages.currentWidget() is window.article_view
    window.services.writer.flush()
    QApplication.processEvents()
    assert window.services.redraws.attempts(ARTICLE, DIAGRAM) == []
