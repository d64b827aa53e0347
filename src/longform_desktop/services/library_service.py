"""The user's own Markdown folder ("Your deep dives"), kept in the catalog as it changes.

The catalog is one object shared by the window, the navigator and every service, so a
rescan does not hand out a new one: it swaps the shared catalog's ``sections`` and
``problems`` lists (one attribute assignment each, on the GUI thread; a worker that is
iterating the old list keeps it) and then announces ``catalog_changed``. What the window
must do then is in docs/user-library.md ("What the window does").

Scans run on the task runner. A rescan starts when the folder setting changes, on
``reload()`` (File › Rescan Your Deep Dives) and, debounced, when a watched folder or file
changes on disk. A scan that finds exactly what is shown announces nothing.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from longform_desktop import paths
from longform_desktop.core.catalog import Catalog
from longform_desktop.core.user_library import (
    SCAN_BUDGET_S,
    LibraryScan,
    bundled_sections,
    bundled_slugs,
    scan_library,
    with_library,
)
from longform_desktop.storage.settings import USER_CONTENT_FOLDER

from .events import SETTINGS, AppEvents
from .preferences import Preferences
from .tasks import TaskRunner

if TYPE_CHECKING:
    from .search_service import SearchService

log = logging.getLogger(__name__)

WATCH_DEBOUNCE_MS = 800  # an editor's save is several events (write, rename, chmod)
MAX_WATCHED = 2000  # inotify watches are a per-user budget shared with other programs
WATCH_START_MS = 1500  # watching starts after the first paint
STARTUP_SCAN_BUDGET_S = 2.0  # before the window is built; the rest then on a worker


def library_folder(preferences: Preferences) -> paths.UserFolder:
    """``--user-content``, else ``LONGFORM_USER_CONTENT_DIR`` (even empty), else the
    Preferences folder, else ``<data dir>/my-deep-dives``."""
    return paths.user_content_folder(preferences.get(USER_CONTENT_FOLDER))


def scan_folder(
    folder: paths.UserFolder,
    bundled: Catalog,
    cache_file: Path | None = None,
    budget_s: float = STARTUP_SCAN_BUDGET_S,
) -> LibraryScan:
    """One scan of ``folder`` as the app does it: at start-up, on the GUI thread, with a
    short budget (a huge folder finishes on a worker once the window is up), and on every
    rescan, on a worker, with the full one."""
    return scan_library(
        folder.path,
        bundled_slugs(bundled),
        cache_file=cache_file,
        sections=bundled_sections(bundled),
        optional=folder.is_default,
        budget_s=budget_s,
    )


def make_default_folder(folder: paths.UserFolder) -> None:
    """The default folder is made when the app starts, so that it can be opened from
    the window and watched; any other folder is the user's and is never made."""
    if folder.is_default:
        try:
            Path(folder.path).mkdir(exist_ok=True)
        except OSError as exc:  # a read-only data dir: the section just waits
            log.info("cannot make %s: %s", folder.path, exc)


