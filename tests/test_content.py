"""The bundled deep dives against the seed: present, metadata word for word, read time
within 15% of the seed's, at least two valid diagrams, `longform check` clean."""

from __future__ import annotations

import re

import pytest

from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.checks import check_catalog

from .conftest import CONTENT
from .seed import SECTIONS, seed_entries

CATALOG = load_catalog(CONTENT)
ENTRIES = seed_entries()


def test_seed_has_twelve_entries() -> None:
    assert len(ENTRIES) == 12


def test_sections_in_seed_order() -> None:
    assert [s.title for s in CATALOG.sections] == SECTIONS


def test_bundled_content_passes_check() -> None:
    assert [str(p) for p in check_catalog(CATALOG)] == []


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.title)
def test_article_matches_seed(entry) -> None:
    article = next((a for a in CATALOG.articles if a.title == entry.title), None)
    assert article is not None, f"{entry.title!r} missing from content/"
    section = CATALOG.section(article.section)
    assert section is not None and section.title == entry.section
    assert (article.topic, article.difficulty, article.summary) == (
        entry.topic,
        entry.difficulty,
        entry.summary,
    )
    order = [a.title for a in section.articles]
    seed_order = [e.title for e in ENTRIES if e.section == entry.section]
    assert order == seed_order


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.title)
def test_article_is_written_to_length_with_diagrams(entry) -> None:
    article = next(a for a in CATALOG.articles if a.title == entry.title)
    assert article.is_written, f"{entry.title!r} is not written yet"
    low, high = entry.minutes * 0.85, entry.minutes * 1.15
    assert low <= article.read_minutes <= high, (article.read_minutes, entry.minutes)
    assert len(article.diagrams) >= 2
    for diagram in article.diagrams:
        assert 4 <= len(diagram.nodes) <= 12
    body = article.body
    assert "## Redraw it" in body and "## Self-test" in body
    redraw = body.split("## Redraw it", 1)[1].split("## Self-test", 1)[0].lower()
    for diagram in article.diagrams:  # "Redraw it" names every reference diagram
        assert diagram.id in redraw or diagram.title.lower()[:20] in redraw, diagram.id
    questions = re.findall(r"^\s*\d+\.\s", body.split("## Self-test", 1)[1], re.MULTILINE)
    assert 5 <= len(questions) <= 8
