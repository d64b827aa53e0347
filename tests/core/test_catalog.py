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
