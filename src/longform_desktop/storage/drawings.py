"""Redraw attempts: the scene as the contract's JSON, its article and diagram, when it
was drawn, how long it took and how it scored. Free drawings have no diagram."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from .db import transaction
from .rows import BadRow, number, skipped, text, whole

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


def _json_object(value: object, field: str) -> dict[str, Any] | None:
    if value is None or value == "":
        return None
    parsed = json.loads(text(value, field) or "")
    if not isinstance(parsed, dict):
        raise BadRow(f"{field} is JSON {type(parsed).__name__}, not an object")
    return parsed


def _row(r: sqlite3.Row | tuple) -> Attempt | None:
    """The row as an Attempt, or None (skipped, logged) when it is not what the app
    writes. The scene is parsed as the canvas will open it, so a drawing that cannot be
    shown is never offered."""
    from longform_desktop.core.drawing import DrawingFormatError, load_drawing

    try:
        kind = text(r[3], "kind")
        if kind not in KINDS:
            raise BadRow(f"kind {kind!r} is not one of {', '.join(KINDS)}")
        scene = text(r[4], "scene")
        assert scene is not None
        load_drawing(scene)
        if r[5] is not None and not isinstance(r[5], bytes):
            raise BadRow(f"photo is {type(r[5]).__name__}, not bytes")
        score = whole(r[10], "score", optional=True)
        if score is not None and not 0 <= score <= 100:
            raise BadRow(f"score {score} is not between 0 and 100")
        return Attempt(
            id=text(r[0], "id") or "",
            article=text(r[1], "article", optional=True),
            diagram=text(r[2], "diagram", optional=True),
            kind=kind,
            scene=scene,
            photo=r[5],
            photo_type=text(r[6], "photo_type", optional=True),
            checklist=_json_object(r[7], "checklist"),
            started=text(r[8], "started") or "",
            duration_s=max(number(r[9], "duration_s"), 0.0),
            score=score,
            score_parts=_json_object(r[11], "score_parts"),
            created=text(r[12], "created") or "",
            updated=text(r[13], "updated") or "",
        )
    except (BadRow, DrawingFormatError, ValueError, RecursionError) as exc:
        skipped("drawings", r[0], exc)
        return None


def _good(rows: Iterable[tuple]) -> list[Attempt]:
    return [a for a in map(_row, rows) if a is not None]


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
        return _good(rows)

    def for_article(self, article: str) -> list[Attempt]:
        """Every attempt and free drawing of an article, oldest first."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM drawings WHERE article = ? ORDER BY started, id", [article]
        )
        return _good(rows)

    def all(self) -> list[Attempt]:
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM drawings ORDER BY started, id")
        return _good(rows)

    def delete(self, attempt_id: str) -> bool:
        with transaction(self.db):
            cursor = self.db.execute("DELETE FROM drawings WHERE id = ?", [attempt_id])
        return cursor.rowcount > 0
