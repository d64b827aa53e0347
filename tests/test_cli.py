from __future__ import annotations

import json
from pathlib import Path

from longform_desktop.cli import main


def test_check_passes_on_bundled_content(capsys) -> None:
    assert main(["check"]) == 0
    assert "12 deep dives" in capsys.readouterr().out


def test_check_fails_with_file_and_line(content_copy: Path, capsys) -> None:
    path = content_copy / "apis-in-depth" / "pagination-that-survives-real-data.md"
    path.write_text(path.read_text().replace("shape: store", "shape: blob", 1))
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert f"{path}:" in err and "blob" in err


def test_search_json_is_stable(capsys) -> None:
    assert main(["search", "keyset pagination", "--json", "--limit", "2"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["query"] == "keyset pagination"
    hit = payload["hits"][0]
    assert set(hit) == {"kind", "article", "section", "score", "snippet"}
    assert set(hit["article"]) == {"slug", "title"} and set(hit["section"]) == {"heading", "id"}
    assert hit["article"]["slug"] == "pagination-that-survives-real-data"


def test_search_plain_shows_the_correction(capsys) -> None:
    """A typo that finds nothing shows the corrected results at once (issue 14)."""
    assert main(["search", "paginaton"]) == 0
    out = capsys.readouterr().out
    assert "Showing results for pagination" in out and "search instead for" in out
    assert "Pagination That Survives Real Data" in out


def test_reindex_then_no_change(capsys) -> None:
    assert main(["reindex", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(["reindex", "--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert first["rebuilt"] and not second["rebuilt"] and second["added"] == 0


def test_catalog_json(capsys) -> None:
    assert main(["catalog", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert len(payload["sections"]) == 6
    assert sum(len(s["articles"]) for s in payload["sections"]) == 12


def test_closed_output_pipe_exits_quietly() -> None:
    """`longform catalog --json | head`: the reader is gone before we write, which must
    end quietly (exit 0, nothing on stderr), not in a BrokenPipeError traceback."""
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "longform_desktop.cli", "catalog", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader goes away at once, as `head` does after its lines
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert stderr == ""
