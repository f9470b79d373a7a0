"""Words a person reads speak to that person: no path of the developers' own checkout.

The sample data lives in `../shared` beside the project when developing; a user has no such
folder, so a notice telling them to `marketbrief prices import ../shared/data/prices` sends
them nowhere. Every string the product can show (docstrings aside, the message catalogs and
the prompts included) is checked here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from assistant.answer.model import Language
from assistant.locale import notice

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("assistant", "ui", "tools", "ingest")
DEVELOPMENT_PATHS = ("../shared", "shared/data", "shared/seeds")
LANGUAGES: list[Language] = ["en", "zh"]


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the Constant nodes that are docstrings (module, class, function)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _shown_strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_string_the_product_shows_names_a_development_path() -> None:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for line, text in _shown_strings(path):
                if any(dev in text for dev in DEVELOPMENT_PATHS):
                    found.append(f"{path.relative_to(ROOT)}:{line}: {text[:80]!r}")
    catalogs = sorted((ROOT / "assistant" / "locale").glob("*.toml"))
    for path in [*catalogs, *sorted((ROOT / "prompts").glob("*.*"))]:  # prompts and their data
        if any(dev in path.read_text(encoding="utf-8") for dev in DEVELOPMENT_PATHS):
            found.append(str(path.relative_to(ROOT)))
    assert found == []


@pytest.mark.parametrize("name", ["empty_library", "no_prices"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_what_to_do_notices_name_both_ways_in(name: str, language: Language) -> None:
    """The same Answer is read in the browser and at the terminal: each way in is named, the
    command with a placeholder for the reader's own folder."""
    text = notice(name, language, reason="…")
    assert "Library" in text  # the browser's page
    assert "`marketbrief " in text
