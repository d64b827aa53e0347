"""Small user preferences (zoom, theme) kept beside the user's data."""

from __future__ import annotations

import json
import sqlite3
from typing import Any


class SettingsRepository:
    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def get(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        if row is None:
            return default
        try:
            return json.loads(row[0])
        except ValueError:
            return default

    def set(self, key: str, value: Any) -> None:
        with self.db:
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, json.dumps(value)],
            )
