"""File > Export Notes / Import Notes: choosing the file and telling the user how it went.

Export writes the contract's ``longform-notes`` JSON file or the Markdown export, chosen
by the file type in the dialog (or the name's extension). Import merges by id; a file
that is refused changes nothing, and the message says why and that nothing changed.
Messages are non-modal boxes, so nothing blocks the event loop (or a test).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from longform_desktop.core.notes import Note
    from longform_desktop.services.events import AppEvents
    from longform_desktop.services.notes_service import ImportResult, NotesService

MARKDOWN_FILTER = "Markdown (*.md)"
JSON_FILTER = "Longform notes file (*.json)"


class NotesTransfer:
    def __init__(self, window: QWidget, service: NotesService, events: AppEvents) -> None:
        self.window, self.service, self.events = window, service, events
        self.last_message: QMessageBox | None = None  # the latest box shown (tests read it)
        self._folder = ""

    def _start_folder(self) -> str:
        if not self._folder:
            documents = QStandardPaths.StandardLocation.DocumentsLocation
            self._folder = QStandardPaths.writableLocation(documents) or str(Path.home())
        return self._folder

    # --- export ----------------------------------------------------------------------
    def export(self, notes: list[Note], name: str) -> None:
        """Ask where to write ``notes`` (``name``: the suggested file name, no extension)."""
        if not notes:
            self.events.status("There are no notes to export.")
            return
        suggested = str(Path(self._start_folder()) / f"{name}.md")
        path, chosen = QFileDialog.getSaveFileName(
            self.window, "Export notes", suggested, f"{MARKDOWN_FILTER};;{JSON_FILTER}"
        )
        if not path:
            return
        target = Path(path)
        fmt = "json" if target.suffix.lower() == ".json" or chosen == JSON_FILTER else "md"
        if target.suffix.lower() not in (".md", ".json", ".markdown"):
            target = target.with_name(target.name + (".json" if fmt == "json" else ".md"))
        self._folder = str(target.parent)
        count = len(notes)

        def done(written: Path) -> None:
            what = "notes file" if fmt == "json" else "Markdown"
            self.events.status(f"Exported {count} note{'s' * (count != 1)} ({what}) to {written}")

        def failed(exc: BaseException) -> None:
            reason = getattr(exc, "strerror", None) or str(exc)
            self._tell(QMessageBox.Icon.Warning, "Notes not exported", f"{target}: {reason}")

        self.service.export(list(notes), target, fmt, done, failed)

    # --- import ----------------------------------------------------------------------
    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Import notes", self._start_folder(), f"{JSON_FILTER};;All files (*)"
        )
        if path:
            self._folder = str(Path(path).parent)
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        def done(result: ImportResult) -> None:
            text = (
                f"Imported {path.name}: {result.added} added, {result.updated} updated, "
                f"{result.skipped} skipped."
            )
            self.events.status(text, 8000)
            self._tell(QMessageBox.Icon.Information, "Notes imported", text)

        def refused(reason: str) -> None:
            self.events.status(f"{path.name} was not imported: nothing was changed.", 8000)
            self._tell(
                QMessageBox.Icon.Warning,
                "Notes not imported",
                f"{path.name} could not be imported: {reason}.\n\nNothing was changed.",
            )

        self.service.import_file(path, done, refused)

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("notesMessage")
        box.open()
        self.last_message = box
