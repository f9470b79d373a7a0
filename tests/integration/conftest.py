"""Fixtures over the sample data in ../shared (the seed articles and the whole price set) and a
real LLM server. A test that needs a part of ../shared that is absent skips, saying which; one
that needs the LLM server skips without it, but fails under CI=true (CI installs it first)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.harness import llm_server
from benchmarks.harness.paths import SHARED
from tests.machine import lacking
from tests.unit.tools.conftest import NOW
from tests.unit.tools.test_yahoo import provider, yahoo  # noqa: F401 (fixtures the unit tests share)
from tools.market import MarketData
from tools.store import PriceStore


@pytest.fixture
def seeds(shared_dir: Path) -> list[Path]:
    paths = sorted((shared_dir / "seeds").glob("*.txt"))
    if len(paths) < 2:
        pytest.skip("needs the two seed articles in ../shared/seeds")
    return paths


@pytest.fixture(scope="session")
def shared_market(tmp_path_factory: pytest.TempPathFactory) -> MarketData:
    """MarketData over every CSV in ../shared/data/prices, without a provider."""
    prices = SHARED / "data" / "prices"
    if not prices.is_dir():
        pytest.skip(f"needs {prices} beside the project")
    market = MarketData(PriceStore(tmp_path_factory.mktemp("shared") / "prices"), clock=lambda: NOW)
    report = market.import_csv([prices])
    assert report.imported and not report.rejected
    return market


@pytest.fixture(scope="session")
def real_llm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[llm_server.LlamaServer]:
    """llama.cpp's OpenAI-compatible server with SmolLM2-135M-Instruct, one for the session
    (start-up loads the model: a few seconds). Its log is in the session's tmp directory."""
    reason = llm_server.missing()
    if reason:
        lacking(reason)
    with llm_server.llm_server(tmp_path_factory.mktemp("llm-server")) as server:
        yield server
