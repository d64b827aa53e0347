"""longform redraw export | import | list, through the real storage."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from longform_desktop import paths
from longform_desktop.cli import main
from longform_desktop.core import review as review_core
from longform_desktop.storage.db import open_database
from longform_desktop.storage.drawings import Attempt, DrawingsRepository
from longform_desktop.storage.reviews import ReviewCard, ReviewsRepository

ARTICLE = "idempotency-and-exactly-once"
SCENE = json.dumps(
    {
        "format": "longform-drawing",
        "version": 1,
        "items": [
            {
                "type": "shape",
                "id": "s1",
                "shape": "box",
                "text": "Idempotency key store",
                "x": 0,
                "y": 0,
                "w": 140,
                "h": 60,
            }
        ],
        "future_field": {"kept": True},
    }
)


def _seed() -> None:
    conn = open_database(paths.database_path())
    repo = DrawingsRepository(conn)
    repo.save(
        Attempt(
            "a1",
            ARTICLE,
            "retry-safe-request",
            SCENE,
            "2026-11-30T10:00:00Z",
            "2026-11-30T10:00:00Z",
            "2026-11-30T10:05:00Z",
            duration_s=300,
            score=41,
        )
    )
    repo.save(
        Attempt(
            "p1",
            ARTICLE,
            "retry-safe-request",
            SCENE,
            "2026-11-30T11:00:00Z",
            "2026-11-30T11:00:00Z",
            "2026-11-30T11:00:00Z",
            kind="paper",
            photo=b"\xff\xd8jpeg",
            photo_type="image/jpeg",
            score=80,
            checklist={"nodes": ["api"], "edges": []},
        )
    )
    repo.save(
        Attempt(
            "f1",
            None,
            None,
            SCENE,
            "2026-11-30T12:00:00Z",
            "2026-11-30T12:00:00Z",
            "2026-11-30T12:00:00Z",
        )
    )
    state, due = review_core.review(None, 80, datetime(2026, 11, 30, 11, tzinfo=UTC))
    ReviewsRepository(conn).put(
        ReviewCard(ARTICLE, "retry-safe-request", state, due.strftime("%Y-%m-%dT%H:%M:%SZ"), 80)
    )


def test_export_then_import_into_a_fresh_library(tmp_path: Path, monkeypatch, capsys) -> None:
    _seed()
    out = tmp_path / "out"
    assert main(["redraw", "export", "--output", str(out)]) == 0
    files = sorted(out.glob("*.json"))
    assert len(files) == 3 and len(list(out.glob("*.jpg"))) == 1
    payload = json.loads(next(f for f in files if "free" not in f.name).read_text())
    assert payload["format"] == "longform-drawing" and payload["article"] == ARTICLE
    assert payload["future_field"] == {"kept": True}  # unknown fields survive the trip
    monkeypatch.setenv("LONGFORM_DATA_DIR", str(tmp_path / "fresh"))
    assert main(["redraw", "import", *map(str, files)]) == 0
    assert "Imported 3" in capsys.readouterr().out
    assert main(["redraw", "import", *map(str, files)]) == 0  # again: merged by id
    assert "Imported 0" in capsys.readouterr().out
    repo = DrawingsRepository(open_database(paths.database_path()))
    by_id = {a.id: a for a in repo.all()}
    assert set(by_id) == {"a1", "p1", "f1"}
    assert by_id["a1"].score == 41 and by_id["a1"].duration_s == 300
    assert by_id["p1"].photo == b"\xff\xd8jpeg" and by_id["p1"].checklist["nodes"] == ["api"]
    assert by_id["f1"].article is None


def test_a_bad_file_among_good_ones_imports_nothing(tmp_path: Path, capsys) -> None:
    good = tmp_path / "good.json"
    good.write_text(SCENE)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "longform-drawing", "version": 99, "items": []}')
    assert main(["redraw", "import", str(good), str(bad)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and err.count("\n") == 1
    assert DrawingsRepository(open_database(paths.database_path())).all() == []


@pytest.mark.parametrize("as_json", [True, False])
def test_list_shows_last_score_due_and_mastery(capsys, as_json: bool) -> None:
    _seed()
    assert main(["redraw", "list", "--article", ARTICLE, *(["--json"] if as_json else [])]) == 0
    out = capsys.readouterr().out
    if as_json:
        rows = {r["diagram"]: r for r in json.loads(out)["diagrams"]}
        assert rows["retry-safe-request"]["last_score"] == 80
        assert rows["retry-safe-request"]["attempts"] == 2 and rows["retry-safe-request"]["due"]
        assert rows["outbox-inbox-pipeline"]["due"] is None
        assert not any(r["mastered"] for r in rows.values())
    else:
        assert " 80  " in out and "never redrawn" in out and "of 3 mastered" in out
