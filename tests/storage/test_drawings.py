from __future__ import annotations

from pathlib import Path

import pytest

from longform_desktop.storage.db import open_database
from longform_desktop.storage.drawings import Attempt, DrawingsRepository

SCENE = '{"format": "longform-drawing", "version": 1, "items": []}'


def _attempt(i: str, started: str, **changes) -> Attempt:
    base = Attempt(
        id=i,
        article="idempotency-and-exactly-once",
        diagram="retry-safe-request",
        scene=SCENE,
        started=started,
        created=started,
        updated=started,
    )
    return base.with_changes(**changes)


def test_autosave_replaces_and_scores_are_kept(tmp_path: Path) -> None:
    repo = DrawingsRepository(open_database(tmp_path / "db.sqlite3"))
    first = repo.save(_attempt("a1", "2026-11-30T10:00:00Z"))
    repo.save(first.with_changes(scene=SCENE.replace("[]", '[{"type": "text"}]'), duration_s=42))
    repo.save(
        first.with_changes(
            duration_s=61.5, score=71, score_parts={"box_part": 0.75}, updated="2026-11-30T10:01Z"
        )
    )
    got = repo.get("a1")
    assert got is not None
    assert (got.score, got.duration_s, got.score_parts) == (71, 61.5, {"box_part": 0.75})
    assert len(repo.all()) == 1


def test_attempts_are_listed_oldest_first_per_diagram(tmp_path: Path) -> None:
    repo = DrawingsRepository(open_database(tmp_path / "db.sqlite3"))
    repo.save(_attempt("late", "2026-11-30T12:00:00Z"))
    repo.save(_attempt("early", "2026-11-29T12:00:00Z"))
    repo.save(_attempt("free", "2026-11-29T13:00:00Z", diagram=None))
    repo.save(
        _attempt(
            "paper",
            "2026-11-30T13:00:00Z",
            kind="paper",
            photo=b"\x89PNG",
            photo_type="image/png",
            checklist={"nodes": ["api"], "edges": [["client", "api"]]},
        )
    )
    ids = [a.id for a in repo.for_diagram("idempotency-and-exactly-once", "retry-safe-request")]
    assert ids == ["early", "late", "paper"]
    assert [a.id for a in repo.for_article("idempotency-and-exactly-once")] == [
        "early",
        "free",
        "late",
        "paper",
    ]
    paper = repo.get("paper")
    assert paper is not None and paper.photo == b"\x89PNG" and paper.checklist["nodes"] == ["api"]
    assert repo.delete("late") and not repo.delete("late")


def test_bad_attempts_are_refused(tmp_path: Path) -> None:
    import sqlite3

    repo = DrawingsRepository(open_database(tmp_path / "db.sqlite3"))
    with pytest.raises(ValueError, match="unknown attempt kind"):
        repo.save(_attempt("x", "2026-11-30T10:00:00Z", kind="sculpture"))
    with pytest.raises(sqlite3.IntegrityError):  # a diagram always belongs to an article
        repo.save(_attempt("y", "2026-11-30T10:00:00Z", article=None))
    with pytest.raises(sqlite3.IntegrityError):
        repo.save(_attempt("z", "2026-11-30T10:00:00Z", score=140))
    assert repo.all() == []
