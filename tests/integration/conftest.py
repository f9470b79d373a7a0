"""Fixtures over the sample data in ../shared (the seed articles and the whole price set). A test
that needs a part of ../shared that is absent skips, saying which. (The real LLM server,
`real_llm`, is tests/conftest.py's: the browser tests use it too.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.harness.paths import SHARED
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
