from __future__ import annotations

from pathlib import Path

from longform_desktop.storage.db import open_database
from longform_desktop.storage.progress import ProgressRepository


def test_progress_only_grows_and_finishes(tmp_path: Path) -> None:
    repo = ProgressRepository(open_database(tmp_path / "db.sqlite3"))
    assert repo.get("a").state == "unread"
    repo.save_position("a", 0.4)
    back = repo.save_position("a", 0.1)
    assert (back.position, back.percent, back.state) == (0.1, 0.4, "in progress")
    assert repo.save_position("a", 1.0).finished
    assert repo.save_position("a", 0.0).finished  # sticky
    assert repo.all()["a"].finished


def test_progress_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    db = open_database(path)
    ProgressRepository(db).save_position("x", 0.5)
    db.close()
    assert ProgressRepository(open_database(path)).get("x").percent == 0.5
