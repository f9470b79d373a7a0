"""MarketData: names, arguments, the refresh policy and the provenance it writes."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.unit.tools.conftest import NOW, StubProvider, make_frame
from tools.errors import DataRangeError, PeriodError, ProviderError, UnknownSymbolError
from tools.market import MarketData
from tools.store import PriceStore

# Mon 2024-01-01 .. Fri 2024-01-12, and the same series a week longer.
SPY = make_frame(range(100, 110), start="2024-01-01")
SPY_LONGER = make_frame(range(100, 115), start="2024-01-01")


def market_with(
    store: PriceStore, provider: StubProvider | None, updated: dt.datetime
) -> MarketData:
    store.save("SPY", SPY, "csv import: SPY.csv", updated)
    store.save("^GSPC", SPY * 10, "csv import: ^GSPC.csv", updated)
    return MarketData(store, provider, clock=lambda: NOW)


def test_stale_symbols_are_refreshed_when_the_provider_answers(store: PriceStore) -> None:
    provider = StubProvider({"SPY": SPY_LONGER})
    market = market_with(store, provider, NOW - dt.timedelta(days=1))
    result = market.quotes(["SPY"])
    assert provider.calls == [("SPY", dt.date(2024, 1, 2))]  # from 10 days before its last close
    assert result.records()[0]["date"] == "2024-01-19"
    assert "extended by yfinance" in result.provenance.source
    assert not any("stub" in note for note in result.provenance.notes)


def test_fresh_symbols_are_not_refreshed(store: PriceStore) -> None:
    provider = StubProvider({"SPY": SPY_LONGER})
    market = market_with(store, provider, NOW - dt.timedelta(hours=1))
    market.quotes(["SPY"])
    assert provider.calls == []


def test_history_the_store_covers_is_never_refreshed(store: PriceStore) -> None:
    provider = StubProvider({"SPY": SPY_LONGER})
    market = market_with(store, provider, NOW - dt.timedelta(days=30))
    market.index_returns(["SPY"], start="2024-01-02", end="2024-01-10")
    market.quotes(["SPY"], as_of="2024-01-10")
    assert provider.calls == []


def test_the_current_day_of_a_snapshot_is_its_last_close(store: PriceStore) -> None:
    """ "Yesterday" counts back from today while the store is live or due a refresh; from its
    last close (Friday 2024-01-12) when it ends earlier and nothing will be fetched."""
    today = NOW.date()
    assert market_with(store, None, NOW).current_day(today) == dt.date(2024, 1, 12)
    recent = market_with(store, StubProvider({}), NOW - dt.timedelta(hours=1))
    assert recent.current_day(today) == dt.date(2024, 1, 12)  # just imported: not refreshed
    due = market_with(store, StubProvider({}), NOW - dt.timedelta(days=2))
    assert due.current_day(today) == today  # a refresh will bring the days asked
    assert due.current_day(dt.date(2024, 1, 10)) == dt.date(2024, 1, 10)  # the store covers it


def test_this_month_is_the_month_of_the_stores_latest_close(store: PriceStore) -> None:
    """A store whose closes end Friday 2024-01-12 answers "this month" for January: a yield
    series that stopped in December has no month-to-date move to give (its December's is not
    January's), so it is left out, or, asked alone, the tool says why. With a provider that
    could not refresh them, the same."""
    market = market_with(store, StubProvider({}), NOW)
    store.save("QQQ", make_frame(range(100, 131), start="2023-12-01"), "csv import", NOW)
    store.save("^TNX", make_frame([4.0] * 23, start="2023-11-20"), "csv import", NOW)
    result = market.index_returns(["QQQ", "^TNX"], period="MTD")
    assert [row["symbol"] for row in result.records()] == ["QQQ"]
    assert any(note.startswith("^TNX's stored closes end on 2023-12-20") for note in
               result.provenance.notes)  # fmt: skip
    with pytest.raises(DataRangeError, match="before MTD began on 2024-01-01"):
        market.index_returns(["^TNX"], period="MTD")
    assert market.index_returns(["^TNX"], period="MTD", as_of="2023-12-20").records()


def test_a_failed_refresh_uses_stored_prices_and_says_how_old(store: PriceStore) -> None:
    provider = StubProvider({}, fail={"SPY": ProviderError("yfinance has no prices for SPY")})
    market = market_with(store, provider, NOW - dt.timedelta(days=1))
    result = market.quotes(["SPY"])
    assert result.records()[0]["date"] == "2024-01-12"
    assert result.provenance.notes[0] == (
        "yfinance has no prices for SPY; using stored prices: last close 2024-01-12, "
        "1043 days old, for SPY"
    )
    market.quotes(["SPY"])  # remembered: not asked again within refresh_after
    assert len(provider.calls) == 1


def test_a_symbol_not_stored_is_fetched_or_explained(store: PriceStore) -> None:
    provider = StubProvider({"QQQ": SPY}, fail={"FOO": ProviderError("yfinance has no FOO")})
    market = market_with(store, provider, NOW)
    assert market.quotes(["QQQ"]).records()[0]["symbol"] == "QQQ"
    assert "yfinance, fetched 2026-11-20 12:00 UTC" in market.quotes(["QQQ"]).provenance.source
    with pytest.raises(UnknownSymbolError, match=r"unknown symbol 'FOO'.*\(yfinance has no FOO\)"):
        market.quotes(["foo"])


def test_without_a_provider_unknown_symbols_say_how_to_add_them(store: PriceStore) -> None:
    market = market_with(store, None, NOW)
    with pytest.raises(UnknownSymbolError) as error:
        market.index_returns(["FOO"])
    assert str(error.value) == (
        "unknown symbol 'FOO': not in the price store; import it with `marketbrief prices "
        "import` or `marketbrief prices sync FOO`"
    )
    with pytest.raises(UnknownSymbolError, match="unknown symbol '\\?\\?\\?'"):
        market.quotes(["???"])
    with pytest.raises(
        UnknownSymbolError, match=r"\^RUT \(Russell 2000\) is not in the price store"
    ):
        market.index_returns(["罗素2000"])


def test_an_index_not_stored_is_answered_by_its_etf_once_the_provider_has_no_closes(
    store: PriceStore,
) -> None:
    """The store has the Nasdaq 100's ETF, not the index: QQQ answers, and says so; the S&P 500
    switches along (ETF against ETF). The provider is asked for the index first."""
    failing = {s: ProviderError(f"yfinance has no {s}") for s in ("^NDX", "^DJI", "DIA")}
    provider = StubProvider({}, fail=failing)
    market = market_with(store, provider, NOW)
    store.save("QQQ", SPY * 4, "csv import: QQQ.csv", NOW)
    result = market.index_returns(["^NDX"], period="5D", benchmark="^GSPC")
    assert [r["symbol"] for r in result.records()] == ["QQQ", "SPY"]
    assert [(s.symbol, s.proxy, s.reason) for s in result.stand_ins] == [
        ("^NDX", "QQQ", "absent"), ("^GSPC", "SPY", "along")
    ]  # fmt: skip
    assert any("^NDX is not in the price store: QQQ" in n for n in result.provenance.notes)
    assert provider.calls[0] == ("^NDX", None)
    assert [r["symbol"] for r in market.quotes(["^NDX"]).records()] == ["QQQ"]
    with pytest.raises(UnknownSymbolError, match="DJI"):  # neither the index nor its ETF stored
        market.index_returns(["^DJI"])


def test_names_benchmark_and_provenance(store: PriceStore) -> None:
    market = market_with(store, None, NOW)
    result = market.index_returns(["标普500", "SPX", "spy"], period="5D", benchmark="SPY")
    assert [row["symbol"] for row in result.records()] == ["^GSPC", "SPY"]
    assert result.provenance.source == (
        "local price store: CSV import (2026-11-20): ^GSPC.csv, SPY.csv"
    )
    assert any("1043 days" in note for note in result.provenance.notes)


def test_period_arguments_are_checked(store: PriceStore) -> None:
    market = market_with(store, None, NOW)
    with pytest.raises(PeriodError, match="not period and year"):
        market.index_returns(["SPY"], period="YTD", year=2024)
    with pytest.raises(PeriodError, match="end needs a start"):
        market.index_returns(["SPY"], end="2024-01-10")
    with pytest.raises(PeriodError, match="as-of does not apply to a calendar year"):
        market.index_returns(["SPY"], year=2024, as_of="2024-06-01")
    with pytest.raises(PeriodError, match="bad as-of date 'soon'"):
        market.quotes(["SPY"], as_of="soon")
    with pytest.raises(DataRangeError, match="period YTD starts"):  # YTD is the default
        market.index_returns(["^GSPC"], as_of="2024-01-12")


def test_store_queries(store: PriceStore) -> None:
    market = market_with(store, None, NOW)
    assert market.available_symbols() == ["SPY", "^GSPC"]
    assert market.last_date() == dt.date(2024, 1, 12)
    assert market.last_date("标普500") == dt.date(2024, 1, 12)
    assert market.last_date("QQQ") is None
    assert MarketData(PriceStore(store.root / "empty")).last_date() is None


def test_historical_macro_never_fetches_missing_optional_series(store: PriceStore) -> None:
    provider = StubProvider({})
    market = market_with(store, provider, NOW - dt.timedelta(days=30))
    store.save("^TNX", make_frame([4.0] * 30), "csv import: ^TNX.csv", NOW)
    market.macro(as_of="2024-02-09")
    assert provider.calls == []  # ^IRX, ^VIX ... are optional and the question is historical


def test_latest_macro_tries_missing_series(store: PriceStore) -> None:
    missing = ProviderError("yfinance has no prices")
    provider = StubProvider(
        {}, fail={s: missing for s in ("^FVX", "^IRX", "^VIX", "HYG", "LQD", "TLT")}
    )
    market = market_with(store, provider, NOW - dt.timedelta(hours=1))
    store.save("^TNX", make_frame([4.0] * 30), "csv import: ^TNX.csv", NOW)
    market.macro()
    assert "^IRX" in {symbol for symbol, _ in provider.calls}
