"""`kill -9` in the middle of an ingest: the library stays consistent and a re-run completes it.

A real ingest process is killed with SIGKILL after its first committed batch, the re-run is
killed the same way once it has gone further, and the real `marketbrief ingest` then finishes
(see benchmarks/harness/crash.py). After each kill and at the end the three stores must agree
(catalog articles and chunks == Chroma ids == BM25 documents, nothing pending, nothing twice),
and every input article must be there exactly once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.harness.crash import run_kill_ingest

pytestmark = pytest.mark.integration
ARTICLES = 600


def test_kill_9_during_an_ingest_loses_and_doubles_nothing(tmp_path: Path) -> None:
    result = run_kill_ingest(tmp_path, articles=ARTICLES, batch=100, kills=2)
    first, second = result.killed_at
    assert 0 < first < second < ARTICLES  # both kills landed part-way
    assert result.problems_after_kills == []  # consistent right after each kill
    assert result.returncode == 0, result.stderr
    report = result.report
    assert report["updated"] == 0 and report["skipped"] == []
    assert report["added"] + report["unchanged"] == ARTICLES  # type: ignore[operator]
    assert report["unchanged"] >= second  # type: ignore[operator]
    assert result.problems == []
    assert (result.missing, result.doubled, result.extra) == (0, 0, [])
