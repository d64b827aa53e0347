"""The one writer of user data: a thread with its own SQLite connection.

Every write (a note, a drawing autosave, reading progress, a setting) is a job queued
here. Jobs run one after another, each inside one transaction, so two writes never
interleave and the GUI thread never waits on a disk flush. The result (or the error)
comes back on the GUI thread through a queued signal, where the service that asked
announces the change on AppEvents.

``synchronous=FULL`` (storage/db.py) makes each commit durable before its callback runs:
a note whose save was acknowledged survives a SIGKILL of the app.

When the database cannot be written for a while (a read-only file or folder, a full
disk, an I/O error, another program's lock: issue 16), a job is not dropped: it and
every job after it stay queued in memory, in order, and are tried again with a growing
pause (``RETRY_DELAYS``) and at once whenever a new write arrives. The user is told once
(``failed``, plain words, at the start of each such stretch) and again when everything
is written (``resumed``). Services keep their unsaved values in memory meanwhile (the
notes overlay), so nothing typed leaves the screen.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import traceback
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from longform_desktop.storage.db import connect, transaction

log = logging.getLogger(__name__)

Job = Callable[[sqlite3.Connection], Any]
_STOP = object()
# Seconds between tries while the database cannot be written (the last one repeats).
RETRY_DELAYS = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0)
SAVED_AGAIN = "All changes saved."

# SQLite's names for "cannot write now, may be able to later", and what to say.
_WHY = (
    (("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_CANTOPEN", "SQLITE_AUTH"), "read-only"),
    (("SQLITE_FULL",), "full"),
    (("SQLITE_IOERR",), "io"),
    (("SQLITE_BUSY", "SQLITE_LOCKED"), "busy"),
)
_PLAIN = {
    "read-only": "the database or its folder cannot be written (read-only)",
    "full": "the disk is full",
    "io": "the disk reported an error",
    "busy": "another program is using the database",
    "closed": "the database could not be opened",
}


def blocked_kind(exc: BaseException) -> str | None:
    """Why a write failed if it may succeed later (read-only, full, io, busy), else None
    (a bug or a refused value: trying again would fail the same way)."""
    if not isinstance(exc, sqlite3.Error):
        return None
    name = getattr(exc, "sqlite_errorname", "") or ""
    for prefixes, kind in _WHY:
        if name.startswith(prefixes):
            return kind
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return "read-only"
    if "disk is full" in text or "database or disk is full" in text:
        return "full"
    return None


def blocked_message(kind: str, database: Path, detail: str) -> str:
    return (
        f"Changes cannot be saved right now: {_PLAIN.get(kind, kind)} ({database}: {detail}). "
        "Nothing is lost: they are kept and saved as soon as that is fixed. Keep Longform "
        f"Desktop open until it says “{SAVED_AGAIN}”"
    )


class _Relay(QObject):
    # (callback, value): emitted on the writer thread, delivered on the GUI thread
    deliver = Signal(object, object)


class Writer(QObject):
    """Queue of write jobs run on one thread; callbacks arrive on the owner's thread."""

    failed = Signal(str)  # a readable message for an error no caller handled
    # The database cannot be written now (kind: read-only, full, io, busy, closed; the
    # message in plain words); emitted once per stretch, then ``resumed`` once all is in.
    blocked = Signal(str, str)
    resumed = Signal(str)

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
        self._blocked: str | None = None  # the kind while writes are held back

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

    def on_connection(self, action: Callable[[sqlite3.Connection], Any]) -> None:
        """Run ``action(conn)`` on the writer's connection outside any transaction, ahead
        of jobs that are held back (e.g. a PRAGMA; tests use it to inject write faults)."""
        if not self._started:
            self._thread.start()
            self._started = True
        self._queue.put(_Action(action))

    @property
    def is_blocked(self) -> bool:
        """True while writes are kept in memory because the database cannot take them."""
        return self._blocked is not None

    def pending(self) -> int:
        """Jobs submitted and not yet committed (or failed for good)."""
        with self._count_lock:
            return self._unfinished

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
    def _open(self) -> sqlite3.Connection | None:
        try:
            return connect(self.database)
        except BaseException:
            log.error("the writer cannot open %s:\n%s", self.database, traceback.format_exc())
            return None

    def _loop(self) -> None:
        conn = self._open()
        held: deque[tuple[Job, Any, Any]] = deque()  # in order; the first is tried next
        tries = 0
        stopping = False
        while True:
            try:
                if held and not stopping:
                    delay = RETRY_DELAYS[min(tries - 1, len(RETRY_DELAYS) - 1)]
                    item = self._queue.get(timeout=delay)
                elif not stopping:
                    item = self._queue.get()
                else:
                    item = None
            except queue.Empty:  # the pause is over: try the held jobs again
                item = None
            while item is not None:  # take everything that is waiting, in order
                if item is _STOP:
                    stopping = True
                elif isinstance(item, _Action):
                    self._run_action(conn, item)
                else:
                    held.append(item)
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    item = None
            while held:
                if conn is None:
                    conn = self._open()
                job, on_done, on_error = held[0]
                kind = self._run(conn, job, on_done, on_error)
                if kind is not None:  # cannot write now: keep it (and the rest) for later
                    tries += 1
                    break
                held.popleft()
                self._done_one()
            else:
                if tries:
                    tries = 0
                if self._blocked is not None:
                    self._blocked = None
                    log.info("the database takes writes again; every held change is saved")
                    self._deliver(self.resumed.emit, SAVED_AGAIN)
            if stopping:
                if held:  # the app quits and the database still refuses: say what is lost
                    log.error(
                        "%d change(s) could not be saved before quitting: the database "
                        "%s cannot be written (%s)",
                        len(held),
                        self.database,
                        self._blocked,
                    )
                    for _job in held:
                        self._done_one()
                break
        if conn is not None:
            conn.close()

    def _run(
        self, conn: sqlite3.Connection | None, job: Job, on_done: Any, on_error: Any
    ) -> str | None:
        """Run one job; the kind of a "cannot write now" failure (job kept), else None."""
        try:
            if conn is None:
                raise sqlite3.OperationalError(f"unable to open database file {self.database}")
            with transaction(conn):
                result = job(conn)
        except BaseException as exc:
            kind = "closed" if conn is None else blocked_kind(exc)
            if kind is not None:
                self._hold(kind, exc)
                return kind
            log.error("write job %s failed:\n%s", _name(job), traceback.format_exc())
            self._deliver(self._error_callback(on_error), exc)
        else:
            if on_done is not None:
                self._deliver(on_done, result)
        return None

    def _hold(self, kind: str, exc: BaseException) -> None:
        if self._blocked == kind:
            log.debug("still cannot write %s: %s", self.database, exc)
            return
        self._blocked = kind
        message = blocked_message(kind, self.database, str(exc))
        log.error("writes are held in memory: %s", message)
        self._deliver(lambda m: self.blocked.emit(kind, m), message)
        self._deliver(self.failed.emit, message)

    def _run_action(self, conn: sqlite3.Connection | None, action: _Action) -> None:
        try:
            if conn is not None:
                action.run(conn)
        except BaseException:
            log.error("writer connection action failed:\n%s", traceback.format_exc())

    def _done_one(self) -> None:
        with self._count_lock:
            self._unfinished -= 1
            if self._unfinished == 0:
                self._idle.set()

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


class _Action:
    def __init__(self, run: Callable[[sqlite3.Connection], Any]) -> None:
        self.run = run


def _name(job: Job) -> str:
    return getattr(job, "__qualname__", repr(job))
