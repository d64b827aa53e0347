"""Notes and highlights in the user's database (table ``notes``, migration 2).

Rows are the W3C selectors of each note's anchor as made (``exact IS NULL``: a note on
the whole article), so a note whose passage vanished keeps its quote, and an export is
what was stored. Every write is one :func:`transaction`; an import is one transaction
for the whole file, so a file that cannot be used changes nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from longform_desktop.core.anchors import Anchor
from longform_desktop.core.notes import MergePlan, Note, parse_notes_file, plan_merge

from .db import transaction

_COLUMNS = (
    "id, article, created, updated, color, body, section, exact, prefix, suffix, pos_start, pos_end"
)
_ORDER = "ORDER BY article, created, id"


def _note(row: sqlite3.Row | tuple) -> Note:
    note_id, article, created, updated, color, body = row[:6]
    section, exact, prefix, suffix, start, end = row[6:]
    target = None
    if exact is not None:
        target = Anchor(exact, prefix or "", suffix or "", section or "", start, end)
    return Note(note_id, article, created, updated, color, body or "", target)


def _row(note: Note) -> tuple:
    t = note.target
    if t is None:
        anchor: tuple = (None, None, None, None, None, None)
    else:
        anchor = (t.section, t.exact, t.prefix, t.suffix, t.start, t.end)
    return (note.id, note.article, note.created, note.updated, note.color, note.body, *anchor)


class NotesRepository:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    # --- reading ---------------------------------------------------------------------
    def get(self, note_id: str) -> Note | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM notes WHERE id = ?", [note_id]).fetchone()
        return _note(row) if row else None

    def all(self, article: str | None = None) -> list[Note]:
        """Every note (of one article), by article, then creation."""
        if article is None:
            rows = self.db.execute(f"SELECT {_COLUMNS} FROM notes {_ORDER}")
        else:
            rows = self.db.execute(
                f"SELECT {_COLUMNS} FROM notes WHERE article = ? {_ORDER}", [article]
            )
        return [_note(r) for r in rows]

    def counts(self) -> dict[str, int]:
        """Notes per article slug (for the catalog's cards)."""
        rows = self.db.execute("SELECT article, COUNT(*) FROM notes GROUP BY article")
        return {article: int(count) for article, count in rows}

    def _existing(self, ids: Iterable[str]) -> dict[str, Note]:
        found: dict[str, Note] = {}
        wanted = list(dict.fromkeys(ids))
        for i in range(0, len(wanted), 500):  # SQLite caps the number of parameters
            chunk = wanted[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT {_COLUMNS} FROM notes WHERE id IN ({marks})", chunk)
            found.update((row[0], _note(row)) for row in rows)
        return found

    # --- writing ---------------------------------------------------------------------
    def save(self, note: Note) -> Note:
        """Insert the note, or replace the stored one with the same id."""
        with transaction(self.db):
            self._write([note])
        return note

    def delete(self, note_id: str) -> Note | None:
        """Remove a note; returns it (to undo with :meth:`save`), None if there was none."""
        with transaction(self.db):
            note = self.get(note_id)
            if note is not None:
                self.db.execute("DELETE FROM notes WHERE id = ?", [note_id])
        return note

    def import_notes(self, incoming: Iterable[Note]) -> MergePlan:
        """Merge by id (the newer ``updated`` wins; never a duplicate), in one transaction."""
        incoming = list(incoming)
        with transaction(self.db):
            plan = plan_merge(self._existing(n.id for n in incoming), incoming)
            self._write(plan.changes)
        return plan

    def import_file(self, text: str) -> MergePlan:
        """Import a ``longform-notes`` file; NotesFormatError (nothing changed) if refused."""
        return self.import_notes(parse_notes_file(text))

    def _write(self, notes: Iterable[Note]) -> None:
        self.db.executemany(
            f"INSERT INTO notes ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET article = excluded.article, "
            "created = excluded.created, updated = excluded.updated, color = excluded.color, "
            "body = excluded.body, section = excluded.section, exact = excluded.exact, "
            "prefix = excluded.prefix, suffix = excluded.suffix, "
            "pos_start = excluded.pos_start, pos_end = excluded.pos_end",
            [_row(n) for n in notes],
        )
