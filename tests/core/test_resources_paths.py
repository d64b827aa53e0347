"""core/resources.py: which local file an image or a link in an article may name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from longform_desktop.core.resources import (
    IMAGE_MAX_BYTES,
    MAX_URL_CHARS,
    LocalTarget,
    Refusal,
    read_resource,
    resolve_inside,
    resolve_local_resource,
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """root/notes/a.md beside root/notes/pic.png, root/img/shared.png; a secret outside."""
    root = tmp_path / "root"
    (root / "notes" / "sub").mkdir(parents=True)
    (root / "img").mkdir()
    (root / "notes" / "a.md").write_text("# A\n")
    (root / "notes" / "pic.png").write_bytes(b"png")
    (root / "notes" / "my pic.png").write_bytes(b"png")
    (root / "notes" / "sub" / "deep.png").write_bytes(b"png")
    (root / "img" / "shared.png").write_bytes(b"png")
    (tmp_path / "secret.txt").write_text("secret")
    return root


def _article(root: Path) -> Path:
    return root / "notes" / "a.md"


def _resolve(root: Path, url: str) -> Path | Refusal:
    return resolve_local_resource(_article(root), root, url)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("pic.png", "notes/pic.png"),
        ("./pic.png", "notes/pic.png"),
        ("sub/deep.png", "notes/sub/deep.png"),
        ("sub\\deep.png", "notes/sub/deep.png"),  # Windows-made Markdown
        ("../img/shared.png", "img/shared.png"),  # up, but still inside the folder
        ("my%20pic.png", "notes/my pic.png"),
        ("my pic.png", "notes/my pic.png"),
        ("pic.png?v=2", "notes/pic.png"),
        ("pic.png#frag", "notes/pic.png"),
        ("%70ic.png", "notes/pic.png"),
    ],
)
def test_files_inside_the_folder_resolve(folder: Path, url: str, expected: str) -> None:
    assert _resolve(folder, url) == (folder / expected).resolve()


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("../../secret.txt", "outside"),
        ("../../../../../../etc/passwd", "outside"),
        ("..%2f..%2fsecret.txt", "outside"),
        ("%2e%2e/%2e%2e/secret.txt", "outside"),
        ("..\\..\\secret.txt", "outside"),
        ("sub/../../../secret.txt", "outside"),
        ("/etc/passwd", "absolute"),
        ("%2fetc%2fpasswd", "absolute"),
        ("\\etc\\passwd", "absolute"),
        ("//server/share/x.png", "absolute"),
        ("\\\\server\\share\\x.png", "absolute"),
        ("C:\\Windows\\win.ini", "absolute"),
        ("c:/x.png", "absolute"),
        ("~/secret.txt", "absolute"),
        ("file:///etc/hostname", "scheme"),
        ("FILE:/etc/hostname", "scheme"),
        ("file://localhost/etc/passwd", "scheme"),
        ("http://example.com/x.png", "remote"),
        ("HTTPS://example.com/x.png", "remote"),
        ("data:image/png;base64,iVBORw0KGgo=", "data"),
        ("javascript:alert(1)", "scheme"),
        ("qrc:/icons/app.png", "scheme"),
        ("diagram:foo", "scheme"),
        ("pic.png\0.txt", "invalid"),
        ("pic%00.png", "invalid"),
        ("pic%0a.png", "invalid"),
        ("", "invalid"),
        ("?only=query", "invalid"),
        ("a" * (MAX_URL_CHARS + 1), "invalid"),
        ("missing.png", "missing"),
        ("sub", "not-regular"),
        (".", "not-regular"),
    ],
)
def test_refused(folder: Path, url: str, kind: str) -> None:
    result = _resolve(folder, url)
    assert isinstance(result, Refusal), result
    assert result.kind == kind and result.reason
    assert not result  # a refusal reads as false


def test_a_very_long_name_is_refused_not_raised(folder: Path) -> None:
    long_name = "x" * 300 + ".png"  # over NAME_MAX (255) on every common file system
    result = _resolve(folder, long_name)
    assert isinstance(result, Refusal) and result.kind in {"invalid", "missing"}
    deep = "/".join(["d" * 200] * 9) + ".png"  # under MAX_URL_CHARS, over PATH_MAX parts
    assert isinstance(_resolve(folder, deep), Refusal)


def test_a_symlink_that_leaves_the_folder_is_refused(folder: Path, tmp_path: Path) -> None:
    (folder / "notes" / "escape.png").symlink_to(tmp_path / "secret.txt")
    (folder / "notes" / "out").symlink_to(tmp_path, target_is_directory=True)
    assert _resolve(folder, "escape.png") == Refusal(
        "outside", "outside the article's folder; not read"
    )
    assert isinstance(_resolve(folder, "out/secret.txt"), Refusal)
    assert _resolve(folder, "out/secret.txt").kind == "outside"


def test_a_symlink_inside_the_folder_is_followed(folder: Path) -> None:
    (folder / "notes" / "alias.png").symlink_to(folder / "img" / "shared.png")
    assert _resolve(folder, "alias.png") == (folder / "img" / "shared.png").resolve()


def test_a_link_to_dev_zero_or_a_fifo_is_not_a_regular_file(folder: Path) -> None:
    (folder / "notes" / "zero.png").symlink_to("/dev/zero")
    os.mkfifo(folder / "notes" / "pipe.png")
    # /dev/zero resolves outside the folder; a FIFO inside it is not a regular file.
    assert _resolve(folder, "zero.png").kind == "outside"
    assert _resolve(folder, "pipe.png").kind == "not-regular"


def test_dev_zero_as_the_root_itself_is_refused_as_not_regular(tmp_path: Path) -> None:
    # A folder that is "/" (a user pointing at it) still never reads a device.
    result = resolve_local_resource(Path("/dev/a.md"), Path("/"), "zero")
    assert isinstance(result, Refusal) and result.kind == "not-regular"


def test_a_file_over_the_cap_is_refused(folder: Path) -> None:
    big = folder / "notes" / "big.png"
    with big.open("wb") as f:
        f.truncate(IMAGE_MAX_BYTES + 1)  # sparse: no 20 MB written
    result = _resolve(folder, "big.png")
    assert isinstance(result, Refusal) and result.kind == "too-large" and "20 MB" in result.reason
    small = resolve_local_resource(_article(folder), folder, "pic.png", max_bytes=2)
    assert isinstance(small, Refusal)


def test_a_link_keeps_its_fragment(folder: Path) -> None:
    target = resolve_inside(_article(folder), folder, "sub/other.md#the-heading")
    assert target == LocalTarget((folder / "notes" / "sub" / "other.md").resolve(), "the-heading")
    assert resolve_inside(_article(folder), folder, "../a.md?x=1#h%20i") == LocalTarget(
        (folder / "a.md").resolve(), "h i"
    )


def test_the_root_given_through_a_link_still_contains_its_files(
    folder: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link-to-root"
    link.symlink_to(folder, target_is_directory=True)
    assert (
        resolve_local_resource(link / "notes" / "a.md", link, "pic.png")
        == (folder / "notes" / "pic.png").resolve()
    )


def test_read_resource_reads_a_regular_file_and_checks_again(folder: Path, tmp_path: Path) -> None:
    path = folder / "notes" / "pic.png"
    assert read_resource(path, folder) == b"png"
    assert read_resource(path, folder, max_bytes=2).kind == "too-large"
    assert read_resource(tmp_path / "secret.txt", folder).kind == "outside"
    # Swapped for a FIFO after it was resolved: opened without blocking, refused.
    path.unlink()
    os.mkfifo(path)
    assert read_resource(path, folder).kind == "not-regular"
