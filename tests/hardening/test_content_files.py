"""Hostile content files (issue 17): each is put in a copy of the content folder beside
the 12 genuine deep dives. Loading stays within its budget, the genuine deep dives are
all there and unchanged, and the hostile file is either loaded correctly or reported
with its file and line. Then all of them at once: ``longform check`` lists them and
exits 1, ``longform reindex`` and ``search`` still index and find every genuine deep
dive, and ``catalog`` lists them.
"""

from __future__ import annotations

import builtins
import itertools
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from longform_desktop.core.catalog import Catalog, load_catalog
from longform_desktop.core.markdown import render_article
from tests.conftest import CONTENT
from tests.hardening.report import tally

GOOD = {
    "title": "A fine title",
    "section": "apis-in-depth",
    "topic": "T",
    "difficulty": "easy",
    "summary": "s",
    "order": "9",
}
DIAGRAM = (
    "```diagram\nid: d\ntitle: D\nnodes:\n"
    + "".join(f"  - id: n{i}\n    label: N{i}\n    at: [{i}, 0]\n" for i in range(4))
    + "```\n"
)


def front(slug: str, body: str = "Some words.\n", **fields: str) -> str:
    values = {**GOOD, "slug": slug, **fields}
    lines = "".join(f"{k}: {v}\n" for k, v in values.items() if v is not None)
    return f"---\n{lines}---\n{body}"


@dataclass
class Case:
    name: str
    build: Callable[[Path, Path], Path]  # (content dir, scratch dir) -> the hostile path
    expect: str  # "loaded", "reported" or "loaded+reported"
    slug: str = ""
    title: str | None = None


def write(name: str, text: str | bytes, folder: str = "apis-in-depth") -> Callable:
    def build(content: Path, _tmp: Path) -> Path:
        path = content / folder / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return build


def _symlink(name: str, target: str) -> Callable:
    def build(content: Path, _tmp: Path) -> Path:
        path = content / "apis-in-depth" / name
        path.symlink_to(target)
        return path

    return build


def _fifo(content: Path, _tmp: Path) -> Path:
    path = content / "apis-in-depth" / "x.md"
    os.mkfifo(path)
    return path


def _link_out(content: Path, tmp: Path) -> Path:
    outside = tmp / "outside.md"
    outside.write_text(front("outside"))
    path = content / "apis-in-depth" / "outside.md"
    path.symlink_to(outside)
    return path


def _folder_out(content: Path, tmp: Path) -> Path:
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "stray.md").write_text(front("stray", section="databases-in-depth"))
    (content / "databases-in-depth").rename(tmp / "real-db")
    # The genuine folder stays (moved back in below); a second one links out.
    (tmp / "real-db").rename(content / "databases-in-depth")
    link = content / "zz-linked"
    link.symlink_to(elsewhere)
    return link / "stray.md"


def _impostor(content: Path, _tmp: Path) -> Path:
    folder = content / "aaa"  # sorts before the genuine folder
    folder.mkdir()
    path = folder / "idempotency-and-exactly-once.md"
    path.write_text(front("idempotency-and-exactly-once", title="Impostor"))
    return path


def _impostor_same_section(content: Path, _tmp: Path) -> Path:
    path = content / "data-and-consistency" / "pagination-that-survives-real-data.md"
    path.write_text(front("pagination-that-survives-real-data", section="data-and-consistency"))
    return path


def _bom_crlf(content: Path, _tmp: Path) -> Path:
    path = content / "apis-in-depth" / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf" + front("bom", DIAGRAM * 2).replace("\n", "\r\n").encode())
    return path


def _bomb(levels: int = 9) -> str:
    names = "abcdefghij"[:levels]
    text = f"{names[0]}: &{names[0]} [" + ",".join(['"lol"'] * 9) + "]\n"
    for prev, name in itertools.pairwise(names):
        text += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    return text


def _nested(depth: int) -> str:
    return "".join("    " * i + "- x\n" for i in range(depth))


def _diagram_nodes(count: int) -> str:
    nodes = "".join(f"  - {{id: n{i}, label: N, at: [0, 0]}}\n" for i in range(count))
    return f"```diagram\nid: big\ntitle: Big\nnodes:\n{nodes}```\n"


