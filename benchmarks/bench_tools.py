"""Market-data tools on the whole shared price set: cold and warm time per call, peak memory.

Cold: the first call after the in-process frame cache is cleared, with a fresh MarketData, so
it reads every Parquet file it needs from the store on disk. Warm: the median of repeated calls
once the frames are cached. Peak memory: tracemalloc's peak during one cold call (Python
allocations, including pandas/numpy buffers; Arrow's own buffers are counted separately as the
Arrow pool's peak), and the process's max RSS at the end.

Goals (2-core machine): warm sector scores / index returns < 20 ms, cold < 300 ms.
The provider is an offline stand-in that fails at once, so the refresh checks run as they do
in the product, and nothing goes online: this measures our code, not Yahoo.
"""

from __future__ import annotations

import datetime as dt
import resource
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa

from tools.errors import ProviderError
from tools.market import MarketData
from tools.result import ToolResult
from tools.store import PriceStore, clear_cache

SHARED_PRICES = Path(__file__).resolve().parents[2] / "shared" / "data" / "prices"
WARM_CALLS = 50


class OfflineProvider:
    """Fails like yfinance on a machine without network, without the wait."""

    name = "yfinance"
    timeout_s = 10.0

    def fetch(self, symbol: str, start: dt.date | None) -> pd.DataFrame:
        raise ProviderError(f"yfinance could not reach Yahoo for {symbol} (benchmark: offline)")


def _market(store: PriceStore) -> MarketData:
    return MarketData(store, OfflineProvider())


CALLS: dict[str, Callable[[MarketData], ToolResult]] = {
    "index returns (4 indices, YTD, benchmark)": lambda m: m.index_returns(
        ["^GSPC", "^IXIC", "^DJI", "^RUT"], period="YTD", as_of="2026-01-23", benchmark="^GSPC"
    ),
    "index returns (^GSPC, calendar 2024)": lambda m: m.index_returns(["^GSPC"], year=2024),
    "sector scores (11 ETFs + SPY)": lambda m: m.sector_scores(as_of="2026-01-23"),
    "quotes (SPY QQQ IWM DIA)": lambda m: m.quotes(["SPY", "QQQ", "IWM", "DIA"]),
    "macro": lambda m: m.macro(as_of="2026-01-23"),
}


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def _cold(store: PriceStore, call: Callable[[MarketData], ToolResult]) -> float:
    clear_cache()
    started = time.perf_counter()
    call(_market(store))
    return time.perf_counter() - started


def _warm(market: MarketData, call: Callable[[MarketData], ToolResult]) -> float:
    call(market)
    timings = []
    for _ in range(WARM_CALLS):
        started = time.perf_counter()
        call(market)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def _peak_mb(store: PriceStore, call: Callable[[MarketData], ToolResult]) -> float:
    clear_cache()
    tracemalloc.start()
    call(_market(store))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    if not SHARED_PRICES.is_dir():
        print(f"skipped: needs the shared price set at {SHARED_PRICES}")
        return
    with tempfile.TemporaryDirectory(prefix="marketbrief-bench-") as tmp:
        store = PriceStore(Path(tmp) / "prices")
        started = time.perf_counter()
        report = MarketData(store).import_csv([SHARED_PRICES])
        rows = sum(item.meta.rows for item in report.imported)
        print(
            f"imported {len(report.imported)} symbols, {rows:,} rows in "
            f"{time.perf_counter() - started:.2f} s"
        )
        print(f"{'tool':45} {'cold':>11} {'warm (median)':>14} {'peak alloc':>11}")
        for name, call in CALLS.items():
            cold = _cold(store, call)
            warm = _warm(_market(store), call)
            peak = _peak_mb(store, call)
            print(f"{name:45} {_ms(cold):>11} {_ms(warm):>14} {peak:8.1f} MB")
        maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        arrow_mb = pa.default_memory_pool().max_memory() / 1e6
        print(f"process max RSS: {maxrss_mb:.0f} MB; Arrow pool peak: {arrow_mb:.1f} MB")


if __name__ == "__main__":
    main()
