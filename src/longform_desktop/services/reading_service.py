"""Reading progress as the GUI uses it: read at once, written through the writer."""

from __future__ import annotations

from PySide6.QtCore import QObject

from longform_desktop.storage.progress import Progress, ProgressRepository

from .events import PROGRESS, AppEvents
from .writer import Writer


class ReadingService(QObject):
    def __init__(
        self,
        progress: ProgressRepository,
        writer: Writer,
        events: AppEvents,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._progress, self._writer, self._events = progress, writer, events
        # The writer tells the user (``failed``, wired by the window) when writes are held
        # back because the database cannot take them; this says when they are all in. It
        # lives here because this service is built with every window (issue 16).
        writer.resumed.connect(lambda text: events.status(text, 8000))

    def progress(self, slug: str) -> Progress:
        return self._progress.get(slug)

    def all_progress(self) -> dict[str, Progress]:
        return self._progress.all()

    def save_position(self, slug: str, position: float) -> None:
        """Remember where the reader is in ``slug`` (committed off the GUI thread)."""
        self._writer.submit(
            lambda conn: ProgressRepository(conn).save_position(slug, position),
            lambda _progress: self._events.changed(PROGRESS, slug),
        )
