"""``longform search`` and ``longform reindex``: the Whoosh index from the terminal.

Both bring the *articles* in the index up to date (``kinds={"article"}``); notes and
drawings the app indexed stay, and ``search`` finds them too.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from longform_desktop import paths
from longform_desktop.core.catalog import Catalog
from longform_desktop.core.search import (
    SearchResults,
    catalog_sources,
    search,
    stats_dict,
    sync_and_open,
    sync_index,
)

from .common import CommandError, load_content

if TYPE_CHECKING:
    from whoosh.index import Index

ARTICLES = {"article"}


def _ready_index(catalog: Catalog) -> Index:
    return sync_and_open(paths.index_dir(), catalog_sources(catalog), kinds=ARTICLES)[1]


def payload(results: SearchResults, limit: int) -> dict:
    """The ``--json`` object (docs/cli.md): at most ``limit`` hits. ``query`` is what was
    searched (what was typed, bounded: valid UTF-8, cut when too long, and then ``note``
    says so)."""
    return {
        "query": results.query,
        "note": results.note or None,
        "suggestion": results.suggestion or None,
        "corrected": results.correction_json(),
        "relaxed": results.relaxed,
        "hits": results.to_json(limit=limit),
    }


def _print_plain(results: SearchResults, limit: int) -> None:
    if results.note:
        print(f"{results.note}\n")
    if results.corrected:
        print(
            f"Showing results for {results.corrected} — "
            f"search instead for {results.search_instead}\n"
        )
    if not results.hits:
        print(f"No results for {results.query!r}.")
    shown = 0
    for hit in results.hits:
        if shown >= limit:
            break
        label = f"{hit.kind} · {hit.article}" + (f" · {hit.item_id}" if hit.item_id else "")
        name = hit.title if hit.kind == "article" else f"{hit.kind.title()} on {hit.title}"
        print(f"{name}  [{label}]")
        for sec in hit.sections[: limit - shown]:
            heading = sec.heading or ("(introduction)" if hit.kind == "article" else "")
            print(f"  {sec.score:7.2f}  {heading}  #{sec.heading_id}")
            print(f"           {sec.snippet}")
            shown += 1
        print()
    if results.suggestion:
        print(f"Did you mean: {results.suggestion}")


def cmd_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CommandError("--limit must be at least 1")
    catalog = load_content()
    ix = _ready_index(catalog)
    # Ask for as many results as hits: each result gives at least one hit (row).
    results = search(ix, args.query, limit=args.limit)
    if args.json:
        print(json.dumps(payload(results, args.limit), indent=2, ensure_ascii=False))
    else:
        _print_plain(results, args.limit)
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    """Exit 1 when the index in the cache dir could not be brought up to date (the old one
    was kept read-only, or a temporary one was built elsewhere); the reason is already on
    stderr, logged by the sync, and in the JSON ``note``."""
    catalog = load_content()
    target = paths.index_dir()
    # --full goes through the sync (under the write lock), not a bare rmtree: a reindex
    # never deletes an index another process is writing.
    stats = sync_index(target, catalog_sources(catalog), kinds=ARTICLES, full=args.full)
    if args.json:
        print(json.dumps(stats_dict(stats), indent=2))
    else:
        what = "rebuilt" if stats.rebuilt else "not updated" if stats.read_only else "updated"
        print(
            f"Index {what} in {stats.seconds * 1000:.0f} ms: {stats.added} added, "
            f"{stats.updated} updated, {stats.removed} removed, {stats.unchanged} unchanged; "
            f"{stats.documents} documents in {stats.location or target}"
        )
    return 1 if stats.read_only or stats.temporary else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="search the deep dives (and indexed notes and drawings)")
    p.add_argument("query")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--limit",
        type=int,
        default=10,
        help="maximum number of hits: a hit is one section of a deep dive, one note or "
        "one drawing (default 10)",
    )
    p.set_defaults(func=cmd_search)
    p = sub.add_parser("reindex", help="bring the search index up to date")
    p.add_argument("--full", action="store_true", help="throw the index away and rebuild it")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_reindex)
