"""SIGKILL in the middle of note and drawing writes, many times (issue 16).

A child process opens the real database through the app's storage layer and writes in a
loop (new notes, edits of them, new drawings, autosaves of them), printing each id only
after its commit returned. The test kills it with SIGKILL at a random moment, then
checks ``PRAGMA integrity_check`` and that every acknowledged write is there (an edit:
at least as new as the acknowledged one; a later, unacknowledged commit may be newer).
The next child goes on with the same database, so each one also opens a database that
was just killed mid-write (WAL recovery). The approach is that of
tests/ui/notes/test_sigkill.py, without the window, so many kills fit in seconds.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.hardening.report import tally

KILLS = {"notes": 38, "drawings": 36}  # >= 70 in all, ~20-30 s on a shared machine

CHILD = r"""
import random, sys, uuid
from pathlib import Path
from longform_desktop.storage.db import open_database
from longform_desktop.core.notes import new_note
from longform_desktop.storage.notes import NotesRepository
from longform_desktop.core.drawing import dump_drawing, new_drawing
from longform_desktop.storage.drawings import Attempt, DrawingsRepository

path, mode, seed = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
rng = random.Random(seed)
db = open_database(path)
print("READY", flush=True)
i = 0
while True:
    i += 1
    filler = "x" * rng.randrange(10, 30000)  # a long write widens the window for a kill
    if mode == "notes":
        repo = NotesRepository(db)
        note = repo.save(new_note("kill-test", body=f"v0 {filler}"))
        print(f"NOTE {note.id} 0", flush=True)
        for v in range(1, rng.randrange(2, 5)):
            repo.save(note.edited(body=f"v{v} {filler}"))
            print(f"NOTE {note.id} {v}", flush=True)
    else:
        repo = DrawingsRepository(db)
        t = "2026-12-02T00:00:00Z"
        scene = dump_drawing(new_drawing("kill-test", None))
        attempt = Attempt(str(uuid.uuid4()), "kill-test", None, scene, t, t, t,
                          checklist={"filler": filler})
        repo.save(attempt)
        print(f"DRAWING {attempt.id} 0", flush=True)
        for v in range(1, rng.randrange(2, 5)):
            repo.save(attempt.with_changes(duration_s=float(v)))
            print(f"DRAWING {attempt.id} {v}", flush=True)
"""


def _child(
    database: Path, mode: str, seed: int
) -> tuple[subprocess.Popen, list[str], threading.Event]:
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(database), mode, str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in process.stdout:
            if line.startswith("READY"):
                ready.set()
            else:
                lines.append(line.strip())
        ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return process, lines, ready, reader


def _check(database: Path, acked: dict[str, int], mode: str) -> tuple[str, int]:
    """(integrity_check's answer, acknowledged writes missing)."""
    conn = sqlite3.connect(database)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        lost = 0
        for write_id, version in acked.items():
            if mode == "notes":
                row = conn.execute("SELECT body FROM notes WHERE id = ?", [write_id]).fetchone()
                stored = int(row[0].split(" ", 1)[0][1:]) if row else -1
            else:
                row = conn.execute(
                    "SELECT duration_s FROM drawings WHERE id = ?", [write_id]
                ).fetchone()
                stored = int(row[0]) if row else -1
            lost += stored < version
        return integrity, lost
    finally:
        conn.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("mode", sorted(KILLS))
def test_acknowledged_writes_survive_sigkill(tmp_path: Path, mode: str) -> None:
    database = tmp_path / "kill.sqlite3"
    rng = random.Random(f"kill-{mode}")
    acked: dict[str, int] = {}
    failures = total_lost = 0
    max_ms = 0
    for round_no in range(KILLS[mode]):
        process, lines, ready, reader = _child(database, mode, rng.randrange(1 << 30))
        try:
            assert ready.wait(60), process.stderr.read()
            assert process.poll() is None, process.stderr.read()
            time.sleep(rng.uniform(0.0, 0.25))  # at a random point of the write loop
            os.kill(process.pid, signal.SIGKILL)
            assert process.wait(30) == -signal.SIGKILL
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        reader.join(10)  # every line printed before the kill, read to the pipe's end
        process.stdout.close()
        process.stderr.close()
        for line in list(lines):
            _kind, write_id, version = line.split()
            acked[write_id] = max(acked.get(write_id, -1), int(version))
        started = time.monotonic()
        integrity, lost = _check(database, acked, mode)
        max_ms = max(max_ms, round((time.monotonic() - started) * 1000))
        failed = integrity != "ok" or lost > 0
        failures += failed
        total_lost += lost
        tally(
            "writes",
            f"sigkill {mode}",
            tried=1,
            failures=int(failed),
            acknowledged=len(lines),
            lost=lost,
            max_ms=max_ms,
        )
        assert integrity == "ok", f"round {round_no}: {integrity}"
        assert lost == 0, f"round {round_no}: {lost} acknowledged writes missing"
    assert acked  # the children really wrote (and were killed mid-loop)
    assert failures == 0 and total_lost == 0