CASES = [
    Case("section-list", write("s1.md", front("s1", section="[apis-in-depth, x]")), "reported"),
    Case("section-mapping", write("s2.md", front("s2", section="{a: 1}")), "reported"),
    Case("title-mapping", write("t1.md", front("t1", title="{x: [1, 2]}")), "reported"),
    Case("title-list", write("t2.md", front("t2", title="[a, b]")), "reported"),
    Case("title-yes", write("t3.md", front("t3", title="yes")), "reported"),
    Case("title-null", write("t4.md", front("t4", title="~")), "reported"),
    Case(
        "title-date", write("t5.md", front("t5", title="2024-01-02")), "loaded", "t5", "2024-01-02"
    ),
    Case(
        "title-timestamp",
        write("t6.md", front("t6", title="2001-12-14t21:59:43.10-05:00")),
        "loaded",
        "t6",
    ),
    Case("title-bad-date", write("t7.md", front("t7", title="2024-13-45")), "reported"),
    Case("title-number", write("t8.md", front("t8", title="1984")), "loaded", "t8", "1984"),
    Case(
        "title-emoji-rtl",
        write("t9.md", front("t9", title='"🚀 שלום مرحبا"')),
        "loaded",
        "t9",
        "🚀 שלום مرحبا",
    ),
    Case(
        "title-2mb", write("t10.md", front("t10", title="x" * 2_000_000)), "loaded+reported", "t10"
    ),
    Case(
        "title-alias-bomb",
        write("b1.md", "---\n" + _bomb() + "title: *i\nslug: b1\n---\nx\n"),
        "reported",
    ),
    Case(
        "alias-bomb-unused",
        write(
            "b2.md",
            "---\n"
            + _bomb()
            + "".join(f"{k}: {v}\n" for k, v in {**GOOD, "slug": "b2"}.items())
            + "---\nx\n",
        ),
        "reported",
    ),
    Case(
        "merge-keys",
        write(
            "m1.md",
            "---\nbase: &b {topic: T, difficulty: easy}\n<<: *b\n"
            "title: M\nslug: m1\nsection: apis-in-depth\nsummary: s\norder: 3\n---\nx\n",
        ),
        "loaded",
        "m1",
    ),
    Case(
        "python-tag",
        write("p1.md", front("p1", title="!!python/object/apply:os.system [id]")),
        "reported",
    ),
    Case("custom-tag", write("p2.md", front("p2", title="!secret x")), "reported"),
    Case(
        "duplicate-keys",
        write("d1.md", front("d1").replace("topic: T\n", "topic: T\ntitle: B\n")),
        "reported",
    ),
    Case("slug-number", write("123.md", front("123")), "loaded", "123"),
    Case("slug-traversal", write("tr.md", front("../../../etc/passwd")), "reported"),
    Case("slug-long", write("s" * 200 + ".md", front("s" * 200)), "loaded", "s" * 200),
    Case("slug-mismatch", write("mm.md", front("other")), "reported"),
    Case("order-text", write("o1.md", front("o1", order="first")), "reported"),
    Case("order-bool", write("o2.md", front("o2", order="true")), "reported"),
    Case("tabs-in-yaml", write("tab.md", "---\ntitle: T\n\tslug: tab\n---\nx\n"), "reported"),
    Case("yaml-deep", write("y1.md", "---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n"), "reported"),
    Case("yaml-10k-nodes", write("y2.md", "---\nx:\n" + "  - a\n" * 10_000 + "---\n"), "reported"),
    Case("front-matter-list", write("f1.md", "---\n- a\n- b\n---\nx\n"), "reported"),
    Case("front-matter-only", write("f2.md", front("f2", body="")), "loaded", "f2"),
    Case("unclosed-front-matter", write("f3.md", "---\ntitle: x\nslug: f3\n"), "reported"),
    Case("no-front-matter", write("f4.md", "# Just markdown\n"), "reported"),
    Case("empty-file", write("f5.md", ""), "reported"),
    Case("bom-crlf", _bom_crlf, "loaded", "bom"),
    Case("bom-only", write("bo.md", b"\xef\xbb\xbf" + front("bo").encode()), "loaded", "bo"),
    Case("invalid-utf8", write("u1.md", front("u1").encode() + b"caf\xe9\n"), "reported"),
    Case("nul-bytes", write("u2.md", front("u2").encode() + b"a\0b\n"), "reported"),
    Case("huge-line", write("h1.md", front("h1", body="x" * 4_000_000 + "\n")), "reported"),
    Case("over-5mb", write("h2.md", front("h2", body="word " * 1_100_000)), "reported"),
    Case("dev-zero-link", _symlink("z.md", "/dev/zero"), "reported"),
    Case("dangling-link", _symlink("dl.md", "/nonexistent/x.md"), "reported"),
    Case("link-loop", _symlink("loop.md", "loop.md"), "reported"),
    Case("fifo", _fifo, "reported"),
    Case("link-outside", _link_out, "reported"),
    Case("folder-link-outside", _folder_out, "reported"),
    Case(
        "folder-named-md",
        lambda c, t: (c / "apis-in-depth" / "dir.md").mkdir() or c / "apis-in-depth" / "dir.md",
        "reported",
    ),
    Case("impostor-other-folder", _impostor, "reported"),
    Case("impostor-same-section", _impostor_same_section, "reported"),
    Case("nested-list-300", write("n1.md", front("n1", _nested(300))), "reported"),
    Case("nested-list-2000", write("n2.md", front("n2", _nested(2000))), "reported"),
    Case("nested-quote-500", write("n3.md", front("n3", ">" * 500 + " x\n")), "reported"),
    Case("nested-list-10", write("n4.md", front("n4", _nested(10))), "loaded", "n4"),
    Case("headings-20000", write("hd.md", front("hd", "## H\n\nx\n\n" * 20_000)), "reported"),
    Case("headings-900", write("hd2.md", front("hd2", "## H\n\nx\n\n" * 900)), "loaded", "hd2"),
    Case(
        "unclosed-fences-3000",
        write("uf.md", front("uf", "```diagram\nid: x\n" * 3000)),
        "loaded+reported",
        "uf",
    ),
    Case(
        "diagram-10k-nodes",
        write("dn.md", front("dn", _diagram_nodes(10_000))),
        "loaded+reported",
        "dn",
    ),
    Case(
        "diagram-deep",
        write("dd.md", front("dd", "```diagram\nid: [" + "[" * 3000 + "\n```\n")),
        "loaded+reported",
        "dd",
    ),
    Case(
        "diagram-wrong-types",
        write("dw.md", front("dw", "```diagram\nid: [1]\ntitle: {a: 1}\nnodes: 7\n```\n")),
        "loaded+reported",
        "dw",
    ),
    Case(
        "diagram-bomb",
        write("db.md", front("db", "```diagram\n" + _bomb() + "```\n")),
        "loaded+reported",
        "db",
    ),
    Case(
        "image-dev-zero",
        write(
            "im.md",
            front(
                "im", "![z](/dev/zero) ![p](../../../etc/passwd)\n\n![f](file:///etc/hostname)\n"
            ),
        ),
        "loaded",
        "im",
    ),
    Case("links-100k", write("lk.md", front("lk", "[a](b) " * 100_000)), "reported"),
    Case("brackets-unclosed", write("br.md", front("br", "[ " * 20_000)), "reported"),
    Case("tags-unclosed", write("lt.md", front("lt", "<a " * 20_000)), "reported"),
    Case(
        "summary-huge", write("sm.md", front("sm", summary="w " * 200_000)), "loaded+reported", "sm"
    ),
]

