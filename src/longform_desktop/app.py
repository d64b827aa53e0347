"""Composition root: logging, the database, the services and the window, built and
wired here and nowhere else; then the event loop."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from . import paths, resources
from .core.catalog import Catalog, load_catalog
from .log import open_log_file, setup_logging
from .services.app_services import AppServices
from .services.events import AppEvents
from .services.gc_guard import GuiThreadCollector
from .services.preferences import Preferences
from .services.reading_service import ReadingService
from .services.search_service import SearchService
from .services.tasks import TaskRunner
from .services.writer import Writer
from .storage.db import DatabaseUnavailable, open_database
from .storage.progress import ProgressRepository
from .storage.settings import USER_CONTENT_FOLDER, SettingsRepository
from .ui.main_window import MainWindow

if TYPE_CHECKING:
    from .ui.instance_lock import InstanceLock

log = logging.getLogger(__name__)

INDEX_START_DELAY_MS = 250
BACKUP_DELAY_MS = 5000  # the daily database copy waits until start-up work is done
# The window icon's sizes: up to 64 px (title bars, taskbars) before the window maps; the
# 128 and 256 px ones (task switchers) once the catalog has painted. Decoded and sent to
# the window manager with the window, those two were ~3.5 ms of mapping it.
FIRST_ICON_MAX_PX = 64
ICON_MAX_PX = 256


def build_window(app: QApplication, *, deferred: bool = False) -> MainWindow:
    """Everything but the event loop, so tests and benchmarks build the real window.

    ``deferred``: build only what the first paint shows (the catalog and the services it
    needs); ``window.complete()`` then builds the study services and the rest of the
    window once the catalog is on screen (``main`` does that).
    """
    bundled = load_catalog(
        paths.content_dir(), check_diagrams=False, cache_file=paths.cache_dir() / "catalog.json"
    )
    database = paths.database_path()
    db = open_database(database)
    events = AppEvents(app)
    runner = TaskRunner(app)
    writer = Writer(database, app)
    preferences = Preferences(SettingsRepository(db), writer, events, app)
    # The user's own Markdown, scanned before the window is built so the deep dive left
    # open last time can be one of theirs (docs/user-library.md). No folder, or the
    # default one not made yet or still empty: no scan, and the scanner is not even
    # imported before the first paint.
    folder = paths.user_content_folder(preferences.get(USER_CONTENT_FOLDER))
    library_cache = paths.cache_dir() / "user-library.json"
    scan = None
    if folder.path and not _default_folder_is_bare(folder):
        from .core.user_library import with_library
        from .services.library_service import scan_folder

        scan = scan_folder(folder, bundled, library_cache)
        catalog = with_library(bundled, scan)
    else:
        catalog = Catalog(list(bundled.sections), list(bundled.problems))
    for problem in catalog.problems:
        log.warning("content problem: %s", problem)
    search = SearchService(catalog, paths.index_dir(), runner, app)

    def study_services(services: AppServices) -> None:
        """Notes, redraws, backups and the library: what the catalog's first paint
        does not need (their modules alone are ~45 ms of imports)."""
        from .services.backup_service import BackupService
        from .services.library_service import LibraryService, scan_folder
        from .services.notes_service import NotesService
        from .services.redraw_service import RedrawService
        from .storage.drawings import DrawingsRepository
        from .storage.reviews import ReviewsRepository

        library_scan, arrived = scan, None
        if library_scan is None:  # nothing was scanned before the first paint
            from .core.user_library import scan_library

            library_scan = scan_folder(folder, bundled, library_cache)
            if library_scan.articles or library_scan.listed:
                # Files arrived in the bare folder since it was checked: the catalog
                # shows none of them yet, so the service starts from what it shows and
                # puts them in once the window is wired (the next loop turn).
                library_scan, arrived = scan_library(None), library_scan
        services.backup = BackupService(database, preferences, runner, events, app)
        services.notes = NotesService(db, writer, runner, events, catalog, search, app)
        services.redraws = RedrawService(
            catalog,
            DrawingsRepository(db),
            ReviewsRepository(db),
            writer,
            events,
            parent=app,
            runner=runner,
            search=search,
        )
        services.library = library = LibraryService(
            catalog,
            bundled,
            library_scan,
            preferences,
            runner,
            events,
            search,
            parent=app,
            cache_file=library_cache,
        )
        if arrived is not None:
            QTimer.singleShot(0, partial(library.apply, arrived))

    services = AppServices(
        db=db,
        events=events,
        runner=runner,
        writer=writer,
        search=search,
        reading=ReadingService(ProgressRepository(db), writer, events, app),
        preferences=preferences,
        study_services=study_services,
    )
    window = MainWindow(catalog, services, deferred=deferred)
    if catalog.problems:
        window.status.message(
            f"{len(catalog.problems)} content problem(s) skipped; run “longform check”.", 10000
        )
    return window


def _default_folder_is_bare(folder: paths.UserFolder) -> bool:
    """The default folder not made yet, or made and still empty, as it is for most
    people (the app makes it 1.5 s into the first start, so that it can be watched).
    Its scan could only say "waiting", which lists nothing: the catalog is the bundled
    one either way, and the scan follows the first paint. Checking costs one directory
    read; the scanner's imports and scan cost ~30 ms of the first paint."""
    if not folder.is_default:
        return False
    try:
        with os.scandir(folder.path) as entries:
            return next(entries, None) is None
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:  # unreadable: the scan says so, as for any folder
        return False


