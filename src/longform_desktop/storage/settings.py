"""User preferences, each declared once with its type and default (Picard's habit).

Code reads and writes settings only through these declarations, so a typo in a key is
an ``AttributeError`` at import, not a preference that silently never sticks, and a
stored value of the wrong type (an older version's, a hand edit) falls back to the
default instead of reaching a widget.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .db import transaction

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type[T]
    default: T
    choices: tuple[T, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    def coerce(self, raw: Any) -> T:
        """``raw`` as this setting's type, or the default when it cannot be one."""
        value: Any = raw
        if self.type is float and isinstance(raw, int) and not isinstance(raw, bool):
            value = float(raw)
        if not isinstance(value, self.type) or (self.type is not bool and isinstance(value, bool)):
            return self.default
        if self.choices and value not in self.choices:
            return self.default
        number: Any = value  # a float or int when a bound is declared
        if self.minimum is not None and number < self.minimum:
            return self.default
        if self.maximum is not None and number > self.maximum:
            return self.default
        return value


DECLARED: dict[str, Setting[Any]] = {}


def declare(setting: Setting[T]) -> Setting[T]:
    if setting.key in DECLARED:
        raise ValueError(f"setting {setting.key!r} declared twice")
    DECLARED[setting.key] = setting
    return setting


READER_ZOOM = declare(Setting("reader.zoom", float, 1.0, minimum=0.5, maximum=3.0))


class SettingsRepository:
    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def get(self, setting: Setting[T]) -> T:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [setting.key]).fetchone()
        if row is None:
            return setting.default
        try:
            raw = json.loads(row[0])
        except ValueError:
            log.warning("setting %s holds unreadable JSON; using its default", setting.key)
            return setting.default
        return setting.coerce(raw)

    def set(self, setting: Setting[T], value: T) -> None:
        if setting.coerce(value) != value:
            raise ValueError(f"{value!r} is not a valid value for setting {setting.key!r}")
        with transaction(self.db):
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [setting.key, json.dumps(value)],
            )


# Where copies of the database go ("" = the "backups" folder beside the database).
BACKUP_FOLDER = declare(Setting("storage.backup_folder", str, ""))
