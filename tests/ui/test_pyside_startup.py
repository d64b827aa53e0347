"""The app skips PySide's per-module source scan, and PySide still behaves the same:
plain modules get the default, and a module that selects a ``__feature__`` still gets
it. Run in a child process: the change is for the whole interpreter."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

PLAIN = """
from PySide6.QtCore import QObject
o = QObject()
o.setObjectName("plain")
NAME = o.objectName()
"""

SNAKE = """
from PySide6.QtCore import QObject
from __feature__ import snake_case  # noqa: F401
o = QObject()
o.set_object_name("snake")
NAME = o.object_name()
"""

CHECK = textwrap.dedent(
    """
    import inspect
    from longform_desktop.launch import prepare
    prepare()
    def refuse(*args, **kwargs):
        raise AssertionError("PySide read a module's source")
    inspect.getsource = refuse  # the scan the app skips would call this
    import plain_module, snake_module
    from shibokensupport import feature
    from PySide6.QtCore import QObject
    print(plain_module.NAME, snake_module.NAME,
          feature.pyside_feature_dict["plain_module"],
          hasattr(QObject(), "setObjectName"))
    """
)


def test_modules_load_without_a_source_scan_and_features_still_work(tmp_path: Path) -> None:
    (tmp_path / "plain_module.py").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "snake_module.py").write_text(SNAKE, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    # 0: "uses PySide, no feature", the default; this module's own code is not snake_case.
    assert out.stdout.split() == ["plain", "snake", "0", "True"]
