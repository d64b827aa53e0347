"""Reading one content file safely: a regular file, under a size cap, inside its folder.

A name in a content folder can be anything: a link to ``/dev/zero``, a FIFO that blocks
every reader, a link out of the folder, a 2 GB export, a binary. Only a regular file is
read: it is opened without blocking and checked on the open descriptor (so a file swapped
for a device or a pipe after the folder was walked is never read), at most ``max_bytes``
are read, and with ``root`` its resolved path must stay inside ``root``. The text comes
back without a UTF-8 byte order mark and with ``\\n`` line ends. No Qt.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# The same cap issue 16 set for the user's own files: a Markdown file this large is
# generated (a log, an export), not something written to be read.
MAX_FILE_BYTES = 5 * 1024 * 1024
_CHUNK = 1 << 20


class UnsafeFileError(ValueError):
    """A file that is not read; ``line`` is the 1-based line the problem is on (1 when
    it is about the whole file), ``message`` says why in words."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def not_regular(mode: int) -> str:
    """What a name that is not a regular file names, in words."""
    kinds = (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    )
    kind = next((name for test, name in kinds if test(mode)), "a special file")
    return f"not a regular file ({kind})"


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, with every link resolved, is ``root`` or under it."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop
        return False


def _too_large(size: int, max_bytes: int) -> str:
    cap = max_bytes / 1_048_576
    return f"file is {size / 1_048_576:.1f} MB; files over {cap:g} MB are not read"


def read_bytes(path: Path, *, root: Path | None = None, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; raises :class:`UnsafeFileError`."""
    if root is not None and not inside(path, root):
        raise UnsafeFileError(f"links outside the content folder (to {_resolved(path)}); not read")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UnsafeFileError(f"cannot read file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFileError(f"{not_regular(info.st_mode)}; not read")
        if info.st_size > max_bytes:
            raise UnsafeFileError(_too_large(info.st_size, max_bytes))
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:  # a file growing while it is read stops here too
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise UnsafeFileError(_too_large(total, max_bytes))
        return b"".join(chunks)
    except OSError as exc:
        raise UnsafeFileError(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def decode_text(data: bytes) -> str:
    """UTF-8 text without BOM and with ``\\n`` line ends; raises :class:`UnsafeFileError`
    (with the line) for NUL bytes or bytes that are not UTF-8."""
    if b"\0" in data:
        line = data[: data.index(b"\0")].count(b"\n") + 1
        raise UnsafeFileError("not a text file (it contains NUL bytes)", line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UnsafeFileError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02X} at column {column}); save it as UTF-8",
            line,
        ) from None
    text = text.removeprefix("\ufeff")
    if "\r" in text:  # one scan; the two replacements copy the whole text each
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_text_file(path: Path, *, root: Path | None = None, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The text of a regular UTF-8 file of at most ``max_bytes`` (inside ``root`` when
    given), BOM removed, line ends ``\\n``; raises :class:`UnsafeFileError` otherwise."""
    return decode_text(read_bytes(path, root=root, max_bytes=max_bytes))


def _resolved(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return "a link loop"
