"""The index against a real Chroma server (`chroma run` on a free loopback port)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ingest.embeddings import LocalHashEmbedder
from ingest.errors import StoreUnavailable
from ingest.index import Index
from ingest.pipeline import ingest_sources
from tests.conftest import FIXTURES

pytestmark = pytest.mark.integration
CHROMA = Path(sys.executable).parent / "chroma"
STARTUP_S = 60.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_heartbeat(process: subprocess.Popen[bytes], port: int) -> None:
    """Poll the heartbeat until it answers, the server exits, or the deadline passes."""
    deadline = time.monotonic() + STARTUP_S
    url = f"http://127.0.0.1:{port}/api/v2/heartbeat"
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        try:  # waiting on the process doubles as the pause between polls
            process.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            continue
        raise RuntimeError(f"chroma run exited with code {process.returncode}")
    raise RuntimeError(f"chroma run did not answer on port {port} within {STARTUP_S:g}s")


@pytest.fixture(scope="module")
def chroma_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    if not CHROMA.exists():
        pytest.skip(f"needs the chroma CLI at {CHROMA}")
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "CHROMA_ANONYMIZED_TELEMETRY": "False"}
    process = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        _wait_for_heartbeat(process, port)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


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
        filtered = index.search("small caps", ticker="KRE")
        assert {h.title for h in filtered} == {"Regional banks and the small-cap trade"}
        again = ingest_sources([str(FIXTURES / "ingest")], index)
        assert again.added == again.updated == 0
        energy = hits[0].chunk.article_id
        index.remove(energy)
        assert index.store.ids_of_articles([energy]) == set()
    finally:
        index.close()


def test_a_server_that_does_not_answer_is_one_clear_error(tmp_path: Path) -> None:
    port = _free_port()  # nothing listens here
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
