"""Notes and highlights, and the ``longform-notes`` version 1 file that carries them.

The file format is ``../shared/design/notes-format.md``; where it is silent, the choices
are in ``docs/notes-anchors.md`` (refusals beyond the contract's, timestamp forms,
duplicate ids in one file). No Qt, no database: storage and the CLI build on this.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from .anchors import Anchor

FORMAT = "longform-notes"
VERSION = 1
COLORS = ("yellow", "green", "blue", "pink")


class NotesFormatError(ValueError):
    """A notes file that cannot be imported; the message says why, in one line."""


@dataclass(frozen=True)
class Note:
    id: str
    article: str
    created: str  # ISO-8601 UTC, "2026-11-30T18:02:11Z"
    updated: str
    color: str | None = None  # one of COLORS, or None for a note with no highlight
    body: str = ""  # Markdown; empty for a plain highlight
    target: Anchor | None = None  # None: a note on the whole article

    def edited(self, *, now: str | None = None, **changes: Any) -> Note:
        """This note with ``changes`` applied and ``updated`` moved to ``now``."""
        return replace(self, updated=now or utc_now(), **changes)


def utc_now() -> str:
    """Now, to the second, as the contract writes times."""
    return format_timestamp(datetime.now(UTC).replace(microsecond=0))


def format_timestamp(moment: datetime) -> str:
    """UTC with a "Z"; seconds, plus microseconds only when there are some."""
    moment = moment.astimezone(UTC)
    fraction = f".{moment.microsecond:06d}" if moment.microsecond else ""
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"


def parse_timestamp(value: str) -> datetime:
    """An ISO-8601 date and time; one without a zone is taken as UTC. ValueError if not."""
    moment = datetime.fromisoformat(value.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def new_note(
    article: str,
    *,
    target: Anchor | None = None,
    color: str | None = None,
    body: str = "",
    now: str | None = None,
) -> Note:
    if color is not None and color not in COLORS:
        raise ValueError(f"unknown colour {color!r}: use one of {', '.join(COLORS)}")
    stamp = now or utc_now()
    return Note(str(uuid.uuid4()), article, stamp, stamp, color, body, target)


# --- the export file ------------------------------------------------------------------


def target_dict(anchor: Anchor) -> dict[str, Any]:
    out: dict[str, Any] = {
        "section": anchor.section,
        "exact": anchor.exact,
        "prefix": anchor.prefix,
        "suffix": anchor.suffix,
    }
    if anchor.start is not None and anchor.end is not None:
        out["start"], out["end"] = anchor.start, anchor.end
    return out


def note_dict(note: Note) -> dict[str, Any]:
    return {
        "id": note.id,
        "article": note.article,
        "created": note.created,
        "updated": note.updated,
        "color": note.color,
        "body": note.body,
        "target": target_dict(note.target) if note.target is not None else None,
    }


def export_order(note: Note) -> tuple[str, str, str]:
    return (note.article, note.created, note.id)


def dump_notes(notes: Iterable[Note], exported: str) -> str:
    """The file's text: fixed key order, notes by article then creation, two-space
    indentation, non-ASCII kept as is, one final newline. The same notes always give the
    same bytes apart from ``exported``."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported": exported,
        "notes": [note_dict(n) for n in sorted(notes, key=export_order)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def parse_notes_file(text: str, *, now: str | None = None) -> list[Note]:
    """The notes of a ``longform-notes`` file; NotesFormatError says why one is refused.

    ``now`` (default: the clock) stands in for a missing ``exported``, which in turn
    stands in for a note's missing ``created``."""
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise NotesFormatError(f"not a notes file: it is not valid JSON ({exc})") from None
    if not isinstance(document, dict):
        raise NotesFormatError("not a notes file: expected a JSON object with 'format'")
    kind = document.get("format")
    if kind != FORMAT:
        found = "it has no 'format'" if kind is None else f"its format is {kind!r}"
        raise NotesFormatError(f"not a notes file: {found}, expected {FORMAT!r}")
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise NotesFormatError(f"'version' must be a whole number, found {version!r}")
    if version > VERSION:
        raise NotesFormatError(
            f"this notes file is version {version}, newer than this app understands "
            f"(up to {VERSION}): update Longform Desktop to import it"
        )
    if version < 1:
        raise NotesFormatError(f"unknown notes file version {version}")
    raw_notes = document.get("notes")
    if not isinstance(raw_notes, list):
        raise NotesFormatError("'notes' must be a list of notes")
    fallback = _optional_timestamp(document.get("exported")) or now or utc_now()
    return [_parse_note(raw, i + 1, fallback) for i, raw in enumerate(raw_notes)]


def _optional_timestamp(value: object) -> str | None:
    try:
        return format_timestamp(parse_timestamp(value)) if isinstance(value, str) else None
    except ValueError:
        return None


def _parse_note(raw: object, number: int, fallback: str) -> Note:
    where = f"note {number}"
    if not isinstance(raw, dict):
        raise NotesFormatError(f"{where} is not an object")
    note_id = raw.get("id")
    if not isinstance(note_id, str) or not note_id.strip():
        raise NotesFormatError(f"{where} has no 'id'")
    where = f"note {number} (id {note_id})"
    article = raw.get("article")
    if not isinstance(article, str) or not article.strip():
        raise NotesFormatError(f"{where} has no 'article'")
    created = _timestamp(raw, "created", where)
    updated = _timestamp(raw, "updated", where)
    created = created or updated or fallback
    updated = updated or created
    color = raw.get("color")
    if color is not None:
        if not isinstance(color, str) or color.strip().lower() not in COLORS:
            raise NotesFormatError(
                f"{where}: colour {color!r} is not one of {', '.join(COLORS)} or null"
            )
        color = color.strip().lower()
    body = raw.get("body")
    if body is None:
        body = ""
    elif not isinstance(body, str):
        raise NotesFormatError(f"{where}: 'body' must be text")
    target = raw.get("target")
    anchor = None if target is None else _parse_target(target, where)
    return Note(note_id, article, created, updated, color, body, anchor)


def _timestamp(raw: dict, key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    try:
        if not isinstance(value, str):
            raise ValueError
        return format_timestamp(parse_timestamp(value))
    except ValueError:
        raise NotesFormatError(
            f"{where}: {key!r} is not an ISO-8601 date and time: {value!r}"
        ) from None


def _parse_target(target: object, where: str) -> Anchor:
    if not isinstance(target, dict):
        raise NotesFormatError(f"{where}: 'target' must be an object or null")
    exact = target.get("exact")
    if not isinstance(exact, str) or not exact.strip():
        raise NotesFormatError(f"{where}: its target has no 'exact' quote")
    texts = {}
    for key in ("prefix", "suffix", "section"):
        value = target.get(key)
        if value is not None and not isinstance(value, str):
            raise NotesFormatError(f"{where}: target {key!r} must be text")
        texts[key] = value or ""
    offsets = {}
    for key in ("start", "end"):
        value = target.get(key)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 0
        ):
            raise NotesFormatError(f"{where}: target {key!r} must be a character offset")
        offsets[key] = value
    start, end = offsets["start"], offsets["end"]
    if start is None or end is None:
        start = end = None  # a lone offset is no position: the quote anchors it alone
    elif start > end:
        raise NotesFormatError(f"{where}: target 'start' is after its 'end'")
    return Anchor(exact, texts["prefix"], texts["suffix"], texts["section"], start, end)


# --- merging an import ------------------------------------------------------------------


@dataclass(frozen=True)
class MergePlan:
    added: list[Note] = field(default_factory=list)  # ids the installation did not have
    updated: list[Note] = field(default_factory=list)  # newer than the installation's
    skipped: list[Note] = field(default_factory=list)  # as old as or older than ours

    @property
    def changes(self) -> list[Note]:
        return self.added + self.updated


def _newer(a: Note, b: Note) -> bool:
    return parse_timestamp(a.updated) > parse_timestamp(b.updated)


def plan_merge(
    existing: Iterable[Note] | Mapping[str, Note], incoming: Iterable[Note]
) -> MergePlan:
    """What importing ``incoming`` does: merge by id, the newer ``updated`` wins, never a
    duplicate. A tie keeps ours. An id twice in ``incoming`` counts once (its newest)."""
    ours = dict(existing) if isinstance(existing, Mapping) else {n.id: n for n in existing}
    newest: dict[str, Note] = {}
    skipped: list[Note] = []
    for note in incoming:
        seen = newest.get(note.id)
        if seen is None or _newer(note, seen):
            newest[note.id] = note
            if seen is not None:
                skipped.append(seen)
        else:
            skipped.append(note)
    plan = MergePlan(skipped=skipped)
    for note in newest.values():
        current = ours.get(note.id)
        if current is None:
            plan.added.append(note)
        elif _newer(note, current):
            plan.updated.append(note)
        else:
            plan.skipped.append(note)
    return plan


def notes_markdown(notes: Iterable[Note], catalog: Any, **options: Any) -> str:
    """The Markdown export for people (see :mod:`.notes_markdown`)."""
    from .notes_markdown import notes_markdown as render  # it imports this module

    return render(notes, catalog, **options)
