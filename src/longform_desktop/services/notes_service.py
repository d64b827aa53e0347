"""Notes and highlights as the GUI uses them.

Reads come from the GUI thread's connection, overlaid with the writes this session has
queued but the writer has not committed yet, so a panel that reloads right after a
keystroke sees the keystroke. Every write is one job on the writer (one transaction, off
the GUI thread); once it is committed the change is announced on AppEvents (kind
``NOTES``, key: the article slug, or "" for many articles) and the search index is asked
to update the note's document (one small segment, never a rebuild).

Re-anchoring an article's notes for the page the reader shows is done on a worker when
the article opens (:meth:`prepare_page`); the resulting :class:`PageAnchors` then places
notes synchronously while the page shows the same text.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from longform_desktop.core.catalog import Catalog

from .events import NOTES, AppEvents
from .note_places import PageAnchors
from .search_service import SearchService
from .tasks import TaskRunner
from .writer import Writer

if TYPE_CHECKING:
    from longform_desktop.core.anchors import Anchor
    from longform_desktop.core.notes import MergePlan, Note
    from longform_desktop.core.search import Source
    from longform_desktop.storage.notes import NotesRepository

log = logging.getLogger(__name__)

# core.notes and storage.notes import rapidfuzz (~65 ms): they are imported when notes are
# first needed, or by warm_up() on a worker after the first paint, never at start-up.

UNDO_KEPT = 20  # deleted notes that Ctrl+Z can bring back, newest last


@dataclass(frozen=True)
class ImportResult:
    path: Path
    added: int
    updated: int
    skipped: int
    changed: tuple[Note, ...]


class NotesService(QObject):
    undo_available = Signal(bool)  # whether undo_delete() has something to bring back
    saved = Signal(str)  # note id: a write of it is committed (autosave feedback)

    def __init__(
        self,
        db: sqlite3.Connection,
        writer: Writer,
        runner: TaskRunner,
        events: AppEvents,
        catalog: Catalog,
        search: SearchService | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._writer, self._runner, self._events = db, writer, runner, events
        self.catalog, self._search = catalog, search
        # id -> the note as last written this session (None: deleted), until committed
        self._pending: dict[str, Note | None] = {}
        self._undo: list[Note] = []

    # --- reading -------------------------------------------------------------------
    def _repo(self, conn: sqlite3.Connection | None = None) -> NotesRepository:
        from longform_desktop.storage.notes import NotesRepository

        return NotesRepository(conn or self._db)

    def warm_up(self, then: Callable[[], None] | None = None) -> None:
        """Import the notes model (rapidfuzz) and the search documents (Whoosh) on a
        worker, then join the search index and call ``then`` on the GUI thread (the
        catalog's note counts wait for it, off the first paint)."""

        def load() -> None:
            from longform_desktop.storage import notes  # noqa: F401  (imports core.notes, rapidfuzz)

            if self._search is not None:
                from longform_desktop.core.search import documents  # noqa: F401

        def done(_: object) -> None:
            self._join_search()
            if then is not None:
                then()

        self._runner.run(load, done, lambda _: None)

    def _join_search(self) -> None:
        """Every note into the search index: the provider brings them back whenever the
        index is synced or rebuilt; the upsert covers a sync that ran before this
        (unchanged notes are skipped by their hash)."""
        if self._search is None:
            return
        self._search.add_source_provider("note", self.all_sources)
        self._search.update_notes(self.all_sources(), [])

    def get(self, note_id: str) -> Note | None:
        if note_id in self._pending:
            return self._pending[note_id]
        return self._repo().get(note_id)

    def notes(self, slug: str | None = None) -> list[Note]:
        """Every note (of the article ``slug``), with this session's queued writes."""
        stored = {n.id: n for n in self._repo().all(slug)}
        for note_id, note in self._pending.items():
            if note is None:
                stored.pop(note_id, None)
            elif slug is None or note.article == slug:
                stored[note_id] = note
        from longform_desktop.core.notes import export_order

        return sorted(stored.values(), key=export_order)

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for note in self.notes():
            counts[note.article] = counts.get(note.article, 0) + 1
        return counts

    # --- writing -------------------------------------------------------------------
    def create(
        self,
        slug: str,
        *,
        target: Anchor | None = None,
        color: str | None = None,
        body: str = "",
        initiator: object = None,
    ) -> Note:
        from longform_desktop.core.notes import new_note

        note = new_note(slug, target=target, color=color, body=body)
        self._save(note, initiator)
        return note

    def update(self, note_id: str, initiator: object = None, **changes: Any) -> Note | None:
        """Change fields of a note (body, color, target); nothing if they are the same."""
        note = self.get(note_id)
        if note is None:
            return None
        if all(getattr(note, k) == v for k, v in changes.items()):
            return note
        if "color" in changes and changes["color"] is not None:
            from longform_desktop.core.notes import COLORS

            if changes["color"] not in COLORS:
                raise ValueError(f"unknown colour {changes['color']!r}")
        edited = note.edited(**changes)
        self._save(edited, initiator)
        return edited

    def save_body(self, note_id: str, body: str, initiator: object = None) -> Note | None:
        """Autosave of the note editor: the body as typed so far."""
        return self.update(note_id, initiator, body=body)

    def reattach(self, note_id: str, anchor: Anchor, initiator: object = None) -> Note | None:
        return self.update(note_id, initiator, target=anchor)

    def delete(
        self, note_id: str, initiator: object = None, *, undoable: bool = True
    ) -> Note | None:
        """Delete a note; :meth:`undo_delete` brings it back as it was (``undoable``:
        False for a note that never held anything, such as an empty note left unwritten)."""
        note = self.get(note_id)
        if note is None:
            return None
        self._pending[note_id] = None
        if undoable:
            self._undo = [*self._undo, note][-UNDO_KEPT:]
            self.undo_available.emit(True)

        def done(_: object) -> None:
            self._settle(note_id, None)
            self._events.changed(NOTES, note.article, initiator)
            self._reindex(deleted=[note_id])

        self._writer.submit(lambda conn: self._repo(conn).delete(note_id), done, self._failed)
        return note

    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo_delete(self, initiator: object = None) -> Note | None:
        """Restore the most recently deleted note (same id, text, anchor and times)."""
        if not self._undo:
            return None
        note = self._undo.pop()
        self.undo_available.emit(bool(self._undo))
        self._save(note, initiator)
        return note

    def restore(self, note: Note, initiator: object = None) -> None:
        self._save(note, initiator)

    def _save(self, note: Note, initiator: object) -> None:
        self._pending[note.id] = note

        def done(_: object) -> None:
            self._settle(note.id, note)
            self.saved.emit(note.id)
            self._events.changed(NOTES, note.article, initiator)
            self._reindex(upserts=[note])

        self._writer.submit(lambda conn: self._repo(conn).save(note), done, self._failed)

    def _settle(self, note_id: str, written: Note | None) -> None:
        """A write is committed: forget it unless a newer one of the same note is queued."""
        if note_id in self._pending and self._pending[note_id] is written:
            del self._pending[note_id]

    def _failed(self, exc: BaseException) -> None:
        # The queued value stays in the overlay, so the text is still on screen; the
        # user is told the save failed (the log has the traceback).
        self._events.error("Note not saved", f"{type(exc).__name__}: {exc}")

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every queued write is committed (closing, tests)."""
        return self._writer.flush(timeout)

    # --- the page the reader shows --------------------------------------------------
    def prepare_page(
        self,
        slug: str,
        body_html: str,
        page_text: str,
        on_done: Callable[[PageAnchors], None],
        notes: list[Note] | None = None,
    ) -> None:
        """Build the page's anchors on a worker; ``on_done`` gets them on the GUI thread.
        ``notes`` (default: the article's) are re-anchored there too, once."""

        todo = self.notes(slug) if notes is None else notes

        def work() -> PageAnchors:
            page = PageAnchors(slug, body_html, page_text)
            page.place(todo)  # re-anchors every note once, here (cached in ``page``)
            return page

        self._runner.run(work, on_done, lambda exc: self._events.error("Notes", str(exc)))

    # --- the search index -------------------------------------------------------------
    def _reindex(self, upserts: Iterable[Note] = (), deleted: Iterable[str] = ()) -> None:
        if self._search is None:
            return
        try:
            self._search.update_notes([self.search_source(n) for n in upserts], list(deleted))
        except Exception:  # the index is a cache: a failed update must not lose a note
            log.exception("could not update the search index for notes")

    def search_source(self, note: Note) -> Source:
        from longform_desktop.core.search import note_source

        article = self.catalog.article(note.article)
        t = note.target
        return note_source(
            note.id,
            note.article,
            article.title if article else note.article,
            t.section if t is not None else "",
            t.exact if t is not None else "",
            note.body,
            note.color or "",
            note.updated,
        )

    def all_sources(self) -> list[Source]:
        return [self.search_source(n) for n in self.notes()]

    # --- export and import -------------------------------------------------------------
    def export(
        self,
        notes: list[Note],
        path: Path,
        fmt: str,
        on_done: Callable[[Path], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Write ``notes`` as ``fmt`` ("json": the longform-notes file, "md": Markdown) to
        ``path`` on a worker: written beside it, then renamed over it."""
        catalog = self.catalog

        def work() -> Path:
            from longform_desktop.core.notes import dump_notes, notes_markdown, utc_now

            now = utc_now()
            text = dump_notes(notes, now) if fmt == "json" else notes_markdown(notes, catalog)
            fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(text)
                os.replace(temp, path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
            return path

        self._runner.run(work, on_done, on_error)

    def import_file(
        self,
        path: Path,
        on_done: Callable[[ImportResult], None],
        on_error: Callable[[str], None],
    ) -> None:
        """Merge a longform-notes file by id in one transaction; a refused file (not
        readable, not UTF-8, any refusal of the format) changes nothing and ``on_error``
        gets one readable line."""

        def job(conn: sqlite3.Connection) -> MergePlan:
            text = path.read_bytes().decode("utf-8-sig")
            return self._repo(conn).import_file(text)

        def done(plan: MergePlan) -> None:
            changed = tuple(plan.changes)
            result = ImportResult(
                path, len(plan.added), len(plan.updated), len(plan.skipped), changed
            )
            if changed:
                self._events.changed(NOTES, "", self)
                self._reindex(upserts=changed)
            on_done(result)

        def failed(exc: BaseException) -> None:
            on_error(_refusal(exc))

        self._writer.submit(job, done, failed)


def _refusal(exc: BaseException) -> str:
    from longform_desktop.core.notes import NotesFormatError

    if isinstance(exc, NotesFormatError):
        return str(exc)
    if isinstance(exc, UnicodeDecodeError):
        return "not a notes file: it is not UTF-8 text"
    if isinstance(exc, OSError):
        return f"it cannot be read ({exc.strerror or exc})"
    if isinstance(exc, sqlite3.DatabaseError):
        return f"the database refused it ({exc})"
    return f"{type(exc).__name__}: {exc}"
