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
from .rows import BadRow, skipped, text, whole


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


def _card(r: tuple) -> ReviewCard | None:
    """The row as a card, or None (skipped, logged) when it is not what the app writes:
    the due date and the FSRS state are checked as the scheduler will read them."""
    try:
        text(r[0], "article")
        text(r[1], "diagram")
        due = text(r[3], "due")
        assert due is not None
        parse_utc(due)
        last_score = whole(r[4], "last_score", optional=True)
        last_review = text(r[5], "last_review", optional=True)
        if last_review is not None:
            parse_utc(last_review)
        state = json.loads(text(r[2], "state") or "")
        if not isinstance(state, dict):
            raise BadRow(f"state is {type(state).__name__}, not a JSON object")
        from longform_desktop.core import review  # FSRS: only when cards are read

        review.due_at(state)
        review.is_mastered(state)
    except (BadRow, ValueError, TypeError, RecursionError, OverflowError) as exc:
        skipped("review_cards", (r[0], r[1]), exc)
        return None
    return ReviewCard(r[0], r[1], state, due, last_score, last_review)


class ReviewsRepository:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def get(self, article: str, diagram: str) -> ReviewCard | None:
        row = self.db.execute(
            "SELECT article, diagram, state, due, last_score, last_review FROM review_cards "
            "WHERE article = ? AND diagram = ?",
            [article, diagram],
        ).fetchone()
        return _card(row) if row else None  # a damaged card: as if never reviewed

    def all(self) -> list[ReviewCard]:
        rows = self.db.execute(
            "SELECT article, diagram, state, due, last_score, last_review FROM review_cards"
        )
        cards = [c for c in map(_card, rows) if c is not None]
        return sorted(cards, key=lambda c: (parse_utc(c.due), c.article))

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
        return [e for e in map(_log_entry, rows) if e is not None]


def _log_entry(r: tuple) -> ReviewLogEntry | None:
    try:
        text(r[0], "article")
        text(r[1], "diagram")
        text(r[2], "drawing", optional=True)
        whole(r[3], "score")
        whole(r[4], "rating")
        parse_utc(text(r[5], "reviewed") or "")
    except (BadRow, ValueError) as exc:
        skipped("review_log", (r[0], r[1], r[5]), exc)
        return None
    return ReviewLogEntry(*r)
