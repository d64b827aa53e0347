"""Which local file an image or a link in an article may name. No Qt.

An article is read from a folder (the bundled content, or the user's own folder): an
image may load, and a link to another Markdown file may open, only when it names a
regular file inside that folder. Everything else is refused with a reason in words:

- a URL with a scheme (``http:``, ``https:``, ``data:``, ``file:``, ``javascript:``...):
  nothing is ever fetched, and ``file:`` is an absolute path by another name;
- an absolute path (``/etc/passwd``, ``\\\\server\\share``, ``C:\\x``) or ``~``;
- a relative path that leaves the folder, by ``..`` or by a symbolic link, once every
  link is resolved; also when written ``..%2f`` or ``..\\`` (backslashes are read as
  folder separators, as the Windows-made Markdown that has them means);
- NUL bytes and control characters, names over ``MAX_URL_CHARS``;
- for images: a name that is not a regular file (a FIFO, ``/dev/zero`` behind a link,
  a folder), or a file over the size cap (``IMAGE_MAX_BYTES``).

A query (``?v=2``) and a fragment (``#part``) are cut off the path first; the fragment
of a link is kept (it names the heading to open at).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from .safe_read import UnsafeFileError, not_regular, read_bytes

IMAGE_MAX_BYTES = 20 * 1024 * 1024  # a photo or a screenshot is well under it
MAX_URL_CHARS = 2048  # longer is generated; a path that long fails to open anyway
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_REMOTE = frozenset({"http", "https", "ftp", "ftps", "ws", "wss"})
# Links opened in the system's browser or mail app, on click: by the reader and by notes.
EXTERNAL_SCHEMES = ("http", "https", "mailto")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Refusal:
    """A name that is not loaded: ``kind`` for code (``remote``, ``data``, ``scheme``,
    ``absolute``, ``outside``, ``invalid``, ``missing``, ``not-regular``, ``too-large``)
    and ``reason`` in words, for the log and the placeholder."""

    kind: str
    reason: str

    def __bool__(self) -> bool:  # so that ``if not result`` reads "refused"
        return False


@dataclass(frozen=True)
class LocalTarget:
    """A link to a file inside the folder: its resolved path and the fragment ("")."""

    path: Path
    fragment: str


def split_url(url: str) -> tuple[str, str]:
    """``url`` without its query and fragment, and the fragment (percent-decoded)."""
    path, _, fragment = url.partition("#")
    path = path.partition("?")[0]
    return path, unquote(fragment, errors="replace")


def resolve_inside(article_path: Path, root: Path, url: str) -> LocalTarget | Refusal:
    """Where a relative ``url`` written in the file ``article_path`` points, checked to
    stay inside ``root`` with every link resolved; nothing is opened or checked to exist."""
    if len(url) > MAX_URL_CHARS:
        return Refusal("invalid", f"the name is over {MAX_URL_CHARS} characters")
    if "\0" in url:
        return Refusal("invalid", "the name holds a NUL byte")
    scheme = _SCHEME.match(url.strip())
    if scheme:
        name = scheme.group(1).lower()
        if len(name) == 1:  # C:\x or C:/x, a Windows drive
            return Refusal("absolute", "an absolute path; only files beside the article load")
        if name in _REMOTE:
            return Refusal("remote", "a web address; nothing is downloaded")
        if name == "data":
            return Refusal("data", "an inline (data:) image; not shown")
        return Refusal("scheme", f"a {name}: address; only files beside the article load")
    raw, fragment = split_url(url)
    text = unquote(raw, errors="replace") if "%" in raw else raw
    if "\0" in text or _CONTROL.search(text):
        return Refusal("invalid", "the name holds a control character")
    text = text.replace("\\", "/").strip()
    if not text:
        return Refusal("invalid", "the name is empty")
    if text.startswith(("/", "~")) or re.match(r"^[A-Za-z]:", text):
        return Refusal("absolute", "an absolute path; only files beside the article load")
    relative = PurePosixPath(text)
    try:
        base = os.path.realpath(root)
        candidate = os.path.realpath(os.path.join(article_path.parent, *relative.parts))
    except (OSError, ValueError) as exc:  # a name too long, a link loop on some systems
        return Refusal("invalid", f"the name cannot be resolved ({exc})")
    if not Path(candidate).is_relative_to(base):
        return Refusal("outside", "outside the article's folder; not read")
    return LocalTarget(Path(candidate), fragment)


def resolve_local_resource(
    article_path: Path, root: Path, url: str, *, max_bytes: int = IMAGE_MAX_BYTES
) -> Path | Refusal:
    """The regular file (inside ``root``, at most ``max_bytes``) that an image's ``url``
    names, or why it is refused. The caller reads it with :func:`read_resource`, which
    checks again on the open file (it may have been swapped since)."""
    target = resolve_inside(article_path, root, url)
    if isinstance(target, Refusal):
        return target
    try:
        info = os.stat(target.path)
    except FileNotFoundError:
        return Refusal("missing", "no such file")
    except OSError as exc:
        return Refusal("invalid", f"cannot be read ({exc.strerror or exc})")
    if not stat.S_ISREG(info.st_mode):
        return Refusal("not-regular", f"{not_regular(info.st_mode)}; not read")
    if info.st_size > max_bytes:
        return Refusal("too-large", _too_large(info.st_size, max_bytes))
    return target.path


def read_resource(path: Path, root: Path, *, max_bytes: int = IMAGE_MAX_BYTES) -> bytes | Refusal:
    """The bytes of ``path``: a regular file inside ``root`` of at most ``max_bytes``,
    opened without blocking and checked on the open descriptor."""
    try:
        return read_bytes(path, root=root, max_bytes=max_bytes)
    except UnsafeFileError as exc:
        kind = "too-large" if "MB" in exc.message else "not-regular"
        if "outside" in exc.message:
            kind = "outside"
        return Refusal(kind, exc.message)


def _too_large(size: int, max_bytes: int) -> str:
    return f"{size / 1_048_576:.1f} MB; images over {max_bytes / 1_048_576:g} MB are not shown"
