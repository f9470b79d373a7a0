"""The Parquet price store: round trips, metadata, atomic writes, the mtime-keyed cache."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pytest

from tests.unit.tools.conftest import NOW, make_frame
from tools import store as store_module
from tools.errors import UnknownSymbolError
from tools.store import PriceStore, SymbolMeta


def test_round_trip_keeps_prices_and_metadata(store: PriceStore) -> None:
    frame = make_frame([1.5, 2.25, 3.125], start="2024-01-02")
    meta = store.save("^GSPC", frame, "csv import: ^GSPC.csv", NOW)
    assert meta == SymbolMeta("^GSPC", "csv import: ^GSPC.csv", NOW, 3, dt.date(2024, 1, 2),
                              dt.date(2024, 1, 4))  # fmt: skip
    loaded = store.load("^GSPC")
    pd.testing.assert_frame_equal(loaded.frame, frame, check_freq=False)
    assert loaded.meta == meta
    assert store.symbols() == ["^GSPC"] and store.has("^GSPC")
    assert [m.symbol for m in store.metas()] == ["^GSPC"]


def test_odd_symbols_get_safe_file_names(store: PriceStore) -> None:
    for symbol in ("^GSPC", "EURUSD=X", "BRK-B", "0700.HK"):
        store.save(symbol, make_frame([1, 2]), "yfinance", NOW)
    assert store.symbols() == sorted(["^GSPC", "EURUSD=X", "BRK-B", "0700.HK"])


def test_a_missing_symbol_says_how_to_get_it(store: PriceStore) -> None:
    with pytest.raises(UnknownSymbolError, match=r"FOO is not in the price store.*sync FOO"):
        store.load("FOO")


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    store: PriceStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save("SPY", make_frame([1, 2]), "yfinance", NOW)
    before = store.path_for("SPY").read_bytes()

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(store_module.pq, "write_table", crash)
    with pytest.raises(OSError, match="disk full"):
        store.save("SPY", make_frame([5, 6, 7]), "yfinance", NOW)
    assert store.path_for("SPY").read_bytes() == before
    assert [p.name for p in store.root.iterdir()] == ["SPY.parquet"]


def test_loads_are_cached_until_the_file_changes(store: PriceStore) -> None:
    store.save("SPY", make_frame([1, 2]), "yfinance", NOW)
    first = store.load("SPY")
    assert store.load("SPY") is first  # warm: the same object, no read
    path = store.path_for("SPY")
    store.save("SPY", make_frame([1, 2, 3]), "yfinance", NOW)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert len(store.load("SPY").frame) == 3


def test_failed_attempts_are_remembered(store: PriceStore) -> None:
    assert store.failed_attempts() == {}
    store.note_failed_attempt(["^RUT", "XLE"], NOW)
    assert PriceStore(store.root).failed_attempts() == {"^RUT": NOW, "XLE": NOW}


def test_describe_says_where_prices_came_from() -> None:
    day = dt.datetime(2026, 11, 20, 14, 2, tzinfo=dt.UTC)
    csv = SymbolMeta("^GSPC", "csv import: ^GSPC.csv", day, 1, day.date(), day.date())
    assert csv.describe() == "CSV import of ^GSPC.csv (2026-11-20)"
    fetched = SymbolMeta("^GSPC", "yfinance", day, 1, day.date(), day.date())
    assert fetched.describe() == "yfinance, fetched 2026-11-20 14:02 UTC"
    both = SymbolMeta("^GSPC", "csv import: ^GSPC.csv + yfinance", day, 1, day.date(), day.date())
    assert both.describe() == "CSV import of ^GSPC.csv, extended by yfinance (2026-11-20 14:02 UTC)"


def test_an_empty_store_lists_nothing(tmp_path: Path) -> None:
    assert PriceStore(tmp_path / "absent").symbols() == []
