"""`kill -9` in the middle of an ingest: the library stays consistent and a re-run completes it.

A real, separate process runs the `marketbrief ingest` command over many files (through the
CLI's entry point, with batches of 100 articles instead of 400 so a small input spans several
commits) and is killed with SIGKILL once the catalog shows its first committed batch (polled,
with a deadline; no fixed sleeps); the re-run is killed the same way once it has gone further,
and a third run finishes. Then the three stores
must agree (catalog articles and chunks == Chroma ids == BM25 documents, nothing pending,
nothing twice) and every input article must be there exactly once.
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
from pathlib import Path

import pytest

from ingest.models import article_id
from tests.reliability import processes
from tests.reliability.corpus import url_of, write_files
from tests.reliability.library_state import library_state

pytestmark = pytest.mark.integration
ARTICLES = 600
BATCH = 100  # six commits: a kill after the first lands in the middle
DEADLINE_S = 120.0
INGEST = (
    "import sys, ingest.index\n"
    f"ingest.index.BATCH_ARTICLES = {BATCH}\n"
    "from assistant.cli import main\n"
    "main(['ingest', sys.argv[1], '--json'])\n"
)


def committed(catalog: Path) -> int:
    """Articles the catalog has committed, read as another process would (-1: not yet)."""
    if not catalog.exists():
        return -1
    try:
        with sqlite3.connect(f"file:{catalog}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return -1  # the schema is still being made


def kill_after(process: subprocess.Popen[str], catalog: Path, more_than: int) -> int:
    """SIGKILL `process` once the catalog holds more than `more_than` articles; returns the
    count seen. Fails if the process ends on its own first (the kill would prove nothing)."""
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        seen = committed(catalog)
        if seen > more_than:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            _reap_group(process)
            return seen
        try:  # waiting on the process doubles as the pause between polls
            process.wait(timeout=0.02)
        except subprocess.TimeoutExpired:
            continue
        raise AssertionError(f"the ingest finished before it could be killed: {process.stderr}")
    process.kill()
    raise AssertionError("the ingest committed nothing within the deadline")


def _reap_group(process: subprocess.Popen[str]) -> None:
    """The killed ingest's worker processes (its own process group) go too."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def start_ingest(folder: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", INGEST, str(folder)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so its workers can be reaped
    )


def test_kill_9_during_an_ingest_loses_and_doubles_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = tmp_path / "wire"
    write_files(folder, "kill", ARTICLES, words=60)
    env = processes.environment(home)
    catalog = home / "library" / "commentary.sqlite3"

    first = kill_after(start_ingest(folder, env), catalog, more_than=0)
    assert 0 < first < ARTICLES
    assert library_state(home).problems() == []  # consistent right after the kill
    second = kill_after(start_ingest(folder, env), catalog, more_than=first)
    assert first < second < ARTICLES
    assert library_state(home).problems() == []

    done = processes.run(["ingest", str(folder), "--json"], env)  # the real command
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["updated"] == 0 and report["skipped"] == []
    assert report["added"] + report["unchanged"] == ARTICLES
    assert report["unchanged"] >= second  # what was committed before a kill was kept

    state = library_state(home)
    assert state.problems(strict=True) == []
    expected = {article_id(url=url_of("kill", n)) for n in range(ARTICLES)}
    assert sorted(state.articles) == sorted(expected)  # each exactly once
