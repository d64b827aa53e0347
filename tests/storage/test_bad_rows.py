"""One damaged row never takes the app down (issue 17): every repository read at start
or when something opens skips a row that is not what the app writes, logs it, and goes
on with the rest. The damaged row itself is left in the database, untouched."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import pytest

from longform_desktop.core.drawing import dump_drawing, new_drawing
from longform_desktop.core.notes import new_note
from longform_desktop.storage.db import open_database, transaction
from longform_desktop.storage.drawings import Attempt, DrawingsRepository
from longform_desktop.storage.notes import NotesRepository
from longform_desktop.storage.progress import ProgressRepository
from longform_desktop.storage.reviews import ReviewCard, ReviewsRepository
from longform_desktop.storage.settings import READER_ZOOM, THEME, SettingsRepository

T = "2026-11-30T18:02:11Z"


@pytest.fixture
def db(tmp_path: Path) -> sqlite3.Connection:
    from longform_desktop.storage import rows

    rows._LOGGED.clear()  # each row is logged once per process: start each test afresh
    conn = open_database(tmp_path / "db.sqlite3")
    conn.execute("PRAGMA ignore_check_constraints = ON")  # as another tool could write
    yield conn
    conn.close()


def _skipped(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "skipped a damaged row" in r.getMessage()]


@pytest.mark.parametrize(
    ("position", "percent", "finished"),
    [("abc", 0.5, 0), (None, 0.5, 0), (0.5, b"\x00", 0), (0.5, 0.5, "yes"), ("nan", 0.1, 0)],
)
def test_progress_skips_a_damaged_row(db, caplog, position, percent, finished) -> None:
    repo = ProgressRepository(db)
    repo.save_position("good", 0.4)
    db.execute(
        "INSERT INTO reading_progress (article, position, percent, finished, opened_at, "
        "updated_at) VALUES ('bad', ?, ?, ?, '', '')",
        [position, percent, finished],
    )
    with caplog.at_level(logging.WARNING):
        everything = repo.all()
        assert set(everything) == {"good"} and everything["good"].percent == 0.4
        assert repo.get("bad").state == "unread"
    assert _skipped(caplog)
    assert db.execute("SELECT count(*) FROM reading_progress").fetchone() == (2,)
    # Reading on saves a good row over it: the user's place is kept from then on.
    assert repo.save_position("bad", 0.3).percent == 0.3
    assert repo.all()["bad"].position == 0.3


def test_progress_out_of_range_is_clamped_not_skipped(db) -> None:
    db.execute(
        "INSERT INTO reading_progress VALUES ('far', 7.5, -2, 1, '', '')",
    )
    got = ProgressRepository(db).get("far")
    assert (got.position, got.percent, got.finished) == (1.0, 0.0, True)


@pytest.mark.parametrize("value", [None, 5, "{not json", b"\xff\xfe", "[" * 5000, '"huge"'])
def test_a_setting_of_the_wrong_type_falls_back_to_its_default(db, caplog, value) -> None:
    db.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [READER_ZOOM.key, value])
    db.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [THEME.key, value])
    repo = SettingsRepository(db)
    with caplog.at_level(logging.WARNING):
        assert repo.get(READER_ZOOM) == 1.0
        assert repo.get(THEME) == "system"
    assert _skipped(caplog)


def _note_row(db, **fields) -> str:
    row = {
        "id": "n-bad",
        "article": "a",
        "created": T,
        "updated": T,
        "color": "yellow",
        "body": "text",
        "section": "s",
        "exact": "quote",
        "prefix": "",
        "suffix": "",
        "pos_start": 3,
        "pos_end": 8,
    }
    row.update(fields)
    db.execute(
        f"INSERT INTO notes ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        list(row.values()),
    )
    return row["id"]


@pytest.mark.parametrize(
    "fields",
    [
        {"color": "purple"},
        {"color": 7},
        {"body": b"\x00\x01"},  # a TEXT column turns a number into text: a blob stays
        {"exact": b"bytes"},
        {"created": b"20261130"},
        {"section": b"s"},
        {"article": None, "id": "n-null"},
    ],
)
def test_notes_skip_a_damaged_row(db, caplog, fields) -> None:
    repo = NotesRepository(db)
    good = repo.save(new_note("a", body="kept"))
    if fields.get("article", "") is None:  # NOT NULL: only a rebuilt table could hold it
        db.execute("PRAGMA writable_schema = ON")
        db.execute(
            "UPDATE sqlite_master SET sql = replace(sql, 'article TEXT NOT NULL', "
            "'article TEXT') WHERE name = 'notes'"
        )
        db.execute("PRAGMA writable_schema = OFF")
        path = db_path(repo)
        db.close()
        db = open_database(Path(path))
        db.execute("PRAGMA ignore_check_constraints = ON")
        repo = NotesRepository(db)
    bad = _note_row(db, **fields)
    with caplog.at_level(logging.WARNING):
        assert [n.id for n in repo.all()] == [good.id]
        assert [n.id for n in repo.all("a")] == [good.id]
        assert repo.get(bad) is None
    assert _skipped(caplog)
    assert db.execute("SELECT count(*) FROM notes WHERE id = ?", [bad]).fetchone() == (1,)


def db_path(repo: NotesRepository) -> str:
    return repo.db.execute("PRAGMA database_list").fetchone()[2]


@pytest.mark.parametrize(("start", "end"), [("abc", 8), (3, "x"), (-4, 2), (9, 3), (1.5, 2)])
def test_a_damaged_position_hint_is_dropped_and_the_note_kept(db, start, end) -> None:
    _note_row(db, pos_start=start, pos_end=end)
    (note,) = NotesRepository(db).all()
    assert note.body == "text" and note.target.exact == "quote"
    assert (note.target.start, note.target.end) == (None, None)


def _attempt(scene: str | None = None) -> Attempt:
    return Attempt(
        id="d-good",
        article="a",
        diagram=None,
        scene=scene or dump_drawing(new_drawing("a", None)),
        started=T,
        created=T,
        updated=T,
    )


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("scene", "{not json"),
        ("scene", '{"format": "something-else"}'),
        ("scene", "[1, 2]"),
        ("scene", 42),
        ("checklist", "{broken"),
        ("checklist", "[1]"),
        ("score_parts", "nope"),
        ("duration_s", "abc"),
        ("score", "high"),
        ("score", 500),
        ("kind", "napkin"),
        ("started", None),
        ("photo", "not bytes"),
    ],
)
def test_drawings_skip_a_damaged_row(db, caplog, column, value) -> None:
    repo = DrawingsRepository(db)
    repo.save(_attempt())
    repo.save(_attempt().with_changes(id="d-bad"))
    if column == "started":  # NOT NULL: rebuild the table without it, as a tool might
        db.execute("PRAGMA writable_schema = ON")
        db.execute(
            "UPDATE sqlite_master SET sql = replace(sql, 'started TEXT NOT NULL', "
            "'started TEXT') WHERE name = 'drawings'"
        )
        db.execute("PRAGMA writable_schema = OFF")
        path = db.execute("PRAGMA database_list").fetchone()[2]
        db.close()
        db = open_database(Path(path))
        db.execute("PRAGMA ignore_check_constraints = ON")
        repo = DrawingsRepository(db)
    db.execute(f"UPDATE drawings SET {column} = ? WHERE id = 'd-bad'", [value])
    with caplog.at_level(logging.WARNING):
        assert [a.id for a in repo.all()] == ["d-good"]
        assert [a.id for a in repo.for_article("a")] == ["d-good"]
        assert repo.get("d-bad") is None
    assert _skipped(caplog)
    db.close()


def _card(db, state, due=T, last_review=None, last_score=80) -> None:
    db.execute(
        "INSERT INTO review_cards VALUES ('a', 'd-bad', ?, ?, ?, ?)",
        [state, due, last_score, last_review],
    )


@pytest.mark.parametrize(
    ("state", "due", "last_review", "last_score"),
    [
        ("{not json", T, None, 80),
        ("[]", T, None, 80),
        ('{"version": 99}', T, None, 80),
        (json.dumps({"version": 1, "card": "x"}), T, None, 80),
        ("GOOD", "next tuesday", None, 80),
        ("GOOD", None, None, 80),
        ("GOOD", T, "yesterday", 80),
        ("GOOD", T, None, "eighty"),
        (None, T, None, 80),
    ],
)
def test_review_cards_skip_a_damaged_row(db, caplog, state, due, last_review, last_score) -> None:
    from datetime import UTC, datetime

    from longform_desktop.core import review

    good_state, good_due = review.review(None, 80, datetime(2026, 11, 30, tzinfo=UTC))
    repo = ReviewsRepository(db)
    repo.put(ReviewCard("a", "d-good", good_state, good_due.isoformat(), 80, T))
    if state == "GOOD":
        state = json.dumps(good_state)
    if due is None or state is None:  # NOT NULL columns: let the table take them
        db.execute("PRAGMA writable_schema = ON")
        db.execute(
            "UPDATE sqlite_master SET sql = replace(replace(sql, 'state TEXT NOT NULL', "
            "'state TEXT'), 'due TEXT NOT NULL', 'due TEXT') WHERE name = 'review_cards'"
        )
        db.execute("PRAGMA writable_schema = OFF")
        path = db.execute("PRAGMA database_list").fetchone()[2]
        db.close()
        db = open_database(Path(path))
        repo = ReviewsRepository(db)
    _card(db, state, due, last_review, last_score)
    with caplog.at_level(logging.WARNING):
        assert [c.diagram for c in repo.all()] == ["d-good"]
        assert repo.due(datetime(2100, 1, 1, tzinfo=UTC))[0].diagram == "d-good"
        assert repo.get("a", "d-bad") is None
    assert _skipped(caplog)
    db.close()


def test_the_review_log_skips_a_damaged_entry(db, caplog) -> None:
    with transaction(db):
        db.execute(
            "INSERT INTO review_log (article, diagram, drawing, score, rating, reviewed) "
            "VALUES ('a', 'd', NULL, 80, 3, ?), ('a', 'd', NULL, 'x', 3, ?), "
            "('a', 'd', NULL, 70, 3, 'soon')",
            [T, T],
        )
    with caplog.at_level(logging.WARNING):
        assert [e.score for e in ReviewsRepository(db).history("a", "d")] == [80]
    assert _skipped(caplog)