_BASELINE: dict[str, tuple] = {}


def _genuine(catalog: Catalog) -> dict[str, tuple]:
    return {
        a.slug: (
            a.title,
            a.section,
            a.word_count,
            len(a.diagrams),
            a.content_hash,
            a.path.relative_to(a.path.parents[1]).as_posix(),
        )
        for a in catalog.articles
        if (CONTENT / a.section / f"{a.slug}.md").is_file()
    }


def _baseline() -> dict[str, tuple]:
    if not _BASELINE:
        _BASELINE.update(_genuine(load_catalog(CONTENT)))
        assert len(_BASELINE) == 12
    return _BASELINE


class _NoImageReads:
    """Fails any open of the image targets named in content: core never reads them."""

    FORBIDDEN = ("/dev/zero", "/etc/passwd", "/etc/hostname")

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.opened: list[str] = []
        real_open, real_os_open = builtins.open, os.open

        def guard(path: object) -> None:
            if isinstance(path, (str, Path)) and str(path).endswith(self.FORBIDDEN):
                self.opened.append(str(path))

        def fake_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
            guard(file)
            return real_open(file, *args, **kwargs)

        def fake_os_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            guard(path)
            return real_os_open(path, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", fake_open)
        monkeypatch.setattr(os, "open", fake_os_open)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_one_hostile_file(
    case: Case, content_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    baseline = _baseline()
    hostile = case.build(content_copy, tmp_path)
    guard = _NoImageReads(monkeypatch) if case.name == "image-dev-zero" else None
    started = time.perf_counter()
    catalog = load_catalog(content_copy)
    load_ms = (time.perf_counter() - started) * 1000
    failures = []
    if _genuine(catalog) != baseline:
        failures.append("genuine deep dives changed")
    reported = [p for p in catalog.problems if p.path == str(hostile) and p.line >= 1]
    loaded = catalog.article(case.slug) if case.slug else None
    if loaded is not None and loaded.path != hostile:
        loaded = None
    render_ms = 0.0
    if loaded is not None:
        started = time.perf_counter()
        rendered = render_article(loaded)
        render_ms = (time.perf_counter() - started) * 1000
        if "not shown" not in rendered.html and loaded.is_written and not rendered.html:
            failures.append("empty render")
        if case.title is not None and loaded.title != case.title:
            failures.append(f"title {loaded.title!r}")
        if len(loaded.title) > 200:
            failures.append("title not shortened")
    if case.expect == "loaded" and loaded is None:
        failures.append(f"not loaded: {[str(p) for p in catalog.problems]}")
    if case.expect == "reported" and (loaded is not None or not reported):
        failures.append(f"not reported: {[str(p) for p in catalog.problems]}")
    if case.expect == "loaded+reported" and (loaded is None or not reported):
        failures.append(f"not loaded and reported: {[str(p) for p in catalog.problems]}")
    if guard is not None and guard.opened:
        failures.append(f"core opened {guard.opened}")
    tally(
        "content",
        case.name,
        tried=1,
        failures=len(failures),
        max_ms=round(max(load_ms, render_ms), 1),
    )
    assert not failures, failures


def test_all_hostile_files_at_once_through_the_cli(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from longform_desktop.cli import main

    baseline = _baseline()
    hostile: list[Path] = []
    must_list: list[Path] = []
    for case in CASES:
        scratch = tmp_path / case.name
        scratch.mkdir()
        try:
            path = case.build(content_copy, scratch)
        except FileExistsError:  # cases that write the same name: the first one stays
            continue
        hostile.append(path)
        if case.expect != "loaded":
            must_list.append(path)
    timings = {}
    for args in (
        ["check"],
        ["reindex", "--json"],
        ["catalog", "--json"],
        ["search", "idempotency key", "--json"],
    ):
        started = time.perf_counter()
        code = main(args)
        timings[args[0]] = (time.perf_counter() - started) * 1000
        out, err = capsys.readouterr()
        failures = 0
        if args[0] == "check":
            listed = sum(1 for path in hostile if f"{path}:" in err)
            unlisted = [p.name for p in must_list if f"{p}:" not in err]
            failures = int(code != 1) + len(unlisted)
            tally(
                "content",
                "cli-check-all-at-once",
                tried=len(hostile),
                failures=failures,
                max_ms=round(timings["check"], 1),
                listed=listed,
            )
        elif args[0] == "catalog":
            slugs = {a["slug"] for s in json.loads(out)["sections"] for a in s["articles"]}
            failures = int(code != 0) + len(set(baseline) - slugs)
            tally(
                "content",
                "cli-catalog-all-at-once",
                tried=1,
                failures=failures,
                max_ms=round(timings["catalog"], 1),
            )
        elif args[0] == "reindex":
            from whoosh import index as whoosh_index

            from longform_desktop import paths

            stats = json.loads(out)
            ix = whoosh_index.open_dir(str(stats.get("location") or paths.index_dir()))
            with ix.searcher() as searcher:
                indexed = {fields.get("article") for fields in searcher.all_stored_fields()}
            ix.close()
            failures = int(code != 0) + sum(1 for slug in baseline if slug not in indexed)
            tally(
                "content",
                "cli-reindex-all-at-once",
                tried=1,
                failures=failures,
                max_ms=round(timings["reindex"], 1),
                documents=stats.get("documents", 0),
            )
        else:
            hits = json.loads(out)
            failures = int(code != 0) + int("idempotency-and-exactly-once" not in json.dumps(hits))
            tally(
                "content",
                "cli-search-all-at-once",
                tried=1,
                failures=failures,
                max_ms=round(timings["search"], 1),
            )
        assert failures == 0, (args, code, err[-2000:])
    catalog = load_catalog(content_copy)
    assert _genuine(catalog) == baseline
