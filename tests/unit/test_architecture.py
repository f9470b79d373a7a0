"""The shape of the code a newcomer relies on: layers, no import cycles, small modules.

`ui -> assistant -> {ingest, tools}`: nothing imports upwards; `tools` reaches into `ingest`
only for its storage layer (`ingest.database`), where the shared price store keeps its rows.
Inside each package no module imports another that (directly or not) imports it back, at
module level or inside a function. `assistant/` keeps at most 12 modules flat beside its
subpackages, and no module is over 400 lines, no function over 60.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("assistant", "ingest", "tools", "ui")
BELOW = {
    "ui": {"assistant", "ingest", "tools"},
    "assistant": {"ingest", "tools"},
    "ingest": set(),
    "tools": set(),
}
SHARED_STORAGE = "ingest.database"  # the one part of ingest that tools may use
MAX_MODULE_LINES = 400
MAX_FLAT_MODULES = 12


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = _modules()


def _imports(path: Path) -> Iterator[str]:
    """Every first-party module `path` imports, anywhere in it (functions included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        else:
            continue
        for name in names:
            if name in MODULES:
                yield name


GRAPH = {name: set(_imports(path)) - {name} for name, path in MODULES.items()}


def test_nothing_imports_upwards() -> None:
    wrong = [
        f"{name} imports {target}"
        for name, targets in GRAPH.items()
        for target in targets
        if (top := name.split(".")[0]) != (other := target.split(".")[0])
        and other not in BELOW[top]
        and not (top == "tools" and target.startswith(SHARED_STORAGE))
    ]
    assert wrong == []


def _cycle_from(start: str) -> list[str] | None:
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for target in GRAPH.get(node, ()):
            if target == start:
                return [*path, start]
            # a package's __init__ is imported on the way to its modules: not an edge back
            if target not in seen and not start.startswith(target + "."):
                seen.add(target)
                stack.append((target, [*path, target]))
    return None


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_cycles(package: str) -> None:
    cycles = [
        " -> ".join(cycle)
        for name in GRAPH
        if name.split(".")[0] == package and (cycle := _cycle_from(name))
    ]
    assert cycles == []


def test_assistant_keeps_few_modules_flat() -> None:
    flat = sorted(p.name for p in (ROOT / "assistant").glob("*.py"))
    assert len(flat) <= MAX_FLAT_MODULES, flat


def test_no_module_is_over_400_lines() -> None:
    long = {
        name: lines
        for name, path in MODULES.items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


MAX_FUNCTION_LINES = 60


def test_no_function_is_over_60_lines() -> None:
    long = {
        f"{name}.{node.name}": length
        for name, path in MODULES.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (length := (node.end_lineno or node.lineno) - node.lineno + 1) > MAX_FUNCTION_LINES
    }
    assert long == {}
