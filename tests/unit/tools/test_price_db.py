"""The price store in the product's database: the same frames and metadata as the Parquet
files, listings that never read a frame, a version-keyed cache that sees other processes'
writes, and MarketData over it; on SQLite, and on PostgreSQL where one can be started."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import event, select

from ingest.database.engine import Database, DatabaseUnavailable, sqlite_url
from ingest.database.migrate import product_database
from ingest.database.schema import prices
from tests.unit.tools.conftest import NOW, StubProvider, make_frame
from tools.errors import ProviderError, ToolError, UnknownSymbolError
from tools.market import MarketData
from tools.price_db import DatabasePriceStore
from tools.store import PriceStore

SPY = make_frame(range(100, 110), start="2024-01-01")  # Mon 2024-01-01 .. Fri 2024-01-12
SPY_LONGER = make_frame(range(100, 115), start="2024-01-01")


@pytest.fixture
def database(tmp_path: Path) -> Database:
    return product_database(tmp_path / "m.sqlite3")


@pytest.fixture
def db_store(database: Database) -> DatabasePriceStore:
    return DatabasePriceStore(database)


@pytest.fixture
def statements(database: Database) -> Iterator[list[str]]:
    """The SQL statements the database runs while the test does."""
    seen: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    event.listen(database.engine, "before_cursor_execute", record)
    yield seen
    event.remove(database.engine, "before_cursor_execute", record)


def queries(seen: list[str]) -> list[str]:
    return [" ".join(s.split()) for s in seen if s.lstrip().upper().startswith("SELECT")]


def version(database: Database, symbol: str) -> int:
    with database.read() as connection:
        found = connection.execute(select(prices.c.version).where(prices.c.symbol == symbol))
        return int(found.scalar_one())


def assert_round_trip_like_parquet(db_store: DatabasePriceStore, tmp_path: Path) -> None:
    files = PriceStore(tmp_path / "prices")
    frame = make_frame([1.5, 2.25, 3.125], start="2024-01-02")
    meta = db_store.save("^GSPC", frame, "csv import: ^GSPC.csv", NOW)
    assert meta == files.save("^GSPC", frame, "csv import: ^GSPC.csv", NOW)
    loaded, expected = db_store.load("^GSPC"), files.load("^GSPC")
    pd.testing.assert_frame_equal(loaded.frame, expected.frame)
    pd.testing.assert_frame_equal(loaded.frame, frame, check_freq=False)
    assert loaded.meta == expected.meta == meta
    with db_store.database.read() as connection:
        blob = connection.execute(select(prices.c.frame)).scalar_one()
    assert blob == files.path_for("^GSPC").read_bytes()  # the very Parquet a file holds
    assert db_store.symbols() == ["^GSPC"] and db_store.has("^GSPC") and not db_store.has("SPY")
    assert db_store.metas() == [meta] and db_store.meta("^GSPC") == meta


def assert_another_process_rewrite_is_seen(database: Database, other: Database) -> None:
    here, there = DatabasePriceStore(database), DatabasePriceStore(other)
    here.save("SPY", SPY, "csv import: SPY.csv", NOW)
    first = here.load("SPY")
    assert here.load("SPY") is first  # warm: the cached frame
    there.save("SPY", SPY_LONGER, "yfinance", NOW + dt.timedelta(hours=1))
    assert version(database, "SPY") == 2
    reloaded = here.load("SPY")
    assert len(reloaded.frame) == 15 and reloaded.meta.origin == "yfinance"
    assert here.meta("SPY") == reloaded.meta == there.meta("SPY")


def test_round_trip_gives_what_the_parquet_store_gives(
    db_store: DatabasePriceStore, tmp_path: Path
) -> None:
    assert_round_trip_like_parquet(db_store, tmp_path)


def test_listing_reads_the_metadata_column_only(
    db_store: DatabasePriceStore, statements: list[str]
) -> None:
    for symbol in ("^GSPC", "EURUSD=X", "BRK-B", "0700.HK", "SPY"):
        db_store.save(symbol, make_frame([1, 2]), "yfinance", NOW)
    statements.clear()
    metas = db_store.metas()
    assert [m.symbol for m in metas] == sorted(["^GSPC", "EURUSD=X", "BRK-B", "0700.HK", "SPY"])
    assert db_store.symbols() == [m.symbol for m in metas]
    assert db_store.meta("BRK-B") == metas[1]
    assert statements and not any("frame" in q for q in queries(statements))


def test_a_warm_load_asks_for_the_version_only(
    db_store: DatabasePriceStore, statements: list[str]
) -> None:
    db_store.save("SPY", SPY, "yfinance", NOW)
    first = db_store.load("SPY")
    statements.clear()
    assert db_store.load("SPY") is first
    assert queries(statements) == ["SELECT prices.version FROM prices WHERE prices.symbol = ?"]


def test_every_save_moves_the_version(db_store: DatabasePriceStore) -> None:
    db_store.save("SPY", SPY, "yfinance", NOW)
    assert version(db_store.database, "SPY") == 1
    db_store.save("SPY", SPY, "yfinance", NOW)  # the same frame again: still a new version
    db_store.save("SPY", SPY_LONGER, "yfinance", NOW)
    assert version(db_store.database, "SPY") == 3
    assert len(db_store.load("SPY").frame) == 15


def test_a_rewrite_by_another_process_is_picked_up(database: Database) -> None:
    # A second Database and store over the same file stand for another process.
    assert_another_process_rewrite_is_seen(database, Database(database.url, database.what))


def test_a_missing_symbol_says_what_the_parquet_store_says(
    db_store: DatabasePriceStore, tmp_path: Path
) -> None:
    files = PriceStore(tmp_path / "prices")
    for call in ("load", "meta"):
        with pytest.raises(UnknownSymbolError) as expected:
            getattr(files, call)("FOO")
        with pytest.raises(UnknownSymbolError) as raised:
            getattr(db_store, call)("FOO")
        assert str(raised.value) == str(expected.value)
        assert "FOO is not in the price store" in str(raised.value)
    db_store.save("FOO", SPY, "yfinance", NOW)
    db_store.load("FOO")
    with db_store.database.write() as connection:  # deleted elsewhere while cached here
        connection.execute(prices.delete())
    with pytest.raises(UnknownSymbolError, match="FOO is not in the price store"):
        db_store.load("FOO")


def test_an_empty_frame_is_refused_and_nothing_written(db_store: DatabasePriceStore) -> None:
    with pytest.raises(ToolError, match="refusing to store an empty price frame for SPY"):
        db_store.save("SPY", SPY.iloc[:0], "yfinance", NOW)
    assert db_store.symbols() == []


def test_failed_attempts_are_a_memo_of_this_process(database: Database) -> None:
    store = DatabasePriceStore(database)
    assert store.failed_attempts() == {}
    store.note_failed_attempt(["^RUT", "XLE"], NOW)
    # another store object of this process (MarketData is built per request) knows them too
    assert DatabasePriceStore(database).failed_attempts() == {"^RUT": NOW, "XLE": NOW}
    with database.read() as connection:  # nothing of it in the database
        assert connection.execute(select(prices.c.symbol)).first() is None


def test_a_database_failure_is_the_databases_one_line_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database, just bytes " * 100)
    store = DatabasePriceStore(Database(sqlite_url(broken), "the marketbrief database"))
    with pytest.raises(DatabaseUnavailable, match=r"^cannot read the marketbrief database at "):
        store.symbols()


def test_root_says_where_the_prices_are(db_store: DatabasePriceStore) -> None:
    assert db_store.root == f"{db_store.database.where}, database file"


def test_market_data_works_over_it(db_store: DatabasePriceStore) -> None:
    db_store.save("SPY", SPY, "csv import: SPY.csv", NOW - dt.timedelta(days=1))
    db_store.save("^GSPC", SPY * 10, "csv import: ^GSPC.csv", NOW - dt.timedelta(hours=1))
    provider = StubProvider({"SPY": SPY_LONGER})
    market = MarketData(db_store, provider, refresh_after=dt.timedelta(hours=12), clock=lambda: NOW)
    result = market.index_returns(["SPY", "^GSPC"], start="2024-01-02", benchmark="^GSPC")
    assert provider.calls == [("SPY", dt.date(2024, 1, 2))]  # SPY was stale, ^GSPC fresh
    spy = next(r for r in result.records() if r["symbol"] == "SPY")
    assert spy["end_date"] == "2024-01-19"  # the refreshed closes, saved to and read back
    assert "extended by yfinance" in result.provenance.source
    assert db_store.meta("SPY").origin == "csv import: SPY.csv + yfinance"
    assert version(db_store.database, "SPY") == 2
    assert [m.symbol for m in market.stored()] == ["SPY", "^GSPC"]


def test_a_failed_refresh_is_not_tried_again(db_store: DatabasePriceStore) -> None:
    db_store.save("SPY", SPY, "csv import: SPY.csv", NOW - dt.timedelta(days=1))
    provider = StubProvider({}, fail={"SPY": ProviderError("yfinance has no prices for SPY")})
    market = MarketData(db_store, provider, clock=lambda: NOW)
    first = market.index_returns(["SPY"], start="2024-01-02")
    assert first.provenance.notes[0].startswith(
        "yfinance has no prices for SPY; using stored prices: last close 2024-01-12"
    )
    market.index_returns(["SPY"], start="2024-01-02")  # remembered: not asked again
    assert len(provider.calls) == 1


def test_on_postgresql(tmp_path: Path) -> None:
    from benchmarks.harness.postgres import available, postgres_server
    from ingest.database.url import check_database_url

    usable, reason = available()
    if not usable:
        pytest.skip(reason)
    with postgres_server(tmp_path / "pg") as server:
        url = check_database_url(server.create_database("prices"))
        database = product_database(Database(url, "the marketbrief database"))
        try:
            store = DatabasePriceStore(database)
            assert store.root == f"{database.where}, shared database"
            assert_round_trip_like_parquet(store, tmp_path)
            assert_another_process_rewrite_is_seen(database, Database(url, database.what))
            with pytest.raises(UnknownSymbolError, match="FOO is not in the price store"):
                store.load("FOO")
        finally:
            database.engine.dispose()  # before the server stops
