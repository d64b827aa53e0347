"""Start-up failures a person can understand, with the data left exactly as it was."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from longform_desktop import app, paths


@pytest.mark.parametrize("content", [b"this is not SQLite at all" * 100])
def test_a_database_that_is_not_a_database_is_explained_and_untouched(
    qapp, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    path = paths.database_path()
    path.write_bytes(content)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
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
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
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
