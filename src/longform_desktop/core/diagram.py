"""Reference diagrams: the fenced ```diagram block model, its parser and validator.

A diagram is boxes on a small grid joined by arrows (format: docs/content-format.md).
The same model is drawn in the reader and used to score a redraw, so the parser is
strict: every problem names the file, the line and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import yamlio

SHAPES = ("box", "round", "store", "queue", "actor", "cloud")
EDGE_STYLES = ("solid", "dashed")
MIN_NODES, MAX_NODES = 4, 12
MAX_COLUMN, MAX_ROW = 7, 9

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|~{3,})\s*diagram\s*$")


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    col: int
    row: int
    shape: str = "box"
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Every name a reader might write for this box (label first)."""
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str = ""
    style: str = "solid"


@dataclass(frozen=True)
class Group:
    label: str
    nodes: tuple[str, ...]


@dataclass(frozen=True)
class Diagram:
    id: str
    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...] = ()
    groups: tuple[Group, ...] = ()
    line: int = 0  # 1-based line of the opening fence in its file (0 if unknown)

    def node(self, node_id: str) -> Node:
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    @property
    def first_column(self) -> int:
        return min(n.col for n in self.nodes)

    @property
    def first_row(self) -> int:
        return min(n.row for n in self.nodes)

    @property
    def columns(self) -> int:
        """Columns the diagram spans (an author may start the grid at 1)."""
        return max(n.col for n in self.nodes) - self.first_column + 1

    @property
    def rows(self) -> int:
        """Rows the diagram spans, from its first used row."""
        return max(n.row for n in self.nodes) - self.first_row + 1


@dataclass(frozen=True)
class DiagramBlock:
    """The raw text of one fenced diagram block and where it sits."""

    text: str
    line: int  # 1-based line of the opening fence, relative to the text it was found in
    start: int  # character offsets of the whole fenced block (fences included)
    end: int


class DiagramError(ValueError):
    """A diagram block that cannot be used, with the place to fix it."""

    def __init__(self, path: Path | str | None, line: int, field_name: str, message: str) -> None:
        self.path = str(path) if path else "<diagram>"
        self.line = line
        self.field_name = field_name
        self.message = message
        where = f" (field '{field_name}')" if field_name else ""
        super().__init__(f"{self.path}:{line}: {message}{where}")


def find_diagram_blocks(markdown_text: str) -> list[DiagramBlock]:
    """Locate fenced ```diagram blocks (a fence of 3+ backticks or tildes, closed by the same)."""
    blocks: list[DiagramBlock] = []
    lines = markdown_text.splitlines(keepends=True)
    offset = 0
    i = 0
    while i < len(lines):
        match = _FENCE_OPEN.match(lines[i].rstrip("\r\n"))
        if not match:
            offset += len(lines[i])
            i += 1
            continue
        fence = match.group("fence")
        start, open_line = offset, i + 1
        offset += len(lines[i])
        body: list[str] = []
        i += 1
        while i < len(lines):
            stripped = lines[i].strip()
            offset += len(lines[i])
            i += 1
            if stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}:
                break
            body.append(lines[i - 1])
        blocks.append(DiagramBlock("".join(body), open_line, start, offset))
    return blocks


# --- parsing with line numbers -------------------------------------------------------
# yaml.compose keeps a start mark on every node, which is what lets an error point at
# the exact line of the offending field rather than at the fence.


def _line(node: yaml.Node | None, base: int) -> int:
    return base + (node.start_mark.line + 1 if node is not None else 0)


