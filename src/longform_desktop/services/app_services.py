"""The services one window works with, built together by the composition root
(``app.build_window``) and handed to the window as one value.

Built in two steps, like the window: what the catalog's first paint needs at once, and
the study services (notes, redraws, backups, the user's library) by ``complete()``,
which the window calls before it builds the rooms that use them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
    # Builds the fields below (the composition root's second step); run by complete().
    study_services: Callable[[AppServices], None] | None = None
    backup: BackupService = field(init=False)
    notes: NotesService = field(init=False)
    redraws: RedrawService = field(init=False)
    library: LibraryService | None = field(init=False, default=None)

    def complete(self) -> None:
        """Build the study services (once)."""
        if self.study_services is not None:
            build, self.study_services = self.study_services, None
            build(self)

    def shut_down(self) -> None:
        """Let queued work finish and every write commit (the window is closing)."""
        self.runner.wait(10000)
        self.writer.close()
