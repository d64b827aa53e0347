"""Synchronous stand-ins for the background machinery (Picard's habit): the service
under test runs exactly as in the app, but its jobs finish before the call returns."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from longform_desktop.storage.db import transaction


class SyncRunner:
    """TaskRunner's interface, running each job at once on the calling thread."""

    def __init__(self) -> None:
        self.jobs = 0

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.jobs += 1
        try:
            result = fn()
        except Exception as exc:
            if on_error is None:
                raise
            on_error(exc)
        else:
            if on_done is not None:
                on_done(result)

    def wait(self, msecs: int = 0) -> bool:
        return True


class SyncWriter(QObject):
    """Writer's interface: each job runs in one transaction on the given connection."""

    failed = Signal(str)
    blocked = Signal(str, str)
    resumed = Signal(str)

    def __init__(self, conn: sqlite3.Connection):
        super().__init__()
        self.conn = conn
        self.jobs = 0

    def submit(
        self,
        job: Callable[[sqlite3.Connection], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.jobs += 1
        try:
            with transaction(self.conn):
                result = job(self.conn)
        except Exception as exc:
            if on_error is None:
                raise
            on_error(exc)
        else:
            if on_done is not None:
                on_done(result)

    def flush(self, timeout: float = 0) -> bool:
        return True

    def close(self, timeout: float = 0) -> bool:
        return True