def _mapping(node: yaml.Node, ctx: _Ctx, what: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise ctx.error(node, what, f"{what} must be a mapping of fields")
    out: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        out[str(key_node.value)] = value_node
    return out


@dataclass
class _Ctx:
    path: Path | str | None
    base: int  # line of the opening fence; YAML line 0 is the line after it
    node: yaml.Node | None = field(default=None)

    def error(self, node: yaml.Node | None, field_name: str, message: str) -> DiagramError:
        return DiagramError(self.path, _line(node, self.base), field_name, message)

    def scalar(
        self,
        fields: dict[str, yaml.Node],
        key: str,
        where: str,
        owner: yaml.Node,
        required: bool = True,
        default: str = "",
    ) -> str:
        node = fields.get(key)
        if node is None:
            if required:
                raise self.error(owner, f"{where}{key}", f"missing required field '{key}'")
            return default
        if not isinstance(node, yaml.ScalarNode) or str(node.value).strip() == "":
            raise self.error(node, f"{where}{key}", f"'{key}' must be a non-empty text")
        return str(node.value).strip()

    def sequence(
        self,
        fields: dict[str, yaml.Node],
        key: str,
        where: str,
        owner: yaml.Node,
        required: bool = True,
    ) -> list[yaml.Node]:
        node = fields.get(key)
        if node is None:
            if required:
                raise self.error(owner, f"{where}{key}", f"missing required field '{key}'")
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(node, f"{where}{key}", f"'{key}' must be a list")
        return list(node.value)


def _check_known(fields: dict[str, yaml.Node], allowed: set[str], ctx: _Ctx, where: str) -> None:
    for key, node in fields.items():
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise ctx.error(node, f"{where}{key}", f"unknown field '{key}' (known: {known})")


def parse_diagram(text: str, path: Path | str | None = None, line: int = 0) -> Diagram:
    """Parse and validate one diagram block's YAML; ``line`` is the fence's line in ``path``."""
    ctx = _Ctx(path, line)
    try:
        root = yamlio.compose(text)
    except yamlio.YamlError as exc:
        err_line = line + (exc.line + 1 if exc.line is not None else 1)
        raise DiagramError(path, err_line, "", f"diagram is not valid YAML: {exc.problem}") from exc
    if root is None:
        raise DiagramError(path, line, "", "diagram block is empty")
    top = _mapping(root, ctx, "diagram")
    _check_known(top, {"id", "title", "nodes", "edges", "groups"}, ctx, "")
    diagram_id = ctx.scalar(top, "id", "", root)
    if not _ID.match(diagram_id):
        raise ctx.error(top["id"], "id", f"id '{diagram_id}' must be lowercase kebab-case")
    title = ctx.scalar(top, "title", "", root)

    nodes: list[Node] = []
    cells: dict[tuple[int, int], str] = {}
    node_items = ctx.sequence(top, "nodes", "", root)
    for i, item in enumerate(node_items):
        where = f"nodes[{i}]."
        fields = _mapping(item, ctx, f"nodes[{i}]")
        _check_known(fields, {"id", "label", "at", "shape", "aliases"}, ctx, where)
        node_id = ctx.scalar(fields, "id", where, item)
        if not _ID.match(node_id):
            raise ctx.error(fields["id"], where + "id", f"node id '{node_id}' must be kebab-case")
        if any(n.id == node_id for n in nodes):
            raise ctx.error(fields["id"], where + "id", f"duplicate node id '{node_id}'")
        label = ctx.scalar(fields, "label", where, item)
        col, row = _parse_at(fields, item, ctx, where)
        if (col, row) in cells:
            raise ctx.error(
                fields["at"],
                where + "at",
                f"cell [{col}, {row}] is already used by node '{cells[(col, row)]}'",
            )
        cells[(col, row)] = node_id
        shape = ctx.scalar(fields, "shape", where, item, required=False, default="box")
        if shape not in SHAPES:
            raise ctx.error(
                fields["shape"],
                where + "shape",
                f"shape '{shape}' is not one of {', '.join(SHAPES)}",
            )
        aliases = tuple(
            _scalar_item(a, ctx, where + "aliases")
            for a in ctx.sequence(fields, "aliases", where, item, required=False)
        )
        nodes.append(Node(node_id, label, col, row, shape, aliases))
    if not MIN_NODES <= len(nodes) <= MAX_NODES:
        raise ctx.error(
            top["nodes"],
            "nodes",
            f"a diagram has {MIN_NODES}-{MAX_NODES} nodes, this one has {len(nodes)}",
        )
    ids = {n.id for n in nodes}

    edges: list[Edge] = []
    for i, item in enumerate(ctx.sequence(top, "edges", "", root, required=False)):
        where = f"edges[{i}]."
        fields = _mapping(item, ctx, f"edges[{i}]")
        _check_known(fields, {"from", "to", "label", "style"}, ctx, where)
        source = ctx.scalar(fields, "from", where, item)
        target = ctx.scalar(fields, "to", where, item)
        for key, ref in (("from", source), ("to", target)):
            if ref not in ids:
                raise ctx.error(fields[key], where + key, f"edge refers to unknown node '{ref}'")
        label = ctx.scalar(fields, "label", where, item, required=False)
        style = ctx.scalar(fields, "style", where, item, required=False, default="solid")
        if style not in EDGE_STYLES:
            raise ctx.error(
                fields["style"],
                where + "style",
                f"style '{style}' is not one of {', '.join(EDGE_STYLES)}",
            )
        edges.append(Edge(source, target, label, style))

    groups: list[Group] = []
    for i, item in enumerate(ctx.sequence(top, "groups", "", root, required=False)):
        where = f"groups[{i}]."
        fields = _mapping(item, ctx, f"groups[{i}]")
        _check_known(fields, {"label", "nodes"}, ctx, where)
        label = ctx.scalar(fields, "label", where, item)
        members = tuple(
            _scalar_item(m, ctx, where + "nodes")
            for m in ctx.sequence(fields, "nodes", where, item)
        )
        for member in members:
            if member not in ids:
                raise ctx.error(
                    fields["nodes"], where + "nodes", f"group refers to unknown node '{member}'"
                )
        groups.append(Group(label, members))

    return Diagram(diagram_id, title, tuple(nodes), tuple(edges), tuple(groups), line)


def _scalar_item(node: yaml.Node, ctx: _Ctx, where: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise ctx.error(node, where, "list items must be non-empty texts")
    return str(node.value).strip()


def _parse_at(
    fields: dict[str, yaml.Node], owner: yaml.Node, ctx: _Ctx, where: str
) -> tuple[int, int]:
    node = fields.get("at")
    if node is None:
        raise ctx.error(owner, where + "at", "missing required field 'at' ([column, row])")
    values = node.value if isinstance(node, yaml.SequenceNode) else []
    try:
        col, row = (int(v.value) for v in values)
    except (ValueError, TypeError, AttributeError):
        raise ctx.error(
            node, where + "at", "'at' must be [column, row], two whole numbers"
        ) from None
    if not (0 <= col <= MAX_COLUMN and 0 <= row <= MAX_ROW):
        raise ctx.error(
            node, where + "at", f"'at' must be within columns 0-{MAX_COLUMN} and rows 0-{MAX_ROW}"
        )
    return col, row


def parse_diagrams(
    markdown_text: str, path: Path | str | None = None, line_offset: int = 0
) -> tuple[list[Diagram], list[DiagramError]]:
    """Parse every diagram block in a Markdown text.

    ``line_offset`` is the number of file lines before ``markdown_text`` (the front
    matter), so errors point at lines of the file. Bad blocks are reported, not raised,
    so one broken diagram does not hide the rest of the article.
    """
    diagrams: list[Diagram] = []
    errors: list[DiagramError] = []
    seen: set[str] = set()
    for block in find_diagram_blocks(markdown_text):
        fence_line = block.line + line_offset
        try:
            diagram = parse_diagram(block.text, path, fence_line)
        except DiagramError as exc:
            errors.append(exc)
            continue
        except (RecursionError, MemoryError, ValueError, TypeError, AttributeError) as exc:
            # yamlio bounds the YAML; this is the last guard: one block, one problem.
            errors.append(
                DiagramError(path, fence_line, "", f"diagram cannot be read ({type(exc).__name__})")
            )
            continue
        if diagram.id in seen:
            errors.append(
                DiagramError(
                    path,
                    fence_line + 1,
                    "id",
                    f"duplicate diagram id '{diagram.id}' in this article",
                )
            )
            continue
        seen.add(diagram.id)
        diagrams.append(diagram)
    return diagrams, errors
