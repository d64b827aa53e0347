"""``longform notes export|import|list``: notes and highlights from the terminal.

The file format and the statuses are ``../shared/design/notes-format.md``; the JSON of
``notes list --json`` is documented in ``docs/notes-anchors.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from longform_desktop import paths

from .common import CommandError, load_content

if TYPE_CHECKING:
    from longform_desktop.core.anchors import Location
    from longform_desktop.core.article_text import ArticleText
    from longform_desktop.core.catalog import Catalog
    from longform_desktop.core.notes import Note
    from longform_desktop.storage.notes import NotesRepository

QUOTE_SHOWN = 60  # characters of a quote in the plain listing


@contextmanager
def _repository() -> Iterator[NotesRepository]:
    # Imported here, as in every command below: `longform search` need not pay for them.
    from longform_desktop.storage.db import NewerSchemaError, open_database
    from longform_desktop.storage.notes import NotesRepository

    try:
        conn = open_database(paths.database_path())
    except NewerSchemaError as exc:
        raise CommandError(str(exc)) from None
    except sqlite3.DatabaseError as exc:
        raise CommandError(f"cannot open the database {paths.database_path()}: {exc}") from None
    try:
        yield NotesRepository(conn)
    finally:
        conn.close()


def _selected(repo: NotesRepository, catalog: Catalog, slug: str | None) -> list[Note]:
    notes = repo.all(slug)
    if slug is not None and not notes and catalog.article(slug) is None:
        raise CommandError(f"no deep dive or notes for {slug!r}")
    return notes


def _texts(catalog: Catalog, notes: list[Note]) -> dict[str, ArticleText]:
    """The current anchor text of every article the notes are on (and this install has)."""
    from longform_desktop.core.article_text import article_text

    texts: dict[str, ArticleText] = {}
    for slug in dict.fromkeys(n.article for n in notes):
        article = catalog.article(slug)
        if article is not None and article.is_written:
            texts[slug] = article_text(article)
    return texts


def _write_output(text: str, output: str | None) -> None:
    if output is None:
        print(text, end="")
        return
    target = Path(output)
    try:
        # Written beside the target and renamed over it: a failed export never leaves
        # half a file where a good one was.
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temp, target)
    except OSError as exc:
        raise CommandError(f"cannot write {output}: {exc.strerror or exc}") from None


def cmd_export(args: argparse.Namespace) -> int:
    from longform_desktop.core.notes import dump_notes, notes_markdown, utc_now

    catalog = load_content()
    with _repository() as repo:
        notes = _selected(repo, catalog, args.article)
    exported = utc_now()
    if args.format == "json":
        text = dump_notes(notes, exported)
    else:
        text = notes_markdown(notes, catalog, exported=exported, texts=_texts(catalog, notes))
    _write_output(text, args.output)
    if args.output is not None:
        print(f"Exported {len(notes)} note{'s' if len(notes) != 1 else ''} to {args.output}")
    return 0


def _short(text: str, limit: int = QUOTE_SHOWN) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(note: Note) -> str:
    what = f'"{_short(note.target.exact)}"' if note.target else "(whole article)"
    return f"{note.id}  {note.article}  {what}"


def cmd_import(args: argparse.Namespace) -> int:
    from longform_desktop.core.notes import NotesFormatError

    try:
        text = Path(args.file).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise CommandError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise CommandError(f"{args.file}: not a notes file: it is not UTF-8 text") from None
    with _repository() as repo:
        try:
            plan = repo.import_file(text)
        except NotesFormatError as exc:
            raise CommandError(f"{args.file}: {exc}; nothing was imported") from None
    if args.json:
        payload = {
            "added": [n.id for n in plan.added],
            "updated": [n.id for n in plan.updated],
            "skipped": [n.id for n in plan.skipped],
        }
        print(json.dumps(payload, indent=2))
        return 0
    print(
        f"Imported {args.file}: {len(plan.added)} added, {len(plan.updated)} updated, "
        f"{len(plan.skipped)} skipped"
    )
    for kind, notes in (("added", plan.added), ("updated", plan.updated)):
        for note in notes:
            print(f"  {kind:<8}{_label(note)}")
    for note in plan.skipped:
        print(f"  {'skipped':<8}{_label(note)} (ours is as new or newer)")
    return 0


def _listing(catalog: Catalog, notes: list[Note]) -> list[tuple[Note, Location]]:
    from longform_desktop.core.anchors import locate
    from longform_desktop.core.article_text import ArticleText

    texts = _texts(catalog, notes)
    missing = ArticleText("")
    placed = [(n, locate(n.target, texts.get(n.article, missing))) for n in notes]
    order = {a.slug: i for i, a in enumerate(catalog.articles)}

    def key(pair: tuple[Note, Location]) -> tuple:
        note, where = pair
        rank = 0 if note.target is None else 2 if where.status == "detached" else 1
        return (order.get(note.article, len(order)), note.article, rank, where.start or 0,
                note.created, note.id)  # fmt: skip

    return sorted(placed, key=key)


def _list_entry(note: Note, where: Location, catalog: Catalog, texts: dict) -> dict[str, Any]:
    article = catalog.article(note.article)
    text = texts.get(note.article)
    heading = text.heading(where.section) if text and where.section else None
    return {
        "id": note.id,
        "article": note.article,
        "article_title": article.title if article else None,
        "status": where.status,
        "section": where.section,
        "section_title": heading.title if heading else None,
        "start": where.start,
        "end": where.end,
        "step": where.step,
        "color": note.color,
        "created": note.created,
        "updated": note.updated,
        "body": note.body,
        "target": None
        if note.target is None
        else {"section": note.target.section, "exact": note.target.exact},
    }


def cmd_list(args: argparse.Namespace) -> int:
    catalog = load_content()
    with _repository() as repo:
        notes = _selected(repo, catalog, args.article)
    placed = _listing(catalog, notes)
    if args.json:
        texts = _texts(catalog, notes)
        entries = [_list_entry(n, where, catalog, texts) for n, where in placed]
        print(json.dumps({"notes": entries}, indent=2, ensure_ascii=False))
        return 0
    if not placed:
        print("No notes yet.")
        return 0
    current = None
    for note, where in placed:
        if note.article != current:
            current = note.article
            article = catalog.article(current)
            title = article.title if article else "(not in this installation)"
            print(f"{current}  {title}")
        place = where.section if where.section else "-" if where.section is None else "(top)"
        colour = note.color or "-"
        what = f'"{_short(note.target.exact)}"' if note.target else "(whole article)"
        print(f"  {where.status:<9} {place:<32} {colour:<7} {what}  {note.id}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    notes = sub.add_parser("notes", help="export, import and list your notes and highlights")
    actions = notes.add_subparsers(dest="notes_command", required=True)

    p = actions.add_parser("export", help="write notes as JSON (to import) or Markdown")
    p.add_argument("--format", choices=("json", "md"), default="json")
    p.add_argument("--article", metavar="SLUG", help="only the notes of this deep dive")
    p.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=cmd_export)

    p = actions.add_parser("import", help="merge a longform-notes JSON file by note id")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the ids added/updated/skipped")
    p.set_defaults(func=cmd_import)

    p = actions.add_parser("list", help="every note and where its passage is now")
    p.add_argument("--article", metavar="SLUG", help="only the notes of this deep dive")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
