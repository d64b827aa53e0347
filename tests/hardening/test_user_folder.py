"""The user's folder under every fault we could think of (issue 16): each hostile entry
sits next to a good file; the scan must finish, show the good file, and report the bad
one with its file and a reason (or, where that is the documented rule, show it).

Every case is tallied as tried/failed with the slowest scan in ms (a figure, never an
assertion); limits are enforced by the product (5 MB, 5,000 files, 64 levels, 2 s a
file), and these tests check that they hold.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from longform_desktop.cli import main
from longform_desktop.core import safe_read, user_files
from longform_desktop.core.catalog import Problem
from longform_desktop.core.user_files import MAX_FILE_BYTES, read_text
from longform_desktop.core.user_library import (
    MAX_DEPTH,
    MAX_FILES,
    LibraryScan,
    scan_library,
)
from tests.hardening.report import tally

AREA = "userfolder"
GOOD = "# Good note\n\nStill here, still readable.\n"


def _folder(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    root.mkdir()
    (root / "good.md").write_text(GOOD, "utf-8")
    return root


def _scan(root: Path, **kwargs) -> tuple[LibraryScan, float]:
    started = time.perf_counter()
    scan = scan_library(root, **kwargs)
    return scan, (time.perf_counter() - started) * 1000


def _good_shown(scan: LibraryScan) -> bool:
    return any(a.slug == "good" and a.title == "Good note" for a in scan.articles)


def _reported(scan: LibraryScan, path: Path, *words: str) -> bool:
    """A problem names ``path`` and says why (every word in its message)."""
    return any(
        p.path == str(path) and all(w in p.message for w in words) and p in scan.skipped
        for p in scan.problems
    )


def _run_case(
    tmp_path: Path, case: str, make: Callable[[Path], Path], *words: str, tries: int = 1
) -> None:
    """``make(root)`` adds the hostile entry and returns its path; ``tries`` scans
    (each of a fresh folder), every one tallied."""
    failures, worst = 0, 0.0
    for attempt in range(tries):
        root = _folder(tmp_path, f"{case.replace('/', '-')}-{attempt}")
        bad = make(root)
        scan, ms = _scan(root)
        worst = max(worst, ms)
        ok = _good_shown(scan) and _reported(scan, bad, *words)
        failures += not ok
        tally(AREA, case, tried=1, failures=int(not ok), max_ms=round(ms, 1))
        assert ok, (case, [str(p) for p in scan.problems])


# --- size, bytes and encodings -------------------------------------------------------------
def test_a_6_mb_file_is_skipped_with_its_size(tmp_path: Path) -> None:
    def make(root: Path) -> Path:
        path = root / "export.md"
        path.write_bytes(b"a log line\n" * (6 * 1024 * 1024 // 11))
        return path

    _run_case(tmp_path, "huge-6MB", make, "MB", "not read")


def test_a_file_that_grows_past_the_cap_while_read_is_refused(tmp_path, monkeypatch) -> None:
    path = tmp_path / "growing.md"
    path.write_bytes(b"x" * 1000)
    real_fstat = os.fstat

    def small_fstat(fd: int):  # the size said at open is small; the bytes keep coming
        info = real_fstat(fd)
        return os.stat_result((*info[:6], 10, *info[7:]))

    path.write_bytes(b"y\n" * (MAX_FILE_BYTES // 2 + 10))
    monkeypatch.setattr(safe_read.os, "fstat", small_fstat)
    problems: list[Problem] = []
    ok = read_text(path, problems) is None and "not read" in problems[0].message
    tally(AREA, "grows-past-cap-while-read", tried=1, failures=int(not ok))
    assert ok, problems


def test_binary_files_are_skipped_with_the_line_of_the_first_nul(tmp_path: Path) -> None:
    rng = random.Random(16)
    for n in range(20):
        blob = bytes(rng.randrange(256) for _ in range(2000)) + b"\0"

        def make(root: Path, blob: bytes = blob) -> Path:
            path = root / "image.md"
            path.write_bytes(blob)
            return path

        root = _folder(tmp_path, f"binary-{n}")
        bad = make(root)
        scan, ms = _scan(root)
        # Random bytes fail as "not a text file" (a NUL) or "not UTF-8" (bad bytes first).
        ok = _good_shown(scan) and (
            _reported(scan, bad, "NUL") or _reported(scan, bad, "not UTF-8")
        )
        tally(AREA, "binary-random-bytes", tried=1, failures=int(not ok), max_ms=round(ms, 1))
        assert ok, [str(p) for p in scan.problems]


INVALID_UTF8 = {
    "latin-1": "# Café crème\n".encode("latin-1"),
    "lone-continuation": b"# Title\n\nbad \x80 byte\n",
    "truncated-sequence": b"# Title\n\nends mid-character \xe2\x82",
    "overlong-slash": b"# Title\n\n\xc0\xaf\n",
    "encoded-surrogate": b"# Title\n\n\xed\xa0\x80\n",
    "utf-16-with-bom": "# Title\n".encode("utf-16"),
    "cp1252-quotes": b"# \x93Quoted\x94\n",
}


@pytest.mark.parametrize("kind", sorted(INVALID_UTF8))
def test_invalid_utf8_is_skipped_with_line_and_byte(tmp_path: Path, kind: str) -> None:
    data = INVALID_UTF8[kind]

    def make(root: Path) -> Path:
        path = root / f"{kind}.md"
        path.write_bytes(data)
        return path

    # UTF-16 holds NUL bytes: reported as not text; the others as not UTF-8, with the byte.
    words = ("NUL",) if kind == "utf-16-with-bom" else ("not UTF-8", "byte 0x")
    _run_case(tmp_path, f"invalid-utf8/{kind}", make, *words)


def test_empty_files_are_listed_unwritten_and_are_no_problem(tmp_path: Path) -> None:
    root = _folder(tmp_path, "empties")
    for n in range(50):
        (root / f"empty-{n:02}.md").write_bytes(b"" if n % 2 else b"\n\n  \n")
    scan, ms = _scan(root)
    empties = [a for a in scan.articles if a.slug.startswith("empty-")]
    ok = _good_shown(scan) and len(empties) == 50 and not any(a.is_written for a in empties)
    ok = ok and not scan.problems
    tally(AREA, "zero-byte-and-blank", tried=50, failures=0 if ok else 50, max_ms=round(ms, 1))
    assert ok


# --- what is not a regular file --------------------------------------------------------------
def test_a_fifo_is_never_opened_for_reading(tmp_path: Path) -> None:
    def make(root: Path) -> Path:
        path = root / "pipe.md"
        os.mkfifo(path)
        return path

    _run_case(tmp_path, "fifo", make, "named pipe")
    # And one that appears between the walk and the read (opened without blocking).
    fifo = tmp_path / "late.md"
    os.mkfifo(fifo)
    problems: list[Problem] = []
    started = time.perf_counter()
    ok = read_text(fifo, problems) is None and "named pipe" in problems[0].message
    tally(AREA, "fifo-at-read-time", tried=1, failures=int(not ok),
          max_ms=round((time.perf_counter() - started) * 1000, 1))  # fmt: skip
    assert ok


def test_a_link_to_dev_zero_is_refused(tmp_path: Path) -> None:
    def make(root: Path) -> Path:
        path = root / "zero.md"
        path.symlink_to("/dev/zero")
        return path

    _run_case(tmp_path, "symlink-to-dev-zero", make, "character device")


def test_symlink_loops_end(tmp_path: Path) -> None:
    def file_loop(root: Path) -> Path:
        (root / "a.md").symlink_to(root / "b.md")
        (root / "b.md").symlink_to(root / "a.md")
        return root / "a.md"

    _run_case(tmp_path, "symlink-loop-file", file_loop, "cannot read file")

    # Folder loops (to itself, to the root, two folders into each other): walked once.
    root = _folder(tmp_path, "folder-loops")
    (root / "x").mkdir()
    (root / "x" / "inner.md").write_text("# Inner\n\nOnce.\n", "utf-8")
    (root / "x" / "self").symlink_to(root / "x")
    (root / "x" / "up").symlink_to(root)
    (root / "y").mkdir()
    (root / "y" / "to-x").symlink_to(root / "x")
    (root / "x" / "to-y").symlink_to(root / "y")
    scan, ms = _scan(root)
    inner = [a for a in scan.articles if a.title == "Inner"]
    ok = _good_shown(scan) and len(inner) == 1 and len(scan.articles) == 2
    tally(AREA, "symlink-loop-folders", tried=4, failures=0 if ok else 4, max_ms=round(ms, 1))
    assert ok, [a.path for a in scan.articles]


def test_a_dangling_link_is_reported(tmp_path: Path) -> None:
    def make(root: Path) -> Path:
        path = root / "gone.md"
        path.symlink_to(root / "nowhere.md")
        return path

    _run_case(tmp_path, "dangling-symlink", make, "cannot read file", "No such file")


def test_links_that_leave_the_folder_are_followed(tmp_path: Path) -> None:
    """The documented rule: the user's folder may gather their notes from elsewhere by
    links (a file or a folder); they are read like the rest, under every other limit."""
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "sub").mkdir(parents=True)
    (elsewhere / "shared.md").write_text("# Shared note\n\nKept elsewhere.\n", "utf-8")
    (elsewhere / "sub" / "deep.md").write_text("# Deep shared\n\nAlso.\n", "utf-8")
    root = _folder(tmp_path, "links-out")
    (root / "shared.md").symlink_to(elsewhere / "shared.md")
    (root / "linked-folder").symlink_to(elsewhere / "sub")
    scan, ms = _scan(root)
    titles = {a.title for a in scan.articles}
    ok = _good_shown(scan) and {"Shared note", "Deep shared"} <= titles
    tally(AREA, "symlinks-leaving-the-folder", tried=2, failures=0 if ok else 2,
          max_ms=round(ms, 1))  # fmt: skip
    assert ok, titles


# --- size of the tree ---------------------------------------------------------------------
def test_more_than_5000_files_reads_5000_and_says_so(tmp_path: Path) -> None:
    root = _folder(tmp_path, "many")
    total = MAX_FILES + 50
    for n in range(total):
        folder = root / f"d{n // 500:02}"
        if n % 500 == 0:
            folder.mkdir()
        (folder / f"n{n:05}.md").write_text(f"# Note {n}\n\nText {n}.\n", "utf-8")
    scan, ms = _scan(root, cache_file=tmp_path / "cache.json")
    again, cached_ms = _scan(root, cache_file=tmp_path / "cache.json")
    ok = (
        len(scan.articles) == MAX_FILES
        and _good_shown(scan)
        and _reported(scan, root, f"more than {MAX_FILES}")
        and len(again.articles) == MAX_FILES
    )
    tally(AREA, "5000+-files", tried=total + 1, failures=int(not ok), max_ms=round(ms, 1),
          max_cached_ms=round(cached_ms, 1))  # fmt: skip
    assert ok


def test_deep_nesting_stops_at_the_depth_limit_without_recursion(tmp_path: Path) -> None:
    root = _folder(tmp_path, "deep")
    current = root
    for level in range(1, MAX_DEPTH + 40):
        current = current / "d"
        current.mkdir()
        if level in (10, MAX_DEPTH):
            (current / f"at-{level}.md").write_text(f"# Level {level}\n\nDeep.\n", "utf-8")
    (current / "too-deep.md").write_text("# Too deep\n", "utf-8")
    scan, ms = _scan(root)
    titles = {a.title for a in scan.articles}
    ok = (
        _good_shown(scan)
        and {"Level 10", f"Level {MAX_DEPTH}"} <= titles
        and "Too deep" not in titles
        and any("levels deep" in p.message for p in scan.skipped)
    )
    tally(AREA, "deep-nesting", tried=MAX_DEPTH + 39, failures=int(not ok), max_ms=round(ms, 1))
    assert ok, [str(p) for p in scan.problems]


# --- permissions ----------------------------------------------------------------------------
def test_an_unreadable_file_and_folder_are_reported(tmp_path: Path, monkeypatch) -> None:
    root = _folder(tmp_path, "unreadable")
    secret = root / "secret.md"
    secret.write_text("# Secret\n", "utf-8")
    locked = root / "locked"
    locked.mkdir()
    (locked / "inside.md").write_text("# Inside\n", "utf-8")
    if os.geteuid() != 0:  # root reads everything: chmod 000 means nothing to it
        secret.chmod(0)
        locked.chmod(0)
    else:
        real_open, real_scandir = os.open, os.scandir

        def refusing_open(path, *args, **kwargs):
            if Path(path) == secret:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        def refusing_scandir(path="."):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(safe_read.os, "open", refusing_open)
        monkeypatch.setattr("longform_desktop.core.user_library.os.scandir", refusing_scandir)
    try:
        scan, ms = _scan(root)
    finally:
        secret.chmod(0o644)
        locked.chmod(0o755)
    ok = (
        _good_shown(scan)
        and _reported(scan, secret, "Permission denied")
        and _reported(scan, locked, "cannot read folder", "Permission denied")
    )
    tally(AREA, "unreadable-file-and-folder", tried=2, failures=0 if ok else 2,
          max_ms=round(ms, 1), simulated=int(os.geteuid() == 0))  # fmt: skip
    assert ok, [str(p) for p in scan.problems]


# --- names ------------------------------------------------------------------------------
NAMES = [
    "line\nbreak.md",
    "tab\tin name.md",
    "🚀🔥 launch.md",
    "שלום עולם.md",  # Hebrew, right to left
    "مرحبا.md",  # Arabic
    "\u202eevil\u202c.md",  # a right-to-left override
    "e\u0301clair.md",  # a combining accent (NFD)
    "éclair.md",  # the same word composed (NFC)
    "zero\u200bwidth.md",
    "-starts-with-dash.md",
    " leading space.md",
    "trailing space .md",
    "a" * 240 + ".md",
    "CON.md",
    "back\\slash.md",
    "quote\"s and 'apostrophes'.md",
    "semi;colon & amp.md",
    "%20encoded%2F.md",
]


def test_names_with_newlines_emoji_and_rtl(tmp_path: Path, capsys) -> None:
    root = _folder(tmp_path, "names")
    for name in NAMES:
        (root / name).write_text(f"# Named {len(name)}\n\nBody.\n", "utf-8")
    scan, ms = _scan(root)
    slugs = [a.slug for a in scan.articles]
    shown = {a.path.name for a in scan.articles}
    failures = sum(name not in shown for name in NAMES)
    failures += len(slugs) != len(set(slugs))
    failures += not all(s.isascii() and s and "\n" not in s for s in slugs)
    failures += bool(scan.problems) or not _good_shown(scan)
    # The CLI prints every one, each on one line of JSON.
    os.environ["LONGFORM_USER_CONTENT_DIR"] = str(root)
    try:
        code = main(["catalog", "--json"])
    finally:
        del os.environ["LONGFORM_USER_CONTENT_DIR"]
    failures += code != 0 or "Named" not in capsys.readouterr().out
    tally(AREA, "odd-file-names", tried=len(NAMES), failures=failures, max_ms=round(ms, 1))
    assert failures == 0, sorted(shown ^ set(NAMES))


# --- hostile contents -------------------------------------------------------------------
HOSTILE = {
    "alias-bomb-title": "---\n"
    + "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "title: *i\n---\n# Fallback title\n\nBody.\n",
    "deep-yaml-nesting": "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\nBody.\n",
    "huge-front-matter": "---\n" + "".join(f"k{n}: {n}\n" for n in range(20000)) + "---\nBody.\n",
    "2MB-title": "---\ntitle: " + "t" * (2 * 1024 * 1024) + "\n---\nBody.\n",
    "section-as-mapping": "---\nsection: {a: 1}\ntitle: [1, 2]\ntopic: {x: [1]}\n---\nBody.\n",
    "20000-headings": "".join(f"## Heading {n}\n\ntext\n\n" for n in range(20000)),
    "2000-deep-list": "".join("  " * n + "- item\n" for n in range(2000)),
    "30000-unclosed-fences": "```diagram\nid: x\n" * 30000,
    "unclosed-brackets-line": "[" * 200_000 + "\n\n" + "<a" * 200_000 + "\n",
    "one-4MB-line": "word " * (4 * 1024 * 1024 // 5),
    "nul-free-control-chars": "".join(chr(c) for c in range(1, 32)) * 1000,
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_contents_are_read_within_the_budget(tmp_path: Path, kind: str) -> None:
    root = _folder(tmp_path, kind)
    bad = root / f"{kind}.md"
    bad.write_text(HOSTILE[kind], "utf-8")
    scan, ms = _scan(root)
    article = next((a for a in scan.articles if a.path == bad), None)
    skipped = any(p.path == str(bad) for p in scan.skipped)
    # Shown (with its problems, if any) or skipped with a reason: never a failed scan, a
    # hidden good file, or a title the card cannot hold.
    ok = _good_shown(scan) and (article is not None or skipped)
    ok = ok and (article is None or len(article.title) <= user_files.TITLE_CHARS)
    tally(AREA, f"hostile/{kind}", tried=1, failures=int(not ok), max_ms=round(ms, 1))
    assert ok, [str(p) for p in scan.problems][:5]


def test_a_damaged_scan_cache_is_only_a_slower_scan(tmp_path: Path) -> None:
    root = _folder(tmp_path, "cache")
    cache = tmp_path / "user-library.json"
    damaged = [
        b"",
        b"\xff\xfe garbage",
        b"[]",
        b'{"version": 1, "entries": []}',
        b'{"version": 1, "entries": {"%s": 5}}' % str(root / "good.md").encode(),
        b'{"version": 1, "entries": {"%s": {"stamp": null, "value": 1}}}'
        % str(root / "good.md").encode(),
        b'{"version": 1, "entries": {"%s": {"stamp": [1], "value": {"shape": 2}}}}'
        % str(root / "good.md").encode(),
    ]
    scan_library(root, cache_file=cache)  # a real one, then each kind of damage
    real = cache.read_text()
    damaged.append(real.replace('"title"', '"titel"').encode())
    damaged.append(real.replace('"shape": 2', '"shape": 2, "slow": "x"').encode())
    failures, worst = 0, 0.0
    for data in damaged:
        cache.write_bytes(data)
        try:
            scan, ms = _scan(root, cache_file=cache)
            ok = _good_shown(scan) or any("took" in p.message for p in scan.problems)
        except Exception:  # the case is "anything raised"
            ok, ms = False, 0.0
        worst = max(worst, ms)
        failures += not ok
    tally(AREA, "damaged-scan-cache", tried=len(damaged), failures=failures,
          max_ms=round(worst, 1))  # fmt: skip
    assert failures == 0


def test_a_file_over_the_time_budget_is_skipped_until_it_changes(tmp_path, monkeypatch) -> None:
    import longform_desktop.core.user_library as user_library

    root = _folder(tmp_path, "slow")
    slow = root / "slow.md"
    slow.write_text("# Slow\n\nPretend this took long.\n", "utf-8")
    cache = tmp_path / "cache.json"
    real_parse = user_library.parse_file

    def slow_parse(text, path, root_, problems):
        if path == slow:
            time.sleep(0.05)
        return real_parse(text, path, root_, problems)

    monkeypatch.setattr(user_library, "FILE_BUDGET_S", 0.04)
    monkeypatch.setattr(user_library, "parse_file", slow_parse)
    first, ms = _scan(root, cache_file=cache)
    monkeypatch.setattr(user_library, "parse_file", lambda *a: pytest.fail("parsed again"))
    second, _ = _scan(root, cache_file=cache)  # from the cache: skipped without parsing
    ok = all(_reported(s, slow, "took", "skipped until it changes") for s in (first, second))
    ok = ok and _good_shown(first) and _good_shown(second)
    monkeypatch.setattr(user_library, "parse_file", real_parse)
    slow.write_text("# Slow\n\nFixed now.\n", "utf-8")
    os.utime(slow, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    monkeypatch.setattr(user_library, "FILE_BUDGET_S", 2.0)
    third, _ = _scan(root, cache_file=cache)
    ok = ok and any(a.path == slow for a in third.articles)
    tally(AREA, "over-the-time-budget", tried=3, failures=0 if ok else 1, max_ms=round(ms, 1))
    assert ok


def _hostile_folder(tmp_path: Path) -> tuple[Path, list[Path]]:
    root = _folder(tmp_path, "mixed")
    bad = [root / "pipe.md", root / "zero.md", root / "huge.md", root / "binary.md",
           root / "latin1.md"]  # fmt: skip
    os.mkfifo(bad[0])
    bad[1].symlink_to("/dev/zero")
    bad[2].write_bytes(b"x\n" * (3 * 1024 * 1024))
    bad[3].write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    bad[4].write_bytes("# Caf\xe9\n".encode("latin-1"))
    return root, bad


def test_check_and_the_window_list_every_skipped_file(tmp_path, monkeypatch, capsys, qtbot):
    from PySide6.QtWidgets import QApplication

    from longform_desktop.app import build_window

    root, bad = _hostile_folder(tmp_path)
    monkeypatch.setenv("LONGFORM_USER_CONTENT_DIR", str(root))
    started = time.perf_counter()
    code = main(["check", "--quiet"])
    check_ms = (time.perf_counter() - started) * 1000
    err = capsys.readouterr().err.splitlines()
    listed = [p for p in bad if any(line.startswith(f"{p}:") for line in err)]
    started = time.perf_counter()
    window = build_window(QApplication.instance())
    build_ms = (time.perf_counter() - started) * 1000
    qtbot.addWidget(window)
    window.show()
    room = window.library
    dialog = room.show_details()
    text = dialog.text.toPlainText()
    in_window = [p for p in bad if f"skipped: {p}:" in text]
    ok = code == 1 and listed == bad and in_window == bad
    ok = ok and window.catalog_view.card("good") is not None and window.open_article("good")
    ok = ok and room.skipped_label.text().startswith("Your deep dives: 5 files skipped")
    tally(AREA, "check-and-window-list-skipped", tried=2 * len(bad),
          failures=2 * len(bad) - len(listed) - len(in_window),
          max_check_ms=round(check_ms, 1), max_window_ms=round(build_ms, 1))  # fmt: skip
    dialog.close()
    window.services.runner.wait()
    assert ok, (err, text)


def test_a_scan_over_its_budget_stops_and_the_next_gets_further(tmp_path, monkeypatch) -> None:
    import longform_desktop.core.user_library as user_library

    root = _folder(tmp_path, "budget")
    for n in range(3):
        (root / f"n{n}.md").write_text(f"# Note {n}\n\nText.\n", "utf-8")
    real_parse = user_library.parse_file

    def slow_parse(text, path, root_, problems):
        time.sleep(0.05)
        return real_parse(text, path, root_, problems)

    monkeypatch.setattr(user_library, "parse_file", slow_parse)
    cache = tmp_path / "cache.json"
    scans, worst = [], 0.0
    for _ in range(4):
        scan, ms = _scan(root, cache_file=cache, budget_s=0.08)
        worst = max(worst, ms)
        scans.append(scan)
        if not scan.incomplete:
            break
    first, last = scans[0], scans[-1]
    ok = first.incomplete and len(first.articles) < 4
    ok = ok and any("not read this time" in p.message for p in first.skipped)
    ok = ok and not last.incomplete and len(last.articles) == 4 and not last.problems
    tally(AREA, "scan-over-its-budget", tried=len(scans), failures=int(not ok),
          scans_to_complete=len(scans), max_ms=round(worst, 1))  # fmt: skip
    assert ok, [(len(s.articles), s.incomplete) for s in scans]


def test_a_start_up_scan_out_of_time_finishes_on_a_worker(tmp_path, monkeypatch, qtbot):
    from PySide6.QtWidgets import QApplication

    import longform_desktop.services.library_service as library_service
    from longform_desktop.app import build_window

    root = _folder(tmp_path, "startup")
    for n in range(30):
        (root / f"n{n:02}.md").write_text(f"# Note {n}\n\nText.\n", "utf-8")
    monkeypatch.setenv("LONGFORM_USER_CONTENT_DIR", str(root))
    monkeypatch.setattr(library_service, "STARTUP_SCAN_BUDGET_S", 0.0)
    monkeypatch.setattr(library_service.scan_folder, "__defaults__", (None, 0.0))
    window = build_window(QApplication.instance())
    qtbot.addWidget(window)
    service = window.services.library
    at_start = len(service.scan.articles)
    with qtbot.waitSignal(service.catalog_changed, timeout=20000):
        service._start_watching()
    ok = service.scan.incomplete is False and len(service.scan.articles) == 31 and at_start < 31
    ok = ok and window.catalog_view.card("n29") is not None
    tally(AREA, "start-up-scan-out-of-time", tried=1, failures=int(not ok), at_start=at_start)
    window.services.runner.wait()
    assert ok, (at_start, len(service.scan.articles))
