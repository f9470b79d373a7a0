"""The yfinance provider on chart bodies recorded from Yahoo (../shared/data/yahoo_chart),
replayed through `responses`: every daily chart parses into our price frame with Yahoo's
adjusted closes, and a body without prices is a ProviderError."""

from __future__ import annotations

import json

import numpy as np
import pytest
import responses

from benchmarks.harness.paths import SHARED
from tests.unit.tools.test_yahoo import serve_chart
from tools.errors import ProviderError
from tools.yahoo import YahooProvider

pytestmark = pytest.mark.integration
RECORDED = SHARED / "data" / "yahoo_chart"


def recorded_daily_bodies() -> list[dict[str, object]]:
    index = RECORDED / "INDEX.json"
    if not index.is_file():
        return []
    entries = json.loads(index.read_text())
    return [e for e in entries if e["granularity"] == "1d" and e["n_bars"] and not e["fake"]]


@pytest.mark.parametrize("entry", recorded_daily_bodies(), ids=lambda e: str(e["file"]))
def test_every_recorded_daily_chart_parses(
    entry: dict[str, object], yahoo: responses.RequestsMock, provider: YahooProvider
) -> None:
    body = (RECORDED / "raw_bodies" / str(entry["file"])).read_text()
    serve_chart(yahoo, body)
    frame = provider.fetch(str(entry["symbol"]), None)
    assert len(frame) == entry["n_bars"]
    result = json.loads(body)["chart"]["result"][0]
    adjclose = result["indicators"].get("adjclose", [{}])[0].get("adjclose")
    if adjclose:  # auto_adjust: our Close is Yahoo's adjusted close
        expected = np.array([v for v in adjclose if v is not None], dtype=float)
        np.testing.assert_allclose(frame["Close"].to_numpy(), expected, rtol=1e-6)


def test_recorded_bodies_are_there_to_test() -> None:
    if not RECORDED.is_dir():
        pytest.skip(f"needs {RECORDED}")
    assert len(recorded_daily_bodies()) >= 40


@pytest.mark.parametrize(
    "name",
    ["chart-notimestamp-quotes-length.fake.json", "chart-TSLA-2025-01-01-to-2025-01-02-"
     "interval-1h.fake.json"],
)  # fmt: skip
def test_a_body_without_prices_is_a_provider_error(
    name: str, yahoo: responses.RequestsMock, provider: YahooProvider
) -> None:
    path = RECORDED / "raw_bodies" / name
    if not path.is_file():
        pytest.skip(f"needs {path}")
    serve_chart(yahoo, path.read_text())
    with pytest.raises(ProviderError, match="yfinance"):
        provider.fetch("AAPL", None)
