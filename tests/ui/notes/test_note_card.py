"""A note card and a highlight's tooltip never load what a note's image names, and open
only web and mail links."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QDesktopServices

from longform_desktop.core.anchors import Location
from longform_desktop.core.notes import Note
from longform_desktop.services.note_places import Placed
from longform_desktop.ui.notes import note_card
from longform_desktop.ui.notes.note_card import NoteCard
from longform_desktop.ui.notes.notes_layer import tooltip_html
from longform_desktop.ui.theme import current_theme

HOSTILE = (
    "Look: ![zero](/dev/zero) ![pw](../../../../etc/passwd) ![f](file:///etc/hostname)\n\n"
    "<img src='/dev/zero'> [local](file:///etc/passwd) [web](https://example.org)"
)


def _placed(body: str) -> Placed:
    stamp = "2026-12-02T00:00:00Z"
    return Placed(Note("n1", "a", stamp, stamp, "yellow", body, None), Location("anchored"))


def test_hostile_images_are_never_loaded(qtbot) -> None:
    """What Qt is given to render has no image and no raw HTML left (Qt would read the
    file an image names itself, in C++: /dev/zero until memory ran out)."""
    card = NoteCard(_placed(HOSTILE), current_theme())
    qtbot.addWidget(card)
    card.show()
    qtbot.waitExposed(card)
    card.grab()  # lay out and paint the body
    assert card.body is not None
    given = card.body.text()
    assert "<img" not in given and "](/dev/zero)" in given
    assert "![" not in given.replace("\\![", "")
    html = tooltip_html(_placed(HOSTILE))
    assert "<img" not in html and "dev/zero" in html


def test_only_web_links_open(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: asked.append(url.toString()))
    note_card.open_web_link("file:///etc/passwd")
    note_card.open_web_link("javascript:alert(1)")
    note_card.open_web_link("https://example.org/x")
    note_card.open_web_link("mailto:me@example.org")
    assert asked == ["https://example.org/x", "mailto:me@example.org"]
