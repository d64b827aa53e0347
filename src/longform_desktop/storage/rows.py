"""Reading rows that may be damaged: a hand edit, another tool, an older bug.

SQLite keeps whatever a column is given ('abc' in a REAL column, a NULL where the app
always wrote text, JSON that no longer parses), so every repository checks each row it
reads against what the app itself writes. A row that does not fit is skipped and logged
(once per table and row, so a panel that reloads does not flood the log); the row
itself is never changed or deleted here: it stays in the database for a person (or a
later version) to look at (issue 17: one bad row must not take the whole app down).
"""

from __future__ import annotations

import logging
import math
from typing import Any

log = logging.getLogger("longform_desktop.storage")

_LOGGED: set[tuple[str, str, str]] = set()
_LOGGED_MAX = 10000  # a bound on memory for a database full of bad rows


class BadRow(ValueError):
    """A stored row that does not hold what the app writes; the message says which field."""


def skipped(table: str, key: Any, why: BaseException | str) -> None:
    """Log (once per table, key and reason) that a row of ``table`` was skipped."""
    reason = str(why) if isinstance(why, str) else f"{type(why).__name__}: {why}"
    mark = (table, repr(key)[:200], reason[:200])
    if mark in _LOGGED:
        return
    if len(_LOGGED) < _LOGGED_MAX:
        _LOGGED.add(mark)
    log.warning("skipped a damaged row of %s (%r): %s", table, key, reason)


def text(value: Any, field: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise BadRow(f"{field} is {type(value).__name__} {value!r:.60}, not text")
    return value


def number(value: Any, field: str) -> float:
    """A finite number (SQLite gives int or float for a numeric column)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadRow(f"{field} is {type(value).__name__} {value!r:.60}, not a number")
    value = float(value)
    if not math.isfinite(value):
        raise BadRow(f"{field} is {value}, not a finite number")
    return value


def whole(value: Any, field: str, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRow(f"{field} is {type(value).__name__} {value!r:.60}, not a whole number")
    return value
