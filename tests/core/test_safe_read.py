from __future__ import annotations

import os
from pathlib import Path

import pytest

from longform_desktop.core.safe_read import (
    MAX_FILE_BYTES,
    UnsafeFileError,
    read_text_file,
)


def test_regular_file_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbfone\r\ntwo\rthree\n")
    assert read_text_file(path) == "one\ntwo\nthree\n"


def test_devices_fifos_and_folders_are_not_read(tmp_path: Path) -> None:
    zero = tmp_path / "zero.md"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    folder = tmp_path / "dir.md"
    folder.mkdir()
    for path, words in ((zero, "character device"), (fifo, "FIFO"), (folder, "folder")):
        with pytest.raises(UnsafeFileError, match=words):
            read_text_file(path)


def test_size_cap_and_bad_bytes(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 101)
    with pytest.raises(UnsafeFileError, match="MB"):
        read_text_file(big, max_bytes=100)
    assert len(read_text_file(big, max_bytes=101)) == 101
    assert MAX_FILE_BYTES == 5 * 1024 * 1024
    nul = tmp_path / "nul.md"
    nul.write_bytes(b"a\nb\n\0")
    with pytest.raises(UnsafeFileError) as caught:
        read_text_file(nul)
    assert caught.value.line == 3
    latin = tmp_path / "latin.md"
    latin.write_bytes(b"ok\ncaf\xe9\n")
    with pytest.raises(UnsafeFileError, match="UTF-8") as caught:
        read_text_file(latin)
    assert caught.value.line == 2


def test_links_out_of_the_root_are_refused(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    outside = tmp_path / "outside.md"
    outside.write_text("secret")
    (root / "sub" / "in.md").write_text("fine")
    (root / "sub" / "out.md").symlink_to(outside)
    (root / "sub" / "alias.md").symlink_to(root / "sub" / "in.md")
    assert read_text_file(root / "sub" / "in.md", root=root) == "fine"
    assert read_text_file(root / "sub" / "alias.md", root=root) == "fine"
    with pytest.raises(UnsafeFileError, match="outside"):
        read_text_file(root / "sub" / "out.md", root=root)
    loop = root / "loop.md"
    loop.symlink_to(loop)
    with pytest.raises(UnsafeFileError):
        read_text_file(loop, root=root)
