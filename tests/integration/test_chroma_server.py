"""The index against a real Chroma server (`chroma run` on a free loopback port)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.harness.chroma_server import CHROMA, available, chroma_server, free_port
from benchmarks.harness.paths import FIXTURES
from ingest.embeddings import LocalHashEmbedder
from ingest.errors import StoreUnavailable
from ingest.filters import Filters
from ingest.index import Index
from ingest.pipeline import ingest_sources

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def chroma_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    if not available():
        pytest.skip(f"needs the chroma CLI at {CHROMA}")
    with chroma_server(tmp_path_factory.mktemp("chroma-server")) as server:
        yield server.port


def test_ingest_and_search_through_a_chroma_server(chroma_port: int, tmp_path: Path) -> None:
    index = Index.open(
        tmp_path / "library",
        embedder=LocalHashEmbedder(),
        chroma_host="127.0.0.1",
        chroma_port=chroma_port,
        workers=0,
    )
    try:
        report = ingest_sources([str(FIXTURES / "ingest")], index)
        assert report.ok and report.added >= 10
        assert index.store.count() == index.chunk_count()
        hits = index.search("原油价格 资本开支", k=3)
        assert hits[0].title == "2026年能源板块展望:油价与资本开支周期分析"
        filtered = index.search("small caps", filters=Filters(ticker="KRE"))
        assert {h.title for h in filtered} == {"Regional banks and the small-cap trade"}
        again = ingest_sources([str(FIXTURES / "ingest")], index)
        assert again.added == again.updated == 0
        energy = hits[0].chunk.article_id
        index.remove(energy)
        assert index.store.ids_of_articles([energy]) == set()
    finally:
        index.close()


def test_a_server_that_does_not_answer_is_one_clear_error(tmp_path: Path) -> None:
    port = free_port()  # nothing listens here
    with pytest.raises(
        StoreUnavailable, match=f"Chroma server at 127.0.0.1:{port} is not answering"
    ):
        Index.open(
            tmp_path / "library",
            embedder=LocalHashEmbedder(),
            chroma_host="127.0.0.1",
            chroma_port=port,
            timeout_s=2,
        )
