"""The yfinance provider, offline: Yahoo chart bodies replayed through `responses` (yfinance
gets a requests.Session from us), the transform below yfinance, and the deadline against a
loopback proxy that accepts connections and never answers. The bodies recorded from Yahoo
(../shared) are tests/integration/test_yahoo_recorded.py's."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import requests
import responses

from benchmarks.harness.paths import FIXTURES
from tests.unit.tools.conftest import NOW
from tools.errors import ProviderError, ProviderTimeout
from tools.market import MarketData
from tools.store import PriceStore
from tools.yahoo import YahooProvider, transform_data, transform_query

CHART = re.compile(r"https://query\d\.finance\.yahoo\.com/v8/finance/chart/.*")
MADE_UP = FIXTURES / "prices" / "yahoo" / "chart-^GSPC-made-up.json"


@contextmanager
def replayed_yahoo() -> Iterator[responses.RequestsMock]:
    """Yahoo's cookie and crumb endpoints answered; the caller adds the chart body."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(re.compile(r"https://fc\.yahoo\.com.*"), body="")
        mock.get(re.compile(r"https://query\d\.finance\.yahoo\.com/v1/test/getcrumb.*"), body="c")
        yield mock


@pytest.fixture
def yahoo() -> Iterator[responses.RequestsMock]:
    """Yahoo replayed: the cookie and crumb endpoints answered; a test adds the chart body."""
    with replayed_yahoo() as mock:
        yield mock


@pytest.fixture
def provider(tmp_path: Path) -> YahooProvider:
    return YahooProvider(timeout_s=30, cache_dir=tmp_path / "yfinance-cache")


def serve_chart(mock: responses.RequestsMock, body: str, status: int = 200) -> None:
    mock.get(CHART, body=body, status=status, content_type="application/json")


def test_a_chart_body_becomes_a_price_frame(
    yahoo: responses.RequestsMock, provider: YahooProvider
) -> None:
    serve_chart(yahoo, MADE_UP.read_text())
    frame = provider.fetch("^GSPC", None)
    assert len(frame) == 11 and frame.index.tz is None
    assert frame.index[0] == pd.Timestamp("2026-01-02") and frame.index[-1] == pd.Timestamp(
        "2026-01-16"
    )
    assert frame["Close"].iloc[0] == 5050.0 and frame["Close"].iloc[-1] == 5400.0
    chart_calls = [c for c in yahoo.calls if "/v8/finance/chart/" in c.request.url]
    assert any("period1=" in c.request.url for c in chart_calls)  # asked by dates, not range


def test_an_http_error_is_a_provider_error(
    yahoo: responses.RequestsMock, provider: YahooProvider
) -> None:
    body = '{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found"}}}'
    serve_chart(yahoo, body, status=404)
    with pytest.raises(ProviderError, match="FOO"):
        provider.fetch("FOO", None)


def test_transform_query_maps_our_request_to_yfinance_arguments() -> None:
    everything = transform_query("^GSPC", None, 10.0)
    assert everything.ticker == "^GSPC"
    assert everything.params["period"] == "max" and "start" not in everything.params
    assert everything.params["auto_adjust"] is True and everything.params["timeout"] == 10.0
    since = transform_query("SPY", dt.date(2026, 1, 2), 5.0)
    assert since.params["start"] == "2026-01-02" and "period" not in since.params
    assert "end" not in since.params  # up to now, and never from yfinance's in-process cache


def test_transform_data_below_yfinance() -> None:
    """A frame shaped like Ticker.history's (tz-aware midnight stamps, NaN bars) -> ours."""
    index = pd.DatetimeIndex(
        ["2026-01-02", "2026-01-05", "2026-01-05", "2026-01-06"], name="Date"
    ).tz_localize("America/New_York")
    raw = pd.DataFrame(
        {
            "Open": [1.0, 2.0, 2.5, 3.0],
            "High": [1.0, 2.0, 2.5, 3.0],
            "Low": [1.0, 2.0, 2.5, 3.0],
            "Close": [1.0, 2.0, 2.5, np.nan],
            "Volume": [10, 20, 25, 30],
        },
        index=index,
    )
    frame = transform_data("SPY", raw)
    assert frame.index.tz is None and frame.index.name == "Date"
    assert [d.date().isoformat() for d in frame.index] == ["2026-01-02", "2026-01-05"]
    assert frame["Close"].tolist() == [1.0, 2.5]  # NaN bar dropped, the later duplicate kept
    with pytest.raises(ProviderError, match="no prices for SPY"):
        transform_data("SPY", raw.iloc[0:0])


