"""What PySide compiles on every start, kept from one start to the next.

``import PySide6.QtCore`` runs shiboken's support package (``shibokensupport``: type
signatures, the ``__feature__`` hook, the ``.pyi`` generator) from a zip embedded in
the shiboken library. Its importer ``compile()``s each module's source on every start,
without a ``.pyc``, and the modules build about 16 regular expressions at import, three
of them large "brace tower" patterns. Together that is about 40 % of the whole PySide
import: 45–60 ms of ~120–170 ms on the 2-core machine of issue 13, before the first
window can exist, and a bare PySide6 window pays it too.

So the app records both, once, in one file of its cache folder, and replays them on
later starts:

- a code object for each source ``compile()``d in ``exec`` mode during the import, keyed
  by file name, CRC-32 and length of the source;
- for each regular expression compiled from a ``str``, the arguments ``re`` finally
  passes to ``_sre.compile`` (the compiled opcode list); replaying calls ``_sre.compile``
  with them, which skips ``re``'s pure-Python parser and compiler and still returns an
  ordinary ``re.Pattern`` (``_sre.compile`` validates the opcodes it is given).

The file holds the Python version and the regex engine's magic number, and a CRC-32 of
its contents: a file from another Python, or a damaged one, is ignored and rewritten.
Nothing is patched outside the ``with`` block, which covers the PySide import only,
before the app has any other thread. Any failure of the cache itself leaves PySide to
import the usual way.
"""

from __future__ import annotations

import builtins
import logging
import marshal
import os
import re
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FILE_NAME = "pyside-compiled.bin"
_FORMAT = 1

Codes = dict[str, Any]  # "file:crc:length" -> code object
Regexes = dict[tuple[str, int], tuple[Any, ...]]  # (pattern, flags) -> _sre.compile args


def _header() -> tuple[Any, ...]:
    import _sre

    return (_FORMAT, sys.version, sys.implementation.cache_tag, _sre.MAGIC)


class Recorded:
    """What one import compiled: replayed from ``codes`` and ``regexes``, and what it
    actually used collected in ``used_codes`` and ``used_regexes``."""

    def __init__(self, codes: Codes | None = None, regexes: Regexes | None = None) -> None:
        self.codes: Codes = codes or {}
        self.regexes: Regexes = regexes or {}
        self.used_codes: Codes = {}
        self.used_regexes: Regexes = {}
        self.replayed = 0  # compiles answered from the record
        self.compiled = 0  # compiles that had to run

    def changed(self) -> bool:
        """Whether the file would differ from what was loaded."""
        return (
            self.used_codes.keys() != self.codes.keys()
            or self.used_regexes.keys() != self.regexes.keys()
        )


def load(path: Path) -> Recorded:
    """The record in ``path``; an empty one if it is missing, damaged or from another
    Python."""
    try:
        data = path.read_bytes()
    except OSError:
        return Recorded()
    payload = data[4:]
    if len(data) < 4 or zlib.crc32(payload) != int.from_bytes(data[:4], "little"):
        log.info("compile cache %s is damaged; it will be rewritten", path)
        return Recorded()
    try:
        header, codes, regexes = marshal.loads(payload)
        foreign = tuple(header) != _header()  # a header that is no tuple raises too
    except (EOFError, ValueError, TypeError):
        log.info("compile cache %s cannot be read; it will be rewritten", path)
        return Recorded()
    if foreign or not isinstance(codes, dict):
        return Recorded()  # another Python or another format: start again
    return Recorded(codes, regexes if isinstance(regexes, dict) else {})


def save(path: Path, recorded: Recorded) -> None:
    """Write what was used, atomically (a half-written file is never read back)."""
    payload = marshal.dumps((_header(), recorded.used_codes, recorded.used_regexes))
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(zlib.crc32(payload).to_bytes(4, "little") + payload)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only cache only costs the next start its time
        log.info("cannot write the compile cache %s: %s", path, exc)
        with suppress(OSError):  # e.g. its folder is a file: there is no tmp either
            tmp.unlink(missing_ok=True)


@contextmanager
def replaying(recorded: Recorded) -> Iterator[Recorded]:
    """Answer ``compile(source, filename, "exec")`` and ``re`` compiles from
    ``recorded`` inside the block, recording the ones it cannot answer."""
    import _sre

    compiler: Any = getattr(re, "_compiler", None)
    real_compile = builtins.compile
    real_re_compile: Any = getattr(compiler, "compile", None)
    real_sre: Any = getattr(compiler, "_sre", None)

    def compile_(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs or mode != "exec" or not isinstance(source, bytes | str):
            return real_compile(source, filename, mode, *args, **kwargs)
        data = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source
        key = f"{filename}:{zlib.crc32(data)}:{len(data)}"
        code = recorded.codes.get(key)
        if code is None:
            code = real_compile(source, filename, mode)
            recorded.compiled += 1
        else:
            recorded.replayed += 1
        recorded.used_codes[key] = code
        return code

    class _Capture:
        """Stands in for ``_sre`` inside ``re._compiler`` while one pattern compiles,
        to see the arguments of its final ``_sre.compile`` call."""

        args: tuple[Any, ...] | None = None

        def __getattr__(self, name: str) -> Any:
            return getattr(real_sre, name)

        def compile(self, *args: Any) -> Any:
            pattern, flags, code, groups, groupindex, indexgroup = args
            # plain ints: the opcodes are int subclasses, which marshal refuses
            self.args = (
                pattern,
                int(flags),
                [int(op) for op in code],
                int(groups),
                dict(groupindex),
                tuple(indexgroup),
            )
            return real_sre.compile(*args)

    def re_compile(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, str) or type(flags) is not int or flags & re.DEBUG:
            return real_re_compile(p, flags)
        key = (p, flags)
        args = recorded.regexes.get(key)
        if args is not None:
            try:
                pattern = _sre.compile(*args)
            except (TypeError, ValueError, RuntimeError):
                pass  # not this engine's opcodes after all: compile it again
            else:
                recorded.used_regexes[key] = args
                recorded.replayed += 1
                return pattern
        capture = _Capture()
        compiler._sre = capture
        try:
            pattern = real_re_compile(p, flags)
        finally:
            compiler._sre = real_sre
        recorded.compiled += 1
        if capture.args is not None:
            recorded.used_regexes[key] = capture.args
        return pattern

    patch_re = real_re_compile is not None and real_sre is not None  # CPython's re, 3.11+
    builtins.compile = compile_
    if patch_re:
        compiler.compile = re_compile
    try:
        yield recorded
    finally:
        builtins.compile = real_compile
        if patch_re:
            compiler.compile = real_re_compile


def import_qtcore(cache_file: Path) -> str:
    """``import PySide6.QtCore`` with the compile cache in ``cache_file``; returns what
    happened ("replayed N", "recorded N, replayed M"), which the tests check."""
    if "PySide6.QtCore" in sys.modules:
        return "already imported"
    recorded = load(cache_file)
    with replaying(recorded):
        import PySide6.QtCore  # noqa: F401
    if not recorded.changed():
        return f"replayed {recorded.replayed}"
    save(cache_file, recorded)
    return f"recorded {recorded.compiled}, replayed {recorded.replayed}"
