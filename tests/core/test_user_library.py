"""The user's own Markdown folder as catalog entries: titles, slugs, topics, summaries,
and every problem with its file and line, the rest still loading."""

from __future__ import annotations

from pathlib import Path

import pytest

from longform_desktop.core import user_library
from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.checks import check_catalog
from longform_desktop.core.markdown import render_article
from longform_desktop.core.search import catalog_sources, search, sync_and_open
from longform_desktop.core.user_files import (
    DEFAULT_TOPIC,
    MAX_FILE_BYTES,
    first_paragraph,
    plain_inline,
)
from longform_desktop.core.user_library import (
    LIBRARY_SECTION,
    NO_FOLDER_HINT,
    assign_slugs,
    bundled_slugs,
    path_slug,
    scan_library,
    with_library,
)

from ..conftest import CONTENT
from ..user_library_files import KAFKA_SENTENCE, KAFKA_WORD, make_library


@pytest.fixture(scope="module")
def bundled():
    return load_catalog(CONTENT)


@pytest.fixture
def library(tmp_path: Path) -> tuple[Path, dict[str, Path]]:
    root = tmp_path / "My notes"
    return root, make_library(root)


def _by_path(scan, path: Path):
    return next(a for a in scan.articles if a.path == path)


def test_realistic_folder_becomes_articles(library, bundled) -> None:
    root, files = library
    scan = scan_library(root, bundled_slugs(bundled))
    assert scan.state == "loaded" and scan.section.slug == LIBRARY_SECTION
    paths = {a.path for a in scan.articles}
    # Hidden folders, node_modules, other extensions and the symlink loop's second view
    # of every file are left out; the uppercase suffix is Markdown too.
    assert files["hidden"] not in paths and files["node_module"] not in paths
    assert files["uppercase"] in paths
    assert not any("loop" in a.path.parts for a in scan.articles)
    assert files["latin1"] not in paths  # not UTF-8: reported below, not shown
    assert len(scan.articles) == 13
    slugs = [a.slug for a in scan.articles]
    assert len(set(slugs)) == len(slugs)
    assert not set(slugs) & bundled_slugs(bundled)

    kafka = _by_path(scan, files["kafka"])
    assert (kafka.slug, kafka.title, kafka.topic, kafka.difficulty) == (
        "kafka",
        "Kafka partitions",
        DEFAULT_TOPIC,
        "",
    )
    assert kafka.summary == "Kafka splits a topic into partitions so that consumers can scale out."
    assert "# Kafka partitions" not in kafka.body  # the title line, blanked
    assert kafka.body.count("\n") == files["kafka"].read_text().count("\n")  # lines kept

    vacuum = _by_path(scan, files["vacuum"])
    assert vacuum.slug == "databases-postgres-vacuum"
    assert (vacuum.title, vacuum.topic) == ("Vacuum, explained", "Databases")
    assert vacuum.difficulty == "hard"
    assert vacuum.summary == "Why dead tuples pile up and who clears them."
    assert vacuum.body_line == 7 and "# Vacuum" not in vacuum.body  # repeated title dropped

    setup = _by_path(scan, files["setup"])
    assert setup.title == "Setup" and setup.topic == "notes"
    assert "\n## Usage\n" in setup.body and "\n### Flags\n" in setup.body  # moved one down

    uppercase = _by_path(scan, files["uppercase"])
    assert uppercase.title == "Ideas" and uppercase.slug == "ideas"
    assert uppercase.summary == "Just a thought without any heading."

    empty = _by_path(scan, files["empty"])
    assert empty.title == "empty" and not empty.is_written and empty.summary == ""

    plans = [_by_path(scan, files["dup_a"]), _by_path(scan, files["dup_b"])]
    assert [p.title for p in plans] == ["Plan", "Plan"]
    assert [p.slug for p in plans] == ["projects-alpha-plan", "projects-beta-plan"]
    assert [p.topic for p in plans] == ["projects", "projects"]

    mine = _by_path(scan, files["bundled_name"])
    assert mine.slug == "my-idempotency-and-exactly-once"
    assert bundled.article("idempotency-and-exactly-once") is not None

    hindi, chinese = _by_path(scan, files["hindi"]), _by_path(scan, files["chinese"])
    assert hindi.title == "डेटाबेस अनुक्रमण" and hindi.topic == "हिंदी"
    assert chinese.title == "数据库索引"
    assert chinese.summary == "索引让查询更快。B树是最常见的结构。"
    for article in (hindi, chinese):
        assert article.slug.isascii() and article.slug.replace("-", "").isalnum()

    # Sorted: the folder's own files first, then each subfolder by name.
    top = [a for a in scan.articles if a.path.parent == root]
    assert scan.articles[: len(top)] == tuple(top)
    assert [a.order for a in scan.articles] == list(range(1, len(scan.articles) + 1))


