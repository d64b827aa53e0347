"""YAML in one place: libyaml when PyYAML was built with it (about 10x faster than pure
Python), imported on first use (the catalog usually comes from its cache at start-up),
and one error type that carries the 0-based line of the problem.

Every text is bounded before anything is built from it (a content file is untrusted):
its length, its nesting depth, its number of aliases and the number of nodes it would
have with every alias expanded. An alias bomb ("billion laughs") is refused after one
linear pass over the event stream, before a single object is constructed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

# Front matter is ~10 fields, a diagram block ~100 nodes, sections.yaml ~30: these
# limits are two orders of magnitude above real content and far below harm.
MAX_CHARS = 256 * 1024
MAX_DEPTH = 20
MAX_ALIASES = 50
MAX_NODES = 5_000


class YamlError(ValueError):
    """Invalid YAML; ``line`` is 0-based within the parsed text (None if unknown)."""

    def __init__(self, problem: str, line: int | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def _loader() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def check_bounds(text: str, max_chars: int = MAX_CHARS) -> None:
    """Raise :class:`YamlError` if ``text`` is too long, too deep, has too many aliases
    or would expand to too many nodes; one pass over the parser's events."""
    import yaml

    if len(text) > max_chars:
        raise YamlError(f"YAML is {len(text):,} characters; at most {max_chars:,} are read", 0)
    loader = _loader()(text)
    # Each open collection's expanded node count; anchors map to their expanded size.
    stack: list[tuple[int, str | None]] = []
    sizes: dict[str, int] = {}
    total = aliases = 0
    try:
        while (event := loader.get_event()) is not None:
            line = event.start_mark.line if event.start_mark else None
            if isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise YamlError(f"more than {MAX_ALIASES} aliases (*name)", line)
                size = sizes.get(str(event.anchor), 1)
            elif isinstance(event, yaml.ScalarEvent):
                size = 1
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                stack.append((1, event.anchor))
                if len(stack) > MAX_DEPTH:
                    raise YamlError(f"nested more than {MAX_DEPTH} levels deep", line)
                continue
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                size, anchor = stack.pop()
                if anchor is not None:
                    sizes[anchor] = size
                if stack:
                    parent, parent_anchor = stack.pop()
                    stack.append((parent + size, parent_anchor))
                continue
            else:
                continue
            anchor = getattr(event, "anchor", None)
            if anchor is not None and isinstance(event, yaml.ScalarEvent):
                sizes[anchor] = 1
            total += size
            if stack:
                parent, parent_anchor = stack.pop()
                stack.append((parent + size, parent_anchor))
            # Expanded size so far: scalars and aliases counted here, collections once
            # closed (they count their members); a bound on the whole tree either way.
            if total > MAX_NODES or (stack and stack[-1][0] > MAX_NODES):
                raise YamlError(
                    f"more than {MAX_NODES:,} values (counting every alias expanded)", line
                )
    except yaml.YAMLError as exc:
        raise _wrapped(exc) from exc
    finally:
        loader.dispose()


def _wrapped(exc: Exception) -> YamlError:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return YamlError(problem, mark.line if mark else None)


def _run(method: str, text: str, max_chars: int = MAX_CHARS) -> Any:
    import yaml

    check_bounds(text, max_chars)
    try:
        return getattr(yaml, method)(text, Loader=_loader())
    except yaml.YAMLError as exc:
        raise _wrapped(exc) from exc
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. a timestamp out of range
        raise YamlError(str(exc) or type(exc).__name__, None) from exc


def load(text: str, *, max_chars: int = MAX_CHARS) -> Any:
    """``max_chars``: front matter may be as long as its file (a 2 MB title is then
    shortened by the catalog, with a problem); everything else is bounded by default."""
    return _run("load", text, max_chars)


def compose(text: str) -> yaml.Node | None:
    """The node graph, with a start mark (line, column) on every node."""
    return _run("compose", text)
