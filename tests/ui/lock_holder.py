"""Another process holding the first-instance lock, for the lock and hand-off tests."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import time
from longform_desktop.ui.instance_lock import InstanceLock
lock = InstanceLock({name!r}, {folder!r})
print(lock.held, flush=True)
time.sleep(120)
"""


def hold_lock(
    name: str, folder: str | None = None, env: dict[str, str] | None = None
) -> subprocess.Popen:
    """A child that takes the lock ``name`` (in ``folder``, else the temp folder) and
    sleeps; returned once it holds it. The caller kills it."""
    child = subprocess.Popen(
        [sys.executable, "-c", CODE.format(name=name, folder=folder)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "True"
    return child
