"""Preferences as the GUI uses them: read through their declarations, written through
the writer, announced on AppEvents so every panel that depends on one follows it."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import QObject

from longform_desktop.storage.settings import Setting, SettingsRepository

from .events import SETTINGS, AppEvents
from .writer import Writer

T = TypeVar("T")


class Preferences(QObject):
    def __init__(
        self,
        settings: SettingsRepository,
        writer: Writer,
        events: AppEvents,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings, self._writer, self._events = settings, writer, events
        # Values set in this session, so a read right after a write sees it before the
        # writer has committed.
        self._recent: dict[str, Any] = {}

    def get(self, setting: Setting[T]) -> T:
        if setting.key in self._recent:
            return self._recent[setting.key]
        return self._settings.get(setting)

    def set(self, setting: Setting[T], value: T, initiator: object = None) -> None:
        if setting.coerce(value) != value:
            raise ValueError(f"{value!r} is not a valid value for setting {setting.key!r}")
        if self.get(setting) == value:
            return
        self._recent[setting.key] = value
        self._writer.submit(
            lambda conn: SettingsRepository(conn).set(setting, value),
            lambda _: None,
        )
        self._events.changed(SETTINGS, setting.key, initiator)
