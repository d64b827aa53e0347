"""Numbered schema steps: ``MIGRATIONS[i]`` upgrades schema ``i`` to ``i + 1``.

Append, never edit a step that has shipped: a user's database may be at any older
version, and tests migrate a populated database from every one of them
(tests/storage/test_migrations.py). Each step runs inside the transaction that also
bumps ``user_version`` (storage/db.py), so it must not commit on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


def _m1_initial(db: sqlite_utils.Database) -> None:
    db.table("reading_progress").create(
        {
            "article": str,
            "position": float,
            "percent": float,
            "finished": int,
            "opened_at": str,
            "updated_at": str,
        },
        pk="article",
    )
    db.table("settings").create({"key": str, "value": str}, pk="key")


def _m2_notes(db: sqlite_utils.Database) -> None:
    """Highlights and notes (docs/notes-anchors.md). The anchor is stored as the W3C
    selectors it is made of, so export needs no re-computation and a note whose passage
    vanished keeps its quote. ``exact IS NULL`` marks an article-level note."""
    conn = db.conn
    conn.execute(
        """
        CREATE TABLE notes (
            id TEXT PRIMARY KEY,                -- UUID, made when the note is created
            article TEXT NOT NULL,              -- article slug (may be unknown here)
            created TEXT NOT NULL,              -- ISO-8601 UTC, e.g. 2026-11-30T18:02:11Z
            updated TEXT NOT NULL,
            color TEXT CHECK (color IS NULL OR color IN ('yellow', 'green', 'blue', 'pink')),
            body TEXT NOT NULL DEFAULT '',      -- Markdown
            section TEXT,                       -- heading id the passage sat under
            exact TEXT,                         -- TextQuoteSelector
            prefix TEXT,
            suffix TEXT,
            pos_start INTEGER,                  -- TextPositionSelector (a hint)
            pos_end INTEGER,
            CHECK (exact IS NOT NULL OR (prefix IS NULL AND suffix IS NULL))
        )
        """
    )
    conn.execute("CREATE INDEX notes_by_article ON notes (article, pos_start)")


def _m3_redraws(db: sqlite_utils.Database) -> None:
    """Redraw attempts and their review schedule (docs/redraw-scoring.md).

    An attempt keeps the whole scene as the contract's ``longform-drawing`` JSON, so an
    export is the stored text and a later scorer can re-score old attempts. A paper
    sketch keeps the photo and the checklist the user ticked. One review card per
    reference diagram holds the FSRS state; the log keeps every rating given.
    """
    conn = db.conn
    conn.execute(
        """
        CREATE TABLE drawings (
            id TEXT PRIMARY KEY,                -- UUID
            article TEXT,                       -- NULL for a free drawing
            diagram TEXT,                       -- reference diagram id, NULL if free
            kind TEXT NOT NULL DEFAULT 'canvas' CHECK (kind IN ('canvas', 'paper')),
            scene TEXT NOT NULL,                -- longform-drawing v1 JSON
            photo BLOB,                         -- paper sketch (PNG/JPEG bytes)
            photo_type TEXT,                    -- image/png | image/jpeg
            checklist TEXT,                     -- JSON: ticked nodes and edges (paper)
            started TEXT NOT NULL,              -- ISO-8601 UTC
            duration_s REAL NOT NULL DEFAULT 0,
            score INTEGER CHECK (score IS NULL OR score BETWEEN 0 AND 100),
            score_parts TEXT,                   -- JSON of the scorer's result
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            CHECK (diagram IS NULL OR article IS NOT NULL)
        )
        """
    )
    conn.execute("CREATE INDEX drawings_by_diagram ON drawings (article, diagram, started)")
    conn.execute(
        """
        CREATE TABLE review_cards (
            article TEXT NOT NULL,
            diagram TEXT NOT NULL,
            state TEXT NOT NULL,                -- FSRS card as JSON
            due TEXT NOT NULL,                  -- ISO-8601 UTC
            last_score INTEGER,
            last_review TEXT,
            PRIMARY KEY (article, diagram)
        )
        """
    )
    conn.execute(
        """
        CREATE TABLE review_log (
            id INTEGER PRIMARY KEY,
            article TEXT NOT NULL,
            diagram TEXT NOT NULL,
            drawing TEXT REFERENCES drawings (id) ON DELETE SET NULL,
            score INTEGER NOT NULL,
            rating INTEGER NOT NULL,            -- FSRS rating 1..4
            reviewed TEXT NOT NULL
        )
        """
    )


# Index i upgrades schema i -> i + 1. Append, never edit.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_m1_initial, _m2_notes, _m3_redraws]
SCHEMA_VERSION = len(MIGRATIONS)