def test_problems_name_file_and_line_and_the_rest_loads(library) -> None:
    root, files = library
    scan = scan_library(root, ())
    messages = [str(p) for p in scan.problems]
    assert any(m.startswith(f"{files['latin1']}:1: not UTF-8") for m in messages), messages
    front = [m for m in messages if m.startswith(f"{files['broken_front_matter']}:")]
    assert front and "invalid YAML" in front[0] and front[0].split(":")[1] in {"3", "4"}
    broken = [m for m in messages if m.startswith(f"{files['broken_diagram']}:")]
    assert broken and "blob" in broken[0]
    block_line = files["broken_diagram"].read_text().splitlines().index("```diagram") + 1
    assert int(broken[0].split(":")[1]) > block_line  # the field's own line
    # A broken front matter hides only the front matter; the file is shown.
    article = _by_path(scan, files["broken_front_matter"])
    assert article.title == "Still readable" and article.difficulty == ""
    assert "The body stays." in article.body
    assert len(scan.problems) == 3
    assert "1 could not be read" in scan.section.blurb


def test_diagrams_in_user_files_are_parsed_like_bundled_ones(library) -> None:
    root, files = library
    scan = scan_library(root, ())
    outbox = _by_path(scan, files["diagram"])
    assert [d.id for d in outbox.diagrams] == ["outbox-relay"]
    assert {n.label for n in outbox.diagrams[0].nodes} >= {"Outbox table", "Kafka broker"}
    rendered = render_article(outbox)
    assert 'src="diagram:outbox-relay"' in rendered.html
    half = _by_path(scan, files["broken_diagram"])
    assert half.diagrams == () and half.diagram_problems
    page = render_article(half).html
    assert "This diagram could not be drawn." in page and "The text after it still reads." in page


def test_search_finds_a_word_from_the_middle_of_a_sentence(library, bundled, tmp_path) -> None:
    root, files = library
    catalog = with_library(bundled, scan_library(root, bundled_slugs(bundled)))
    sources = catalog_sources(catalog)
    assert "article:kafka" in {s.key for s in sources}
    _, ix = sync_and_open(tmp_path / "index", sources)
    results = search(ix, KAFKA_WORD)
    top = results.hits[0]
    assert top.article == "kafka" and top.title == "Kafka partitions"
    assert top.sections[0].heading == "Rebalancing" and top.sections[0].heading_id == "rebalancing"
    assert KAFKA_WORD in top.sections[0].snippet.replace("[", "").replace("]", "")
    assert search(ix, "अनुक्रमण").hits[0].title == "डेटाबेस अनुक्रमण"
    assert search(ix, "查询").hits[0].title == "数据库索引"
    # Only changed files are indexed again: the content hash is the file's.
    files["kafka"].write_text(files["kafka"].read_text() + "\nOne more line.\n", "utf-8")
    again = with_library(bundled, scan_library(root, bundled_slugs(bundled)))
    second, _ = sync_and_open(tmp_path / "index", catalog_sources(again))
    assert (second.added, second.updated, second.removed) == (0, 1, 0)
    assert KAFKA_SENTENCE in again.article("kafka").body


def test_with_library_keeps_bundled_first_and_check_reports_only_real_problems(
    library, bundled
) -> None:
    root, _ = library
    scan = scan_library(root, bundled_slugs(bundled))
    catalog = with_library(bundled, scan)
    assert [s.slug for s in catalog.sections][:-1] == [s.slug for s in bundled.sections]
    assert catalog.sections[-1].slug == LIBRARY_SECTION
    problems = check_catalog(catalog)
    library_problems = [p for p in problems if Path(p.path).is_relative_to(root)]
    # Notes owe nobody two diagrams: only the three real problems are reported.
    assert len(library_problems) == 3, library_problems
    again = with_library(catalog, scan)  # a rescan replaces the section, never adds one
    assert [s.slug for s in again.sections].count(LIBRARY_SECTION) == 1


def test_no_folder_and_missing_folder(tmp_path: Path, bundled) -> None:
    unset = scan_library("")
    assert unset.state == "unset" and unset.empty_text == NO_FOLDER_HINT
    assert with_library(bundled, unset).sections == bundled.sections  # the CLI lists none
    assert with_library(bundled, unset, include_unset=True).sections[-1].articles == ()
    missing = scan_library(tmp_path / "nowhere")
    assert missing.state == "missing" and missing.articles == ()
    assert str(missing.problems[0]).startswith(f"{tmp_path / 'nowhere'}:1:")
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    empty = scan_library(empty_dir)
    assert empty.state == "empty" and "No Markdown files" in empty.empty_text
    assert not empty.problems


