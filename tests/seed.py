"""The seed catalog (tests/data/seed_catalog.txt, a copy of the shared seed) parsed into
entries, so tests compare the app's catalog with the seed word for word."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SEED = Path(__file__).parent / "data" / "seed_catalog.txt"
SECTIONS = [
    "Foundations",
    "Streaming & real-time",
    "Data & consistency",
    "Infrastructure & platform",
    "Databases, in depth",
    "APIs, in depth",
]
_ENTRY = re.compile(r"^- (?P<topic>.+?)(?P<difficulty>easy|medium|hard)(?P<minutes>\d+) min read$")


@dataclass(frozen=True)
class SeedEntry:
    section: str
    topic: str
    difficulty: str
    minutes: int
    title: str
    summary: str


def seed_entries() -> list[SeedEntry]:
    lines = [line.rstrip("\n") for line in SEED.read_text(encoding="utf-8").splitlines()]
    entries: list[SeedEntry] = []
    section = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        if line in SECTIONS:
            section = line
        match = _ENTRY.match(line)
        if match:
            entries.append(
                SeedEntry(
                    section,
                    match["topic"],
                    match["difficulty"],
                    int(match["minutes"]),
                    lines[i + 1],
                    lines[i + 2],
                )
            )
            i += 3
            continue
        i += 1
    return entries
