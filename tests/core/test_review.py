"""Spaced review with FSRS: score -> rating, scheduling at a fixed ``now``, stored state."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from fsrs import Rating, State

from longform_desktop.core.review import (
    card_from_state,
    due_at,
    due_cards,
    interval,
    is_due,
    is_mastered,
    rating_for,
    review,
)

NOW = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("score", "rating"),
    [
        (0, Rating.Again),
        (39, Rating.Again),
        (40, Rating.Hard),
        (69, Rating.Hard),
        (70, Rating.Good),
        (89, Rating.Good),
        (90, Rating.Easy),
        (100, Rating.Easy),
    ],
)
def test_score_to_rating(score: int, rating: Rating) -> None:
    assert rating_for(score) == rating


@pytest.mark.parametrize("bad", [-1, 101, 50.5, True, "70"])
def test_scores_outside_0_100_are_refused(bad) -> None:
    with pytest.raises(ValueError, match="0-100"):
        rating_for(bad)


def test_first_review_intervals_grow_with_the_rating() -> None:
    dues = [review(None, score, NOW)[1] - NOW for score in (20, 50, 75, 95)]
    assert dues == sorted(dues) and dues[0] < dues[2] < dues[3]
    # No same-sitting learning steps: even a failed redraw comes back the next day,
    # because redrawing ten minutes later would test short-term memory, not recall.
    assert dues[0] == timedelta(days=1)
    assert dues[2] == timedelta(days=2) and dues[3] >= timedelta(days=7)


def test_the_same_history_gives_the_same_schedule() -> None:
    """No clock and no fuzz: the result depends only on the inputs."""

    def run() -> list[str]:
        state, at, out = None, NOW, []
        for score in (75, 80, 92, 35, 70):
            state, due = review(state, score, at)
            out.append(json.dumps(state, sort_keys=True) + due.isoformat())
            at = due + timedelta(hours=3)
        return out

    assert run() == run()


def test_state_is_json_and_round_trips() -> None:
    state, due = review(None, 95, NOW)
    again = json.loads(json.dumps(state))
    assert again == state
    assert state["version"] == 1 and state["last_score"] == 95 and state["reviews"] == 1
    assert state["last_rating"] == "Easy"
    card = card_from_state(again)
    assert card.due == due == due_at(again) and card.last_review == NOW
    assert card.state == State.Review


def test_reviews_continue_from_the_stored_state() -> None:
    state, due = review(None, 75, NOW)  # Good on a new card: straight to days
    assert card_from_state(state).state == State.Review
    state, due2 = review(state, 75, due)  # Good again: a longer interval
    assert card_from_state(state).state == State.Review
    assert due2 - due > due - NOW and state["reviews"] == 2


def test_a_lapse_brings_the_card_back_soon() -> None:
    state, due = review(None, 95, NOW)
    state, due = review(state, 95, due)
    long_interval = interval(state)
    state, due_after_lapse = review(state, 10, due)
    assert interval(state) < long_interval
    assert due_after_lapse - due < long_interval / 4  # back soon: days, not weeks
    assert card_from_state(state).state == State.Review  # no relearning steps


def test_now_may_be_in_any_zone_but_must_be_aware() -> None:
    ist = timezone(timedelta(hours=5, minutes=30))
    state_utc, due_utc = review(None, 80, NOW)
    state_ist, due_ist = review(None, 80, NOW.astimezone(ist))
    assert due_utc == due_ist and state_utc == state_ist
    with pytest.raises(ValueError, match="timezone-aware"):
        review(None, 80, datetime(2025, 3, 1, 9, 30))


def test_due_cards_soonest_first_and_new_cards_are_not_due() -> None:
    a, due_a = review(None, 95, NOW)  # days away
    b, due_b = review(None, 20, NOW)  # a day away
    c, _ = review(None, 75, NOW + timedelta(minutes=1))  # two days away
    states = {"easy": a, "again": b, "good": c, "never": None}
    assert due_cards(states, NOW) == []
    assert due_cards(states, NOW + timedelta(days=1, hours=1)) == ["again"]
    assert due_cards(states, NOW + timedelta(days=3)) == ["again", "good"]
    assert due_cards(states, due_a) == ["again", "good", "easy"]
    assert is_due(b, due_b) and not is_due(b, due_b - timedelta(seconds=1))


def test_mastered_needs_a_90_and_an_interval_of_21_days() -> None:
    state, at = None, NOW
    history = []
    for _ in range(4):
        state, at = review(state, 95, at)
        history.append((interval(state), is_mastered(state)))
    assert all(m == (gap >= timedelta(days=21)) for gap, m in history)
    assert history[-1][1]  # four Easy redraws in a row: well past 21 days
    long_wait = state
    relapsed, _ = review(long_wait, 89, at)  # a Good redraw keeps a long interval...
    assert interval(relapsed) >= timedelta(days=21)
    assert not is_mastered(relapsed)  # ...but the last score is below 90
    assert not is_mastered(None)
    first, _ = review(None, 100, NOW)
    assert not is_mastered(first)  # a first Easy is days, not three weeks


def test_bad_states_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown review state version 99"):
        card_from_state({"version": 99, "card": {}})
    with pytest.raises(ValueError, match="not a review state"):
        card_from_state({"version": 1})