def _database_problem(exc: BaseException) -> str:
    """What to tell a person whose database cannot be opened. It is never modified."""
    if isinstance(exc, DatabaseUnavailable):  # plain words, the path and what to do
        return str(exc)
    path = paths.database_path()
    return (
        f"The database at {path} could not be opened ({exc}). It has not been changed "
        f"and nothing was deleted. Restore a copy from {path.parent / 'backups'}, or move "
        "the file aside to start with an empty library."
    )


Ask = Callable[[DatabaseUnavailable], tuple[str, Path | None]]


def _ask(problem: DatabaseUnavailable) -> tuple[str, Path | None]:
    """The start-up dialog: the problem in plain words and, for a damaged or newer
    database, the backups to restore (or, damaged, an empty library)."""
    from .storage.recovery import backups_for
    from .ui.dialogs.backups_dialog import DatabaseProblemDialog

    offer = problem.kind in (problem.DAMAGED, problem.NEWER)
    dialog = DatabaseProblemDialog(problem, backups_for(problem.path) if offer else [])
    dialog.exec()
    return dialog.choice


def _critical(message: str) -> None:
    """A start-up failure, told in a dialog (imported here: only failures need it)."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(None, "Longform Desktop", message)


def open_window(app: QApplication, ask: Ask | None = None) -> tuple[MainWindow | None, str]:
    """``build_window``, and when the database cannot be opened, the user's choice
    carried out (``storage/recovery.py``: restore a backup, or start empty; the old file
    renamed aside, never deleted) and one more try. ``(None, "")`` when the user quits
    or nothing can be done; else the window and what was done, for the status bar."""
    outcome = ""
    for _ in range(3):  # a restored copy that still fails is asked about again
        try:
            return build_window(app, deferred=True), outcome
        except DatabaseUnavailable as problem:
            from .storage.backups import RestoreError  # only a failed start needs these
            from .storage.recovery import FRESH, RESTORE, recover

            log.error("cannot open the database (%s): %s", problem.kind, problem)
            choice, backup = (ask or _ask)(problem)
            if choice not in (RESTORE, FRESH):
                return None, ""
            try:
                outcome = recover(problem, choice, backup)
            except (RestoreError, ValueError, OSError) as exc:
                log.error("start-up recovery failed: %s", exc)
                _critical(f"{exc} Nothing was changed.")
                return None, ""
    return None, ""


# Qt's own command-line options that take a value (QGuiApplication strips them too).
_QT_VALUE_OPTIONS = {
    "-platform", "-platformpluginpath", "-platformtheme", "-plugin", "-style", "-stylesheet",
    "-display", "-geometry", "-qwindowgeometry", "-qwindowicon", "-qwindowtitle", "-title",
    "-name", "-session", "-widgetcount", "-qmljsdebugger",
}  # fmt: skip


def requested_slug(argv: Sequence[str]) -> str:
    """The deep dive named on the command line: ``longform-desktop ARTICLE-SLUG``."""
    args, skip = list(argv[1:]), False
    for arg in args:
        if skip:
            skip = False
        elif arg in _QT_VALUE_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return ""


def _handed_off(name: str, message: dict[str, str], lock: InstanceLock) -> bool:
    """Another launch holds the lock (or none could be made): hand ``message`` over."""
    from .ui.single_instance import hand_off, hand_off_or_take

    if lock.failed:  # cannot tell who is first: hand over only to one already listening
        return hand_off(name, message)
    return hand_off_or_take(name, message, lock)


def window_icon(max_px: int) -> QIcon:
    """The app icon's PNGs up to ``max_px``: the window manager picks a size."""
    icon = QIcon()
    for png in resources.icon_files(max_size=max_px):
        icon.addFile(str(png))
    return icon