def test_too_large_and_binary_files_are_reported(tmp_path: Path) -> None:
    (tmp_path / "huge.md").write_text("word " * (MAX_FILE_BYTES // 5 + 10))
    (tmp_path / "binary.md").write_bytes(b"# Title\n\x00\x01\x02")
    (tmp_path / "fine.md").write_text("# Fine\n\nText.\n")
    scan = scan_library(tmp_path)
    assert [a.title for a in scan.articles] == ["Fine"]
    messages = sorted(str(p) for p in scan.problems)
    assert messages[0].startswith(f"{tmp_path / 'binary.md'}:2: not a text file")
    assert messages[1].startswith(f"{tmp_path / 'huge.md'}:1: file is")


def test_crlf_bom_and_setext_title(tmp_path: Path) -> None:
    (tmp_path / "windows.md").write_bytes(
        "\ufeffWindows notes\r\n=============\r\n\r\nSaved on Windows.\r\n".encode()
    )
    article = scan_library(tmp_path).articles[0]
    assert article.title == "Windows notes" and article.summary == "Saved on Windows."
    assert "\r" not in article.body and "=====" not in article.body


def test_slugs() -> None:
    assert path_slug(Path("Notes/Kafka Partitions.md")) == "notes-kafka-partitions"
    assert path_slug(Path("Café/Crème brûlée.markdown")) == "cafe-creme-brulee"
    mixed = path_slug(Path("数据库 notes.md"))
    assert mixed.startswith("notes-") and mixed != "notes"
    assert path_slug(Path("数据库.md")) != path_slug(Path("索引.md"))
    relatives = [Path("a b.md"), Path("a-b.md"), Path("A_B.md"), Path("kafka.md")]
    assert assign_slugs(relatives, {"kafka"}) == ["a-b", "a-b-2", "a-b-3", "my-kafka"]


def test_summary_and_inline_rules() -> None:
    lines = [
        "![logo](logo.png)",
        "",
        "```",
        "code first",
        "```",
        "",
        "> A *quoted* idea with `code`, a [[Wiki Page|wiki link]] and snake_case_name",
        "> over two lines.",
        "",
        "Second paragraph.",
    ]
    assert first_paragraph(lines) == (
        "A quoted idea with code, a wiki link and snake_case_name over two lines."
    )
    assert plain_inline("The `fsync` **story** &amp; <b>more</b>") == "The fsync story & more"
    long = scan_library_summary("word " * 200)
    assert long.endswith("…") and len(long) <= 301


def scan_library_summary(text: str) -> str:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "long.md").write_text(text)
        return scan_library(folder).articles[0].summary


def _shape(scan):
    return (
        [
            (
                *(a.slug, a.title, a.topic, a.difficulty, a.summary, a.order, a.path, a.body),
                *(a.body_line, a.word_count, a.content_hash),
            )
            for a in scan.articles
        ],
        sorted(map(str, scan.problems)),
        scan.section.blurb,
    )


def test_the_cache_gives_the_same_scan_and_follows_edits(library, tmp_path, monkeypatch) -> None:
    import longform_desktop.core.user_library as user_library

    root, files = library
    cache = tmp_path / "user-library.json"
    fresh = scan_library(root, {"idempotency-and-exactly-once"})
    first = scan_library(root, {"idempotency-and-exactly-once"}, cache_file=cache)
    assert cache.is_file() and _shape(first) == _shape(fresh)
    parsed: list[Path] = []
    real_parse = user_library.parse_file

    def counting(text, path, root_, problems):
        parsed.append(path)
        return real_parse(text, path, root_, problems)

    monkeypatch.setattr(user_library, "parse_file", counting)
    cached = scan_library(root, {"idempotency-and-exactly-once"}, cache_file=cache)
    assert parsed == [] and _shape(cached) == _shape(fresh)  # problems kept with the file
    files["setup"].write_text("# Setup\n\nChanged.\n\n# Later\n\nMore.\n", "utf-8")
    edited = scan_library(root, {"idempotency-and-exactly-once"}, cache_file=cache)
    assert parsed == [files["setup"]]
    assert next(a for a in edited.articles if a.path == files["setup"]).summary == "Changed."
    # The same files seen from a folder above are parsed again (their topic changes).
    parsed.clear()
    above = scan_library(root.parent, cache_file=cache)
    assert len(parsed) == len(above.articles)


def test_a_folder_of_ordinary_markdown_imports_without_a_single_problem(tmp_path) -> None:
    from ..user_library_files import FOREIGN, make_foreign_folder

    written = make_foreign_folder(tmp_path / "elsewhere")
    scan = scan_library(tmp_path / "elsewhere", (), sections={"databases-in-depth"})
    assert [str(p) for p in scan.problems] == []
    assert scan.skipped == () and len(scan.articles) == len(FOREIGN)
    for relative, (_, title, summary, minutes) in FOREIGN.items():
        article = _by_path(scan, written[relative])
        assert article.title == title, relative
        if summary:
            assert article.summary == summary, relative
        assert article.read_minutes == minutes, (relative, article.word_count)
        assert "\r" not in article.body and "\ufeff" not in article.body
    japanese = _by_path(scan, written["project-x/README.ja.md"])
    assert japanese.summary.startswith("プロジェクトXは") and japanese.summary.endswith("…")
    assert len(japanese.summary) <= 301
    assert _by_path(scan, written["misc/only-code.md"]).summary == ""
    # Jekyll's "difficulty: Medium" is read as medium; its date is no problem.
    assert _by_path(scan, written["blog/2021-06-01-jekyll-post.markdown"]).difficulty == "medium"
    # Each renders without a problem too.
    for article in scan.articles:
        if article.is_written:
            assert render_article(article).html


def test_read_time_counts_chinese_and_japanese_characters_as_words(tmp_path) -> None:
    (tmp_path / "zh.md").write_text("# 索引\n\n" + "索引让查询更快。" * 100 + "\n", "utf-8")
    (tmp_path / "en.md").write_text("# Index\n\n" + "an index makes a query fast. " * 100, "utf-8")
    scan = scan_library(tmp_path)
    zh, en = (next(a for a in scan.articles if a.slug == s) for s in ("zh", "en"))
    assert zh.word_count >= 700  # 700 characters of prose, was 101 "words"
    assert en.word_count == 600  # the title line is not in the body
    assert zh.read_minutes == 3


def test_the_size_cap_is_five_megabytes(tmp_path, monkeypatch) -> None:
    # The cap, not the 2 s parse budget (tested on its own): on a slow machine a 5 MB file
    # can take over 2 s to parse and be skipped as slow, which is not what this checks.
    monkeypatch.setattr(user_library, "FILE_BUDGET_S", 600.0)
    assert MAX_FILE_BYTES == 5 * 1024 * 1024
    line = "words of a long export\n"
    (tmp_path / "under.md").write_text(line * ((MAX_FILE_BYTES - 100) // len(line)), "utf-8")
    (tmp_path / "over.md").write_text(line * (MAX_FILE_BYTES // len(line) + 10), "utf-8")
    scan = scan_library(tmp_path)
    assert [a.slug for a in scan.articles] == ["under"]
    assert [str(p) for p in scan.skipped] == [
        f"{tmp_path / 'over.md'}:1: file is 5.0 MB; files over 5 MB are not read"
    ]


def test_word_counts_match_readtime_and_stay_linear(library, bundled) -> None:
    from longform_desktop.core.readtime import count_words
    from longform_desktop.core.user_files import count_reading_words

    bodies = [a.body for a in bundled.articles] + [
        "```diagram\nid: a\n```\nafter\n",
        "```diagram\nunclosed words here\n",
        "````diagram\nfour\n```\nstill inside\n````\nout\n",
        "  ```python\ncode words\n  ```\ntext\n",
        "~~~diagram\nid: t\n~~~ \nend\n",
        "```diagram\nA\n```diagram\nB\n```\nC\n",
    ]
    root, _ = library
    bodies += [p.read_text("utf-8", errors="replace") for p in root.rglob("*.md") if p.is_file()]
    for body in bodies:
        if not any("\u3040" <= ch <= "\u9fff" for ch in body):
            assert count_reading_words(body) == count_words(body), body[:80]
    # 100,000 unclosed diagram fences: one pass (readtime's pattern is quadratic there).
    assert count_reading_words("```diagram\nid: x\n" * 100_000) == 200_000  # "id", "x"


def test_check_asks_no_diagrams_of_a_user_file_in_a_bundled_section(
    tmp_path: Path, bundled
) -> None:
    """A note filed under a bundled section by its front matter is still the user's: it
    owes no diagrams (only bundled deep dives do)."""
    root = tmp_path / "mine"
    root.mkdir()
    (root / "vacuum.md").write_text(
        "---\nsection: databases-in-depth\n---\n# My vacuum notes\n\nAutovacuum thresholds.\n",
        "utf-8",
    )
    sections = [s.slug for s in bundled.sections]
    assert "databases-in-depth" in sections
    catalog = with_library(bundled, scan_library(root, bundled_slugs(bundled), sections=sections))
    placed = next(a for a in catalog.articles if a.path == root / "vacuum.md")
    assert placed.section == "databases-in-depth"
    assert [p for p in check_catalog(catalog) if Path(p.path).is_relative_to(root)] == []
