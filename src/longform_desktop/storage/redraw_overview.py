"""Every reference diagram with its redraw status: attempts, last score, next review,
mastered. One query over the attempts and the review cards, shared by the GUI's
RedrawService and ``longform redraw list``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from longform_desktop.core.catalog import Catalog
from longform_desktop.core.diagram import Diagram

from .drawings import DrawingsRepository
from .reviews import ReviewsRepository


def card_key(article: str, diagram: str) -> str:
    return f"{article}/{diagram}"


@dataclass(frozen=True)
class DiagramStatus:
    article: str
    diagram: Diagram
    attempts: int  # scored attempts
    last_score: int | None
    due: datetime | None  # None: never redrawn
    mastered: bool


def diagram_statuses(
    catalog: Catalog,
    drawings: DrawingsRepository,
    reviews: ReviewsRepository,
    article: str | None = None,
) -> list[DiagramStatus]:
    """Every reference diagram of the written articles (or of one), in catalog order."""
    from longform_desktop.core import review as review_core  # FSRS: only when redraws are looked at

    cards = {card_key(c.article, c.diagram): c for c in reviews.all()}
    counts: dict[str, int] = {}
    for attempt in drawings.all():
        if attempt.article and attempt.diagram and attempt.score is not None:
            key = card_key(attempt.article, attempt.diagram)
            counts[key] = counts.get(key, 0) + 1
    out = []
    for art in catalog.articles:
        if not art.is_written or (article is not None and art.slug != article):
            continue
        for diagram in art.diagrams:
            key = card_key(art.slug, diagram.id)
            card = cards.get(key)
            out.append(
                DiagramStatus(
                    art.slug,
                    diagram,
                    counts.get(key, 0),
                    card.last_score if card else None,
                    review_core.due_at(card.state) if card else None,
                    review_core.is_mastered(card.state if card else None),
                )
            )
    return out
