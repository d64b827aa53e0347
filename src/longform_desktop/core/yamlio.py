"""YAML through libyaml when PyYAML was built with it (about 10x faster than pure Python),
which matters because every article's front matter and diagrams are parsed at start-up."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)


def compose(text: str) -> yaml.Node | None:
    """The node graph, with a start mark (line, column) on every node."""
    return yaml.compose(text, Loader=_LOADER)
