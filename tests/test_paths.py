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


# --- the folder of the user's own deep dives ---------------------------------------------
@pytest.fixture
def no_flag():
    paths.set_user_content_flag(None)
    yield
    paths.set_user_content_flag(None)


def test_user_content_precedence_flag_env_setting_default(
    no_flag, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LONGFORM_USER_CONTENT_DIR", raising=False)
    default = paths.user_content_folder("")
    assert default == paths.UserFolder(str(paths.data_dir() / "my-deep-dives"), "default")
    assert default.is_default and not Path(default.path).exists()  # not made by asking
    assert paths.user_content_folder("/notes") == paths.UserFolder("/notes", "setting")
    monkeypatch.setenv("LONGFORM_USER_CONTENT_DIR", "/env")
    assert paths.user_content_folder("/notes") == paths.UserFolder("/env", "env")
    paths.set_user_content_flag("/flag")
    assert paths.user_content_folder("/notes") == paths.UserFolder("/flag", "flag")
    paths.set_user_content_flag("")  # given empty: turned off, whatever else says
    assert paths.user_content_folder("/notes") == paths.UserFolder("", "flag")
    monkeypatch.setenv("LONGFORM_USER_CONTENT_DIR", "")
    paths.set_user_content_flag(None)
    assert paths.user_content_folder("/notes").path == ""


def test_the_gui_command_line_option_is_taken_out_of_argv(no_flag) -> None:
    from longform_desktop.app import requested_slug

    argv = ["longform-desktop", "--user-content", "/my notes", "kafka-basics", "-style", "x"]
    rest = paths.take_user_content_option(argv)
    assert rest == ["longform-desktop", "kafka-basics", "-style", "x"]
    assert paths.user_content_override() == "/my notes"
    assert requested_slug(rest) == "kafka-basics"  # the folder is not taken for a slug
    assert paths.take_user_content_option(["x", "--user-content=/other"]) == ["x"]
    assert paths.user_content_folder("/setting") == paths.UserFolder("/other", "flag")


def test_a_relative_or_home_folder_is_made_absolute(no_flag, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    paths.set_user_content_flag("notes")
    assert paths.user_content_folder().path == str(tmp_path / "notes")
    paths.set_user_content_flag("~/notes")
    assert paths.user_content_folder().path == str(tmp_path / "home" / "notes")
