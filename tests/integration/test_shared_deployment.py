"""The shared deployment against real engines: three processes, each with its own empty data
directory (three machines), share one PostgreSQL and one Chroma server. At once they queue
research runs, ingest overlapping inputs and ask questions; one is killed with `kill -9` just
after its first batch of articles reached the library. Afterwards nothing is lost or doubled,
catalog, vectors and every machine's lexical index agree, and the killed machine's research run
was finished by another."""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.harness import processes
from benchmarks.harness.corpus import url_of, write_jsonl
from benchmarks.harness.library_state import doubled
from benchmarks.harness.paths import ROOT
from benchmarks.harness.shared_stack import SharedStack
from ingest.models import article_id

pytestmark = pytest.mark.integration
LEASE_S = "2"  # a dead worker's run is taken over after this long (60 s by default)


def _machine(stack: SharedStack, home: Path, source: Path, stop: Path) -> subprocess.Popen[str]:
    env = stack.env(home, MARKETBRIEF_RESEARCH_LEASE_S=LEASE_S)
    return subprocess.Popen(
        [sys.executable, "-m", "benchmarks.harness.replica", str(source), "--stop", str(stop)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _lines_until(process: subprocess.Popen[str], wanted: str) -> list[str]:
    """Read the process's lines until one starts with `wanted` (or it ends)."""
    assert process.stdout is not None
    seen = []
    for line in process.stdout:
        seen.append(line.strip())
        if line.startswith(wanted):
            return seen
    raise AssertionError(f"the machine ended before {wanted!r}: {process.stderr.read()[-2000:]}")  # type: ignore[union-attr]


def _settled(stack: SharedStack) -> dict[str, tuple[str, int]]:
    from sqlalchemy import select

    from ingest.database.schema import research_runs

    with stack.database().read() as db:
        rows = db.execute(
            select(research_runs.c.id, research_runs.c.state, research_runs.c.attempts)
        )
        return {row[0]: (row[1], row[2]) for row in rows}


def test_three_machines_share_one_database_and_one_chroma_server(
    shared_stack: SharedStack, shared_prices: Path, tmp_path: Path
) -> None:
    imported = processes.run(
        ["prices", "import", str(shared_prices)], shared_stack.env(tmp_path / "admin")
    )
    assert imported.returncode == 0, imported.stderr
    # A and B split the articles; C ingests all of them (two batches of 400 and more)
    everything = tmp_path / "all.jsonl"
    write_jsonl(everything, "wire", 900, words=60)
    lines = everything.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("".join(lines[:500]), encoding="utf-8")
    second.write_text("".join(lines[400:]), encoding="utf-8")
    stop = tmp_path / "stop"

    killed = _machine(shared_stack, tmp_path / "c", everything, stop)
    queued = _lines_until(killed, "queued")[-1].split()[1]
    survivors = [
        _machine(shared_stack, tmp_path / name, source, stop)
        for name, source in (("a", first), ("b", second))
    ]
    _lines_until(killed, "committed")
    killed.send_signal(signal.SIGKILL)
    killed.wait()

    # the others finish their own work and take over C's run, whatever state it was left in
    for machine in survivors:
        _lines_until(machine, "ingested")
    runs = _wait_for_runs(shared_stack, survivors, expected=3)
    stop.touch()
    reports = []
    for machine in survivors:
        out, err = machine.communicate(timeout=processes.PROCESS_TIMEOUT_S)
        assert machine.returncode == 0, err[-2000:]
        reports.append(json.loads(out.strip().splitlines()[-1]))

    assert all(r["errors"] == [] for r in reports)
    assert runs[queued][0] == "done"
    assert {state for state, _ in runs.values()} == {"done"}

    # a person runs the killed machine's ingest again: it finishes what was cut off
    again = processes.run(["ingest", str(everything), "--json"], shared_stack.env(tmp_path / "c"))
    assert again.returncode == 0, again.stderr
    state = shared_stack.library_state(tmp_path / "inspector")
    expected = {article_id(url=url_of("wire", n)) for n in range(900)}
    assert expected - set(state.articles) == set()  # nothing lost
    assert doubled(state, expected) == 0 and len(state.articles) == 900  # nothing doubled
    assert state.problems(strict=True) == []  # catalog, vectors and lexical index agree
    # every machine's own lexical index had caught up with the shared catalog
    assert [r["lexical_chunks"] for r in reports] == [len(state.chunks)] * 2


def _wait_for_runs(
    stack: SharedStack, machines: list[subprocess.Popen[str]], expected: int
) -> dict[str, tuple[str, int]]:
    """Until `expected` runs are stored and all are settled (bounded; waiting on a machine is
    the pause between looks)."""
    import time

    deadline = time.monotonic() + processes.PROCESS_TIMEOUT_S
    runs: dict[str, tuple[str, int]] = {}
    while time.monotonic() < deadline:
        runs = _settled(stack)
        if len(runs) >= expected and all(s in {"done", "failed"} for s, _ in runs.values()):
            return runs
        with contextlib.suppress(subprocess.TimeoutExpired):
            machines[0].wait(timeout=0.2)
    raise AssertionError(f"research runs never settled: {runs}")
