from __future__ import annotations

from pathlib import Path

from longform_desktop import paths
from longform_desktop.cli import main
from longform_desktop.storage.db import open_database
from longform_desktop.storage.progress import ProgressRepository
from longform_desktop.storage.settings import BACKUP_FOLDER, SettingsRepository


def test_backup_and_restore_round_trip(tmp_path: Path, capsys) -> None:
    ProgressRepository(open_database(paths.database_path())).save_position("a", 0.4)
    assert main(["backup", "--output", str(tmp_path / "copies" / "mine.db")]) == 0
    copy = Path(capsys.readouterr().out.strip())
    assert copy == tmp_path / "copies" / "mine.db" and copy.is_file()
    assert [p.name for p in copy.parent.iterdir()] == ["mine.db"]  # no temporary left
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


def test_backup_output_an_existing_folder_gets_a_dated_copy_inside(tmp_path: Path, capsys) -> None:
    (tmp_path / "folder").mkdir()
    assert main(["backup", "--output", str(tmp_path / "folder")]) == 0
    copy = Path(capsys.readouterr().out.strip())
    assert copy.parent == tmp_path / "folder" and copy.name.startswith("longform-manual-")


def test_restore_keeps_the_replaced_database_outside_the_rotation(tmp_path: Path, capsys) -> None:
    db = open_database(paths.database_path())
    ProgressRepository(db).save_position("a", 0.4)
    assert main(["backup", "--output", str(tmp_path / "one.db")]) == 0
    ProgressRepository(db).save_position("a", 0.9)
    db.close()
    assert main(["restore", str(tmp_path / "one.db")]) == 0
    kept = paths.database_path().parent.glob("longform.sqlite3.before-restore-*")
    (aside,) = [p for p in kept if not p.name.endswith(("-wal", "-shm"))]
    assert ProgressRepository(open_database(aside)).get("a").percent == 0.9
    for _ in range(12):  # a dozen backups later the replaced database is still there
        assert main(["backup"]) == 0
    assert aside.is_file()


def test_a_damaged_database_is_one_paragraph_not_a_traceback(capsys) -> None:
    path = paths.database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"garbage" * 1000)
    assert main(["backup"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "Traceback" not in err
    assert path.read_bytes() == b"garbage" * 1000


def test_restore_over_a_damaged_database_renames_it_aside(tmp_path: Path, capsys) -> None:
    db = open_database(paths.database_path())
    ProgressRepository(db).save_position("a", 0.4)
    assert main(["backup", "--output", str(tmp_path / "one.db")]) == 0
    db.close()
    path = paths.database_path()
    for extra in path.parent.glob("longform.sqlite3-*"):
        extra.unlink()
    path.write_bytes(b"garbage" * 1000)
    assert main(["restore", str(tmp_path / "one.db")]) == 0
    (aside,) = path.parent.glob("longform.sqlite3.before-restore-*")
    assert aside.read_bytes() == b"garbage" * 1000
    assert ProgressRepository(open_database(path)).get("a").percent == 0.4


def test_every_command_that_opens_a_locked_or_damaged_database_says_so(capsys) -> None:
    path = paths.database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\0" * 8192)  # zeroed: "file is not a database"
    assert main(["notes", "list"]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "Traceback" not in err
