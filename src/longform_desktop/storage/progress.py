"""Reading progress per deep dive: scroll position, percent read, finished."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import NamedTuple

from .db import transaction
from .rows import BadRow, number, skipped, whole

FINISHED_AT = 0.97  # scrolled this far (as a fraction) counts as read to the end


# A NamedTuple: cheaper to define than a frozen dataclass (docs/architecture.md, Start-up).
class Progress(NamedTuple):
    article: str
    position: float  # scroll fraction 0..1 of the reading position
    percent: float  # furthest fraction reached, 0..1
    finished: bool

    @property
    def state(self) -> str:
        if self.finished:
            return "finished"
        return "in progress" if self.percent > 0 else "unread"


def _progress(row: tuple) -> Progress | None:
    """A row as Progress, or None (logged) when it is not what the app writes. Numbers
    out of 0..1 are clamped: only their type and finiteness make a row damaged."""
    try:
        if not isinstance(row[0], str):
            raise BadRow(f"article is {type(row[0]).__name__}, not text")
        position = min(max(number(row[1], "position"), 0.0), 1.0)
        percent = min(max(number(row[2], "percent"), 0.0), 1.0)
        finished = whole(row[3], "finished")
        return Progress(row[0], position, percent, bool(finished))
    except BadRow as exc:
        skipped("reading_progress", row[0], exc)
        return None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class ProgressRepository:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def get(self, article: str) -> Progress:
        """The stored progress, or "unread" when there is none or its row is damaged."""
        row = self.db.execute(
            "SELECT article, position, percent, finished FROM reading_progress WHERE article = ?",
            [article],
        ).fetchone()
        found = _progress(row) if row is not None else None
        return found or Progress(article, 0.0, 0.0, False)

    def all(self) -> dict[str, Progress]:
        """Every article's progress; damaged rows are skipped (and logged)."""
        rows = self.db.execute("SELECT article, position, percent, finished FROM reading_progress")
        found = (_progress(r) for r in rows)
        return {p.article: p for p in found if p is not None}

    def save_position(self, article: str, position: float) -> Progress:
        """Record where the reader is; percent only grows, finished is sticky."""
        position = min(max(position, 0.0), 1.0)
        with transaction(self.db):  # read and write as one: percent never goes back
            old = self.get(article)
            percent = max(old.percent, position)
            finished = old.finished or percent >= FINISHED_AT
            now = _now()
            self.db.execute(
                "INSERT INTO reading_progress (article, position, percent, finished, opened_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(article) DO UPDATE SET "
                "position = excluded.position, percent = excluded.percent, "
                "finished = excluded.finished, updated_at = excluded.updated_at",
                [article, position, percent, int(finished), now, now],
            )
        return Progress(article, position, percent, finished)
