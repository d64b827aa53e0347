"""``longform redraw ...``: redraws from the terminal.

``redraw score`` scores a ``longform-drawing`` file against a reference diagram with the
contract's rules (docs/redraw-scoring.md documents its ``--json``). The other redraw
commands (export, import, list) live in redraw_data.py and share ``read_drawing_file``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .common import CommandError, load_content

if TYPE_CHECKING:  # the scorer (rapidfuzz) loads only when a redraw command runs
    from longform_desktop.core.catalog import Catalog
    from longform_desktop.core.diagram import Diagram
    from longform_desktop.core.drawing import Drawing
    from longform_desktop.core.redraw_score import Score


def read_drawing_file(path: Path) -> Drawing:
    """Load a drawing file, or raise CommandError with one line saying what is wrong."""
    from longform_desktop.core.drawing import DrawingFormatError, load_drawing

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CommandError(f"{path}: not a drawing: the file is not UTF-8 text") from None
    try:
        return load_drawing(text)
    except DrawingFormatError as exc:
        raise CommandError(f"{path}: {exc}") from None


def find_diagram(catalog: Catalog, slug: str | None, diagram_id: str | None) -> Diagram:
    if not slug:
        raise CommandError("no article: pass --article SLUG (the drawing names none)")
    article = catalog.article(slug)
    if article is None:
        raise CommandError(f"unknown article '{slug}' (`longform catalog` lists them)")
    known = [d.id for d in article.diagrams]
    if not diagram_id:
        raise CommandError(
            f"no diagram: pass --diagram ID (the drawing names none; "
            f"'{slug}' has: {', '.join(known) or 'none'})"
        )
    for diagram in article.diagrams:
        if diagram.id == diagram_id:
            return diagram
    raise CommandError(
        f"article '{slug}' has no diagram '{diagram_id}' (it has: {', '.join(known) or 'none'})"
    )


def cmd_score(args: argparse.Namespace) -> int:
    from longform_desktop.core.redraw_score import score

    drawing = read_drawing_file(Path(args.file))
    slug = args.article or drawing.article
    diagram = find_diagram(load_content(), slug, args.diagram or drawing.diagram)
    result = score(drawing, diagram, article=slug)
    if args.json:
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        print(format_score(result, diagram, drawing))
    return 0


def format_score(result: Score, diagram: Diagram, drawing: Drawing) -> str:
    """The score for a person: the figure and its parts, then recalled / missed / extra."""
    label = {n.id: n.label for n in diagram.nodes}
    text = {s.id: s.text for s in drawing.shapes()}
    credits = sum(float(m.credit) for m in result.matched_arrows)
    lines = [
        f"Score {result.score}/100 for {result.article} / {result.diagram}",
        f"  boxes {len(result.matched_boxes)}/{result.boxes_total} = {float(result.box_part):.3f}"
        f" · arrows {credits:g}/{result.arrows_total} = {float(result.arrow_part):.3f}"
        f" · penalty {result.penalty}",
    ]
    boxes = [
        ("recalled", m.label, f'"{m.text}" ({m.shape}, {m.similarity:.2f})')
        for m in result.matched_boxes
    ]
    boxes += [("missed", name, "") for _, name in result.missed_boxes]
    boxes += [("extra", f'"{words}"', f"({shape})") for shape, words in result.extra_boxes]
    arrows = []
    for m in result.matched_arrows:
        how = m.direction if m.direction == "same" else f"{m.direction}, half credit"
        if m.direction == "both":
            how = "both heads"
        arrows.append(
            ("recalled", f"{label[m.source]} -> {label[m.target]}", f"({m.arrow}, {how})")
        )
    arrows += [("missed", f"{label[s]} -> {label[t]}", "") for s, t in result.missed_arrows]
    arrows += [
        ("extra", f'"{text[e.source]}" -> "{text[e.target]}"', f"({e.arrow})")
        for e in result.extra_arrows
    ]
    arrows += [
        ("unattached", arrow, "(a loose end or an unlabelled box)") for arrow in result.unattached
    ]
    for title, rows in (("Boxes", boxes), ("Arrows", arrows)):
        lines.append("")
        lines.append(title)
        if not rows:
            lines.append("  (none in the reference)")
        kind_w = max((len(r[0]) for r in rows), default=0)
        what_w = max((len(r[1]) for r in rows), default=0)
        for kind, what, note in rows:
            lines.append(f"  {kind:<{kind_w}}  {what:<{what_w}}  {note}".rstrip())
    return "\n".join(lines)


def _add_score(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "score",
        help="score a drawing file against a reference diagram",
        description="Score a longform-drawing file with the contract's rules. --article and "
        "--diagram win over the ones the file names.",
    )
    p.add_argument("file", help="a longform-drawing JSON file")
    p.add_argument("--article", metavar="SLUG", help="the article (default: the file's)")
    p.add_argument("--diagram", metavar="ID", help="the reference diagram (default: the file's)")
    p.add_argument("--json", action="store_true", help="machine-readable output (stable)")
    p.set_defaults(func=cmd_score)


def register(sub: argparse._SubParsersAction) -> None:
    from . import redraw_data  # its storage imports: only built when the parser is

    subcommands: list[Callable[[argparse._SubParsersAction], None]] = [
        _add_score,
        redraw_data.add_export,
        redraw_data.add_import,
        redraw_data.add_list,
    ]
    p = sub.add_parser("redraw", help="score and manage redraws of the reference diagrams")
    redraw_sub = p.add_subparsers(dest="redraw_command", required=True)
    for add in subcommands:
        add(redraw_sub)
