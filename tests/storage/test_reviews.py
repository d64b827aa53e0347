from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from longform_desktop.core import review
from longform_desktop.storage.db import open_database
from longform_desktop.storage.reviews import (
    ReviewCard,
    ReviewLogEntry,
    ReviewsRepository,
    parse_utc,
)

# A card's state is core.review's (the repository checks it as the scheduler reads it).
STATE, _ = review.review(None, 71, datetime(2026, 12, 1, 10, tzinfo=UTC))
LATER, _ = review.review(STATE, 92, datetime(2026, 12, 3, 10, tzinfo=UTC))


def test_cards_and_their_log_are_written_together(tmp_path: Path) -> None:
    repo = ReviewsRepository(open_database(tmp_path / "db.sqlite3"))
    card = ReviewCard("a", "d1", STATE, "2026-12-03T10:00:00Z", 71, "2026-12-01T10:00Z")
    log = ReviewLogEntry("a", "d1", None, 71, 3, "2026-12-01T10:00:00Z")
    repo.put(card, log)
    repo.put(card.__class__("a", "d1", LATER, "2026-12-09T10:00:00Z", 92, None), log)
    got = repo.get("a", "d1")
    assert got is not None and got.state == LATER and got.last_score == 92
    assert [e.score for e in repo.history("a", "d1")] == [71, 71]


def test_due_compares_times_not_strings(tmp_path: Path) -> None:
    repo = ReviewsRepository(open_database(tmp_path / "db.sqlite3"))
    repo.put(ReviewCard("a", "late", STATE, "2026-12-02T09:00:00+05:30"))  # 03:30 UTC
    repo.put(ReviewCard("a", "soon", STATE, "2026-12-02T03:00:00Z"))
    repo.put(ReviewCard("a", "future", STATE, "2026-12-09T00:00:00Z"))
    now = datetime(2026, 12, 2, 4, 0, tzinfo=UTC)
    assert [c.diagram for c in repo.due(now)] == ["soon", "late"]
    assert parse_utc("2026-12-02T03:00:00") == datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
