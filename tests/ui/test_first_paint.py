"""The chat page draws its input before anything loads pandas: what `ui/app.py` and the chat
page import at their top is imported in a fresh process, and pandas and numpy must not be in
it. (They cost about a second of the first page's start on two cores; the research writer and
the watch scheduler, which need them, are imported where they are first used.)"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"
FIRST_PAINT = (UI / "app.py", UI / "views" / "chat.py")


def _top_imports(path: Path) -> list[str]:
    """The modules a script imports at its top (before its first statement that is not an
    import): `from ui import auth` is ui.auth."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [f"{node.module}.{a.name}" if node.module == "ui" else node.module
                      for a in node.names]  # fmt: skip
        elif not isinstance(node, ast.Expr):  # a docstring
            break
    return found


def test_the_chat_pages_first_paint_loads_no_pandas() -> None:
    modules = sorted({m for path in FIRST_PAINT for m in _top_imports(path)} - {"__future__"})
    assert "ui.context" in modules and "ui.answer_view" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted({'pandas', 'numpy', 'chromadb'} & set(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=UI.parent, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout
