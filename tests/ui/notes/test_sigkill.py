"""Never lose a keystroke: the real app in a subprocess types a note into the real
editor, the test kills it with SIGKILL one second after the last keystroke, reopens the
database and finds every character."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from longform_desktop import paths
from longform_desktop.storage.db import open_database
from longform_desktop.storage.notes import NotesRepository

HERE = Path(__file__).resolve().parent
TYPED = "Killed a second later, and still here: keys naïve & safe (v2)."


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_note_survives_sigkill_one_second_after_the_last_keystroke() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, str(HERE / "sigkill_app.py"), TYPED],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = ""
        deadline = time.monotonic() + 120
        while not line.startswith("TYPED") and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
        assert line.startswith("TYPED"), process.stderr.read()
        note_id = line.split()[1]
        time.sleep(1.0)
        assert process.poll() is None  # still running: this is a kill, not an exit
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    db = open_database(paths.database_path())
    try:
        note = NotesRepository(db).get(note_id)
    finally:
        db.close()
    assert note is not None and note.body == TYPED
    assert note.color == "yellow" and note.target.exact == "Retries come from every layer"
