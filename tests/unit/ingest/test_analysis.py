"""The analysis pool: its workers end with the process that started them, however it ends."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.harness.paths import ROOT

# An ingest large enough for the pool, killed with kill -9 once its workers have answered
# (as the OOM killer would): the pool is never shut down.
_KILLED_INGEST = """
import os, signal
from ingest.analysis import POOL_MIN_CHARS, Analyser
from ingest.embeddings import LocalHashEmbedder
analyser = Analyser(LocalHashEmbedder(), workers=2)
text = "小盘股 small caps rally " * 500
analyser.start([text] * (POOL_MIN_CHARS // len(text) + 2)).result()
print(*analyser._pool._processes, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def _running(pid: int) -> bool:
    """Is the process there and not a zombie waiting to be reaped?"""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_the_workers_of_a_killed_ingest_end_with_it() -> None:
    # The killed process is not reaped until its pipes close (a zombie has a pid): the
    # workers must see it gone by more than its pid.
    run = subprocess.run(
        [sys.executable, "-c", _KILLED_INGEST], cwd=ROOT, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert run.returncode == -signal.SIGKILL, run.stderr[-2000:]
    workers = [int(pid) for pid in run.stdout.split()]
    assert len(workers) == 2
    deadline = time.monotonic() + 30  # they end at once; a slow machine may take a moment
    while (left := [p for p in workers if _running(p)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left, f"workers still running: {left}"