def main(argv: Sequence[str] | None = None) -> int:
    argv = paths.take_user_content_option(argv if argv is not None else sys.argv)
    log_path = setup_logging(paths.cache_dir(), verbose="--verbose" in argv, defer_file=True)
    app = QApplication(argv)
    app.setApplicationName("Longform Desktop")
    app.setOrganizationName("Longform")
    app.setDesktopFileName("longform-desktop")
    collector = GuiThreadCollector(app)  # widgets in cycles die on the GUI thread only
    app.setWindowIcon(window_icon(FIRST_ICON_MAX_PX))
    # One window per user and library: a running one is raised (and opens the deep dive
    # asked for), and this launch ends here. The first launch holds the library's lock
    # from now on and listens once its window has painted (QtNetwork waits until then);
    # a launch meanwhile finds the lock taken and waits for it to listen
    # (ui/single_instance.py).
    from .ui.instance_lock import InstanceLock, server_name

    slug = requested_slug(argv)
    message = {"open": slug} if slug else {}
    name = server_name(paths.data_dir())
    lock = InstanceLock(name)
    if not lock.held and _handed_off(name, message, lock):
        log.info("another instance is running; handed over %s", slug or "(raise)")
        return 0
    try:
        window, recovered = open_window(app)
    except sqlite3.DatabaseError as exc:
        log.error("cannot open the database: %s", exc)
        _critical(_database_problem(exc))
        window = None
    except paths.ContentNotFoundError as exc:  # names every folder it looked in
        log.error("%s", exc)
        _critical(str(exc))
        window = None
    if window is None:
        lock.release()
        return 1
    if recovered:
        window.status.message(recovered, 30000)
    from .ui.dialogs.error_dialog import install_excepthook

    install_excepthook(lambda: window, log_path)
    app.aboutToQuit.connect(window.services.shut_down)
    window.show()

    def complete() -> None:
        """After the first paint: the reader, the rooms, then other launches' messages
        and what was asked for."""
        open_log_file(paths.cache_dir())
        app.setWindowIcon(window_icon(ICON_MAX_PX))  # every window takes it at once
        window.complete()
        from .ui.single_instance import InstanceServer

        server = InstanceServer(name, app)
        server.message_received.connect(window.window_room.handle_message)
        server.listen()
        app.aboutToQuit.connect(server.close)
        app.aboutToQuit.connect(lock.release)  # the process end would drop it too
        # The deep dive asked for, or the one open at the last close.
        window.window_room.open_startup_article(slug)

    from .ui.first_paint import after_first_paint

    # The catalog's page (the cards' parent) has painted: build the rest.
    after_first_paint(window.catalog_view.page, complete)
    # Index once the catalog is on screen (it is usable meanwhile): the worker's imports
    # (Whoosh, Markdown, Pygments) hold the GIL in bursts and would delay the first paint.
    QTimer.singleShot(INDEX_START_DELAY_MS, window.search_service.ensure_index)
    QTimer.singleShot(BACKUP_DELAY_MS, lambda: window.services.backup.daily())
    try:
        return app.exec()
    finally:
        collector.stop()


if __name__ == "__main__":
    raise SystemExit(main())
