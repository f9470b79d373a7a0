"""Fixtures for the library's tests: small inputs of our own and indexes in temporary
directories (local Chroma, local embedding, no worker processes). Tests on the seeds and the
news in ../shared are in tests/integration."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from benchmarks.harness.paths import FIXTURES
from ingest.embeddings import Embedder, LocalHashEmbedder
from ingest.index import Index
from ingest.models import Article
from ingest.parsers import Origin, parse

INGEST_FIXTURES = FIXTURES / "ingest"


def read_article(path: Path) -> Article:
    """The one article in a fixture file, parsed as the pipeline would."""
    fmt = {".md": "text", ".txt": "text", ".html": "html"}[path.suffix]
    found = list(
        parse(fmt, path.read_bytes(), Origin(path=str(path), name=path.name), max_line_bytes=10**6)
    )
    assert len(found) == 1 and isinstance(found[0], Article)
    return found[0]


def open_index(directory: Path, embedder: Embedder | None = None) -> Index:
    return Index.open(directory, embedder=embedder or LocalHashEmbedder(), workers=0)


@pytest.fixture
def fixtures() -> Path:
    return INGEST_FIXTURES


@pytest.fixture
def make_index(tmp_path: Path) -> Iterator[Callable[..., Index]]:
    """Opens indexes under this test's temporary directory and closes them afterwards."""
    opened: list[Index] = []

    def make(name: str = "library", embedder: Embedder | None = None) -> Index:
        index = open_index(tmp_path / name, embedder)
        opened.append(index)
        return index

    yield make
    for index in opened:
        index.close()
