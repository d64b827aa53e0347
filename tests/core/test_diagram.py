from __future__ import annotations

import pytest

from longform_desktop.core.diagram import (
    DiagramError,
    find_diagram_blocks,
    parse_diagram,
    parse_diagrams,
)

GOOD = """id: small
title: Four boxes
nodes:
  - id: a
    label: Client
    at: [0, 0]
    shape: actor
  - id: b
    label: API
    at: [1, 0]
  - id: c
    label: Store
    aliases: [database, db]
    at: [2, 0]
    shape: store
  - id: d
    label: Queue
    at: [1, 1]
    shape: queue
edges:
  - from: a
    to: b
    label: request
  - from: b
    to: c
    style: dashed
groups:
  - label: Service
    nodes: [b, c]
"""


def test_parses_a_valid_diagram() -> None:
    d = parse_diagram(GOOD, "x.md", 10)
    assert d.id == "small" and len(d.nodes) == 4 and len(d.edges) == 2
    assert d.node("c").names() == ("Store", "database", "db")
    assert (d.columns, d.rows) == (3, 2)
    shifted = parse_diagram(
        GOOD.replace("at: [0, 0]", "at: [0, 2]")
        .replace("at: [1, 0]", "at: [1, 2]")
        .replace("at: [2, 0]", "at: [2, 2]")
        .replace("at: [1, 1]", "at: [1, 3]")
    )
    assert (shifted.first_row, shifted.rows, shifted.columns) == (2, 2, 3)


@pytest.mark.parametrize(
    ("mutation", "field", "line"),
    [
        (lambda t: t.replace("at: [2, 0]", "at: [1, 0]"), "nodes[2].at", 10 + 14),
        (lambda t: t.replace("shape: store", "shape: hexagon"), "nodes[2].shape", 10 + 15),
        (lambda t: t.replace("to: c", "to: nowhere"), "edges[1].to", 10 + 25),
        (lambda t: t.replace("    label: API\n", ""), "nodes[1].label", 10 + 8),
        (lambda t: t.replace("style: dashed", "style: wavy"), "edges[1].style", 10 + 26),
        (lambda t: t.replace("nodes: [b, c]", "nodes: [b, zz]"), "groups[0].nodes", 10 + 29),
        (
            lambda t: t.replace("    label: Client\n", "    label: Client\n    colour: red\n"),
            "nodes[0].colour",
            10 + 6,
        ),
    ],
)
def test_errors_name_file_line_and_field(mutation, field, line) -> None:
    with pytest.raises(DiagramError) as info:
        parse_diagram(mutation(GOOD), "content/x.md", 10)
    err = info.value
    assert err.field_name == field
    assert err.line == line
    assert str(err).startswith(f"content/x.md:{line}:")


def test_too_few_nodes_and_bad_yaml() -> None:
    with pytest.raises(DiagramError, match="4-12 nodes"):
        parse_diagram("id: x\ntitle: t\nnodes:\n  - id: a\n    label: A\n    at: [0, 0]\n")
    with pytest.raises(DiagramError, match="not valid YAML") as info:
        parse_diagram("id: x\ntitle: [unclosed\n", "f.md", 3)
    assert info.value.line >= 4


def test_blocks_found_and_bad_ones_reported_not_raised() -> None:
    text = f"intro\n\n```diagram\n{GOOD}```\n\nmore\n\n```diagram\nid: Bad Id\n```\n"
    assert [b.line for b in find_diagram_blocks(text)] == [3, 37]
    diagrams, errors = parse_diagrams(text, "a.md", line_offset=8)
    assert [d.id for d in diagrams] == ["small"]
    assert len(errors) == 1 and errors[0].path == "a.md" and errors[0].line == 8 + 37 + 1
