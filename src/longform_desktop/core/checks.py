"""Content validation beyond parsing: the rules every bundled deep dive must meet."""

from __future__ import annotations

import re

from .catalog import Catalog, Problem
from .markdown import render_markdown
from .user_files import is_user_article

MIN_DIAGRAMS = 2
_INTERNAL_LINK = re.compile(r"\]\(article:(?P<slug>[a-z0-9-]+)(?:#(?P<anchor>[^)\s]+))?\)")


def check_catalog(catalog: Catalog) -> list[Problem]:
    """All problems: those found while loading plus diagram counts and internal links."""
    problems = list(catalog.problems)
    anchors: dict[str, set[str]] = {}
    for article in catalog.articles:
        if article.is_written:
            rendered = render_markdown(article.body, {d.id: d for d in article.diagrams})
            anchors[article.slug] = {entry.id for entry in rendered.toc}
    for article in catalog.articles:
        if not article.is_written:
            continue
        # The user's own notes owe us no diagrams, even when their front matter puts them
        # in a bundled section; their broken blocks are still reported.
        if len(article.diagrams) < MIN_DIAGRAMS and not is_user_article(article):
            problems.append(
                Problem(
                    str(article.path),
                    article.body_line + 1,
                    f"a deep dive needs at least {MIN_DIAGRAMS} valid diagrams, "
                    f"this one has {len(article.diagrams)}",
                )
            )
        for number, line in enumerate(article.body.splitlines(), start=article.body_line + 1):
            for link in _INTERNAL_LINK.finditer(line):
                slug, anchor = link.group("slug"), link.group("anchor")
                target = catalog.article(slug)
                if target is None:
                    problems.append(
                        Problem(
                            str(article.path), number, f"link to unknown deep dive 'article:{slug}'"
                        )
                    )
                elif anchor and anchor not in anchors.get(slug, set()):
                    problems.append(
                        Problem(
                            str(article.path),
                            number,
                            f"link to unknown heading '#{anchor}' in '{slug}'",
                        )
                    )
    return problems
