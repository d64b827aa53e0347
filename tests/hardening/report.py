"""What the hardening suite tried, counted, printed at the end of the run.

Each hardening test records its cases with ``tally(area, case, tried=..., failures=...,
**figures)``; ``tests/conftest.py`` prints the table after the run (``-m hardening`` runs
the suite alone) and writes it as JSON to ``$LONGFORM_HARDENING_REPORT`` when set. A
count recorded here is what the test really did, never a constant: a test tallies in the
loop that does the work.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Tally:
    area: str
    case: str
    tried: int = 0
    failures: int = 0
    figures: dict[str, float | int | str] = field(default_factory=dict)


_TALLIES: dict[tuple[str, str], Tally] = {}


def tally(
    area: str, case: str, *, tried: int = 1, failures: int = 0, **figures: float | int | str
) -> None:
    """Add ``tried`` cases (``failures`` of them failed) under ``area``/``case``.

    Numeric figures named ``max_*`` keep their maximum across calls; other figures are
    summed when numeric, replaced otherwise.
    """
    entry = _TALLIES.setdefault((area, case), Tally(area, case))
    entry.tried += tried
    entry.failures += failures
    for key, value in figures.items():
        old = entry.figures.get(key)
        if isinstance(value, (int, float)) and isinstance(old, (int, float)):
            entry.figures[key] = max(old, value) if key.startswith("max_") else old + value
        else:
            entry.figures[key] = value


def tallies() -> list[Tally]:
    return sorted(_TALLIES.values(), key=lambda t: (t.area, t.case))


def lines() -> list[str]:
    rows = tallies()
    if not rows:
        return []
    out = [f"{'area':<10} {'case':<44} {'tried':>7} {'failed':>6}  figures"]
    for t in rows:
        figs = ", ".join(
            f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}" for k, v in t.figures.items()
        )
        out.append(f"{t.area:<10} {t.case[:44]:<44} {t.tried:>7} {t.failures:>6}  {figs}")
    total = sum(t.tried for t in rows)
    failed = sum(t.failures for t in rows)
    out.append(f"{'total':<10} {'':<44} {total:>7} {failed:>6}")
    return out


def write_json() -> None:
    target = os.environ.get("LONGFORM_HARDENING_REPORT")
    if not target or not _TALLIES:
        return
    data = [t.__dict__ for t in tallies()]
    Path(target).write_text(json.dumps(data, indent=2), encoding="utf-8")
