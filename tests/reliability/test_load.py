"""20 concurrent askers (offline) against one index while an ingest runs: no errors, no lost
writes. Modest numbers here; benchmarks/bench_reliability.py runs the full ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.load import prepare, run_load

pytestmark = pytest.mark.integration


def test_twenty_askers_while_an_ingest_runs(shared_dir: Path, tmp_path: Path) -> None:
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    settings = prepare(tmp_path / "home", shared_dir / "data" / "prices", seeds)
    result = run_load(settings, askers=20, questions_each=1, new_articles=150)
    assert result.errors == []
    assert result.answers == 20
    assert (result.ingested, result.lost) == (150, 0)
    assert result.problems == []
