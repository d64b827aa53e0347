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
from longform_desktop.core.notes import COLORS, MergePlan, Note, parse_notes_file, plan_merge

from .db import transaction
from .rows import BadRow, skipped, text, whole

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


def _checked(row: sqlite3.Row | tuple) -> Note | None:
    """The row as a Note, or None (skipped, logged) when it is not what the app writes.
    The positions are only a hint for re-anchoring: a damaged one is dropped (the quote
    still finds the passage) instead of hiding the whole note."""
    try:
        for i, field in enumerate(("id", "article", "created", "updated")):
            text(row[i], field)
        color = text(row[4], "color", optional=True)
        if color is not None and color not in COLORS:
            raise BadRow(f"color {color!r} is not one of {', '.join(COLORS)}")
        text(row[5], "body", optional=True)
        for i, field in zip(range(6, 10), ("section", "exact", "prefix", "suffix"), strict=True):
            text(row[i], field, optional=True)
        try:
            start = whole(row[10], "pos_start", optional=True)
            end = whole(row[11], "pos_end", optional=True)
        except BadRow as exc:
            skipped("notes", row[0], f"{exc}: position hint ignored")
            start = end = None
        if start is not None and end is not None and (start < 0 or end < start):
            start = end = None
        return _note((*row[:10], start, end))
    except BadRow as exc:
        skipped("notes", row[0], exc)
        return None


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
        return _checked(row) if row else None

    def all(self, article: str | None = None) -> list[Note]:
        """Every note (of one article), by article, then creation."""
        if article is None:
            rows = self.db.execute(f"SELECT {_COLUMNS} FROM notes {_ORDER}")
        else:
            rows = self.db.execute(
                f"SELECT {_COLUMNS} FROM notes WHERE article = ? {_ORDER}", [article]
            )
        return [n for n in map(_checked, rows) if n is not None]

    def counts(self) -> dict[str, int]:
        """Notes per article slug (for the catalog's cards)."""
        rows = self.db.execute("SELECT article, COUNT(*) FROM notes GROUP BY article")
        return {article: int(count) for article, count in rows if isinstance(article, str)}

    def _existing(self, ids: Iterable[str]) -> dict[str, Note]:
        found: dict[str, Note] = {}
        wanted = list(dict.fromkeys(ids))
        for i in range(0, len(wanted), 500):  # SQLite caps the number of parameters
            chunk = wanted[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT {_COLUMNS} FROM notes WHERE id IN ({marks})", chunk)
            # A damaged stored note is replaced by an imported one with its id: the
            # import is the only readable copy.
            found.update((n.id, n) for n in map(_checked, rows) if n is not None)
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
