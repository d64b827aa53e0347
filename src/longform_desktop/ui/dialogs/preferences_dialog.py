"""File > Preferences (Ctrl+,): reading, theme and folders, applied as they change.

The dialog only says what the user chose: every change is one ``Preferences.set`` (the
writer commits it, AppEvents announces it) and the window follows the announcement
(re-renders the open deep dive at the same place, re-colours everything). It follows the
same announcements, so a theme switched from the View menu while it is open shows here.
There is no OK/Cancel: like GNOME's and macOS's preference windows, a change is live and
kept; "Restore Defaults" puts the reading settings back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from longform_desktop import paths
from longform_desktop.services.events import SETTINGS, AppEvents
from longform_desktop.services.preferences import Preferences
from longform_desktop.storage.settings import (
    BACKUP_FOLDER,
    READER_FONT_FAMILY,
    READER_FONT_SIZE,
    READER_LINE_SPACING,
    READER_LINE_WIDTH,
    THEME,
    USER_CONTENT_FOLDER,
    Setting,
)

THEMES = (("system", "System (follow the desktop)"), ("light", "Light"), ("dark", "Dark"))
LINE_WIDTHS = (("narrow", "Narrow"), ("normal", "Normal"), ("wide", "Wide"))
READING: tuple[Setting[Any], ...] = (
    READER_FONT_FAMILY,
    READER_FONT_SIZE,
    READER_LINE_WIDTH,
    READER_LINE_SPACING,
)


class FolderField(QWidget):
    """A folder path with Choose… and Clear; empty means the default shown greyed."""

    def __init__(self, name: str, default_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setReadOnly(True)
        self.edit.setPlaceholderText(default_text)
        self.edit.setAccessibleName(name)
        self.choose = QPushButton("Choose…")
        self.choose.setAccessibleName(f"Choose {name.lower()}")
        self.clear = QPushButton("Clear")
        self.clear.setAccessibleName(f"Clear {name.lower()}")
        for widget in (self.edit, self.choose, self.clear):
            layout.addWidget(widget, 1 if widget is self.edit else 0)
        for button in (self.choose, self.clear):
            button.setAutoDefault(False)  # Enter in a size field must not open a chooser


class PreferencesDialog(QDialog):
    def __init__(
        self,
        preferences: Preferences,
        events: AppEvents,
        default_backups: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.setWindowTitle("Preferences")
        self.setObjectName("preferencesDialog")
        self.setMinimumWidth(600)  # room for a folder path
        layout = QVBoxLayout(self)

        reading = QGroupBox("Reading")
        form = QFormLayout(reading)
        self.theme = QComboBox()
        for value, text in THEMES:
            self.theme.addItem(text, value)
        self.theme.setAccessibleName("Theme")
        form.addRow("&Theme:", self.theme)
        self.font_family = QComboBox()
        self.font_family.setAccessibleName("Reading font")
        default_family = QFont().family()
        self.font_family.addItem(f"Default ({default_family})", "")
        for family in QFontDatabase.families():
            if not QFontDatabase.isPrivateFamily(family):
                self.font_family.addItem(family, family)
        form.addRow("&Font:", self.font_family)
        self.font_size = QDoubleSpinBox()
        self.font_size.setRange(READER_FONT_SIZE.minimum or 8, READER_FONT_SIZE.maximum or 24)
        self.font_size.setSingleStep(0.5)
        self.font_size.setDecimals(1)
        self.font_size.setSuffix(" pt")
        self.font_size.setKeyboardTracking(False)  # apply the typed size once, not per digit
        self.font_size.setAccessibleName("Reading font size")
        form.addRow("&Size:", self.font_size)
        self.line_width = QComboBox()
        for value, text in LINE_WIDTHS:
            self.line_width.addItem(text, value)
        self.line_width.setAccessibleName("Line width")
        form.addRow("Line &width:", self.line_width)
        self.line_spacing = QSpinBox()
        self.line_spacing.setRange(
            int(READER_LINE_SPACING.minimum or 100), int(READER_LINE_SPACING.maximum or 220)
        )
        self.line_spacing.setSingleStep(10)
        self.line_spacing.setSuffix(" %")
        self.line_spacing.setKeyboardTracking(False)
        self.line_spacing.setAccessibleName("Line spacing")
        form.addRow("Line s&pacing:", self.line_spacing)
        layout.addWidget(reading)

        folders = QGroupBox("Folders")
        folder_form = QFormLayout(folders)
        self.user_content = FolderField(
            "Folder of your deep dives", f"Default: {paths.default_user_content_dir()}"
        )
        folder_form.addRow("Your &deep dives:", self.user_content)
        note = QLabel(
            "A folder of your own Markdown notes and deep dives: the catalog lists them "
            "under “Your deep dives” (or in the section their front matter names) and "
            "search finds them. Changes on disk are picked up as they happen."
        )
        note.setObjectName("muted")
        note.setWordWrap(True)
        folder_form.addRow("", note)
        # --user-content or LONGFORM_USER_CONTENT_DIR wins for this run: say so.
        self.user_content_override = QLabel("")
        self.user_content_override.setObjectName("muted")
        self.user_content_override.setWordWrap(True)
        folder_form.addRow("", self.user_content_override)
        self.backups = FolderField("Backups folder", f"Default: {default_backups}")
        folder_form.addRow("&Backups:", self.backups)
        layout.addWidget(folders)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.RestoreDefaults | QDialogButtonBox.StandardButton.Close
        )
        buttons.rejected.connect(self.close)
        self.restore_button = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.restore_button.setToolTip("Reading font, size, line width and spacing")
        self.restore_button.clicked.connect(self.restore_defaults)
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                # No default button: changes are live, so Enter in a field only applies it.
                button.setAutoDefault(False)
                button.setDefault(False)
        layout.addWidget(buttons)

        self.load()
        self.theme.currentIndexChanged.connect(lambda: self._set(THEME, self.theme.currentData()))
        self.font_family.currentIndexChanged.connect(
            lambda: self._set(READER_FONT_FAMILY, self.font_family.currentData())
        )
        self.font_size.valueChanged.connect(lambda v: self._set(READER_FONT_SIZE, float(v)))
        self.line_width.currentIndexChanged.connect(
            lambda: self._set(READER_LINE_WIDTH, self.line_width.currentData())
        )
        self.line_spacing.valueChanged.connect(lambda v: self._set(READER_LINE_SPACING, int(v)))
        self.user_content.choose.clicked.connect(
            lambda: self._choose(USER_CONTENT_FOLDER, "Folder of your own deep dives")
        )
        self.user_content.clear.clicked.connect(lambda: self._set(USER_CONTENT_FOLDER, ""))
        self.backups.choose.clicked.connect(lambda: self._choose(BACKUP_FOLDER, "Backups folder"))
        self.backups.clear.clicked.connect(lambda: self._set(BACKUP_FOLDER, ""))
        events.user_data_changed.connect(self._on_changed)

    def load(self) -> None:
        """Show the stored values (without writing them back)."""
        get = self.preferences.get
        widgets = (
            self.theme,
            self.font_family,
            self.font_size,
            self.line_width,
            self.line_spacing,
        )
        for widget in widgets:
            widget.blockSignals(True)
        try:
            _select(self.theme, get(THEME))
            family = get(READER_FONT_FAMILY)
            if family and self.font_family.findData(family) < 0:
                self.font_family.addItem(f"{family} (not installed)", family)
            _select(self.font_family, family)
            self.font_size.setValue(get(READER_FONT_SIZE))
            _select(self.line_width, get(READER_LINE_WIDTH))
            self.line_spacing.setValue(get(READER_LINE_SPACING))
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self.user_content.edit.setText(get(USER_CONTENT_FOLDER))
        folder = paths.user_content_folder(get(USER_CONTENT_FOLDER))
        if folder.source in ("flag", "env"):
            given = "--user-content" if folder.source == "flag" else paths.USER_CONTENT_ENV
            shown = folder.path or "none (turned off)"
            self.user_content_override.setText(
                f"For this run {given} says: {shown}. The folder chosen here is kept for "
                "the next start."
            )
        self.user_content_override.setVisible(folder.source in ("flag", "env"))
        self.backups.edit.setText(get(BACKUP_FOLDER))

    def restore_defaults(self) -> None:
        for setting in READING:
            self.preferences.set(setting, setting.default, initiator=self)
        self.load()

    def _set(self, setting: Setting[Any], value: Any) -> None:
        self.preferences.set(setting, value, initiator=self)
        if setting in (USER_CONTENT_FOLDER, BACKUP_FOLDER):
            self.load()

    def _choose(self, setting: Setting[str], title: str) -> None:
        start = self.preferences.get(setting) or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, title, start)
        if chosen:
            self._set(setting, str(Path(chosen)))

    def _on_changed(self, kind: str, key: str, initiator: object) -> None:
        if kind == SETTINGS and initiator is not self:
            self.load()


def _select(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))
