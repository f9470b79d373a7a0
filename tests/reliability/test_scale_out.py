"""Scale-out: several processes against one real Chroma server and one shared data directory
(the README's "Scaling out"): a writer process re-imports the prices and ingests new articles
while two long-lived readers ask and search; nothing lost, nothing doubled, and everyone sees
the new articles, including a process started afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.harness.chroma_server import ChromaServer
from benchmarks.harness.scaleout import run_scale_out

pytestmark = pytest.mark.integration


def test_processes_share_one_chroma_server_and_one_data_directory(
    chroma: ChromaServer, shared_prices: Path, tmp_path: Path
) -> None:
    result = run_scale_out(chroma, tmp_path / "home", shared_prices, readers=2, new_articles=120)
    assert result.errors == []
    assert result.reader_rounds >= 2
    assert (result.ingested, result.lost, result.doubled) == (120, 0, 0)
    assert result.readers_saw_new and result.late_process_saw_new
    assert result.problems == []
