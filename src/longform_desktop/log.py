"""Logging set-up for the app: stderr plus a rotating file in the cache dir.

Every module logs through ``logging.getLogger(__name__)``; this is the one place that
decides where it goes. The file is what a user attaches to a bug report, so it keeps
tracebacks (the error dialog shows its path).
"""

from __future__ import annotations

import logging
import logging.handlers
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


def setup_logging(cache_dir: Path, verbose: bool = False) -> Path:
    """Send the app's log records to stderr and to a rotating file; returns the file."""
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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        rotating = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as exc:  # a read-only cache dir must not stop the app
        log.warning("cannot write the log file %s: %s", path, exc)
    else:
        rotating.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(rotating)
    root.propagate = False
    threading.excepthook = _thread_excepthook
    return path


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    log.critical(
        "uncaught exception in thread %s",
        args.thread.name if args.thread else "?",
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),  # type: ignore[arg-type]
    )
