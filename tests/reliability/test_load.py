"""20 concurrent askers (offline) against one index while an ingest runs: no errors, no lost
writes. Modest numbers here; benchmarks/bench_reliability.py runs the full ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.harness.library_state import LibraryState, doubled
from benchmarks.harness.load import prepare, run_load

pytestmark = pytest.mark.integration


def test_twenty_askers_while_an_ingest_runs(shared_dir: Path, tmp_path: Path) -> None:
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    settings = prepare(tmp_path / "home", shared_dir / "data" / "prices", seeds)
    result = run_load(settings, askers=20, questions_each=1, new_articles=150)
    assert result.errors == []
    assert result.answers == 20
    assert (result.ingested, result.lost, result.doubled) == (150, 0, 0)
    assert result.problems == []


def test_doubled_counts_extra_copies_of_the_given_articles_only() -> None:
    state = LibraryState(
        articles=("a", "a", "b", "old", "old"),
        pending=(),
        chunks=("a1", "b1", "b1", "old1"),
        vectors=frozenset({"a1", "b1", "old1"}),
        lexical=("a1", "a1", "b1", "old1", "old1"),
        chunk_owners=(("a", "a1"), ("b", "b1"), ("b", "b1"), ("old", "old1")),
    )
    # a: twice in the catalog and its chunk twice in BM25; b: its chunk twice in the catalog
    assert doubled(state, {"a", "b"}) == 3
    assert doubled(state, {"c"}) == 0
