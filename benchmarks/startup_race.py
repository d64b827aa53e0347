"""Start-up race under one Xvfb: Longform Desktop, a bare PySide6 window, and Zeal (a C++
Qt documentation browser) when it is installed. Prints ONE JSON object.

    .venv/bin/python benchmarks/startup_race.py [--runs 7]

Each launch is timed the same way for all three: wall clock from ``Popen`` until the
process has a visible (mapped) top-level X window, polled with ``xdotool search
--onlyvisible --pid`` every 5 ms. The launches are interleaved (bare, app, Zeal, bare,
app, Zeal...) so a machine that speeds up or slows down affects all three alike. Every
app data, cache and config directory and HOME are temporary. Before the timed runs the
app runs once for 7 s (``settle``), so the index, the database, the default library
folder and a backup exist, as on every launch but the first; then one warm-up launch
each.
The app and the bare window are also timed to their first paint (``*_painted``: Popen to
the ``painted`` line of ``startup_driver.py``, as in ``run.py`` but on this X server); a
mapped window may not have painted yet, and Zeal's paint cannot be seen from outside.

Needs Xvfb and xdotool (Debian: xvfb, xdotool); Zeal (Debian: zeal) is skipped with a
note when absent. Not a test: pytest never collects benchmarks/.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
POLL_S = 0.005
# The smallest PySide6 program with a window: what Python + Qt cost before any app code.
BARE_QT = (
    "import sys; from PySide6.QtWidgets import QApplication, QLabel; "
    "app = QApplication(sys.argv); label = QLabel('Longform Desktop'); label.show(); "
    "app.exec()"
)
TIMEOUT_S = 60.0


def _env(root: Path, display: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LONGFORM_")}
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        HOME=str(root / "home"),
        XDG_CONFIG_HOME=str(root / "home" / ".config"),
        XDG_DATA_HOME=str(root / "home" / ".local" / "share"),
        XDG_CACHE_HOME=str(root / "home" / ".cache"),
        LONGFORM_DATA_DIR=str(root / "data"),
        LONGFORM_CACHE_DIR=str(root / "cache"),
        LONGFORM_CONFIG_DIR=str(root / "config"),
        LONGFORM_CONTENT_DIR=str(REPO / "content"),
        # Zeal renders pages with QtWebEngine, whose sandbox refuses to run as root (CI,
        # containers); it changes nothing for the other two.
        QTWEBENGINE_DISABLE_SANDBOX="1",
        XDG_RUNTIME_DIR=str(root / "runtime"),
    )
    (root / "runtime").mkdir(mode=0o700, parents=True, exist_ok=True)
    (root / "home").mkdir(parents=True, exist_ok=True)
    return env


def _visible(pid: int, env: dict[str, str]) -> bool:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return bool(found.stdout.strip())


# Long enough for what a first session leaves behind: the search index (built from
# 250 ms), the default library folder (made at 1.5 s) and the day's backup (at 5 s).
SETTLE_S = 7.0


def settle(command: list[str], env: dict[str, str], seconds: float = SETTLE_S) -> None:
    """Run the app once as a person would, for ``seconds``, so the timed launches find
    what every launch but the first finds. Launches killed at their first window leave
    no index and no default folder, and a start without them is not the one people
    have (the default folder alone changed what start-up scans)."""
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO
    )
    try:
        time.sleep(seconds)
        if proc.poll() is not None:
            raise RuntimeError(f"{command} exited with {proc.returncode} while settling")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def launch(command: list[str], env: dict[str, str]) -> float:
    """Milliseconds from Popen to a visible window of the process."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO
    )
    try:
        while time.perf_counter() - started < TIMEOUT_S:
            if proc.poll() is not None:
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                raise RuntimeError(f"{command} exited with {proc.returncode}: {err[-2000:]}")
            if _visible(proc.pid, env):
                return (time.perf_counter() - started) * 1000
            time.sleep(POLL_S)
        raise RuntimeError(f"{command} showed no window in {TIMEOUT_S} s")
    finally:
        proc.kill()
        proc.wait()


def launch_painted(command: list[str], env: dict[str, str]) -> float:
    """Milliseconds from Popen to the child's ``painted`` line (startup_driver.py): its
    first paint has been handled, which a mapped window does not yet promise."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line.startswith("painted"):
            err = proc.stderr.read() if proc.stderr else ""
            raise RuntimeError(f"{command} did not paint: {line!r} {err[-2000:]}")
        return (time.perf_counter() - started) * 1000
    finally:
        proc.kill()
        proc.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            print(json.dumps({"skipped": f"{tool} is not installed"}))
            return 0
    zeal = shutil.which("zeal")
    sys.path.insert(0, str(HERE))
    from bytecode import precompile

    compiled = precompile()
    # -displayfd: Xvfb picks a free display and writes its number once it accepts clients
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_fd),
            "-screen",
            "0",
            "1600x1000x24",
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_fd,),
    )
    os.close(write_fd)
    scratch = Path(tempfile.mkdtemp(prefix="longform-race-"))
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        display = ":" + number
        socket_file = Path("/tmp/.X11-unix") / f"X{number}"
        for _ in range(100):  # the socket can appear a moment after the number
            if socket_file.exists():
                break
            time.sleep(0.05)
        time.sleep(0.5)
        env = _env(scratch, display)
        commands = {
            "bare_qt": [sys.executable, "-c", BARE_QT],
            "app": [sys.executable, "-m", "longform_desktop"],
        }
        if zeal:
            commands["zeal"] = [zeal]
        driver = str(HERE / "startup_driver.py")
        painted = {  # the same two, timed to their first paint (Zeal's cannot be seen)
            "bare_qt_painted": [sys.executable, driver, "bare"],
            "app_painted": [sys.executable, driver, "app"],
        }
        settle(commands["app"], env)  # index, database, default folder, backup
        for command in commands.values():  # warm-up: font caches, page cache
            launch(command, env)
        samples: dict[str, list[float]] = {name: [] for name in (*commands, *painted)}
        for _ in range(args.runs):
            for name, command in commands.items():
                samples[name].append(launch(command, env))
            for name, command in painted.items():
                samples[name].append(launch_painted(command, env))
        medians = {name: statistics.median(values) for name, values in samples.items()}
        result: dict[str, object] = {
            f"{name}_ms": round(value, 1) for name, value in medians.items()
        }
        result["app_ratio_to_bare_qt"] = round(medians["app"] / medians["bare_qt"], 2)
        result["app_painted_ratio_to_bare_qt_painted"] = round(
            medians["app_painted"] / medians["bare_qt_painted"], 2
        )
        if zeal:
            result["zeal_ratio_to_bare_qt"] = round(medians["zeal"] / medians["bare_qt"], 2)
            result["app_ahead_of_zeal"] = medians["app"] < medians["zeal"]
        else:
            result["zeal"] = "not installed (Debian package: zeal); skipped"
        result["samples_ms"] = {k: [round(v, 1) for v in vs] for k, vs in samples.items()}
        result.update(compiled)
        result["runs"] = args.runs
        result["method"] = (
            "Popen to first visible X window of the pid, polled every 5 ms; *_painted: Popen "
            "to the 'painted' line startup_driver.py prints after the first paint"
        )
        print(json.dumps(result, indent=2))
        return 0
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
