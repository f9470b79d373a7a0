"""Correctness against ../shared/data/prices: our figures equal the published ones.

Calendar-year price returns of the four major US indices, as published (S&P Dow Jones Indices,
Nasdaq, FTSE Russell) and widely reported, to 0.01 percentage points. Index levels in the shared
files are unadjusted closes, so these are exact price returns. Only figures whose published
two-decimal value we are sure of are listed (Russell 2000 before 2022 is usually quoted to one
decimal, so it is left out rather than guessed).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tools.errors import DataRangeError, PeriodError, UnknownSymbolError
from tools.market import MarketData

pytestmark = pytest.mark.integration
PUBLISHED = [
    ("^GSPC", 2019, 28.88), ("^GSPC", 2020, 16.26), ("^GSPC", 2021, 26.89),
    ("^GSPC", 2022, -19.44), ("^GSPC", 2023, 24.23), ("^GSPC", 2024, 23.31),
    ("^IXIC", 2019, 35.23), ("^IXIC", 2020, 43.64), ("^IXIC", 2021, 21.39),
    ("^IXIC", 2022, -33.10), ("^IXIC", 2023, 43.42), ("^IXIC", 2024, 28.64),
    ("^DJI", 2019, 22.34), ("^DJI", 2020, 7.25), ("^DJI", 2021, 18.73),
    ("^DJI", 2022, -8.78), ("^DJI", 2023, 13.70), ("^DJI", 2024, 12.88),
    ("^RUT", 2022, -21.56), ("^RUT", 2023, 15.09), ("^RUT", 2024, 10.02),
]  # fmt: skip


@pytest.mark.parametrize(("symbol", "year", "published"), PUBLISHED)
def test_calendar_year_returns_equal_the_published_figures(
    shared_market: MarketData, symbol: str, year: int, published: float
) -> None:
    row = shared_market.index_returns([symbol], year=year).records()[0]
    assert round(row["return_pct"], 2) == published
    assert row["start_date"][:4] == str(year - 1) and row["end_date"][:4] == str(year)


def test_sp500_2024_uses_the_published_closes(shared_market: MarketData) -> None:
    row = shared_market.index_returns(["标普500"], year=2024).records()[0]
    assert (row["start_date"], row["start_close"]) == ("2023-12-29", pytest.approx(4769.83))
    assert (row["end_date"], row["end_close"]) == ("2024-12-31", pytest.approx(5881.63))


def test_russell_2000_ytd_as_of_2026_01_23(shared_market: MarketData) -> None:
    result = shared_market.index_returns(
        ["罗素2000", "标普500"], period="YTD", as_of="2026-01-23", benchmark="^GSPC"
    )
    rut, spx = result.records()
    assert (rut["symbol"], rut["start_date"], rut["end_date"]) == (
        "^RUT",
        "2025-12-31",
        "2026-01-23",
    )
    assert round(rut["return_pct"], 2) == 7.54
    assert round(rut["spread_pp"], 2) == round(rut["return_pct"] - spx["return_pct"], 2)
    assert result.provenance.as_of == dt.date(2026, 1, 23)
    assert "CSV import" in result.provenance.source and "^RUT.csv" in result.provenance.source


def test_a_weekend_as_of_uses_friday(shared_market: MarketData) -> None:
    saturday = shared_market.index_returns(["^RUT"], period="YTD", as_of="2026-01-24")
    assert saturday.records()[0]["end_date"] == "2026-01-23"
    assert round(saturday.records()[0]["return_pct"], 2) == 7.54


def test_errors_name_the_problem(shared_market: MarketData) -> None:
    with pytest.raises(UnknownSymbolError, match=r"unknown symbol 'FOO': not in the price store"):
        shared_market.index_returns(["FOO"])
    with pytest.raises(DataRangeError, match=r"as-of 2030-01-01 is after .* \^GSPC \(2026-08-21\)"):
        shared_market.index_returns(["^GSPC"], as_of="2030-01-01")
    with pytest.raises(DataRangeError, match=r"as-of 1900-01-02 is before .* \^GSPC"):
        shared_market.quotes(["^GSPC"], as_of="1900-01-02")
    with pytest.raises(DataRangeError, match=r"stored prices start 2018-06-19"):
        shared_market.index_returns(["XLC"], period="1Y", as_of="2019-01-02")
    with pytest.raises(DataRangeError, match="no stored closes of XLC in 2017"):
        shared_market.index_returns(["XLC"], year=2017)
    with pytest.raises(DataRangeError, match="empty range"):
        shared_market.index_returns(["^GSPC"], start="2024-01-06", end="2024-01-07")
    with pytest.raises(PeriodError, match="bad start date"):
        shared_market.index_returns(["^GSPC"], start="2024-13-01")


def test_sector_scores_on_the_shared_data(shared_market: MarketData) -> None:
    result = shared_market.sector_scores(as_of="2026-01-23")
    rows = result.records()
    assert len(rows) == 11 and [row["rank"] for row in rows] == list(range(1, 12))
    assert all(0 <= row["score"] <= 100 for row in rows)
    assert {row["date"] for row in rows} == {"2026-01-23"}
    assert result.records() == shared_market.sector_scores(as_of="2026-01-23").records()
    # XLB's history has an unadjusted 2:1 split on 2025-11-17; the note must say so.
    assert any("XLB: close moved -51% on 2025-11-17" in n for n in result.provenance.notes)


def test_sector_scores_leave_out_the_sectors_whose_closes_end_early(
    shared_market: MarketData,
) -> None:
    # XLB, XLRE and XLC end 2026-02-23, SPY and the other eight run to 2026-08-21: the ranking
    # is as of SPY's last close without those three, not moved back six months for all.
    for result in (shared_market.sector_scores(), shared_market.sector_scores(as_of="2026-08-21")):
        assert result.provenance.as_of == dt.date(2026, 8, 21)
        ranked = {r["symbol"] for r in result.records()}
        assert len(ranked) == 8 and not ranked & {"XLB", "XLRE", "XLC"}
        assert {s for s, _ in result.left_out} == {"XLB", "XLRE", "XLC"}
        closed = "XLB, XLRE, XLC (last close 2026-02-23): closes end before 2026-08-21"
        assert any(note.startswith(closed) for note in result.provenance.notes)
        assert [r["rank"] for r in result.records()] == list(range(1, 9))
    before = shared_market.sector_scores(as_of="2026-02-20")  # all eleven have closes then
    assert len(before.records()) == 11 and before.left_out == ()


def test_quotes_and_macro_on_the_shared_data(shared_market: MarketData) -> None:
    iwm, spy = shared_market.quotes(["IWM", "SPY"], as_of="2026-01-23").records()
    assert iwm["date"] == spy["date"] == "2026-01-23"
    assert iwm["change_pct"] == pytest.approx((iwm["close"] / iwm["previous_close"] - 1) * 100)
    rows = {r["indicator"]: r for r in shared_market.macro(as_of="2026-01-23").records()}
    assert rows["10-year yield"]["value"] == pytest.approx(4.239)  # Yahoo quotes ^TNX in %
    assert rows["10y-5y slope"]["date"] == "2025-11-14"  # ^FVX ends there; not silently current
    assert rows["credit proxy HYG/LQD"]["unit"] == "ratio"


def test_an_index_whose_closes_stop_early_is_answered_by_its_etf(shared_market: MarketData) -> None:
    # ^RUT ends 2026-02-23 in the shared data, IWM and SPY run to 2026-08-21
    result = shared_market.index_returns(["^RUT", "^GSPC"], period="YTD", benchmark="^GSPC")
    assert [r["symbol"] for r in result.records()] == ["IWM", "SPY"]
    assert result.provenance.as_of == dt.date(2026, 8, 21)
    assert [(s.symbol, s.proxy, s.early) for s in result.stand_ins] == [
        ("^RUT", "IWM", True), ("^GSPC", "SPY", False)
    ]  # fmt: skip
    assert any("stands in for it" in note for note in result.provenance.notes)
    covered = shared_market.index_returns(["^RUT", "^GSPC"], period="YTD", as_of="2026-01-23")
    assert [r["symbol"] for r in covered.records()] == ["^RUT", "^GSPC"] and not covered.stand_ins
