"""The start-up preload picks the libraries Qt will load (and only those that exist),
loads them off the GUI thread, and leaves the GUI thread the one Qt takes for its main
thread; it never stops a start, whatever is missing."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from longform_desktop.ui import native_preload
from longform_desktop.ui.native_preload import (
    libraries_to_preload,
    platform_libraries,
    preload,
    qt_library_dir,
    start,
)

XCB = ("libQt6DBus.so.6", "libQt6XcbQpa.so.6")
WAYLAND = ("libQt6WaylandClient.so.6",)
CORE = ["libQt6Core.so.6", "libQt6Gui.so.6", "libQt6Widgets.so.6"]
linux_wheel = pytest.mark.skipif(
    not sys.platform.startswith("linux") or qt_library_dir(sys.path) is None,
    reason="PySide6 is not the Linux wheel here",
)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, XCB),
        ({"QT_QPA_PLATFORM": "wayland"}, WAYLAND),
        ({"QT_QPA_PLATFORM": "wayland-egl", "DISPLAY": ":0"}, WAYLAND),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, WAYLAND),  # Qt tries them in that order
        ({"QT_QPA_PLATFORM": "xcb:nograb"}, XCB),  # platform options after a colon
        ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, ()),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, WAYLAND),
        ({"DISPLAY": ":1"}, XCB),
        ({}, ()),
    ],
)
def test_the_platform_library_is_the_one_qt_will_load(
    environ: dict[str, str], expected: tuple[str, ...]
) -> None:
    assert platform_libraries(environ) == expected


def _fake_pyside(root: Path, libraries: list[str], bindings: list[str] = ()) -> Path:
    """A site-packages folder with PySide's wheel layout: the binding modules and
    ``libpyside6`` in ``PySide6/``, Qt's libraries in ``PySide6/Qt/lib``."""
    package = root / "PySide6"
    (package / "Qt" / "lib").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    for name in libraries:
        (package / "Qt" / "lib" / name).write_bytes(b"")
    for name in bindings:
        (package / name).write_bytes(b"")
    return package / "Qt" / "lib"


def test_only_libraries_that_exist_are_listed_in_load_order(tmp_path: Path) -> None:
    libs = _fake_pyside(tmp_path / "site", ["libQt6Widgets.so.6", "libQt6Core.so.6"])
    listed = libraries_to_preload([str(tmp_path / "empty"), str(tmp_path / "site")], {})
    assert listed == [str(libs / "libQt6Core.so.6"), str(libs / "libQt6Widgets.so.6")]


