"""``longform search`` and ``longform reindex``: the Whoosh index from the terminal."""

from __future__ import annotations

import argparse
import json

from .. import paths
from ..core.catalog import Catalog
from ..core.search import catalog_sources, search, stats_dict, sync_and_open, sync_index
from .common import load_content


def _ready_index(catalog: Catalog):
    return sync_and_open(paths.index_dir(), catalog_sources(catalog))[1]


def cmd_search(args: argparse.Namespace) -> int:
    catalog = load_content()
    ix = _ready_index(catalog)
    results = search(ix, args.query, limit=args.limit)
    if args.json:
        payload = {
            "query": args.query,
            "suggestion": results.suggestion or None,
            "hits": results.to_json(),
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0
    if not results.hits:
        print(f"No results for {args.query!r}.")
    for hit in results.hits:
        print(f"{hit.title}  [{hit.kind} · {hit.article}]")
        for sec in hit.sections:
            heading = sec.heading or "(introduction)"
            print(f"  {sec.score:7.2f}  {heading}  #{sec.heading_id}")
            print(f"           {sec.snippet}")
        print()
    if results.suggestion:
        print(f"Did you mean: {results.suggestion}")
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    catalog = load_content()
    target = paths.index_dir()
    if args.full:
        import shutil

        shutil.rmtree(target, ignore_errors=True)
    stats = sync_index(target, catalog_sources(catalog))
    if args.json:
        print(json.dumps(stats_dict(stats), indent=2))
    else:
        what = "rebuilt" if stats.rebuilt else "updated"
        print(
            f"Index {what} in {stats.seconds * 1000:.0f} ms: {stats.added} added, "
            f"{stats.updated} updated, {stats.removed} removed, {stats.unchanged} unchanged; "
            f"{stats.documents} documents in {target}"
        )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="search the deep dives")
    p.add_argument("query")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--limit", type=int, default=10, help="maximum number of deep dives")
    p.set_defaults(func=cmd_search)
    p = sub.add_parser("reindex", help="bring the search index up to date")
    p.add_argument("--full", action="store_true", help="throw the index away and rebuild it")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_reindex)
