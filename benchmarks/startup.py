"""Running `marketbrief` as a person does, in a fresh process, for the start-up benchmark and the
tests that keep start-up light (both import this; neither imports the other's folder).

- `environment(home)`: this process's environment without the caller's own marketbrief or
  OpenAI settings, with MARKETBRIEF_HOME set: the commands see a default set-up.
- `heavy_modules(args, env, cwd)`: run one command through the CLI's entry point in a fresh
  interpreter and list the heavy libraries it imported.
- `prepare_home(home, seeds, prices, env, cwd)`: a data directory with prices and articles,
  made with the CLI itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKETBRIEF = Path(sys.executable).parent / "marketbrief"
# What a light command must not load: each costs from a tenth of a second to seconds.
HEAVY = ("pandas", "numpy", "chromadb", "langchain", "langchain_core", "streamlit")
TIMEOUT_S = 300
# Runs the command as the console script does, then prints the heavy top-level packages loaded.
_PROBE = """
import contextlib, io, json, sys
from assistant.cli import main
out = io.StringIO()
code = 0
with contextlib.redirect_stdout(out):
    try:
        main(sys.argv[1:])
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 1
heavy = set(json.loads(sys.stdin.read()))
loaded = sorted({m.split(".")[0] for m in sys.modules} & heavy)
print(json.dumps({"code": code, "loaded": loaded, "modules": sorted(sys.modules)}))
"""


def environment(home: Path, **extra: str) -> dict[str, str]:
    """This environment minus marketbrief's and OpenAI's own variables, plus MARKETBRIEF_HOME."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.upper().startswith(("MARKETBRIEF_", "OPENAI_"))
    }
    env.update({"MARKETBRIEF_HOME": str(home), **extra})
    return env


def heavy_modules(
    args: Sequence[str], env: Mapping[str, str], cwd: Path, heavy: Sequence[str] = HEAVY
) -> tuple[int, list[str], list[str]]:
    """(exit code, heavy packages imported, every module imported) for one command run in a
    fresh interpreter through the CLI's entry point."""
    done = _captured([sys.executable, "-c", _PROBE, *args], env, cwd, json.dumps(list(heavy)))
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"marketbrief {' '.join(args)} crashed: {done.stderr.strip()[-500:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return int(report["code"]), list(report["loaded"]), list(report["modules"])


def run(args: Sequence[str], env: Mapping[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """One `marketbrief` command, the installed console script, to the end."""
    return _captured([str(MARKETBRIEF), *args], env, cwd)


def _captured(
    command: list[str], env: Mapping[str, str], cwd: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        input=stdin,
        env=dict(env),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def prepare_home(
    seeds: Sequence[Path], prices: Path, env: Mapping[str, str], cwd: Path
) -> tuple[int, int]:
    """Import `prices` and ingest `seeds` into the data directory `env` names, with the CLI.
    Returns (articles, price files)."""
    imported = run(["prices", "import", str(prices), "--json"], env, cwd)
    if imported.returncode != 0:
        raise RuntimeError(f"prices import failed: {imported.stderr.strip()}")
    ingested = run(["ingest", *map(str, seeds), "--json"], env, cwd)
    if ingested.returncode != 0:
        raise RuntimeError(f"ingest failed: {ingested.stderr.strip()}")
    report = json.loads(ingested.stdout)
    return int(report["added"]) + int(report["unchanged"]), len(json.loads(imported.stdout)["rows"])
