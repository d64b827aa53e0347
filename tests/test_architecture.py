"""The import rule: ui -> services -> storage -> core, never upward; core and the CLI
never import Qt."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "longform_desktop"
LAYERS = ["core", "storage", "services", "ui"]  # each may import only those before it


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                parts = path.relative_to(PACKAGE.parent).with_suffix("").parts[: -node.level]
                names.add(".".join([*parts, *(node.module.split(".") if node.module else [])]))
            elif node.module:
                names.add(node.module)
    return names


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] == "longform_desktop" and len(parts) > 1 and parts[1] in LAYERS:
        return parts[1]
    return None


def test_layers_only_import_downward() -> None:
    problems = []
    for layer in LAYERS:
        allowed = set(LAYERS[: LAYERS.index(layer) + 1])
        for path in (PACKAGE / layer).rglob("*.py"):
            for module in _imports(path):
                target = _layer(module)
                if target and target not in allowed:
                    problems.append(f"{path.name} ({layer}) imports {module}")
    assert problems == []


def test_core_storage_and_cli_have_no_qt() -> None:
    paths = [
        *(PACKAGE / "core").rglob("*.py"),
        *(PACKAGE / "storage").rglob("*.py"),
        *(PACKAGE / "cli").rglob("*.py"),
    ]
    offenders = [f"{p.name}: {m}" for p in paths for m in _imports(p) if m.startswith("PySide6")]
    assert offenders == []


def test_services_use_no_widgets() -> None:
    offenders = [
        f"{p.name}: {m}"
        for p in (PACKAGE / "services").rglob("*.py")
        for m in _imports(p)
        if m.startswith("PySide6.QtWidgets")
    ]
    assert offenders == []
