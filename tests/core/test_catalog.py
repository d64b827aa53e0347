from __future__ import annotations

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
