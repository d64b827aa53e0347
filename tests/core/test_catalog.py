from __future__ import annotations

import itertools
import os
from pathlib import Path

from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.readtime import count_words, read_minutes


def test_read_time_counts_prose_and_code_not_diagrams() -> None:
    body = (
        "One two three.\n\n```python\nx = 1\n```\n\n```diagram\nid: a\ntitle: lots of words\n```\n"
    )
    assert count_words(body) == 5  # One two three x 1
    assert read_minutes(230) == 1 and read_minutes(345) == 2 and read_minutes(0) == 0


def test_malformed_article_is_reported_with_line_and_skipped(content_copy: Path) -> None:
    bad = content_copy / "apis-in-depth" / "broken.md"
    bad.write_text(
        "---\ntitle: Broken\nslug: broken\nsection: apis-in-depth\ntopic: X\n"
        "difficulty: impossible\nsummary: s\norder: 9\n---\nBody text.\n"
    )
    unclosed = content_copy / "apis-in-depth" / "unclosed.md"
    unclosed.write_text("---\ntitle: [oops\n---\n")
    catalog = load_catalog(content_copy)
    messages = [str(p) for p in catalog.problems]
    assert any(m.startswith(f"{bad}:6: difficulty") for m in messages), messages
    assert any(m.startswith(f"{unclosed}:") for m in messages), messages
    assert catalog.article("broken") is None
    assert len(catalog.articles) == 12  # the rest still loads


def test_broken_diagram_keeps_article(content_copy: Path) -> None:
    path = content_copy / "apis-in-depth" / "idempotency-and-exactly-once.md"
    text = path.read_text()
    path.write_text(text.replace("shape: store", "shape: blob", 1))
    catalog = load_catalog(content_copy)
    assert catalog.article("idempotency-and-exactly-once") is not None
    assert any("shape 'blob'" in str(p) and str(path) in str(p) for p in catalog.problems)


def test_empty_sections_are_listed(content_copy: Path) -> None:
    catalog = load_catalog(content_copy)
    foundations = catalog.section("foundations")
    assert foundations is not None and foundations.articles == ()


