"""Drawings in and out of files from the GUI: export PNG, SVG or the contract's JSON,
import JSON, save a paper sketch's photo, pick a photo to attach. The dialogs live here;
the writing is the canvas package's (pictures) and core.drawing's (JSON); the import
itself is RedrawService.import_file (refused whole, with one line, for a bad file)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from longform_desktop.core.drawing import Drawing, DrawingFormatError, dump_drawing, load_drawing

from .drawing_picture import write_picture
from .paper_sketch import photo_type

if TYPE_CHECKING:
    from longform_desktop.services.redraw_service import RedrawService
    from longform_desktop.storage.drawings import Attempt

FILTERS = {
    "png": "PNG image (*.png)",
    "svg": "SVG image (*.svg)",
    "json": "Longform drawing (*.json)",
}
PHOTO_FILTER = "Photos (*.png *.jpg *.jpeg)"
MAX_PHOTO_BYTES = 40 * 1024 * 1024


def kind_for(path: str, chosen_filter: str, default: str) -> str:
    """The format a save dialog asked for: the file's suffix, else the chosen filter."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in FILTERS:
        return suffix
    return next((k for k, f in FILTERS.items() if f == chosen_filter), default)


def write_drawing(drawing: Drawing, path: str | Path, kind: str) -> Path:
    path = Path(path)
    if not path.suffix:
        path = path.with_suffix(f".{kind}")
    if kind == "json":
        path.write_text(dump_drawing(drawing), encoding="utf-8")
        return path
    return write_picture(drawing, path, kind)


class DrawingFiles:
    def __init__(self, parent: QWidget, service: RedrawService) -> None:
        self.parent, self.service = parent, service

    def export(self, drawing: Drawing, stem: str, kind: str | None = None) -> Path | None:
        """Ask where (and, without ``kind``, in which format), then write the file."""
        filters = [FILTERS[kind]] if kind else list(FILTERS.values())
        default = kind or "png"
        path, chosen = QFileDialog.getSaveFileName(
            self.parent, "Export Drawing", f"{stem}.{default}", ";;".join(filters)
        )
        if not path:
            return None
        try:
            return write_drawing(drawing, path, kind or kind_for(path, chosen, default))
        except OSError as exc:
            QMessageBox.warning(self.parent, "Export Drawing", f"Could not write {path}: {exc}")
            return None

    def export_attempt(self, attempt_id: str, kind: str) -> Path | None:
        """A stored attempt as ``kind`` (png, svg, json), or its photo ("photo")."""
        attempt = self.service.attempt(attempt_id)
        if attempt is None:
            return None
        if kind == "photo":
            return self.save_photo(attempt)
        return self.export(load_drawing(attempt.scene), attempt.diagram or "drawing", kind)

    def save_photo(self, attempt: Attempt) -> Path | None:
        suffix = "jpg" if attempt.photo_type == "image/jpeg" else "png"
        stem = attempt.diagram or "sketch"
        path, _ = QFileDialog.getSaveFileName(
            self.parent, "Save the Photo", f"{stem}-sketch.{suffix}", PHOTO_FILTER
        )
        if not path or attempt.photo is None:
            return None
        try:
            Path(path).write_bytes(attempt.photo)
        except OSError as exc:
            QMessageBox.warning(self.parent, "Save the Photo", f"Could not write {path}: {exc}")
            return None
        return Path(path)

    def import_drawing(self, article: str | None) -> Attempt | None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent, "Import Drawing", "", f"{FILTERS['json']};;All files (*)"
        )
        if not path:
            return None
        try:
            text = Path(path).read_text(encoding="utf-8")
            return self.service.import_file(text, article)
        except (DrawingFormatError, OSError, UnicodeDecodeError) as exc:
            QMessageBox.warning(self.parent, "Import Drawing", f"{Path(path).name}: {exc}")
            return None

    def pick_photo(self) -> tuple[bytes, str] | None:
        """A PNG or JPEG chosen by the user, as (bytes, media type)."""
        path, _ = QFileDialog.getOpenFileName(
            self.parent, "Attach a Paper Sketch", "", f"{PHOTO_FILTER};;All files (*)"
        )
        if not path:
            return None
        try:
            size = Path(path).stat().st_size
            if size > MAX_PHOTO_BYTES:
                raise OSError(f"the photo is {size // 2**20} MB; the limit is 40 MB")
            data = Path(path).read_bytes()
        except OSError as exc:
            QMessageBox.warning(self.parent, "Attach a Paper Sketch", f"{path}: {exc}")
            return None
        kind = photo_type(data)
        if kind is None:
            QMessageBox.warning(
                self.parent,
                "Attach a Paper Sketch",
                f"{Path(path).name} is not a PNG or JPEG photo.",
            )
            return None
        return data, kind
