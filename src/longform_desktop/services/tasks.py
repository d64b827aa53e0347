"""One helper for background work: run a function on the thread pool, get the result
(or the error) back on the GUI thread through a Qt signal.

Every error is logged with its traceback where it happened. A caller that passes no
``on_error`` still never loses one: it is announced on ``failed`` (the window shows it).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    # Emitted from the worker thread; Qt queues delivery to the thread the relay
    # lives in (the GUI thread), which is what makes callbacks GUI-safe.
    done = Signal(object, object)  # (result, error)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay, name: str) -> None:
        super().__init__()
        self.fn, self.relay, self.name = fn, relay, name
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result, error = self.fn(), None
        except BaseException as exc:  # reported to the caller, never swallowed
            formatted = traceback.format_exc()
            exc.formatted = formatted  # type: ignore[attr-defined]
            log.error("background task %s failed:\n%s", self.name, formatted)
            result, error = None, exc
        try:
            self.relay.done.emit(result, error)
        except RuntimeError:  # the relay is gone: the app quit while this job ran
            log.debug("task %s finished after its receiver was deleted", self.name)


class TaskRunner(QObject):
    """Runs callables on a QThreadPool; callbacks run on the GUI thread."""

    failed = Signal(str)  # a readable message for an error no caller handled

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._relays: set[_Relay] = set()

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        relay = _Relay()
        relay.moveToThread(self.thread())
        self._relays.add(relay)
        name = getattr(fn, "__qualname__", repr(fn))

        def finish(result: Any, error: BaseException | None) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            if error is not None:
                if on_error:
                    on_error(error)
                else:
                    self.failed.emit(f"{type(error).__name__}: {error}")
            elif on_done:
                on_done(result)

        relay.done.connect(finish)
        self.pool.start(_Job(fn, relay, name))

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
