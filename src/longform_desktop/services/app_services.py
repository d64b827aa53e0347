"""The services one window works with, built together by the composition root
(``app.build_window``) and handed to the window as one value."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .backup_service import BackupService
from .events import AppEvents
from .library_service import LibraryService
from .notes_service import NotesService
from .preferences import Preferences
from .reading_service import ReadingService
from .redraw_service import RedrawService
from .search_service import SearchService
from .tasks import TaskRunner
from .writer import Writer


@dataclass
class AppServices:
    db: sqlite3.Connection  # the GUI thread's connection: reads only (writes: ``writer``)
    events: AppEvents
    runner: TaskRunner
    writer: Writer
    search: SearchService
    reading: ReadingService
    preferences: Preferences
    backup: BackupService
    notes: NotesService
    redraws: RedrawService
    library: LibraryService | None = None  # the user's own Markdown ("Your library")

    def shut_down(self) -> None:
        """Let queued work finish and every write commit (the window is closing)."""
        self.runner.wait(10000)
        self.writer.close()
