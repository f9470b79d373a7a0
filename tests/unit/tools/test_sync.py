"""Syncing into the store: extend when the overlap agrees, refetch when history was re-adjusted,
stop trying once the provider has timed out."""

from __future__ import annotations

import datetime as dt

from tests.unit.tools.conftest import NOW, StubProvider, make_frame
from tools.errors import ProviderError, ProviderTimeout
from tools.store import PriceStore
from tools.sync import merge, sync_symbols

HISTORY = make_frame([10, 11, 12, 13, 14, 15], start="2024-01-01")


def test_merge_appends_when_the_overlap_agrees() -> None:
    merged = merge(HISTORY.iloc[:4], HISTORY.iloc[2:])
    assert merged is not None and merged["Close"].tolist() == [10, 11, 12, 13, 14, 15]


def test_merge_refuses_re_adjusted_history() -> None:
    readjusted = HISTORY.iloc[2:].assign(Close=HISTORY["Close"].iloc[2:] * 0.99)
    assert merge(HISTORY.iloc[:4], readjusted) is None
    assert merge(HISTORY.iloc[:2], HISTORY.iloc[4:]) is None  # no overlap: a gap


def test_a_new_symbol_is_fetched_whole(store: PriceStore) -> None:
    provider = StubProvider({"SPY": HISTORY})
    (outcome,) = sync_symbols(store, provider, ["SPY"], NOW)
    assert provider.calls == [("SPY", None)]
    assert outcome.meta is not None and outcome.meta.origin == "yfinance" and outcome.added == 6


def test_a_stored_symbol_is_extended_from_its_last_close(store: PriceStore) -> None:
    store.save("SPY", HISTORY.iloc[:4], "csv import: SPY.csv", NOW)
    provider = StubProvider({"SPY": HISTORY})
    (outcome,) = sync_symbols(store, provider, ["SPY"], NOW)
    assert provider.calls == [("SPY", dt.date(2024, 1, 4) - dt.timedelta(days=10))]
    assert outcome.added == 2 and store.meta("SPY").origin == "csv import: SPY.csv + yfinance"


def test_re_adjusted_history_is_fetched_again_in_full(store: PriceStore) -> None:
    store.save("SPY", HISTORY.iloc[:4] * 1.01, "csv import: SPY.csv", NOW)
    provider = StubProvider({"SPY": HISTORY})
    (outcome,) = sync_symbols(store, provider, ["SPY"], NOW)
    assert [call[1] is None for call in provider.calls] == [False, True]
    assert store.meta("SPY").origin == "yfinance"
    assert store.load("SPY").frame["Close"].tolist() == HISTORY["Close"].tolist()
    assert outcome.error is None


def test_after_a_timeout_the_rest_are_not_tried(store: PriceStore) -> None:
    provider = StubProvider(
        {"A": HISTORY, "C": HISTORY},
        fail={"B": ProviderTimeout("stub did not answer within 1 s")},
    )
    outcomes = sync_symbols(store, provider, ["A", "B", "C"], NOW)
    assert [o.symbol for o in outcomes if o.meta] == ["A"]
    assert [c[0] for c in provider.calls] == ["A", "B"]
    assert outcomes[2].error == "not tried: stub did not answer within 1 s"


def test_one_failing_symbol_does_not_stop_the_others(store: PriceStore) -> None:
    provider = StubProvider({"A": HISTORY}, fail={"FOO": ProviderError("no prices for FOO")})
    outcomes = sync_symbols(store, provider, ["FOO", "A"], NOW)
    assert [(o.symbol, o.error) for o in outcomes] == [("FOO", "no prices for FOO"), ("A", None)]
