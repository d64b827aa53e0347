"""Re-ranking: words close together, and the article that is about the words."""

from __future__ import annotations

from pathlib import Path

from longform_desktop.core.markdown import SectionText
from longform_desktop.core.search import Source, search, section_documents, sync_and_open
from longform_desktop.core.search.ranking import _min_window


def test_min_window() -> None:
    assert _min_window([[0, 10], [11]]) == 2
    assert _min_window([[1], [5], [3]]) == 5
    assert _min_window([[4, 40], [2, 39], [41]]) == 3


def _article(slug: str, sections: list[tuple[str, str]]) -> Source:
    docs = section_documents(
        slug=slug,
        title=slug.title(),
        summary="",
        topic="",
        difficulty="",
        section="",
        sections=[SectionText(slug + str(i), h, t) for i, (h, t) in enumerate(sections)],
    )
    return Source(f"article:{slug}", slug, lambda: docs)


def test_adjacent_words_outrank_scattered_ones(tmp_path: Path) -> None:
    filler = " ".join(["plain"] * 30)
    near = _article("near", [("One", f"{filler} seat inventory {filler}")])
    far = _article("far", [("One", f"seat {filler} inventory {filler}")])
    _, ix = sync_and_open(tmp_path / "ix", [near, far])
    assert [h.article for h in search(ix, "seat inventory").hits] == ["near", "far"]


def test_the_article_about_the_words_outranks_a_passing_mention(tmp_path: Path) -> None:
    other = " ".join(["plain"] * 40)
    about = _article(
        "about",
        [("A", f"vacuum and bloat {other}"), ("B", f"bloat again {other}"), ("C", "bloat, vacuum")],
    )
    passing = _article("passing", [("A", f"vacuum bloat {other}"), ("B", other), ("C", other)])
    _, ix = sync_and_open(tmp_path / "ix", [about, passing])
    assert search(ix, "vacuum bloat").hits[0].article == "about"
