"""CLI start-up: how long each command takes from a shell, against `python -c pass`, same run.

Every figure is a fresh process running the installed `marketbrief` script, as a person runs
it: the median of RUNS runs, the commands taken in turn each round so a change in the machine's
load touches them alike. The data directory is a temp folder holding the shared seed articles
and prices, set up with the CLI beforehand (not timed); the commands see no marketbrief or
OpenAI variables of the caller's and run in an empty folder (no `.env`).

Two columns:
- as installed: this environment as it is. Where PYTHONDONTWRITEBYTECODE is set and the venv
  has no compiled bytecode, every start compiles every module it imports (the line above the
  table says which case this is).
- bytecode cached: the same with Python's bytecode cache on, kept in a temp folder
  (PYTHONPYCACHEPREFIX) and filled by one untimed run of each command first: what `make
  install` gives now that it compiles the venv's and the project's bytecode, or a default
  Python set-up after its first run.

Goals on a 2-core machine: --help and library ls under 0.3 s, search under 1.5 s, ask --offline
under 2.5 s. The last column lists the heavy libraries each command loads.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.startup import MARKETBRIEF, ROOT, environment, heavy_modules, prepare_home

SHARED = ROOT.parent / "shared"
RUNS = 5
QUERY = "罗素2000 小盘股 轮动"
QUESTION = "罗素2000指数年初至今是否跑赢标普500?"
# (label, argv after `marketbrief`, or None for `python -c pass`; goal in seconds)
COMMANDS: list[tuple[str, list[str] | None, float | None]] = [
    ("python -c pass", None, None),
    ("marketbrief --help", ["--help"], 0.3),
    ("marketbrief library ls", ["library", "ls"], 0.3),
    ("marketbrief search QUERY", ["search", QUERY], 1.5),
    ("marketbrief ask --offline QUESTION", ["ask", "--offline", QUESTION], 2.5),
]


def _argv(args: list[str] | None) -> list[str]:
    return [sys.executable, "-c", "pass"] if args is None else [str(MARKETBRIEF), *args]


def _once(args: list[str] | None, env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        _argv(args), env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, timeout=300, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args or ['pass'])} exited {done.returncode}: {done.stderr}")
    return elapsed


def _medians(env: dict[str, str], cwd: Path) -> list[float]:
    """The median of RUNS cold runs of each command, the commands interleaved."""
    samples: list[list[float]] = [[] for _ in COMMANDS]
    for _ in range(RUNS):
        for position, (_, args, _) in enumerate(COMMANDS):
            samples[position].append(_once(args, env, cwd))
    return [statistics.median(s) for s in samples]


def _compiled(module_file: str | None) -> bool:
    return module_file is not None and Path(importlib.util.cache_from_source(module_file)).exists()


def _bytecode_note() -> str:
    """Whether a start here compiles its modules or reads them compiled."""
    import click

    import assistant

    if not sys.flags.dont_write_bytecode:
        return "bytecode: cached as usual (written at the first import of each module)"
    venv, ours = _compiled(click.__file__), _compiled(assistant.__file__)
    if venv and ours:
        return "bytecode: PYTHONDONTWRITEBYTECODE is set, but the venv and the project are compiled"
    missing = "the project is" if venv else "the venv is" if ours else "the venv and project are"
    return (
        f"bytecode: PYTHONDONTWRITEBYTECODE is set and {missing} not compiled: every start "
        "compiles what it imports from there (`make install` compiles both)"
    )


def _cell(seconds: float, goal: float | None) -> str:
    verdict = "" if goal is None else "ok" if seconds < goal else "OVER"
    return f"{seconds:6.2f} s {verdict:<4}"


def main() -> None:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    prices = SHARED / "data" / "prices"
    if not seeds or not prices.is_dir():
        print(f"skipped: needs ../shared/seeds and ../shared/data/prices ({SHARED} is absent)")
        return
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as temporary:
        root = Path(temporary)
        cwd = root / "cwd"
        cwd.mkdir()
        env = environment(root / "home")
        articles, symbols = prepare_home(seeds, prices, env, cwd)
        cached = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
        loaded = [
            (", ".join(heavy_modules(args, env, cwd)[1]) or "-") if args else ""
            for _, args, _ in COMMANDS
        ]
        load_before = os.getloadavg()[0]
        installed = _medians(env, cwd)
        for _, args, _ in COMMANDS:  # fill the bytecode cache (untimed)
            _once(args, cached, cwd)
        fast = _medians(cached, cwd)
        load_after = os.getloadavg()[0]

    print(
        f"data: {articles} articles, {symbols} price files; median of {RUNS} fresh processes "
        f"each; load average {load_before:.1f} -> {load_after:.1f} on {os.cpu_count()} cores"
    )
    print(f"QUERY = {QUERY!r}; QUESTION = {QUESTION!r}")
    print(_bytecode_note())
    print(f"\n  {'command':<36} {'as installed':<14} {'bytecode cached':<16} {'goal':<8} loads")
    for (label, _, goal), slow, quick, heavy in zip(COMMANDS, installed, fast, loaded, strict=True):
        shown_goal = f"< {goal:.1f} s" if goal is not None else ""
        cells = f"{_cell(slow, goal):<14} {_cell(quick, goal):<16}"
        print(f"  {label:<36} {cells} {shown_goal:<8} {heavy}")


if __name__ == "__main__":
    main()
