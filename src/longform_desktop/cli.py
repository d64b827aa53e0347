"""The ``longform`` command: search, reindex, check and list the catalog, without Qt.

``--json`` output is a stable interface (documented in docs/cli.md); the plain output
is for people and may change.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import paths
from .core.catalog import Catalog, load_catalog
from .core.checks import check_catalog
from .core.search import catalog_sources, search, stats_dict, sync_and_open, sync_index


def _catalog() -> Catalog:
    return load_catalog(paths.content_dir())


def _ready_index(catalog: Catalog):
    return sync_and_open(paths.index_dir(), catalog_sources(catalog))[1]


def cmd_search(args: argparse.Namespace) -> int:
    catalog = _catalog()
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
    catalog = _catalog()
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


def cmd_check(args: argparse.Namespace) -> int:
    catalog = _catalog()
    problems = check_catalog(catalog)
    for problem in problems:
        print(problem, file=sys.stderr)
    written = [a for a in catalog.articles if a.is_written]
    if not args.quiet:
        print(
            f"{len(catalog.sections)} sections, {len(catalog.articles)} deep dives "
            f"({len(written)} written), {sum(len(a.diagrams) for a in written)} diagrams, "
            f"{len(problems)} problem(s)."
        )
        for article in catalog.articles:
            state = (
                f"{article.word_count:6d} words {article.read_minutes:3d} min"
                if (article.is_written)
                else "   not yet written    "
            )
            print(f"  {state}  {len(article.diagrams)} diagrams  {article.slug}")
    return 1 if problems else 0


def cmd_catalog(args: argparse.Namespace) -> int:
    catalog = _catalog()
    if args.json:
        payload = {
            "sections": [
                {
                    "slug": s.slug,
                    "title": s.title,
                    "blurb": s.blurb,
                    "articles": [
                        {
                            "slug": a.slug,
                            "title": a.title,
                            "topic": a.topic,
                            "difficulty": a.difficulty,
                            "read_minutes": a.read_minutes,
                            "words": a.word_count,
                            "written": a.is_written,
                            "summary": a.summary,
                            "order": a.order,
                            "diagrams": [d.id for d in a.diagrams],
                        }
                        for a in s.articles
                    ],
                }
                for s in catalog.sections
            ]
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0
    for section in catalog.sections:
        print(section.title)
        if not section.articles:
            print("  (no deep dives yet)")
        for a in section.articles:
            minutes = f"{a.read_minutes} min" if a.is_written else "not yet written"
            print(f"  {a.topic:<20} {a.difficulty:<7} {minutes:>16}  {a.title}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="longform", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("search", help="search the deep dives")
    p.add_argument("query")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--limit", type=int, default=10, help="maximum number of deep dives")
    p.set_defaults(func=cmd_search)
    p = sub.add_parser("reindex", help="bring the search index up to date")
    p.add_argument("--full", action="store_true", help="throw the index away and rebuild it")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_reindex)
    p = sub.add_parser("check", help="validate all content; non-zero exit on problems")
    p.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("catalog", help="list sections and deep dives")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_catalog)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
