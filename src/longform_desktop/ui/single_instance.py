"""One running window per user and library: a second launch hands over and exits.

The first instance holds the library's lock (``instance_lock.py``) from its first moment
and, once its window has painted, listens on a local socket (QLocalServer: a Unix
socket readable by this user only, a named pipe on Windows) named after the user and
the database folder, so two libraries (or a test's private one) never answer for each
other. A later launch finds the lock taken, connects (waiting while the first is still
starting), sends one line of JSON (``{"open": "ARTICLE-SLUG"}``, or ``{}`` to be
raised), waits until it is written and exits 0; the first raises its window and opens
the article.

A socket left behind by an instance that crashed answers nothing, and its lock died with
it: the new instance takes the lock and listens in the socket's place (with user-only
access Qt creates the socket aside and renames it over the old file; without, the stale
file is removed first).
"""

from __future__ import annotations

import json
import logging
import time

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from .instance_lock import InstanceLock

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 400  # a live instance answers in microseconds; a dead socket at once
WRITE_TIMEOUT_MS = 2000
MAX_MESSAGE = 64 * 1024
# How long a launch waits for the lock's holder to listen: it listens once its window
# has painted, well under a second even on a slow machine; past this the holder is taken
# to be stuck (a dialog before its window, say) and this launch starts its own window.
HAND_OFF_WAIT_S = 10.0
RETRY_S = 0.05


def hand_off(name: str, message: dict[str, str]) -> bool:
    """Give ``message`` to a running instance; False if none is listening."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(json.dumps(message).encode() + b"\n")
    socket.flush()
    written = socket.waitForBytesWritten(WRITE_TIMEOUT_MS) or socket.bytesToWrite() == 0
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(WRITE_TIMEOUT_MS)
    return written


def hand_off_or_take(
    name: str, message: dict[str, str], lock: InstanceLock, wait_s: float = HAND_OFF_WAIT_S
) -> bool:
    """Hand ``message`` to the instance holding ``lock``, waiting while it starts;
    False if this launch should start a window: the holder exited (the lock is now
    ours), or did not listen within ``wait_s``."""
    deadline = time.monotonic() + wait_s
    while True:
        if hand_off(name, message):
            return True
        if lock.try_take() or time.monotonic() >= deadline:
            return False
        time.sleep(RETRY_S)


class InstanceServer(QObject):
    """The first instance's end: turns each launch's line into ``message_received``."""

    message_received = Signal(dict)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._open: dict[QLocalSocket, bytes] = {}  # connection -> what it sent so far

    def listen(self) -> bool:
        """Listen, replacing a socket that no instance answers any more."""
        if self.server.listen(self.name):
            return True
        if self.server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            probe = QLocalSocket()
            probe.connectToServer(self.name)
            if probe.waitForConnected(CONNECT_TIMEOUT_MS):
                probe.disconnectFromServer()
                log.warning("another instance is listening on %s", self.name)
                return False
            QLocalServer.removeServer(self.name)  # left by an instance that crashed
            if self.server.listen(self.name):
                return True
        log.warning("cannot listen on %s: %s", self.name, self.server.errorString())
        return False

    def close(self) -> None:
        """Stop listening and drop open connections (their signals first: a socket being
        destroyed still says it disconnected)."""
        for socket in list(self._open):
            socket.readyRead.disconnect()
            socket.disconnected.disconnect()
            socket.abort()
            socket.deleteLater()
        self._open.clear()
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._open[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._finish(s))

    def _read(self, socket: QLocalSocket) -> None:
        if socket not in self._open:
            return
        data = self._open[socket] + bytes(socket.readAll().data())
        if b"\n" in data:
            line = data.partition(b"\n")[0]
            self._open[socket] = b""
            self._deliver(line)
            socket.disconnectFromServer()  # one message per launch
        elif len(data) > MAX_MESSAGE:
            self._open[socket] = b""
            socket.abort()
        else:
            self._open[socket] = data

    def _finish(self, socket: QLocalSocket) -> None:
        rest = self._open.pop(socket, b"")
        if rest.strip():  # a launch that closed without a newline
            self._deliver(rest)
        socket.deleteLater()

    def _deliver(self, line: bytes) -> None:
        try:
            message = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            log.warning("ignored an unreadable message from another launch: %r", line[:200])
            return
        if isinstance(message, dict):
            self.message_received.emit({str(k): str(v) for k, v in message.items()})
