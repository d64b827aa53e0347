"""User preferences, each declared once with its type and default (Picard's habit).

Code reads and writes settings only through these declarations, so a typo in a key is
an ``AttributeError`` at import, not a preference that silently never sticks, and a
stored value of the wrong type (an older version's, a hand edit) falls back to the
default instead of reaching a widget.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any, Generic, NamedTuple, TypeVar

from .db import transaction
from .rows import skipped

T = TypeVar("T")


# A NamedTuple: cheaper to define than a frozen dataclass (docs/architecture.md, Start-up).
class Setting(NamedTuple, Generic[T]):
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
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def get(self, setting: Setting[T]) -> T:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [setting.key]).fetchone()
        if row is None:
            return setting.default
        try:
            # TypeError: NULL or a number where the app writes JSON text (a hand edit);
            # RecursionError: JSON nested deeper than Python parses.
            raw = json.loads(row[0])
        except (ValueError, TypeError, RecursionError):
            skipped("settings", setting.key, f"unreadable value {row[0]!r:.60}; using the default")
            return setting.default
        value = setting.coerce(raw)
        if value is not raw and value != raw:
            skipped("settings", setting.key, f"{raw!r:.60} is not a valid value; using the default")
        return value

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

# --- appearance and reading (the preferences dialog; docs/ui-polish.md) ---------------
# "system" follows the desktop's palette; "light"/"dark" force one on every widget.
THEME = declare(Setting("view.theme", str, "system", choices=("system", "light", "dark")))
# "" = the platform's default sans-serif; otherwise a font family name.
READER_FONT_FAMILY = declare(Setting("reader.font_family", str, ""))
READER_FONT_SIZE = declare(Setting("reader.font_size", float, 11.5, minimum=8.0, maximum=24.0))
READER_LINE_WIDTH = declare(
    Setting("reader.line_width", str, "normal", choices=("narrow", "normal", "wide"))
)
READER_LINE_SPACING = declare(Setting("reader.line_spacing", int, 150, minimum=100, maximum=220))
# A folder of the user's own Markdown ("" = none), shown as "Your library" and searched
# (core/user_library.py; docs/user-library.md).
USER_CONTENT_FOLDER = declare(Setting("content.user_folder", str, ""))

# --- the window as it was left (restored on start) -------------------------------------
WINDOW_GEOMETRY = declare(Setting("window.geometry", str, ""))  # base64 of saveGeometry()
SPLITTER_SIZES = declare(Setting("window.splitter_sizes", list, []))  # widths, left to right
# The left panel (sections / contents). The study panel's tabs remember themselves
# (each room its own, e.g. NOTES_PANEL_OPEN); SPLITTER_SIZES keeps its width.
SIDE_PANEL_SHOWN = declare(Setting("window.side_panel_shown", bool, True))
# The deep dive open when the window closed ("" = the catalog); its place is its progress.
LAST_ARTICLE = declare(Setting("window.last_article", str, ""))

# --- notes and highlights (docs/notes-ui.md) ---------------------------------------------
# The Notes panel beside an open deep dive, as last toggled (View > Notes Panel).
NOTES_PANEL_OPEN = declare(Setting("notes.panel_open", bool, False))
