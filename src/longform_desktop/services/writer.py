"""The one writer of user data: a thread with its own SQLite connection.

Every write (a note, a drawing autosave, reading progress, a setting) is a job queued
here. Jobs run one after another, each inside one transaction, so two writes never
interleave and the GUI thread never waits on a disk flush. The result (or the error)
comes back on the GUI thread through a queued signal, where the service that asked
announces the change on AppEvents.

``synchronous=FULL`` (storage/db.py) makes each commit durable before its callback runs:
a note whose save was acknowledged survives a SIGKILL of the app.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from longform_desktop.storage.db import connect, transaction

log = logging.getLogger(__name__)

Job = Callable[[sqlite3.Connection], Any]
_STOP = object()


class _Relay(QObject):
    # (callback, value): emitted on the writer thread, delivered on the GUI thread
    deliver = Signal(object, object)


class Writer(QObject):
    """Queue of write jobs run on one thread; callbacks arrive on the owner's thread."""

    failed = Signal(str)  # a readable message for an error no caller handled

    def __init__(self, database: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._queue: queue.Queue[Any] = queue.Queue()
        self._relay = _Relay()
        self._relay.deliver.connect(lambda callback, value: callback(value))
        self._idle = threading.Event()
        self._idle.set()
        self._unfinished = 0
        self._count_lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, name="longform-writer", daemon=True)
        self._started = False
        self._closed = False

    def submit(
        self,
        job: Job,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``job(conn)`` inside one transaction on the writer thread."""
        if self._closed:
            raise RuntimeError("the writer is closed")
        if not self._started:
            self._thread.start()
            self._started = True
        with self._count_lock:
            self._unfinished += 1
            self._idle.clear()
        self._queue.put((job, on_done, on_error))

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every submitted job is committed (or failed); True if it was in time.

        Callbacks are queued to the GUI thread and run when its event loop next turns.
        """
        return self._idle.wait(timeout)

    def close(self, timeout: float = 10.0) -> bool:
        """Finish the queued jobs, then stop the thread (called when the app quits)."""
        if self._closed:
            return True
        self._closed = True
        if not self._started:
            return True
        self._queue.put(_STOP)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    # --- the writer thread -----------------------------------------------------------
    def _loop(self) -> None:
        conn: sqlite3.Connection | None = None
        try:
            conn = connect(self.database)
        except BaseException as exc:
            log.error("the writer cannot open %s:\n%s", self.database, traceback.format_exc())
            opened_error: BaseException | None = exc
        else:
            opened_error = None
        while True:
            item = self._queue.get()
            if item is _STOP:
                break
            job, on_done, on_error = item
            try:
                if conn is None:
                    raise RuntimeError(f"the database could not be opened: {opened_error}")
                with transaction(conn):
                    result = job(conn)
            except BaseException as exc:
                log.error("write job %s failed:\n%s", _name(job), traceback.format_exc())
                self._deliver(self._error_callback(on_error), exc)
            else:
                if on_done is not None:
                    self._deliver(on_done, result)
            finally:
                with self._count_lock:
                    self._unfinished -= 1
                    if self._unfinished == 0:
                        self._idle.set()
        if conn is not None:
            conn.close()

    def _deliver(self, callback: Callable[[Any], None], value: Any) -> None:
        try:
            self._relay.deliver.emit(callback, value)
        except RuntimeError:  # the app is quitting and the relay is gone; the write stands
            log.debug("a write finished after its receiver was deleted")

    def _error_callback(
        self, on_error: Callable[[BaseException], None] | None
    ) -> Callable[[BaseException], None]:
        if on_error is not None:
            return on_error
        return lambda exc: self.failed.emit(f"Could not save: {type(exc).__name__}: {exc}")


def _name(job: Job) -> str:
    return getattr(job, "__qualname__", repr(job))
