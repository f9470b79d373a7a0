"""Properties that must hold for any prices, checked with hypothesis."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.tools.conftest import make_frame
from tools.periods import date_range
from tools.returns import index_returns
from tools.sectors import sector_scores, sector_symbols

prices = st.lists(st.floats(1.0, 1000.0), min_size=3, max_size=60)


@settings(max_examples=50, deadline=None)
@given(prices, st.data())
def test_returns_compound_across_a_split_point(closes: list[float], data: st.DataObject) -> None:
    frame = make_frame(closes, start="2024-01-01")
    days = [d.date() for d in frame.index]
    middle = data.draw(st.integers(1, len(days) - 2))

    def growth(start: dt.date, end: dt.date) -> float:
        row = index_returns({"X": frame}, date_range(start, end)).records()[0]
        return 1 + row["return_pct"] / 100

    whole = growth(days[0], days[-1])
    assert np.isclose(growth(days[0], days[middle]) * growth(days[middle], days[-1]), whole)
    drawdown = index_returns({"X": frame}, date_range(days[0])).records()[0]["max_drawdown_pct"]
    assert -100 < drawdown <= 0


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(-0.01, 0.01), min_size=12, max_size=12), st.integers(0, 2**32 - 1))
def test_sector_scores_are_bounded_and_ranks_complete(drifts: list[float], seed: int) -> None:
    rng = np.random.default_rng(seed)
    frames = {
        symbol: make_frame(100 * np.cumprod(1 + drift + rng.normal(0, 0.01, 70)))
        for symbol, drift in zip(sector_symbols(), drifts, strict=True)
    }
    rows = sector_scores(frames).records()
    assert sorted(row["rank"] for row in rows) == list(range(1, 12))
    assert all(0 <= row["score"] <= 100 for row in rows)
    assert [row["score"] for row in rows] == sorted((row["score"] for row in rows), reverse=True)