class StalledServer:
    """A loopback TCP server that accepts connections and never sends a byte."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        self.connected = threading.Event()
        self.closed = threading.Event()
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return  # closed at teardown
            if self.closed.is_set():  # a retry that raced the teardown: refused like the rest
                connection.close()
                return
            self.held.append(connection)
            self.connected.set()

    def close(self) -> None:
        """Stop accepting, then drop every connection. Closing a listening socket does not
        wake a thread blocked in accept() on Linux: without the shutdown, the retry that the
        dropped connection sets off is accepted and held, and the call our deadline gave up
        on stays inside yfinance for its 30 s timeout, holding yfinance's process-wide cookie
        lock, which stalls the next test's yfinance call."""
        self.closed.set()
        with suppress(OSError):
            self.server.shutdown(socket.SHUT_RDWR)
        self.server.close()
        for connection in self.held:
            connection.close()


@pytest.fixture
def stalled() -> Iterator[StalledServer]:
    server = StalledServer()
    yield server
    server.close()


def stalled_provider(server: StalledServer, cache_dir: Path) -> YahooProvider:
    def session() -> requests.Session:
        through_proxy = requests.Session()
        through_proxy.trust_env = False
        through_proxy.proxies = {"http": server.url, "https": server.url}
        return through_proxy

    return YahooProvider(timeout_s=0.5, cache_dir=cache_dir, session_factory=session)


def test_the_deadline_fires_when_yahoo_never_answers(
    stalled: StalledServer, tmp_path: Path
) -> None:
    provider = stalled_provider(stalled, tmp_path / "yf")
    started = time.monotonic()
    with pytest.raises(ProviderTimeout, match=r"yfinance did not answer within 0.5 s"):
        provider.fetch("^GSPC", None)
    assert time.monotonic() - started < 3.0  # yfinance alone would wait 30 s and more
    assert stalled.connected.wait(5), "the request never reached the stalled server"


def test_market_data_falls_back_to_stored_prices_with_a_note(
    stalled: StalledServer, tmp_path: Path
) -> None:
    store = PriceStore(tmp_path / "prices")
    MarketData(store, clock=lambda: NOW - dt.timedelta(days=2)).import_csv(
        [FIXTURES / "prices" / "shared_layout"]
    )
    market = MarketData(store, stalled_provider(stalled, tmp_path / "yf"), clock=lambda: NOW)
    started = time.monotonic()
    result = market.quotes(["标普500"])
    assert time.monotonic() - started < 3.0
    assert result.records()[0]["close"] == 5250.0
    assert result.provenance.notes[0] == (
        "yfinance did not answer within 0.5 s; using stored prices: last close 2026-01-09, "
        "315 days old, for ^GSPC"
    )
    assert store.failed_attempts() == {"^GSPC": NOW}
    # The failure is remembered: the next call does not wait for the network again.
    started = time.monotonic()
    again = market.quotes(["^GSPC"])
    assert time.monotonic() - started < 0.4
    assert "yfinance" not in again.provenance.notes[0] and "315 days" in again.provenance.notes[0]


def test_sync_extends_an_imported_symbol(
    yahoo: responses.RequestsMock, provider: YahooProvider, tmp_path: Path
) -> None:
    serve_chart(yahoo, MADE_UP.read_text())
    store = PriceStore(tmp_path / "prices")
    market = MarketData(store, provider, clock=lambda: NOW)
    market.import_csv([FIXTURES / "prices" / "shared_layout"])
    (outcome,) = market.sync(["标普500"])
    assert outcome.error is None and outcome.meta is not None
    assert outcome.added == 5  # 2026-01-12 .. 2026-01-16; the overlap agreed with the CSV
    assert outcome.meta.origin == "csv import: ^GSPC.csv + yfinance"
    assert (outcome.meta.first, outcome.meta.last) == (dt.date(2025, 12, 26), dt.date(2026, 1, 16))
    source = market.quotes(["^GSPC"]).provenance.source
    assert "CSV import of ^GSPC.csv, extended by yfinance (2026-11-20 12:00 UTC)" in source


def test_a_second_data_directory_gets_yfinances_caches_though_the_first_is_gone(
    yahoo: responses.RequestsMock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """yfinance keeps the caches it opened: a process that served one data directory (removed
    since, as a benchmark's or a test's is) and then another fetched nothing but "unable to
    open database file", which was no provider error either."""
    from yfinance import cache

    monkeypatch.setattr(cache._TzCacheManager, "_tz_cache", None)  # none opened by other tests
    serve_chart(yahoo, MADE_UP.read_text())
    first = tmp_path / "first"
    YahooProvider(timeout_s=30, cache_dir=first).fetch("^GSPC", None)
    shutil.rmtree(first)
    second = YahooProvider(timeout_s=30, cache_dir=tmp_path / "second")
    assert second.fetch("^NDX", None)["Close"].iloc[-1] == 5400.0  # a ticker it has no zone of
    assert (tmp_path / "second").is_dir()