def test_cache_gives_the_same_catalog_and_follows_edits(content_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "catalog.json"
    fresh = load_catalog(content_copy)
    first = load_catalog(content_copy, cache_file=cache)
    assert cache.is_file()
    cached = load_catalog(content_copy, cache_file=cache)

    def shape(catalog):
        return [
            (
                s.slug,
                s.title,
                [
                    (a.slug, a.title, a.summary, a.word_count, a.body, a.body_line, a.order)
                    for a in s.articles
                ],
            )
            for s in catalog.sections
        ]

    assert shape(fresh) == shape(first) == shape(cached)
    # An edited file is parsed again, not served from the cache.
    path = content_copy / "apis-in-depth" / "pagination-that-survives-real-data.md"
    path.write_text(
        path.read_text().replace(
            "title: Pagination That Survives Real Data", "title: Pagination, Edited"
        )
    )
    assert (
        load_catalog(content_copy, cache_file=cache)
        .article("pagination-that-survives-real-data")
        .title
        == "Pagination, Edited"
    )
    # A file that breaks is reported on every load, never hidden by the cache.
    path.write_text(path.read_text().replace("difficulty: medium", "difficulty: extreme"))
    for _ in range(2):
        again = load_catalog(content_copy, cache_file=cache)
        assert again.article("pagination-that-survives-real-data") is None
        assert any("difficulty must be one of" in str(p) for p in again.problems)


def test_unreadable_cache_is_ignored(content_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "catalog.json"
    cache.write_text("{not json")
    assert len(load_catalog(content_copy, cache_file=cache).articles) == 12


# --- issue 17: one hostile file never hurts the others ---------------------------------

_GOOD = (
    "---\ntitle: {title}\nslug: {slug}\nsection: {section}\ntopic: T\n"
    "difficulty: easy\nsummary: s\norder: 9\n---\n{body}"
)


def _article(
    folder: Path, slug: str, *, section: str = "", title: str = "Fine", body: str = "Hi.\n"
) -> Path:
    path = folder / f"{slug}.md"
    path.write_text(_GOOD.format(title=title, slug=slug, section=section or folder.name, body=body))
    return path


def _problems_for(catalog, path: Path) -> list[str]:
    return [str(p) for p in catalog.problems if p.path == str(path)]


def test_wrong_typed_section_and_title_are_problems_not_crashes(content_copy: Path) -> None:
    folder = content_copy / "apis-in-depth"
    as_list = _article(folder, "as-list", section="[apis-in-depth, x]")
    as_map = _article(folder, "as-map", section="{a: 1}")
    title_map = _article(folder, "title-map", title="{x: [1, 2]}")
    catalog = load_catalog(content_copy)
    assert len(catalog.articles) == 12
    for path, field in ((as_list, "section"), (as_map, "section"), (title_map, "title")):
        found = _problems_for(catalog, path)
        line = 4 if field == "section" else 2
        assert any(f":{line}: '{field}' must be a text, not a" in m for m in found), found
    assert not any("{'x'" in a.title for a in catalog.articles)


def test_numbers_and_dates_are_texts(content_copy: Path) -> None:
    folder = content_copy / "apis-in-depth"
    _article(folder, "1984", title="2024-01-02")
    (folder / "1984.md").write_text(
        (folder / "1984.md").read_text().replace("slug: 1984", "slug: 1984")
    )
    catalog = load_catalog(content_copy)
    article = catalog.article("1984")
    assert article is not None and article.title == "2024-01-02"


def test_alias_bomb_title_is_a_problem(content_copy: Path) -> None:
    levels = "abcdefghi"
    yaml_lines = [f"{levels[0]}: &{levels[0]} [" + ",".join(['"lol"'] * 9) + "]"]
    for prev, name in itertools.pairwise(levels):
        yaml_lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = content_copy / "apis-in-depth" / "bomb.md"
    path.write_text("---\n" + "\n".join(yaml_lines) + "\ntitle: *i\nslug: bomb\n---\nx\n")
    catalog = load_catalog(content_copy)
    assert len(catalog.articles) == 12
    assert any("alias" in m for m in _problems_for(catalog, path))


def test_devices_fifos_and_links_out_are_not_read(content_copy: Path, tmp_path: Path) -> None:
    folder = content_copy / "apis-in-depth"
    (folder / "zero.md").symlink_to("/dev/zero")
    os.mkfifo(folder / "fifo.md")
    outside = tmp_path / "outside"
    outside.mkdir()
    _article(outside, "escaped", section="apis-in-depth")
    (folder / "escaped.md").symlink_to(outside / "escaped.md")
    (content_copy / "databases-in-depth").rename(tmp_path / "moved")
    (content_copy / "databases-in-depth").symlink_to(tmp_path / "moved")
    catalog = load_catalog(content_copy)
    assert catalog.article("escaped") is None
    for name, words in (("zero.md", "device"), ("fifo.md", "FIFO"), ("escaped.md", "outside")):
        found = _problems_for(catalog, folder / name)
        assert any(words in m for m in found), (name, found)
    moved = [p for p in catalog.problems if "databases-in-depth" in p.path]
    assert len(moved) == 3 and all("outside" in p.message for p in moved)
    assert len(catalog.articles) == 9


def test_deep_nesting_is_refused_and_rendering_never_raises(content_copy: Path) -> None:
    from longform_desktop.core.markdown import render_markdown

    body = "".join("    " * i + "- x\n" for i in range(300))
    path = _article(content_copy / "apis-in-depth", "deep", body=body)
    catalog = load_catalog(content_copy)
    assert any("nested more than" in m for m in _problems_for(catalog, path))
    assert len(catalog.articles) == 12
    assert "not shown" in render_markdown(body).html  # a RecursionError before


def test_unclosed_diagram_fences_are_linear(content_copy: Path) -> None:
    from longform_desktop.core.readtime import count_words

    body = "```diagram\nid: x\n" * 3000
    assert count_words(body) == count_words("```diagram\nid: x\n") * 3000
    path = _article(content_copy / "apis-in-depth", "fences", body=body)
    catalog = load_catalog(content_copy)
    article = catalog.article("fences")
    assert article is not None and not article.diagrams
    assert any(str(path) in str(p) for p in catalog.problems)


def test_huge_title_is_shortened_with_a_problem(content_copy: Path) -> None:
    path = _article(content_copy / "apis-in-depth", "long-title", title="x" * 2_000_000)
    catalog = load_catalog(content_copy)
    article = catalog.article("long-title")
    assert article is not None and len(article.title) <= 200
    assert any(":2: 'title' is 2,000,000 characters" in m for m in _problems_for(catalog, path))


def test_many_headings_skip_the_file(content_copy: Path) -> None:
    body = "".join(f"## Heading {i}\n\ntext\n\n" for i in range(20_000))
    path = _article(content_copy / "apis-in-depth", "headings", body=body)
    catalog = load_catalog(content_copy)
    assert catalog.article("headings") is None
    assert any("headings" in m for m in _problems_for(catalog, path))


def test_duplicate_slug_never_displaces_the_genuine_article(content_copy: Path) -> None:
    genuine = content_copy / "apis-in-depth" / "idempotency-and-exactly-once.md"
    impostor_dir = content_copy / "aaa"  # sorts before every real folder
    impostor_dir.mkdir()
    impostor = _article(
        impostor_dir, "idempotency-and-exactly-once", section="apis-in-depth", title="Impostor"
    )
    catalog = load_catalog(content_copy)
    article = catalog.article("idempotency-and-exactly-once")
    assert article is not None and article.path == genuine and article.title != "Impostor"
    found = _problems_for(catalog, impostor)
    assert any(str(genuine) in m and "already used" in m for m in found), found


def test_bom_and_crlf_are_accepted(content_copy: Path) -> None:
    path = content_copy / "apis-in-depth" / "idempotency-and-exactly-once.md"
    text = path.read_text()
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    catalog = load_catalog(content_copy)
    assert not [p for p in catalog.problems if p.path == str(path)]
    article = catalog.article("idempotency-and-exactly-once")
    assert article is not None and "\r" not in article.body and len(article.diagrams) >= 2


def test_duplicate_keys_are_reported(content_copy: Path) -> None:
    path = content_copy / "apis-in-depth" / "dup.md"
    path.write_text(
        _GOOD.format(title="A", slug="dup", section="apis-in-depth", body="x\n").replace(
            "topic: T\n", "topic: T\ntitle: B\n"
        )
    )
    catalog = load_catalog(content_copy)
    assert catalog.article("dup") is None
    assert any(
        ":6: 'title' is written twice (first on line 2)" in m for m in _problems_for(catalog, path)
    )


def test_wrong_typed_section_entries_are_problems(content_copy: Path) -> None:
    path = content_copy / "sections.yaml"
    text = path.read_text()
    path.write_text(text + "- slug: extra\n  title: {x: [1, 2]}\n- slug: [a]\n  title: T\n")
    catalog = load_catalog(content_copy)
    assert len(catalog.articles) == 12 and catalog.section("extra") is None
    found = [str(p) for p in catalog.problems if p.path == str(path)]
    assert any("'title' must be a text" in m for m in found), found
    assert any("'slug' must be a text" in m for m in found), found
