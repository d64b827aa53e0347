"""Logging set-up for the app: stderr plus a rotating file in the cache dir.

Every module logs through ``logging.getLogger(__name__)``; this is the one place that
decides where it goes. The file is what a user attaches to a bug report, so it keeps
tracebacks (the error dialog shows its path).
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

LOG_FILE = "longform-desktop.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("longform_desktop")


def log_file(cache_dir: Path) -> Path:
    return cache_dir / "logs" / LOG_FILE


class _Pending(logging.Handler):
    """Keeps the records logged before the log file is opened, to write them into it."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def setup_logging(cache_dir: Path, verbose: bool = False, *, defer_file: bool = False) -> Path:
    """Send the app's log records to stderr and to a rotating file; returns the file.

    ``defer_file``: open the file later with :func:`open_log_file` (the app does it after
    its first paint: ``logging.handlers`` costs ~6 ms of imports); records logged
    meanwhile are kept and written first.
    """
    path = log_file(cache_dir)
    root = logging.getLogger("longform_desktop")
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):  # idempotent: tests and re-entry
        root.removeHandler(handler)
        handler.close()
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setLevel(logging.DEBUG if verbose else logging.WARNING)
    stderr.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(stderr)
    root.propagate = False
    threading.excepthook = _thread_excepthook
    if defer_file:
        root.addHandler(_Pending())
    else:
        open_log_file(cache_dir)
    return path


def open_log_file(cache_dir: Path) -> None:
    """Add the rotating file handler (writing any records kept until now)."""
    import logging.handlers

    root = logging.getLogger("longform_desktop")
    pending = [h for h in root.handlers if isinstance(h, _Pending)]
    for handler in pending:
        root.removeHandler(handler)
    path = log_file(cache_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        rotating = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as exc:  # a read-only cache dir must not stop the app
        log.warning("cannot write the log file %s: %s", path, exc)
        return
    rotating.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(rotating)
    for handler in pending:
        for record in handler.records:
            if record.levelno >= root.level:
                rotating.handle(record)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    log.critical(
        "uncaught exception in thread %s",
        args.thread.name if args.thread else "?",
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),  # type: ignore[arg-type]
    )
