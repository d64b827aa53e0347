"""Which launch is the first one for this user and library: a lock file, held for life.

The first launch takes an exclusive lock on ``<temp>/<server name>.lock`` and keeps it
until it exits; the kernel drops it when the process ends, however it ends, so a crash
leaves nothing stale behind. A later launch that finds the lock taken knows an instance
is running or still starting, and hands over to it (``single_instance.hand_off``,
waiting for it to listen). The first launch can therefore build and paint its window
before it loads QtNetwork and listens (~6 ms of start-up, issue 13), without a second
window opening meanwhile.

``server_name`` is here, not in ``single_instance``, for the same reason: naming the
lock must not load QtNetwork.
"""

from __future__ import annotations

import logging
import os
import sys
import zlib
from pathlib import Path

log = logging.getLogger(__name__)


def server_name(data_dir: Path) -> str:
    """The socket (and lock) name for this user's library in ``data_dir``."""
    # The uid where there is one (never ambiguous, no lookup); else the login name.
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    # CRC-32, not a cryptographic hash: it only tells one user's libraries apart, and
    # hashlib would load OpenSSL before the first paint (~2.5 ms of start-up).
    digest = f"{zlib.crc32(str(data_dir.resolve()).encode()):08x}"
    safe = "".join(c for c in user if c.isalnum() or c in "-_")[:32] or "user"
    return f"longform-desktop-{safe}-{digest}"


class InstanceLock:
    """``held``: this process is the first instance. ``failed``: no lock could be made
    (an unwritable temp folder); the caller cannot tell, and hands over if it can."""

    def __init__(self, name: str, folder: str | None = None) -> None:
        self.path = os.path.join(folder or _temp_folder(), f"{name}.lock")
        self.held = False
        self.failed = False
        self._fd: int | None = None
        # Never through a link: the temp folder is shared, and a name planted there by
        # someone else must not make us open their choice of file.
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        try:
            self._fd = os.open(self.path, flags, 0o600)
        except OSError as exc:
            log.warning("cannot create the instance lock %s: %s", self.path, exc)
            self.failed = True
            return
        self.try_take()

    def try_take(self) -> bool:
        """Take the lock if nobody holds it (again: a holder may have exited since)."""
        if self._fd is None or self.held:
            return self.held
        try:
            _lock(self._fd)
        except BlockingIOError:
            return False
        except OSError as exc:  # a file system without locks: say so, behave as unknown
            log.warning("cannot lock %s: %s", self.path, exc)
            self.failed = True
            return False
        self.held = True
        return True

    def release(self) -> None:
        """Let a later launch be the first (on quit; the process end would do it too)."""
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None
        self.held = False


def _temp_folder() -> str:
    """Where Qt keeps the socket of the same name (QDir.tempPath)."""
    if sys.platform == "win32":
        from PySide6.QtCore import QDir

        return QDir.tempPath()
    # Qt's rule on Unix, without QDir (whose enums are ~0.6 ms before the first paint).
    return os.environ.get("TMPDIR") or "/tmp"


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # one byte, not waiting
        except OSError as exc:  # what Windows raises for a held lock
            raise BlockingIOError(str(exc)) from exc

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
