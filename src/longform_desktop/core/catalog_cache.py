"""A small cache of what parsing the catalog produced, keyed by each file's size and
modification time, so start-up reads the Markdown files but parses no YAML.

It lives in the cache dir and is only ever a shortcut: a missing, unreadable or
mismatched cache means the files are parsed as usual, and files with problems are never
cached, so their problems are reported on every start.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

CACHE_VERSION = 1


def stamp(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_mtime_ns, info.st_size, info.st_ino]


class CatalogCache:
    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.entries: dict[str, Any] = {}
        self.dirty = False
        if file is None:
            return
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("version") == CACHE_VERSION:
            self.entries = data.get("entries") or {}

    def get(self, path: Path) -> Any | None:
        entry = self.entries.get(str(path))
        if entry is None:
            return None
        try:
            current = stamp(path)
        except OSError:
            return None
        return entry["value"] if entry.get("stamp") == current else None

    def put(self, path: Path, value: Any) -> None:
        self.entries[str(path)] = {"stamp": stamp(path), "value": value}
        self.dirty = True

    def keep_only(self, paths: set[str]) -> None:
        for key in set(self.entries) - paths:
            del self.entries[key]
            self.dirty = True

    def save(self) -> None:
        if self.file is None or not self.dirty:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.file.with_suffix(".tmp")
            tmp.write_text(
                json.dumps({"version": CACHE_VERSION, "entries": self.entries}), encoding="utf-8"
            )
            os.replace(tmp, self.file)
        except OSError:
            pass  # a cache that cannot be written only costs the next start some parsing
        self.dirty = False
