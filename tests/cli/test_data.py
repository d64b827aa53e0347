from __future__ import annotations

from pathlib import Path

from longform_desktop import paths
from longform_desktop.cli import main
from longform_desktop.storage.db import open_database
from longform_desktop.storage.progress import ProgressRepository
from longform_desktop.storage.settings import BACKUP_FOLDER, SettingsRepository


def test_backup_and_restore_round_trip(tmp_path: Path, capsys) -> None:
    ProgressRepository(open_database(paths.database_path())).save_position("a", 0.4)
    assert main(["backup", "--output", str(tmp_path / "copies")]) == 0
    copy = Path(capsys.readouterr().out.strip())
    assert copy.parent == tmp_path / "copies" and copy.is_file()
    ProgressRepository(open_database(paths.database_path())).save_position("a", 0.8)
    assert main(["restore", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "kept at" in out
    assert ProgressRepository(open_database(paths.database_path())).get("a").percent == 0.4


def test_backup_goes_to_the_folder_chosen_in_preferences(tmp_path: Path, capsys) -> None:
    SettingsRepository(open_database(paths.database_path())).set(
        BACKUP_FOLDER, str(tmp_path / "chosen")
    )
    assert main(["backup"]) == 0
    assert Path(capsys.readouterr().out.strip()).parent == tmp_path / "chosen"


def test_restore_refuses_a_bad_file_with_one_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"nope" * 100)
    assert main(["restore", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Nothing was changed" in err
