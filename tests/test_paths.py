"""Where the deep dives are read from, and the one-line error when there are none."""

from __future__ import annotations

from pathlib import Path

import pytest

from longform_desktop import paths, resources

from .conftest import CONTENT


def test_override_is_used_when_it_has_sections(content_copy: Path) -> None:
    assert paths.content_dir() == content_copy


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (lambda d: None, "does not exist"),
        (lambda d: d.mkdir(), "empty"),
        (lambda d: (d.mkdir(), (d / "notes.md").write_text("x")), "no sections.yaml"),
        (lambda d: d.write_text("x"), "not a folder"),
    ],
    ids=["missing", "empty", "no-sections", "a-file"],
)
def test_unusable_override_is_an_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make, what: str
) -> None:
    target = tmp_path / "my-content"
    make(target)
    monkeypatch.setenv("LONGFORM_CONTENT_DIR", str(target))
    with pytest.raises(paths.ContentNotFoundError) as caught:
        paths.content_dir()
    message = str(caught.value)
    assert f"{target} ({what})" in message
    assert "LONGFORM_CONTENT_DIR" in message
    assert "\n" not in message
    assert caught.value.looked_in == [target]


def test_unusable_override_does_not_fall_back_to_the_shipped_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The user asked for that folder: showing other deep dives would hide their mistake.
    monkeypatch.setenv("LONGFORM_CONTENT_DIR", str(tmp_path / "typo"))
    with pytest.raises(paths.ContentNotFoundError):
        paths.content_dir()


def test_without_override_the_shipped_content_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LONGFORM_CONTENT_DIR")
    # In a checkout (these tests), the shipped content is the repository's content/.
    assert paths.content_dir() == CONTENT


def test_bundled_content_comes_before_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LONGFORM_CONTENT_DIR")
    bundled = tmp_path / "_bundled"
    (bundled / "content").mkdir(parents=True)
    (bundled / "content" / "sections.yaml").write_text("[]\n")
    monkeypatch.setattr(resources, "BUNDLED_DIR", bundled)
    assert paths.content_dir() == bundled / "content"


def test_no_shipped_content_lists_every_place_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LONGFORM_CONTENT_DIR")
    monkeypatch.setattr(resources, "BUNDLED_DIR", tmp_path / "site" / "_bundled")
    monkeypatch.setattr(resources, "CHECKOUT_DIR", tmp_path / "checkout")
    (tmp_path / "checkout" / "content").mkdir(parents=True)
    with pytest.raises(paths.ContentNotFoundError) as caught:
        paths.content_dir()
    message = str(caught.value)
    assert f"{tmp_path / 'site' / '_bundled' / 'content'} (does not exist)" in message
    assert f"{tmp_path / 'checkout' / 'content'} (empty)" in message
    assert "LONGFORM_CONTENT_DIR" not in message
