"""``longform redraw score`` end to end: the JSON contract, the text for people, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from longform_desktop.cli import main
from longform_desktop.core.catalog import load_catalog

CONTENT = Path(__file__).resolve().parents[2] / "content"
ARTICLE = "authentication-from-the-protocol-up"
DIAGRAM = "oauth-code-pkce-flow"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["redraw", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _reference():
    article = load_catalog(CONTENT).article(ARTICLE)
    return next(d for d in article.diagrams if d.id == DIAGRAM)


@pytest.fixture
def drawn(tmp_path: Path) -> tuple[Path, list]:
    """Four of the reference's boxes (one in capitals), the first edge between them
    reversed and the rest drawn right, one extra box and one loose arrow."""
    d = _reference()
    picked = d.nodes[:4]
    items = [
        {
            "type": "shape",
            "id": f"s{k}",
            "text": node.label if k else node.label.upper(),
            "x": k * 300,
            "y": 0,
            "w": 140,
            "h": 60,
        }
        for k, node in enumerate(picked)
    ]
    shape_of = {node.id: f"s{k}" for k, node in enumerate(picked)}
    items.append({"type": "shape", "id": "extra", "text": "Monitoring", "x": 0, "y": 400})
    edges = [e for e in d.edges if e.source in shape_of and e.target in shape_of]
    for k, e in enumerate(edges):
        src, dst = shape_of[e.source], shape_of[e.target]
        items.append(
            {
                "type": "arrow",
                "id": f"a{k}",
                "from": dst if k == 0 else src,
                "to": src if k == 0 else dst,
            }
        )
    items.append(
        {"type": "arrow", "id": "loose", "from": "s0", "to": None, "points": [[70, 30], [70, 900]]}
    )
    doc = {
        "format": "longform-drawing",
        "version": 1,
        "article": ARTICLE,
        "diagram": DIAGRAM,
        "items": items,
    }
    path = tmp_path / "attempt.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path, edges


@pytest.fixture
def attempt(drawn) -> Path:
    return drawn[0]


def test_score_json_follows_the_contract(capsys, drawn) -> None:
    attempt, edges = drawn
    code, out, err = run(capsys, "score", str(attempt), "--json")
    assert code == 0 and err == ""
    payload = json.loads(out)
    assert list(payload) == [
        "article",
        "diagram",
        "score",
        "box_part",
        "arrow_part",
        "penalty",
        "boxes",
        "arrows",
    ]
    assert (payload["article"], payload["diagram"]) == (ARTICLE, DIAGRAM)
    d = _reference()
    assert payload["boxes"]["total"] == len(d.nodes)
    assert [m["node"] for m in payload["boxes"]["matched"]] == [n.id for n in d.nodes[:4]]
    assert payload["boxes"]["extra"] == [{"shape": "extra", "text": "Monitoring"}]
    assert payload["arrows"]["unattached"] == ["loose"]
    directions = [m["direction"] for m in payload["arrows"]["matched"]]
    assert sorted(directions) == sorted(["reversed"] + ["same"] * (len(edges) - 1))
    assert payload["penalty"] == 3
    assert payload["box_part"] == round(4 / len(d.nodes), 3)
    assert 0 <= payload["score"] <= 100


def test_cli_article_and_diagram_win_over_the_file(capsys, attempt: Path) -> None:
    doc = json.loads(attempt.read_text())
    doc["article"], doc["diagram"] = "no-such-article", "no-such-diagram"
    attempt.write_text(json.dumps(doc))
    code, out, _ = run(
        capsys, "score", str(attempt), "--article", ARTICLE, "--diagram", DIAGRAM, "--json"
    )
    assert code == 0 and json.loads(out)["diagram"] == DIAGRAM


def test_human_output_is_aligned(capsys, attempt: Path) -> None:
    code, out, _ = run(capsys, "score", str(attempt))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Score ") and f"{ARTICLE} / {DIAGRAM}" in lines[0]
    assert "penalty 3" in lines[1]
    assert "Boxes" in lines and "Arrows" in lines
    rows = [line for line in lines if line.startswith("  recalled") or line.startswith("  missed")]
    boxes = rows[: len(_reference().nodes)]
    assert len({line.index(line.split()[1]) for line in boxes}) == 1  # one column
    assert any('"Monitoring"' in line and line.startswith("  extra") for line in lines)
    assert any(line.startswith("  unattached") and "loose" in line for line in lines)
    assert any("reversed, half credit" in line for line in lines)


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("{not json", [], "not JSON"),
        ('{"format": "other", "version": 1}', [], "'format' is 'other'"),
        ('{"format": "longform-drawing", "version": 7}', [], "newer than this app"),
        ('{"format": "longform-drawing", "version": 1, "items": [{"id": "x"}]}', [], "no 'type'"),
        ('{"format": "longform-drawing", "version": 1}', [], "no article"),
        ('{"format": "longform-drawing", "version": 1}', ["--article", "nope"], "unknown article"),
        (
            '{"format": "longform-drawing", "version": 1}',
            ["--article", ARTICLE],
            "no diagram",
        ),
        (
            '{"format": "longform-drawing", "version": 1}',
            ["--article", ARTICLE, "--diagram", "nope"],
            "has no diagram 'nope'",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys, tmp_path: Path, content: str, args: list[str], message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "score", str(path), *args)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1 and err.startswith("longform: ")


def test_unreadable_files_exit_2(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "score", str(tmp_path / "missing.json"))
    assert code == 2 and "cannot read" in err
    binary = tmp_path / "photo.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    code, _, err = run(capsys, "score", str(binary))
    assert code == 2 and "not UTF-8" in err


def test_a_bom_is_tolerated(capsys, attempt: Path) -> None:
    attempt.write_bytes(b"\xef\xbb\xbf" + attempt.read_bytes())
    assert run(capsys, "score", str(attempt), "--json")[0] == 0


def test_in_a_real_process_without_a_traceback(attempt: Path) -> None:
    bad = attempt.with_name("bad.json")
    bad.write_text("[]")
    proc = subprocess.run(
        [sys.executable, "-m", "longform_desktop.cli", "redraw", "score", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().endswith("not a drawing: the JSON is not an object")
