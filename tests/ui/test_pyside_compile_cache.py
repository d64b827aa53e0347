"""The compile cache replays exactly what compiling would have produced (equal code
objects, equal ``re.Pattern``s that match alike), ignores a damaged or foreign file,
never leaves ``compile`` or ``re`` patched, and makes a real PySide import replay
everything on the second start with PySide still whole (signatures, argument errors)."""

from __future__ import annotations

import builtins
import json
import marshal
import re
import subprocess
import sys
import textwrap
import uuid
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from longform_desktop.ui import pyside_compile_cache as cache
from longform_desktop.ui.pyside_compile_cache import Recorded, load, replaying, save

PATTERNS = [
    (r"(?P<word>\w+)\s*=\s*(?P<value>[^,;]+)", 0),
    (
        r"""
        \b (typing\.Optional | typing\.Union) \s* (?= \[ )
        ( \[ (?: [^\[\]] | \[ [^\[\]]* \] )* \] )
     """,
        re.VERBOSE,
    ),
    (r"^(?:caf\u00e9|na\u00efve)+$", re.IGNORECASE | re.MULTILINE),
    (r"(a|b)*?c{2,5}(?!d)(?<=c)", re.DOTALL),
    (r"[\u0900-\u097f]+|[^\W\d_]+", 0),
    (r"(\d+)-\1", re.ASCII),
]
SAMPLES = [
    "x = 1, y=two; z",
    "typing.Optional[list[int]]",
    "CAFÉ\nnaïve",
    "ababcccx",
    "हिन्दी words_1",
    "12-12 3-4",
    "",
]


def _unique(pattern: str) -> str:
    # re keeps its own in-process cache by pattern text; a fresh text bypasses it
    return f"(?#{uuid.uuid4().hex}){pattern}"


def test_replayed_patterns_equal_compiled_ones_and_match_alike() -> None:
    patterns = [(_unique(p), f) for p, f in PATTERNS]
    with replaying(Recorded()) as first:
        compiled = [re.compile(p, f) for p, f in patterns]
    assert first.compiled == len(patterns) and first.replayed == 0
    assert set(first.used_regexes) == set(patterns)

    re.purge()  # as in a new process
    with replaying(Recorded(first.used_codes, first.used_regexes)) as second:
        replayed = [re.compile(p, f) for p, f in patterns]
    assert second.replayed == len(patterns) and second.compiled == 0
    for fresh, again in zip(compiled, replayed, strict=True):
        assert again == fresh  # same text, flags and opcodes
        assert again.groupindex == fresh.groupindex and again.groups == fresh.groups
        for text in SAMPLES:
            a, b = fresh.search(text), again.search(text)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


@pytest.mark.filterwarnings("ignore::FutureWarning")  # "[[": re warns of nested sets
@settings(max_examples=60, deadline=None)
@given(st.from_regex(r"[a-c()|*+?.\[\]^$\\dw]{0,12}", fullmatch=True), st.text(max_size=20))
def test_any_pattern_replays_to_the_same_pattern(pattern: str, text: str) -> None:
    try:
        fresh = re.compile(_unique(pattern))
    except re.error:
        return  # not a pattern; the replay never sees what re refuses
    re.purge()
    with replaying(Recorded()) as first:
        re.compile(fresh.pattern)
    re.purge()
    with replaying(Recorded(regexes=first.used_regexes)) as second:
        again = re.compile(fresh.pattern)
    assert second.replayed == 1 and again == fresh
    a, b = fresh.search(text), again.search(text)
    assert (a and a.span()) == (b and b.span())


def test_replayed_code_is_the_compiled_code() -> None:
    source = f"X = {uuid.uuid4().int}\ndef f(a):\n    return a * X\n".encode()
    with replaying(Recorded()) as first:
        code = compile(source, "support/mod.py", "exec")
    assert first.compiled == 1
    with replaying(Recorded(first.used_codes)) as second:
        again = compile(source, "support/mod.py", "exec")
        changed = compile(source + b"Y = 1\n", "support/mod.py", "exec")
    assert again == code and second.replayed == 1
    assert second.compiled == 1 and changed != code  # a changed source compiles again
    namespace: dict[str, object] = {}
    exec(again, namespace)
    assert namespace["f"](2) == 2 * namespace["X"]  # type: ignore[operator]


