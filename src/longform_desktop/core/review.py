"""Spaced review of the reference diagrams with FSRS (the maintained ``fsrs`` package).

Each reference diagram is one card. A redraw's score becomes an FSRS rating (below 40
Again, 40-69 Hard, 70-89 Good, 90+ Easy) and the scheduler says when to redraw it next.
The card state is a plain JSON-able dict, so storage keeps it next to the attempts.
Nothing here reads the clock: every call takes ``now``.

The scheduler is FSRS's trained parameters and desired retention 0.9, WITHOUT learning
and relearning steps: those (1 and 10 minutes by default) suit a flashcard seen again in
the same sitting, but redrawing a diagram ten minutes after drawing it tests short-term
memory, not recall. With no steps every rating goes straight to a day-scale interval
(first redraw: Again/Hard 1 day, Good 2 days, Easy 8 days). Fuzzing is off: fuzz draws
from Python's global random generator, which would make the same history give different
due dates, and with a few dozen cards there is no review pile-up for it to spread.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from fsrs import Card, Rating, Scheduler

STATE_VERSION = 1
MASTERED_SCORE = 90
MASTERED_INTERVAL = timedelta(days=21)

SCHEDULER = Scheduler(enable_fuzzing=False, learning_steps=(), relearning_steps=())

K = TypeVar("K", bound=Hashable)


def rating_for(score: int) -> Rating:
    """The FSRS rating a redraw score stands for."""
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100:
        raise ValueError(f"a redraw score is a whole number 0-100, got {score!r}")
    if score < 40:
        return Rating.Again
    if score < 70:
        return Rating.Hard
    if score < 90:
        return Rating.Good
    return Rating.Easy


def _utc(now: datetime) -> datetime:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware (a naive time has no fixed instant)")
    return now.astimezone(UTC)


def card_from_state(state: Mapping[str, Any]) -> Card:
    """The FSRS card kept in a stored state; ValueError if the state is not one."""
    try:
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"unknown review state version {state.get('version')!r}")
        return Card.from_dict(state["card"])
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a review state ({type(exc).__name__}: {exc})") from None


def state_from_card(card: Card, score: int, reviews: int) -> dict[str, Any]:
    """A JSON-able review state: the FSRS card plus what the app shows with it."""
    return {
        "version": STATE_VERSION,
        "card": dict(card.to_dict()),
        "last_score": score,
        "last_rating": rating_for(score).name,
        "reviews": reviews,
    }


def review(
    state: Mapping[str, Any] | None, score: int, now: datetime
) -> tuple[dict[str, Any], datetime]:
    """Record a redraw scored ``score`` at ``now``: the new state and the next due time.
    ``state`` is None for a diagram never redrawn before."""
    now = _utc(now)
    rating = rating_for(score)
    if state is None:
        # The id is only FSRS's own label for the card; the app keys cards by diagram.
        card, reviews = Card(card_id=int(now.timestamp() * 1000), due=now), 0
    else:
        card, reviews = card_from_state(state), int(state.get("reviews", 0))
    card, _log = SCHEDULER.review_card(card, rating, review_datetime=now)
    return state_from_card(card, score, reviews + 1), card.due


def due_at(state: Mapping[str, Any]) -> datetime:
    return card_from_state(state).due


def interval(state: Mapping[str, Any]) -> timedelta:
    """Time from the last review to the next one (zero before any review)."""
    card = card_from_state(state)
    return card.due - card.last_review if card.last_review else timedelta(0)


def is_due(state: Mapping[str, Any], at: datetime) -> bool:
    return due_at(state) <= _utc(at)


def due_cards(states: Mapping[K, Mapping[str, Any] | None], at: datetime) -> list[K]:
    """Keys of the cards due at ``at``, soonest first (ties by key order as given).
    A diagram never redrawn (state None) is new, not due."""
    at = _utc(at)
    due = [(due_at(s), n, key) for n, (key, s) in enumerate(states.items()) if s is not None]
    return [key for when, _n, key in sorted(due, key=lambda d: (d[0], d[1])) if when <= at]


def is_mastered(state: Mapping[str, Any] | None) -> bool:
    """Mastered: the last redraw scored 90 or more and the card waits 21 days or more."""
    if state is None:
        return False
    return (
        int(state.get("last_score", 0)) >= MASTERED_SCORE and interval(state) >= MASTERED_INTERVAL
    )