class LibraryService(QObject):
    catalog_changed = Signal(object)  # the LibraryScan now in the shared catalog
    scan_started = Signal()
    scanned = Signal(object, bool)  # every finished scan: LibraryScan, changed anything

    def __init__(
        self,
        catalog: Catalog,
        bundled: Catalog,
        scan: LibraryScan,
        preferences: Preferences,
        runner: TaskRunner,
        events: AppEvents,
        search: SearchService | None = None,
        parent: QObject | None = None,
        watch: bool = True,
        cache_file: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalog, self.scan = catalog, scan
        # The bundled part, kept apart so a rescan never has to tell its problems from
        # the library's.
        self._bundled = Catalog(list(bundled.sections), list(bundled.problems))
        self.preferences, self.runner, self.events, self.search = (
            preferences,
            runner,
            events,
            search,
        )
        self.cache_file = cache_file
        self._generation = 0
        self.scanning = False
        self.watcher: QFileSystemWatcher | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(WATCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reload)
        events.user_data_changed.connect(self._on_user_data)
        if watch:
            QTimer.singleShot(WATCH_START_MS, self._start_watching)

    # --- scanning ----------------------------------------------------------------------
    def folder(self) -> paths.UserFolder:
        return library_folder(self.preferences)

    def reload(self) -> None:
        """Scan the folder again on a worker; the newest scan wins."""
        self._debounce.stop()
        self._generation += 1
        generation, folder, bundled = self._generation, self.folder(), self._bundled
        cache_file = self.cache_file
        self.scanning = True
        self.scan_started.emit()

        def work() -> LibraryScan:
            make_default_folder(folder)
            return scan_folder(folder, bundled, cache_file, budget_s=SCAN_BUDGET_S)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self.scanning = False
            self.events.error("Could not read your deep dives", f"{folder.path}: {error}")

        self.runner.run(work, lambda scan: self._scanned(generation, scan), failed)

    def _scanned(self, generation: int, scan: LibraryScan) -> None:
        if generation != self._generation:
            return  # a newer scan (another folder, a later change) is on its way
        self.scanning = False
        self.apply(scan)

    def apply(self, scan: LibraryScan) -> bool:
        """Put ``scan`` into the shared catalog and announce it; False when it shows the
        same files as before (nothing to rebuild or re-index)."""
        same = _fingerprint(scan) == _fingerprint(self.scan)
        self.scan = scan
        self._watch(scan)
        if same:
            self.scanned.emit(scan, False)
            return False
        updated = with_library(self._bundled, scan)
        self.catalog.sections = updated.sections
        self.catalog.problems = updated.problems
        for problem in scan.problems:
            log.warning("library problem: %s", problem)
        self.catalog_changed.emit(scan)
        if self.search is not None:
            self.search.ensure_index()  # only the files whose content hash changed
        self.scanned.emit(scan, True)
        return True

    def _on_user_data(self, kind: str, key: str, _initiator: object) -> None:
        if kind == SETTINGS and key == USER_CONTENT_FOLDER.key:
            if paths.user_content_override() is not None:
                log.info("--user-content or LONGFORM_USER_CONTENT_DIR is set: Preferences waits")
                return
            self.reload()

    # --- watching --------------------------------------------------------------------
    def _start_watching(self) -> None:
        make_default_folder(self.folder())  # so that it can be watched from the start
        if self.scan.incomplete:
            self.reload()  # the start-up scan ran out of time: the rest, on a worker
        if self.watcher is None:
            self.watcher = QFileSystemWatcher(self)
            self.watcher.directoryChanged.connect(self._changed_on_disk)
            self.watcher.fileChanged.connect(self._changed_on_disk)
        self._watch(self.scan)

    def _watch(self, scan: LibraryScan) -> None:
        """Watch the folders walked and the files read (editors that save by renaming
        drop a file from the watch; the rescan that follows adds it back)."""
        watcher = self.watcher
        if watcher is None:
            return
        wanted = [str(p) for p in scan.folders] + [str(a.path) for a in scan.articles]
        if scan.folder is not None and not scan.folders and scan.folder.is_dir():
            wanted.insert(0, str(scan.folder))  # made since it was scanned (the default)
        # A skipped file that is fixed in place (saved again as UTF-8) is read again.
        wanted += [p.path for p in scan.skipped if os.path.isfile(p.path)]
        wanted = list(dict.fromkeys(wanted))[:MAX_WATCHED]
        current = set(watcher.files()) | set(watcher.directories())
        gone = sorted(current - set(wanted))
        if gone:
            watcher.removePaths(gone)
        new = [p for p in wanted if p not in current]
        if new:
            watcher.addPaths(new)

    def _changed_on_disk(self, _path: str) -> None:
        self._debounce.start()

    def watched(self) -> list[str]:
        if self.watcher is None:
            return []
        return [*self.watcher.directories(), *self.watcher.files()]


def _fingerprint(scan: LibraryScan | None) -> tuple[object, ...]:
    if scan is None:
        return ()
    return (
        scan.folder,
        scan.state,
        scan.section.blurb,
        tuple((a.slug, a.section, a.content_hash, a.path, a.word_count) for a in scan.articles),
        scan.problems,
    )