def test_compiles_it_does_not_own_pass_through_and_nothing_stays_patched() -> None:
    real_compile, real_re = builtins.compile, re._compiler.compile  # type: ignore[attr-defined]
    recorded = Recorded()

    def failing_import() -> None:
        with replaying(recorded):
            assert compile("1 + 1", "<expr>", "eval") is not None  # not "exec"
            compile(b"a = 1", "<mod>", "exec", dont_inherit=True)  # flags: not recorded
            re.compile(_unique("x"), re.DEBUG)  # prints; never recorded
            raise RuntimeError("the import failed")

    with pytest.raises(RuntimeError):
        failing_import()
    assert recorded.used_codes == {} and recorded.used_regexes == {}
    assert builtins.compile is real_compile
    assert re._compiler.compile is real_re  # type: ignore[attr-defined]
    assert re._compiler._sre is __import__("_sre")  # type: ignore[attr-defined]


def test_a_saved_record_loads_back_and_a_damaged_one_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "sub" / cache.FILE_NAME
    with replaying(Recorded()) as recorded:
        re.compile(_unique("a+b"))
        compile(b"a = 1\n", "m.py", "exec")
    save(path, recorded)
    loaded = load(path)
    assert loaded.regexes == recorded.used_regexes and loaded.codes == recorded.used_codes
    assert not list(path.parent.glob("*.tmp"))

    data = path.read_bytes()
    for damaged in (data[:-7], data[:3], data[:10] + bytes([data[10] ^ 0xFF]) + data[11:]):
        path.write_bytes(damaged)
        assert load(path).codes == {} and load(path).regexes == {}
    assert load(tmp_path / "missing.bin").codes == {}
    odd = marshal.dumps((7, {}, {}))  # a sound file whose header is no tuple
    path.write_bytes(zlib.crc32(odd).to_bytes(4, "little") + odd)
    assert load(path).codes == {}


def test_a_record_from_another_python_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / cache.FILE_NAME
    with replaying(Recorded()) as recorded:
        re.compile(_unique("c+"))
    save(path, recorded)
    monkeypatch.setattr(cache, "_header", lambda: (1, "another Python", "cpython-399", 0))
    assert load(path).regexes == {}


def test_an_unwritable_cache_folder_loses_only_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with replaying(Recorded()) as recorded:
        re.compile(_unique("d+"))
    save(blocker / cache.FILE_NAME, recorded)  # no exception
    assert blocker.read_text(encoding="utf-8") == "not a folder"


CHILD = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from longform_desktop.ui.pyside_compile_cache import import_qtcore
    status = import_qtcore(Path(sys.argv[1]))
    from PySide6.QtCore import QObject
    o = QObject()
    o.setObjectName("whole")
    try:
        o.setObjectName(5)  # the message lists the signatures PySide parsed
    except TypeError as exc:
        error = str(exc)
    from shibokensupport.signature import get_signature
    signature = str(get_signature(QObject.setObjectName))
    print(json.dumps([status, o.objectName(), error, signature]))
    """
)


def _child(path: Path) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_pyside_imports_whole_from_a_recorded_start(tmp_path: Path) -> None:
    path = tmp_path / cache.FILE_NAME
    first = _child(path)
    assert first[0].startswith("recorded ") and path.exists()
    second = _child(path)
    assert second[0].startswith("replayed ")
    assert int(second[0].split()[1]) >= 10  # PySide's modules and patterns, all replayed
    assert second[1:] == first[1:]  # the same object name, argument error and signature
    assert second[1] == "whole" and "setObjectName" in second[2]
    assert second[3] == "(self, name: str, /) -> None"


def test_the_launch_keeps_the_record_in_the_apps_cache_folder(private_dirs: Path) -> None:
    # conftest points LONGFORM_CACHE_DIR at this test's folder; the child inherits it
    code = "from longform_desktop.launch import prepare; prepare()"
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
        assert out.returncode == 0, out.stderr[-2000:]
    assert load(private_dirs / "cache" / cache.FILE_NAME).codes  # recorded, then read back
