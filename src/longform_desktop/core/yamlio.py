"""YAML in one place: libyaml when PyYAML was built with it (about 10x faster than pure
Python), imported on first use (the catalog usually comes from its cache at start-up),
and one error type that carries the 0-based line of the problem.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml


class YamlError(ValueError):
    """Invalid YAML; ``line`` is 0-based within the parsed text (None if unknown)."""

    def __init__(self, problem: str, line: int | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def _run(method: str, text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return getattr(yaml, method)(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlError(problem, mark.line if mark else None) from exc


def load(text: str) -> Any:
    return _run("load", text)


def compose(text: str) -> yaml.Node | None:
    """The node graph, with a start mark (line, column) on every node."""
    return _run("compose", text)
