"""``longform check`` and ``longform catalog``: the deep dives themselves."""

from __future__ import annotations

import argparse
import json
import sys

from longform_desktop.core.checks import check_catalog

from .common import load_content


def cmd_check(args: argparse.Namespace) -> int:
    catalog = load_content()
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
    catalog = load_content()
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


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="validate all content; non-zero exit on problems")
    p.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("catalog", help="list sections and deep dives")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_catalog)
