"""The price store in the product's database (the `prices` table): what a shared deployment
uses, so every machine reads and writes the same prices. Its interface is `PriceStore`'s.

One row per symbol: the metadata as JSON (listing symbols reads only that), the price frame
as Parquet bytes (the very table, footer metadata included, that `PriceStore` writes to a
file) and a version that moves on every write. A save is one upsert statement: all of it is
written, or none. Failures of the database itself come as the `Database`'s one-line errors.

Loaded frames are cached in-process, keyed on the database, the symbol and the row's version,
so a warm call costs one small query (the version, not the blob) and a row rewritten by
another process or machine is picked up on the next call.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import select

from ingest.database.engine import Database
from ingest.database.schema import prices
from tools.errors import ToolError
from tools.store import (
    StoredPrices,
    SymbolMeta,
    frame_from_table,
    new_meta,
    not_stored,
    price_table,
)

# (database url, symbol) -> (version, loaded): shared by every store of the process on
# purpose, as PriceStore's is, so a MarketData built per request still finds warm frames.
_CACHE: dict[tuple[str, str], tuple[int, StoredPrices]] = {}
# database url -> {symbol: when a refresh last failed}. A memo that spares the network calls
# an offline machine would make on every request, not state: it lives in this process only,
# each process (machine) learns it for itself, and losing it costs one more try.
_ATTEMPTS: dict[str, dict[str, dt.datetime]] = {}
_LOCK = threading.Lock()


def clear_cache() -> None:
    """Forget every loaded frame (benchmarks use it to measure cold calls)."""
    with _LOCK:
        _CACHE.clear()


class DatabasePriceStore:
    """Price frames in the `prices` table of the product's database (SQLite or PostgreSQL)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        kind = "shared database" if database.shared else "database file"
        self.root = f"{database.where}, {kind}"  # where the prices are, for a person to read

    def symbols(self) -> list[str]:
        """Stored symbols, sorted (by code point, as PriceStore sorts: not the collation)."""
        with self.database.read() as connection:
            return sorted(connection.execute(select(prices.c.symbol)).scalars())

    def has(self, symbol: str) -> bool:
        with self.database.read() as connection:
            found = connection.execute(select(prices.c.symbol).where(prices.c.symbol == symbol))
            return found.first() is not None

    def meta(self, symbol: str) -> SymbolMeta:
        """The symbol's metadata (the JSON column only: the frame is not read)."""
        with self.database.read() as connection:
            raw = connection.execute(
                select(prices.c.meta).where(prices.c.symbol == symbol)
            ).scalar_one_or_none()
        if raw is None:
            raise not_stored(symbol)
        return _meta(raw)

    def metas(self) -> list[SymbolMeta]:
        """Metadata of every stored symbol, sorted by symbol (no frame is read)."""
        with self.database.read() as connection:
            rows = connection.execute(select(prices.c.symbol, prices.c.meta)).all()
        return [_meta(raw) for _, raw in sorted(rows)]

    def load(self, symbol: str) -> StoredPrices:
        """The symbol's prices, from the in-process cache while its row's version is the same."""
        key = (self.database.url, symbol)
        cached = _CACHE.get(key)
        with self.database.read() as connection:
            if cached is not None:
                version = connection.execute(
                    select(prices.c.version).where(prices.c.symbol == symbol)
                ).scalar_one_or_none()
                if version is None:  # deleted since: forget it too
                    with _LOCK:
                        _CACHE.pop(key, None)
                    raise not_stored(symbol)
                if version == cached[0]:
                    return cached[1]
            row = connection.execute(
                select(prices.c.version, prices.c.meta, prices.c.frame).where(
                    prices.c.symbol == symbol
                )
            ).first()
        if row is None:
            raise not_stored(symbol)
        try:
            table = pq.read_table(pa.BufferReader(row.frame))
        except pa.ArrowException as error:
            raise ToolError(
                f"cannot read stored prices of {symbol} ({self.root}): {error}"
            ) from None
        loaded = StoredPrices(frame_from_table(table), _meta(row.meta))
        with _LOCK:
            _CACHE[key] = (row.version, loaded)
        return loaded

    def save(
        self, symbol: str, frame: pd.DataFrame, origin: str, updated_at: dt.datetime
    ) -> SymbolMeta:
        """Write a symbol's whole price frame in one statement and return its new metadata."""
        meta = new_meta(symbol, frame, origin, updated_at)
        sink = pa.BufferOutputStream()
        pq.write_table(price_table(frame, meta), sink)
        statement: Any = self.database.insert(prices).values(
            symbol=symbol,
            meta=json.dumps(meta.to_json()),
            frame=sink.getvalue().to_pybytes(),
            version=1,
        )
        statement = statement.on_conflict_do_update(
            index_elements=[prices.c.symbol],
            set_={
                "meta": statement.excluded.meta,
                "frame": statement.excluded.frame,
                "version": prices.c.version + 1,  # the row's own, in the same statement
            },
        )
        with self.database.write() as connection:
            connection.execute(statement)
        return meta

    # Failed refresh attempts: a memo in this process (see _ATTEMPTS), not in the database.

    def failed_attempts(self) -> dict[str, dt.datetime]:
        with _LOCK:
            return dict(_ATTEMPTS.get(self.database.url, {}))

    def note_failed_attempt(self, symbols: list[str], at: dt.datetime) -> None:
        with _LOCK:
            _ATTEMPTS.setdefault(self.database.url, {}).update({symbol: at for symbol in symbols})


def _meta(raw: str) -> SymbolMeta:
    return SymbolMeta.from_json(json.loads(raw))
