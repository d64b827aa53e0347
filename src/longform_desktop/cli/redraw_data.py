"""``longform redraw export | import | list``: the user's attempts as contract files.

An exported file is the attempt's ``longform-drawing`` v1 scene with its article and
diagram, plus an ``attempt`` object (id, started, duration, score, kind, checklist) that
the contract lets readers ignore and that lets ``import`` merge by id without duplicates.
A paper sketch's photo is written beside its file. JSON shapes: docs/cli.md.
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from longform_desktop import paths
from longform_desktop.storage.db import open_database
from longform_desktop.storage.drawings import Attempt, DrawingsRepository
from longform_desktop.storage.redraw_overview import diagram_statuses
from longform_desktop.storage.reviews import ReviewsRepository

from .common import CommandError, load_content
from .redraw import read_drawing_file

_PHOTO_SUFFIX = {"image/png": ".png", "image/jpeg": ".jpg"}


def _file_name(attempt: Attempt) -> str:
    stamp = re.sub(r"[^0-9T]", "", attempt.started)[:15]
    what = (
        f"{attempt.article}--{attempt.diagram}"
        if attempt.diagram
        else (f"{attempt.article}--free" if attempt.article else "free")
    )
    return f"{what}--{stamp}--{attempt.id[:8]}.json"


def _export_payload(attempt: Attempt) -> dict[str, Any]:
    scene = json.loads(attempt.scene)
    scene["article"], scene["diagram"] = attempt.article, attempt.diagram
    scene["attempt"] = {
        "id": attempt.id,
        "kind": attempt.kind,
        "started": attempt.started,
        "duration_s": attempt.duration_s,
        "score": attempt.score,
        "checklist": attempt.checklist,
    }
    return scene


def cmd_export(args: argparse.Namespace) -> int:
    repo = DrawingsRepository(open_database(paths.database_path()))
    attempts = repo.for_article(args.article) if args.article else repo.all()
    if args.article and load_content().article(args.article) is None and not attempts:
        raise CommandError(f"unknown article '{args.article}' (`longform catalog` lists them)")
    folder = Path(args.output or "redraws").expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for attempt in attempts:
            target = folder / _file_name(attempt)
            text = json.dumps(_export_payload(attempt), indent=2, ensure_ascii=False)
            target.write_text(text + "\n", encoding="utf-8")
            if attempt.photo is not None and attempt.photo_type in _PHOTO_SUFFIX:
                target.with_suffix(_PHOTO_SUFFIX[attempt.photo_type]).write_bytes(attempt.photo)
    except OSError as exc:
        raise CommandError(f"cannot write to {folder}: {exc.strerror or exc}") from None
    print(f"Exported {len(attempts)} drawing(s) to {folder}")
    return 0


def _attempt_from_file(path: Path, catalog_slugs: set[str]) -> Attempt:
    from longform_desktop.core.drawing import dump_drawing

    drawing = read_drawing_file(path)  # refuses a bad file with one line
    meta = drawing.extra.pop("attempt", None)
    meta = meta if isinstance(meta, dict) else {}
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    attempt_id = str(meta.get("id") or "") or _fresh_id()
    article = drawing.article if drawing.article in catalog_slugs else None
    score = meta.get("score")
    kind = str(meta["kind"]) if meta.get("kind") in ("canvas", "paper") else "canvas"
    photo, photo_type = None, None
    for mime, suffix in _PHOTO_SUFFIX.items():
        if kind == "paper" and path.with_suffix(suffix).is_file():
            photo, photo_type = path.with_suffix(suffix).read_bytes(), mime
    return Attempt(
        id=attempt_id,
        article=article or drawing.article,
        diagram=drawing.diagram if (article or drawing.article) else None,
        scene=dump_drawing(drawing),
        started=str(meta.get("started") or now),
        created=now,
        updated=now,
        kind=kind,
        duration_s=float(meta.get("duration_s") or 0),
        score=score if isinstance(score, int) and 0 <= score <= 100 else None,
        checklist=meta.get("checklist") if isinstance(meta.get("checklist"), dict) else None,
        photo=photo,
        photo_type=photo_type,
    )


def _fresh_id() -> str:
    import uuid

    return str(uuid.uuid4())


def cmd_import(args: argparse.Namespace) -> int:
    from longform_desktop.storage.db import transaction

    slugs = {a.slug for a in load_content().articles}
    files = [Path(f) for f in args.files]
    attempts = [_attempt_from_file(f, slugs) for f in files]  # all checked before writing
    conn = open_database(paths.database_path())
    repo = DrawingsRepository(conn)
    added, skipped = 0, 0
    with transaction(conn):  # one file or many: all of it, or nothing
        for attempt in attempts:
            if repo.get(attempt.id) is not None:
                skipped += 1  # merge by id: an attempt is never imported twice
                continue
            repo.save(attempt)
            added += 1
    print(f"Imported {added} drawing(s); {skipped} already present (skipped).")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    conn = open_database(paths.database_path())
    statuses = diagram_statuses(
        load_content(), DrawingsRepository(conn), ReviewsRepository(conn), args.article
    )
    now = datetime.now(UTC)
    rows = [
        {
            "article": s.article,
            "diagram": s.diagram.id,
            "title": s.diagram.title,
            "attempts": s.attempts,
            "last_score": s.last_score,
            "due": s.due.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if s.due else None,
            "is_due": s.due is not None and s.due <= now,
            "mastered": s.mastered,
        }
        for s in statuses
    ]
    if args.json:
        print(json.dumps({"diagrams": rows}, indent=2, ensure_ascii=False))
        return 0
    for row in rows:
        score = "  -" if row["last_score"] is None else f"{row['last_score']:3d}"
        due = (
            "never redrawn" if row["due"] is None else ("due now" if row["is_due"] else row["due"])
        )
        mark = " mastered" if row["mastered"] else ""
        print(f"{score}  {due:<20}  {row['article']} / {row['diagram']}{mark}")
    mastered = sum(1 for r in rows if r["mastered"])
    due_now = sum(1 for r in rows if r["is_due"])
    print(f"\n{due_now} due · {mastered} of {len(rows)} mastered")
    return 0


def add_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write your attempts as longform-drawing files")
    p.add_argument("--article", metavar="SLUG", help="only this article's drawings")
    p.add_argument("--output", metavar="DIR", help="folder to write to (default: ./redraws)")
    p.set_defaults(func=cmd_export)


def add_import(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="add longform-drawing files as attempts (merged by id)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_import)


def add_list(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="reference diagrams: last score, next review, mastered")
    p.add_argument("--article", metavar="SLUG", help="only this article's diagrams")
    p.add_argument("--json", action="store_true", help="machine-readable output (stable)")
    p.set_defaults(func=cmd_list)
