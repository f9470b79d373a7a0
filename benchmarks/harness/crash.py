"""`kill -9` in the middle of an ingest, as a scenario (shared by the test and the benchmark).

A real, separate process runs the `marketbrief ingest` command over many files (through the
CLI's entry point, with smaller batches than the default 400 so the input spans several
commits) and is killed with SIGKILL once the catalog shows more committed articles than
before (polled, with a deadline; no fixed sleeps). Each kill is followed by a consistency
check; the last run is the real command, left to finish.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.harness import processes
from benchmarks.harness.corpus import url_of, write_files
from benchmarks.harness.library_state import library_state
from ingest.models import article_id

DEADLINE_S = 120.0
INGEST = """
import sys, ingest.index
ingest.index.BATCH_ARTICLES = int(sys.argv[2])
from assistant.cli import main
main(["ingest", sys.argv[1], "--json"])
"""


@dataclass
class CrashResult:
    articles: int
    killed_at: list[int]  # committed articles seen at each kill
    problems_after_kills: list[str]
    report: dict[str, object]  # the final run's JSON summary
    problems: list[str]
    missing: int
    doubled: int
    returncode: int
    stderr: str = ""
    extra: list[str] = field(default_factory=list)  # article ids nobody asked for


def committed(catalog: Path) -> int:
    """Articles the catalog has committed, read as another process would (-1: not yet)."""
    if not catalog.exists():
        return -1
    try:
        with sqlite3.connect(f"file:{catalog}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return -1  # the schema is still being made


def _start(folder: Path, batch: int, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", INGEST, str(folder), str(batch)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so its workers can be reaped
    )


def kill_after(process: subprocess.Popen[str], catalog: Path, more_than: int) -> int:
    """SIGKILL `process` once the catalog holds more than `more_than` articles; returns the
    count seen. Raises if the process ends on its own first (the kill would prove nothing)."""
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        seen = committed(catalog)
        if seen > more_than:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            with contextlib.suppress(ProcessLookupError):  # its worker processes go too
                os.killpg(process.pid, signal.SIGKILL)
            return seen
        try:  # waiting on the process doubles as the pause between polls
            process.wait(timeout=0.02)
        except subprocess.TimeoutExpired:
            continue
        raise RuntimeError(f"the ingest finished before it could be killed: {process.stderr}")
    process.kill()
    raise RuntimeError("the ingest committed nothing within the deadline")


def run_kill_ingest(work: Path, *, articles: int, batch: int, kills: int) -> CrashResult:
    """Ingest `articles` files, killing the run `kills` times part-way, then finish it."""
    home, folder = work / "home", work / "wire"
    write_files(folder, "kill", articles, words=60)
    env = processes.environment(home)
    catalog = home / "library" / "commentary.sqlite3"
    killed_at: list[int] = []
    problems: list[str] = []
    for _ in range(kills):
        killed_at.append(kill_after(_start(folder, batch, env), catalog, max(killed_at, default=0)))
        problems += library_state(home).problems()
    done = processes.run(["ingest", str(folder), "--json"], env)  # the real command
    state = library_state(home)
    expected = {article_id(url=url_of("kill", n)) for n in range(articles)}
    return CrashResult(
        articles=articles,
        killed_at=killed_at,
        problems_after_kills=problems,
        report=json.loads(done.stdout) if done.returncode == 0 else {},
        problems=state.problems(strict=True),
        missing=len(expected - set(state.articles)),
        doubled=len(state.articles) - len(set(state.articles)),
        returncode=done.returncode,
        stderr=done.stderr,
        extra=sorted(set(state.articles) - expected),
    )