def test_the_gui_thread_order_is_kept_with_bindings_and_platform(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _fake_pyside(
        site,
        [*CORE, *XCB, *WAYLAND],
        ["QtWidgets.abi3.so", "QtCore.abi3.so", "QtGui.abi3.so", "libpyside6.abi3.so.6.11",
         "libpyside6qml.abi3.so.6.11", "QtNetwork.abi3.so"],
    )  # fmt: skip
    (site / "shiboken6").mkdir()
    (site / "shiboken6" / "__init__.py").write_text("")
    (site / "shiboken6" / "libshiboken6.abi3.so.6.11").write_bytes(b"")
    names = [Path(p).name for p in libraries_to_preload([str(site)], {"DISPLAY": ":0"})]
    assert names == [
        "libQt6Core.so.6",
        "libshiboken6.abi3.so.6.11",
        "libpyside6.abi3.so.6.11",  # not libpyside6qml: nothing here imports QtQml
        "QtCore.abi3.so",
        "libQt6Gui.so.6",
        "QtGui.abi3.so",
        "libQt6Widgets.so.6",
        "QtWidgets.abi3.so",
        *XCB,
    ]
    wayland = [Path(p).name for p in libraries_to_preload([str(site)], {"WAYLAND_DISPLAY": "w"})]
    assert wayland[-1] == "libQt6WaylandClient.so.6" and not set(XCB) & set(wayland)


def test_the_pyside_import_would_find_is_the_one_preloaded(tmp_path: Path) -> None:
    """The first regular package on the path wins, as with PathFinder: a PySide6
    folder without ``__init__.py`` earlier on the path is not it."""
    (tmp_path / "a" / "PySide6" / "Qt" / "lib").mkdir(parents=True)  # no __init__.py
    libs = _fake_pyside(tmp_path / "b", CORE)
    _fake_pyside(tmp_path / "c", CORE)
    listed = libraries_to_preload([str(tmp_path / d) for d in "abc"], {})
    assert listed == [str(libs / name) for name in CORE]


def test_a_pyside_not_laid_out_like_the_wheel_preloads_nothing(tmp_path: Path) -> None:
    package = tmp_path / "PySide6"
    package.mkdir()
    (package / "__init__.py").write_text("")  # a distribution's PySide: Qt lives elsewhere
    assert qt_library_dir([str(tmp_path)]) is None
    assert libraries_to_preload([str(tmp_path)], {"DISPLAY": ":0"}) == []
    assert libraries_to_preload([str(tmp_path / "nowhere")], {}) == []


def test_start_runs_the_work_on_a_daemon_thread(tmp_path: Path) -> None:
    libs = _fake_pyside(tmp_path, CORE)
    seen: list[tuple[str, list[str]]] = []

    def work(libraries: list[str]) -> None:
        seen.append((threading.current_thread().name, list(libraries)))

    thread = start(platform="linux", environ={}, path=[str(tmp_path)], work=work)
    assert thread is not None and thread.daemon
    thread.join(10)
    assert seen == [("native-preload", [str(libs / name) for name in CORE])]
    assert seen[0][0] != threading.main_thread().name


@pytest.mark.parametrize(
    ("platform", "environ"),
    [("win32", {}), ("darwin", {}), ("linux", {native_preload.DISABLE_ENV: "1"})],
)
def test_start_does_nothing_off_linux_or_when_turned_off(
    tmp_path: Path, platform: str, environ: dict[str, str]
) -> None:
    _fake_pyside(tmp_path, CORE)

    def work(libraries: list[str]) -> None:
        raise AssertionError("must not run")

    assert start(platform=platform, environ=environ, path=[str(tmp_path)], work=work) is None


def test_a_library_that_does_not_load_ends_the_preload_quietly(tmp_path: Path) -> None:
    broken = tmp_path / "libQt6Core.so.6"
    broken.write_bytes(b"not an ELF file")
    after = tmp_path / "libQt6Gui.so.6"
    after.write_bytes(b"")
    assert preload([str(broken), str(after)], fontconfig="libno-such-fontconfig.so.1") == []


@linux_wheel
def test_the_preload_loads_qt_in_another_thread_and_qt_keeps_the_gui_thread_as_main() -> None:
    """A real start in a child: the preload thread maps QtWidgets (which nothing else
    has imported) and initialises fontconfig; then the QApplication, made on the main
    thread, is Qt's main thread, with no warning about it."""
    code = textwrap.dedent(
        """
        import os, sys, threading
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from longform_desktop.ui import native_preload
        results = []
        work = lambda libs: results.append(native_preload.preload(libs))
        thread = native_preload.start(work=work)
        thread.join(30)
        maps = open("/proc/self/maps").read()
        assert "PySide6" not in sys.modules, "the preload must not import PySide"
        assert "libQt6Widgets.so.6" in maps, "QtWidgets was not mapped"
        print("done", results[0])
        from PySide6.QtCore import QCoreApplication, QThread
        from PySide6.QtWidgets import QApplication, QLabel
        app = QApplication([])
        label = QLabel("x")
        label.show()
        app.processEvents()
        assert QCoreApplication.instance().thread() is QThread.currentThread()
        assert label.thread() is QThread.currentThread()
        print("main thread ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "main thread ok" in result.stdout
    done_line = next(line for line in result.stdout.splitlines() if line.startswith("done"))
    for name in CORE:
        assert name in done_line
    assert "main() thread" not in result.stderr and "main thread" not in result.stderr


@linux_wheel
def test_the_launch_starts_the_preload_before_pyside() -> None:
    code = textwrap.dedent(
        """
        import os, threading
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from longform_desktop.launch import prepare
        prepare()
        for thread in threading.enumerate():
            if thread.name == "native-preload":
                thread.join(30)
        # prepare() imports QtCore only: a mapped QtWidgets is the preload's doing
        print("libQt6Widgets.so.6" in open("/proc/self/maps").read())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True"]
