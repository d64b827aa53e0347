"""AppEvents: the one place that announces changes to the user's data.

Built once in ``app.py`` and handed to whoever needs it (never a global). A service
announces a change after it is committed; panels, the catalog and the search index
follow the announcement instead of being called by whoever made the change. The
``initiator`` lets the widget that made a change skip reloading its own edit (Anki's
OpChanges habit).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

# Kinds of user data announced through ``user_data_changed``.
PROGRESS = "progress"
SETTINGS = "settings"
NOTES = "notes"
DRAWINGS = "drawings"
REVIEWS = "reviews"


class AppEvents(QObject):
    # kind (one of the constants above), key (article slug, note id, setting key... or
    # "" for "many"), initiator (the object that asked for the change, or None)
    user_data_changed = Signal(str, str, object)
    # A failure the user should see: a short title and a readable message. Whoever
    # reports it has already logged it with its traceback.
    error_reported = Signal(str, str)
    # Transient news for the status bar: text, milliseconds to show it
    status_message = Signal(str, int)

    def changed(self, kind: str, key: str = "", initiator: object = None) -> None:
        self.user_data_changed.emit(kind, key, initiator)

    def error(self, title: str, message: str) -> None:
        self.error_reported.emit(title, message)

    def status(self, text: str, msecs: int = 4000) -> None:
        self.status_message.emit(text, msecs)
