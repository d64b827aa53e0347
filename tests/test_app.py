"""Start-up failures a person can understand, with the data left exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from longform_desktop import app, paths


def _quits(shown: list[str]):
    """A start-up dialog whose user reads the message and quits."""

    def ask(problem: Exception) -> tuple[str, None]:
        shown.append(str(problem))
        return ("quit", None)

    return ask


@pytest.mark.parametrize("content", [b"this is not SQLite at all" * 100])
def test_a_database_that_is_not_a_database_is_explained_and_untouched(
    qapp, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    path = paths.database_path()
    path.write_bytes(content)
    shown: list[str] = []
    # The start-up dialog is asked and the user quits: nothing is touched.
    monkeypatch.setattr(
        app, "_ask", lambda problem: (shown.append(str(problem)), ("quit", None))[1]
    )
    monkeypatch.setattr(app, "QApplication", lambda _argv: qapp)  # reuse the test's app
    assert app.main(["longform-desktop"]) == 1
    assert len(shown) == 1 and str(path) in shown[0] and "not been changed" in shown[0]
    assert path.read_bytes() == content


def test_newer_schema_message_is_shown(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from longform_desktop.storage.db import SCHEMA_VERSION

    conn = sqlite3.connect(paths.database_path())
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    shown: list[str] = []
    monkeypatch.setattr(
        app, "_ask", lambda problem: (shown.append(str(problem)), ("quit", None))[1]
    )
    monkeypatch.setattr(app, "QApplication", lambda _argv: qapp)
    assert app.main(["longform-desktop"]) == 1
    assert "newer version" in shown[0]


def test_missing_content_is_explained(qapp, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("LONGFORM_CONTENT_DIR", str(tmp_path / "nowhere"))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(app, "QApplication", lambda _argv: qapp)
    assert app.main(["longform-desktop"]) == 1
    assert len(shown) == 1 and str(tmp_path / "nowhere") in shown[0]


def _good_backup() -> Path:
    """A real copy of a database with one setting in it, in the default backups folder."""
    import sqlite3

    from longform_desktop.storage.backups import backup_database
    from longform_desktop.storage.db import open_database

    conn = open_database(paths.database_path())
    conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('probe', '\"kept\"')")
    conn.commit()
    copy = backup_database(conn, paths.database_path().parent / "backups", "daily")
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(paths.database_path()) + suffix).unlink(missing_ok=True)
    assert sqlite3.connect(copy).execute("SELECT value FROM settings WHERE key='probe'").fetchone()
    return copy


def test_a_damaged_database_is_set_aside_and_the_newest_backup_restored_through_the_dialog(
    qapp, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start-up on a corrupt database: the real dialog offers the newest good backup;
    choosing it restores it, the damaged file is kept aside, and the window opens."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from longform_desktop.ui.dialogs.backups_dialog import DatabaseProblemDialog

    copy = _good_backup()
    path = paths.database_path()
    damaged = b"SQLite format 3\x00" + b"\xff" * 8000  # a header and garbage pages
    path.write_bytes(damaged)
    seen: list[DatabaseProblemDialog] = []

    def click_restore() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DatabaseProblemDialog)
        seen.append(dialog)
        assert dialog.backups.selected() is not None
        assert dialog.backups.selected().path == copy
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(300, click_restore)
    window, outcome = app.open_window(qapp)
    assert seen and window is not None
    qtbot.addWidget(window)
    assert copy.name in outcome
    kept = [p for p in path.parent.iterdir() if p.name.startswith(path.name + ".")]
    assert any(p.read_bytes() == damaged for p in kept if p.is_file())  # never deleted
    value = window.services.db.execute("SELECT value FROM settings WHERE key='probe'")
    assert value.fetchone()[0] == '"kept"'
    window.services.shut_down()


def test_a_damaged_database_with_no_backup_can_start_empty(qapp, qtbot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    path = paths.database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is a text file, not a database\n" * 50)
    original = path.read_bytes()

    def click_fresh() -> None:
        dialog = QApplication.activeModalWidget()
        qtbot.mouseClick(dialog.fresh_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(300, click_fresh)
    window, outcome = app.open_window(qapp)
    assert window is not None and "empty library" in outcome
    qtbot.addWidget(window)
    kept = [p for p in path.parent.iterdir() if p.name.startswith(path.name + ".damaged-")]
    assert [p.read_bytes() for p in kept] == [original]
    window.services.shut_down()
