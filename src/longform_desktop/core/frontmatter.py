"""Split a Markdown file into its YAML front matter and body, keeping line numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import yamlio
from .safe_read import MAX_FILE_BYTES


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")


@dataclass(frozen=True)
class SplitDocument:
    meta: dict[str, Any]
    body: str
    body_line: int  # number of file lines before the body (so body line n is file line n + this)
    key_lines: dict[str, int]  # front matter key -> 1-based file line
    # A key written twice: YAML keeps the last value silently; the caller decides.
    duplicates: dict[str, int] = field(default_factory=dict)  # key -> line of the repeat


def split_front_matter(text: str) -> SplitDocument:
    """Parse ``---`` delimited YAML front matter at the very top of ``text`` (a UTF-8
    byte order mark before it and CRLF line ends are fine)."""
    lines = text.removeprefix("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError(1, "file must start with '---' and YAML front matter")
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            break
    else:
        raise FrontMatterError(1, "front matter is not closed by a '---' line")
    yaml_text = "".join(lines[1:end])
    try:
        meta = yamlio.load(yaml_text, max_chars=MAX_FILE_BYTES) or {}
    except yamlio.YamlError as exc:
        raise FrontMatterError(2 + (exc.line or 0), f"invalid YAML: {exc.problem}") from exc
    if not isinstance(meta, dict):
        raise FrontMatterError(2, "front matter must be a mapping of fields")
    key_lines: dict[str, int] = {}
    duplicates: dict[str, int] = {}
    for offset, raw in enumerate(lines[1:end]):
        if raw[:1].isalpha() and ":" in raw:
            key = raw.split(":", 1)[0].strip()
            if key in key_lines:
                duplicates.setdefault(key, offset + 2)
            key_lines.setdefault(key, offset + 2)
    return SplitDocument(meta, "".join(lines[end + 1 :]), end + 1, key_lines, duplicates)
