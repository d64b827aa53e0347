"""Redraw attempts: the scene as the contract's JSON, its article and diagram, when it
was drawn, how long it took and how it scored. Free drawings have no diagram."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field, replace
from typing import Any

from .db import transaction

KINDS = ("canvas", "paper")
_COLUMNS = (
    "id, article, diagram, kind, scene, photo, photo_type, checklist, started, duration_s, "
    "score, score_parts, created, updated"
)


@dataclass(frozen=True)
class Attempt:
    id: str
    article: str | None
    diagram: str | None
    scene: str  # longform-drawing v1 JSON (core.drawing.dump_drawing)
    started: str  # ISO-8601 UTC
    created: str
    updated: str
    kind: str = "canvas"  # or "paper": a photo with a checklist
    duration_s: float = 0.0
    score: int | None = None
    score_parts: dict[str, Any] | None = None  # the scorer's JSON
    photo: bytes | None = field(default=None, repr=False)
    photo_type: str | None = None
    checklist: dict[str, Any] | None = None  # {"nodes": [...], "edges": [[from, to], ...]}

    def with_changes(self, **changes: Any) -> Attempt:
        return replace(self, **changes)


def _row(r: sqlite3.Row | tuple) -> Attempt:
    return Attempt(
        id=r[0],
        article=r[1],
        diagram=r[2],
        kind=r[3],
        scene=r[4],
        photo=r[5],
        photo_type=r[6],
        checklist=json.loads(r[7]) if r[7] else None,
        started=r[8],
        duration_s=float(r[9]),
        score=r[10],
        score_parts=json.loads(r[11]) if r[11] else None,
        created=r[12],
        updated=r[13],
    )


class DrawingsRepository:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def save(self, attempt: Attempt) -> Attempt:
        """Insert or replace the whole attempt (autosave writes the newest scene)."""
        if attempt.kind not in KINDS:
            raise ValueError(f"unknown attempt kind {attempt.kind!r}")
        with transaction(self.db):
            self.db.execute(
                f"INSERT INTO drawings ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET article = excluded.article, "
                "diagram = excluded.diagram, kind = excluded.kind, scene = excluded.scene, "
                "photo = excluded.photo, photo_type = excluded.photo_type, "
                "checklist = excluded.checklist, started = excluded.started, "
                "duration_s = excluded.duration_s, score = excluded.score, "
                "score_parts = excluded.score_parts, updated = excluded.updated",
                [
                    attempt.id,
                    attempt.article,
                    attempt.diagram,
                    attempt.kind,
                    attempt.scene,
                    attempt.photo,
                    attempt.photo_type,
                    json.dumps(attempt.checklist) if attempt.checklist is not None else None,
                    attempt.started,
                    attempt.duration_s,
                    attempt.score,
                    json.dumps(attempt.score_parts) if attempt.score_parts is not None else None,
                    attempt.created,
                    attempt.updated,
                ],
            )
        return attempt

    def get(self, attempt_id: str) -> Attempt | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM drawings WHERE id = ?", [attempt_id]
        ).fetchone()
        return _row(row) if row else None

    def for_diagram(self, article: str, diagram: str) -> list[Attempt]:
        """Attempts at one reference diagram, oldest first."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM drawings WHERE article = ? AND diagram = ? "
            "ORDER BY started, id",
            [article, diagram],
        )
        return [_row(r) for r in rows]

    def for_article(self, article: str) -> list[Attempt]:
        """Every attempt and free drawing of an article, oldest first."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM drawings WHERE article = ? ORDER BY started, id", [article]
        )
        return [_row(r) for r in rows]

    def all(self) -> list[Attempt]:
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM drawings ORDER BY started, id")
        return [_row(r) for r in rows]

    def delete(self, attempt_id: str) -> bool:
        with transaction(self.db):
            cursor = self.db.execute("DELETE FROM drawings WHERE id = ?", [attempt_id])
        return cursor.rowcount > 0
