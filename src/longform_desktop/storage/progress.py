"""Reading progress per deep dive: scroll position, percent read, finished."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from .db import transaction

FINISHED_AT = 0.97  # scrolled this far (as a fraction) counts as read to the end


@dataclass(frozen=True)
class Progress:
    article: str
    position: float  # scroll fraction 0..1 of the reading position
    percent: float  # furthest fraction reached, 0..1
    finished: bool

    @property
    def state(self) -> str:
        if self.finished:
            return "finished"
        return "in progress" if self.percent > 0 else "unread"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class ProgressRepository:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def get(self, article: str) -> Progress:
        row = self.db.execute(
            "SELECT position, percent, finished FROM reading_progress WHERE article = ?", [article]
        ).fetchone()
        if row is None:
            return Progress(article, 0.0, 0.0, False)
        return Progress(article, float(row[0]), float(row[1]), bool(row[2]))

    def all(self) -> dict[str, Progress]:
        rows = self.db.execute("SELECT article, position, percent, finished FROM reading_progress")
        return {r[0]: Progress(r[0], float(r[1]), float(r[2]), bool(r[3])) for r in rows}

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
