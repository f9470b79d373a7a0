"""Fixtures for the market-data tests: synthetic price frames and an empty store (the whole
shared price set is tests/integration's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pytest

from tools.store import PriceStore

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


class StubProvider:
    """Serves fixed frames; `fail` maps a symbol to the error its fetch raises."""

    name = "stub"
    timeout_s = 1.0

    def __init__(
        self, frames: dict[str, pd.DataFrame], fail: dict[str, Exception] | None = None
    ) -> None:
        self.frames = frames
        self.fail = fail or {}
        self.calls: list[tuple[str, dt.date | None]] = []

    def fetch(self, symbol: str, start: dt.date | None) -> pd.DataFrame:
        self.calls.append((symbol, start))
        if symbol in self.fail:
            raise self.fail[symbol]
        frame = self.frames[symbol]
        return frame[frame.index >= pd.Timestamp(start)] if start else frame


def make_frame(closes: Sequence[float], start: str = "2024-01-02") -> pd.DataFrame:
    """A price frame on consecutive weekdays from `start` with the given closes."""
    index = pd.bdate_range(start, periods=len(closes), name="Date").astype("datetime64[ns]")
    values = [float(c) for c in closes]
    return pd.DataFrame(
        {"Open": values, "High": values, "Low": values, "Close": values, "Volume": 0.0},
        index=index,
    )


@pytest.fixture
def store(tmp_path: Path) -> PriceStore:
    return PriceStore(tmp_path / "prices")
