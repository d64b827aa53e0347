"""The review schedule: one card per reference diagram (its FSRS state as JSON, when it
is due, its last score) and a log of every rating given. The scheduling itself is in
core/review.py; this only keeps what it decided."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .db import transaction


@dataclass(frozen=True)
class ReviewCard:
    article: str
    diagram: str
    state: dict[str, Any]  # core.review's card state, JSON-able
    due: str  # ISO-8601 UTC
    last_score: int | None = None
    last_review: str | None = None


@dataclass(frozen=True)
class ReviewLogEntry:
    article: str
    diagram: str
    drawing: str | None
    score: int
    rating: int
    reviewed: str


def parse_utc(value: str) -> datetime:
    """An ISO-8601 timestamp as an aware UTC datetime ("Z" or an offset; naive = UTC)."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _card(r: tuple) -> ReviewCard:
    return ReviewCard(r[0], r[1], json.loads(r[2]), r[3], r[4], r[5])


class ReviewsRepository:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def get(self, article: str, diagram: str) -> ReviewCard | None:
        row = self.db.execute(
            "SELECT article, diagram, state, due, last_score, last_review FROM review_cards "
            "WHERE article = ? AND diagram = ?",
            [article, diagram],
        ).fetchone()
        return _card(row) if row else None

    def all(self) -> list[ReviewCard]:
        rows = self.db.execute(
            "SELECT article, diagram, state, due, last_score, last_review FROM review_cards"
        )
        return sorted((_card(r) for r in rows), key=lambda c: (parse_utc(c.due), c.article))

    def due(self, now: datetime) -> list[ReviewCard]:
        """Cards due at or before ``now`` (an aware datetime), soonest first."""
        return [c for c in self.all() if parse_utc(c.due) <= now]

    def put(self, card: ReviewCard, log: ReviewLogEntry | None = None) -> None:
        """Store a card's new state and, in the same transaction, the rating behind it."""
        with transaction(self.db):
            self.db.execute(
                "INSERT INTO review_cards (article, diagram, state, due, last_score, last_review) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(article, diagram) DO UPDATE SET "
                "state = excluded.state, due = excluded.due, last_score = excluded.last_score, "
                "last_review = excluded.last_review",
                [
                    card.article,
                    card.diagram,
                    json.dumps(card.state, sort_keys=True),
                    card.due,
                    card.last_score,
                    card.last_review,
                ],
            )
            if log is not None:
                self.db.execute(
                    "INSERT INTO review_log (article, diagram, drawing, score, rating, reviewed) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [log.article, log.diagram, log.drawing, log.score, log.rating, log.reviewed],
                )

    def history(self, article: str, diagram: str) -> list[ReviewLogEntry]:
        rows = self.db.execute(
            "SELECT article, diagram, drawing, score, rating, reviewed FROM review_log "
            "WHERE article = ? AND diagram = ? ORDER BY reviewed, id",
            [article, diagram],
        )
        return [ReviewLogEntry(*r) for r in rows]
