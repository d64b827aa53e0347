"""Composition root: build the objects, wire them, show the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from . import paths, resources
from .core.catalog import load_catalog
from .services.search_service import SearchService
from .services.tasks import TaskRunner
from .storage.db import NewerSchemaError, open_database
from .storage.progress import ProgressRepository
from .storage.settings import SettingsRepository
from .ui.main_window import MainWindow

INDEX_START_DELAY_MS = 250


def build_window(app: QApplication) -> MainWindow:
    """Everything but the event loop, so tests and benchmarks build the real window."""
    catalog = load_catalog(
        paths.content_dir(), check_diagrams=False, cache_file=paths.cache_dir() / "catalog.json"
    )
    for problem in catalog.problems:
        print(f"content problem: {problem}", file=sys.stderr)
    db = open_database(paths.database_path())
    runner = TaskRunner(app)
    search = SearchService(catalog, paths.index_dir(), runner, app)
    window = MainWindow(catalog, search, ProgressRepository(db), SettingsRepository(db))
    if catalog.problems:
        window.statusBar().showMessage(
            f"{len(catalog.problems)} content problem(s) skipped; run “longform check”.",
            10000,
        )
    return window


def main(argv: Sequence[str] | None = None) -> int:
    app = QApplication(list(argv) if argv is not None else sys.argv)
    app.setApplicationName("Longform Desktop")
    app.setOrganizationName("Longform")
    app.setDesktopFileName("longform-desktop")
    icon = QIcon()
    for png in resources.icon_files(max_size=256):  # the window manager picks a size
        icon.addFile(str(png))
    app.setWindowIcon(icon)
    try:
        window = build_window(app)
    except NewerSchemaError as exc:
        QMessageBox.critical(None, "Longform Desktop", str(exc))
        return 1
    window.show()
    # Index once the catalog is on screen (it is usable meanwhile): the worker's imports
    # (Whoosh, Markdown, Pygments) hold the GIL in bursts and would delay the first paint.
    QTimer.singleShot(INDEX_START_DELAY_MS, window.search_service.ensure_index)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
