"""Sector scores, quotes and macro over synthetic frames."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from tests.unit.tools.conftest import make_frame
from tools.errors import DataRangeError, UnknownSymbolError
from tools.macro import macro
from tools.quotes import quotes
from tools.sectors import sector_scores, sector_symbols

D = dt.date


def sector_frames() -> dict[str, pd.DataFrame]:
    """80 weekdays per ETF; sector i grows at a steady daily rate that rises with i."""
    days = np.arange(80)
    frames = {}
    for i, symbol in enumerate(sector_symbols()):
        growth = 0.002 if symbol == "SPY" else -0.003 + 0.0006 * i
        frames[symbol] = make_frame(100 * (1 + growth) ** days, start="2024-01-01")
    return frames


def test_sector_scores_rank_all_eleven_deterministically() -> None:
    result = sector_scores(sector_frames())
    rows = result.records()
    assert len(rows) == 11
    assert [row["rank"] for row in rows] == list(range(1, 12))
    assert all(0.0 <= row["score"] <= 100.0 for row in rows)
    assert rows == sector_scores(sector_frames()).records()
    # Steady growth makes every component rank the same way: the fastest is best on all.
    assert (rows[0]["symbol"], rows[0]["score"]) == ("XLC", 100.0)
    assert (rows[-1]["symbol"], rows[-1]["score"]) == ("XLE", 0.0)
    assert {"sector", "symbol", "score", "rank", "rs_3m_pp", "trend_pct"} <= set(rows[0])
    assert "percentile" in result.provenance.method


def test_sectors_whose_closes_end_early_are_named_once_per_last_close() -> None:
    """Two sectors ending on one day share a clause: "XLB, XLRE (last close …)"."""
    frames = sector_frames()
    for symbol in ("XLB", "XLRE"):
        frames[symbol] = frames[symbol].iloc[:40]
    result = sector_scores(frames)
    assert {s for s, _ in result.left_out} == {"XLB", "XLRE"}
    [note] = [n for n in result.provenance.notes if "left out of the ranking" in n]
    last = frames["XLB"].index[-1].date()
    assert note.startswith(f"XLB, XLRE (last close {last}): closes end before"), note


def test_sector_components_by_hand() -> None:
    frames = sector_frames()
    xle = frames["XLE"]["Close"].to_numpy()
    row = next(r for r in sector_scores(frames).records() if r["symbol"] == "XLE")
    assert row["return_1m_pct"] == pytest.approx((xle[-1] / xle[-22] - 1) * 100)
    spy = frames["SPY"]["Close"].to_numpy()
    expected_rs = ((xle[-1] / xle[-64]) - (spy[-1] / spy[-64])) * 100
    assert row["rs_3m_pp"] == pytest.approx(expected_rs)
    assert row["trend_pct"] == pytest.approx((xle[-1] / xle[-50:].mean() - 1) * 100)


def test_sector_scores_need_every_etf_and_enough_history() -> None:
    frames = sector_frames()
    del frames["XLRE"], frames["SPY"]
    with pytest.raises(UnknownSymbolError, match="need XLRE, SPY"):
        sector_scores(frames)
    with pytest.raises(DataRangeError, match="63 trading days"):
        sector_scores(sector_frames(), as_of=D(2024, 3, 1))


def test_quotes_give_close_change_and_the_dates_used() -> None:
    a = make_frame([100, 102], start="2024-01-01")
    b = make_frame([50, 40, 45], start="2024-01-01")
    result = quotes({"A": a, "B": b})
    first, second = result.records()
    assert (first["date"], first["close"], first["change"]) == ("2024-01-02", 102.0, 2.0)
    assert first["change_pct"] == pytest.approx(2.0)
    assert second["change_pct"] == pytest.approx(12.5) and second["date"] == "2024-01-03"
    assert "different dates" in result.provenance.notes[0]
    assert result.provenance.as_of == D(2024, 1, 3)
    with pytest.raises(DataRangeError, match="previous close"):
        quotes({"A": a}, as_of=D(2024, 1, 1))


def macro_frames() -> dict[str, pd.DataFrame]:
    days = 30
    return {
        "^TNX": make_frame(np.linspace(4.0, 4.3, days), start="2024-01-01"),
        "^FVX": make_frame(np.full(days, 3.9), start="2024-01-01"),
        "^VIX": make_frame(np.linspace(20, 19.5, days), start="2024-01-01"),
        "HYG": make_frame(np.linspace(75, 78, days), start="2024-01-01"),
        "LQD": make_frame(np.full(days - 10, 100.0), start="2024-01-01"),  # stops early
        "TLT": make_frame(np.full(days, 90.0), start="2024-01-01"),
    }


def test_macro_rows_changes_and_directions() -> None:
    result = macro(macro_frames())
    rows = {row["indicator"]: row for row in result.records()}
    tnx = rows["10-year yield"]
    assert tnx["value"] == pytest.approx(4.3) and tnx["unit"] == "%"
    assert tnx["change_1m"] == pytest.approx((4.3 - (4.0 + 0.3 * 8 / 29)) * 100)  # bp
    assert tnx["direction"] == "up"
    slope = rows["10y-5y slope"]
    assert slope["value"] == pytest.approx(40.0) and slope["unit"] == "bp"
    assert rows["VIX"]["direction"] == "flat"  # under one point
    credit = rows["credit proxy HYG/TLT"]  # LQD is 10 days stale, so TLT stands in
    assert credit["value"] == pytest.approx(78 / 90)
    notes = " ".join(result.provenance.notes)
    assert "LQD ends 2024-01-26" in notes and "^IRX is not in the price store" in notes


def test_macro_says_when_a_series_is_old() -> None:
    frames = macro_frames()
    frames["^FVX"] = frames["^FVX"].iloc[:5]
    result = macro(frames)
    slope = next(r for r in result.records() if r["indicator"] == "10y-5y slope")
    assert slope["date"] == "2024-01-05" and slope["change_1m"] is None
    assert any("last close 2024-01-05" in note for note in result.provenance.notes)


def test_macro_leaves_out_a_reading_that_ends_before_the_period_asked() -> None:
    """ "How did the 10-year yield move in February?" is not answered by January's close: the
    yield and its slope are left out, with a note; the readings that reach February stay. A
    trailing span ("1M") has no first day and keeps every reading, dated."""
    frames = macro_frames()
    frames["^TNX"] = frames["^TNX"].iloc[:5]  # ends 2024-01-05
    result = macro(frames, period="2024-02")
    indicators = {row["indicator"] for row in result.records()}
    assert "10-year yield" not in indicators and "10y-5y slope" not in indicators
    assert "VIX" in indicators
    left_out = [n for n in result.provenance.notes if n.key == "ended_before_span"]
    assert {n.facts["symbol"] for n in left_out} == {"^TNX", "^TNX-^FVX"}
    assert not any(n.key == "stale" for n in result.provenance.notes)  # said once
    assert "10-year yield" in {row["indicator"] for row in macro(frames, period="1M").records()}
    only = {"^TNX": frames["^TNX"]}
    with pytest.raises(DataRangeError, match="before 2024-02 began on 2024-02-01"):
        macro(only, period="2024-02")


def test_macro_errors() -> None:
    with pytest.raises(UnknownSymbolError, match="macro needs some of"):
        macro({"SPY": make_frame([1, 2])})
    with pytest.raises(DataRangeError, match="after the last stored close of every macro"):
        macro(macro_frames(), as_of=D(2030, 1, 1))
