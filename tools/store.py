"""The local price store: one Parquet file per symbol in the data directory.

Each file holds a price frame (see `tools.frames`) and, in the Parquet footer, the symbol's
metadata: where the prices came from, when they were imported or fetched, first and last date.
Keeping the metadata inside the same file makes every write one atomic `os.replace`, so a crash
mid-write never leaves prices and metadata disagreeing, nor a half-written file. A write that
fails for want of space or permission is a StorageError naming the folder; it changed nothing.

Loaded frames are cached in-process, keyed on the file's mtime and size, so a warm call costs one
`stat` per symbol and a file rewritten by another process is picked up on the next call.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import quote, unquote

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from tools.errors import StorageError, ToolError, UnknownSymbolError
from tools.frames import PRICE_COLUMNS, first_date, last_date
from tools.notes import Note

SUFFIX = ".parquet"
META_KEY = b"marketbrief"
ATTEMPTS_FILE = "_refresh_attempts.json"

CSV_ORIGIN = "csv import: "
YF_ORIGIN = "yfinance"


@dataclass(frozen=True)
class SymbolMeta:
    """What the store knows about one symbol without reading its rows."""

    symbol: str
    origin: str  # "csv import: ^GSPC.csv", "yfinance", or "csv import: ^GSPC.csv + yfinance"
    updated_at: dt.datetime  # UTC: when the rows were imported or fetched
    rows: int
    first: dt.date
    last: dt.date

    def describe(self) -> Note:
        """One phrase for a provenance line, e.g. 'yfinance, fetched 2026-11-20 14:02 UTC' (a
        `Note`, so an answer in Chinese words it in Chinese)."""
        stamp = self.updated_at.strftime("%Y-%m-%d %H:%M UTC")
        day = self.updated_at.date()
        if self.origin == YF_ORIGIN:
            return Note(f"yfinance, fetched {stamp}", "origin_yfinance", stamp=stamp)
        if self.origin.startswith(CSV_ORIGIN):
            files = self.origin.removeprefix(CSV_ORIGIN)
            if files.endswith(f" + {YF_ORIGIN}"):
                files = files.removesuffix(f" + {YF_ORIGIN}")
                text = f"CSV import of {files}, extended by yfinance ({stamp})"
                return Note(text, "origin_csv_synced", files=files, stamp=stamp)
            return Note(f"CSV import of {files} ({day})", "origin_csv", files=files, day=day)
        return Note(f"{self.origin} ({stamp})", "origin_other", origin=self.origin, stamp=stamp)

    def to_json(self) -> dict[str, str | int]:
        return {
            "symbol": self.symbol,
            "origin": self.origin,
            "updated_at": self.updated_at.isoformat(),
            "rows": self.rows,
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
        }

    @classmethod
    def from_json(cls, data: dict[str, str | int]) -> SymbolMeta:
        return cls(
            symbol=str(data["symbol"]),
            origin=str(data["origin"]),
            updated_at=dt.datetime.fromisoformat(str(data["updated_at"])),
            rows=int(data["rows"]),
            first=dt.date.fromisoformat(str(data["first"])),
            last=dt.date.fromisoformat(str(data["last"])),
        )


@dataclass(frozen=True)
class StoredPrices:
    """One symbol's price frame and its metadata, as loaded from the store."""

    frame: pd.DataFrame
    meta: SymbolMeta


# path -> (mtime_ns, size, loaded); shared by every PriceStore in the process on purpose, so a
# MarketData built per request (the UI does that) still finds warm frames.
_CACHE: dict[Path, tuple[int, int, StoredPrices]] = {}
_CACHE_LOCK = threading.Lock()


def clear_cache() -> None:
    """Forget every loaded frame (benchmarks use it to measure cold calls)."""
    with _CACHE_LOCK:
        _CACHE.clear()


class PriceStorage(Protocol):
    """What MarketData, the sync and the CSV import use of a price store: `PriceStore` (Parquet
    files, embedded) or `tools.price_db.DatabasePriceStore` (the product's database, shared)."""

    @property
    def root(self) -> Path | str:
        """Where the prices are, for a person to read (the CLI prints it)."""
        ...

    def symbols(self) -> list[str]: ...
    def has(self, symbol: str) -> bool: ...
    def meta(self, symbol: str) -> SymbolMeta: ...
    def metas(self) -> list[SymbolMeta]: ...
    def load(self, symbol: str) -> StoredPrices: ...
    def save(
        self, symbol: str, frame: pd.DataFrame, origin: str, updated_at: dt.datetime
    ) -> SymbolMeta: ...
    def failed_attempts(self) -> dict[str, dt.datetime]: ...
    def note_failed_attempt(self, symbols: list[str], at: dt.datetime) -> None: ...


class PriceStore:
    """Parquet price files under one directory, one per symbol."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._unsaved_attempts: dict[str, dt.datetime] = {}

    def path_for(self, symbol: str) -> Path:
        # '^' and '=' are legal in file names everywhere we run; quote anything else odd.
        return self.root / f"{quote(symbol, safe='^=.-_')}{SUFFIX}"

    def symbols(self) -> list[str]:
        """Stored symbols, sorted."""
        if not self.root.is_dir():
            return []
        return sorted(
            unquote(entry.name.removesuffix(SUFFIX))
            for entry in os.scandir(self.root)
            if entry.name.endswith(SUFFIX) and entry.is_file()
        )

    def has(self, symbol: str) -> bool:
        return self.path_for(symbol).is_file()

    def meta(self, symbol: str) -> SymbolMeta:
        """The symbol's metadata from the Parquet footer (rows are not read)."""
        path = self._existing(symbol)
        cached = self._cached(path)
        if cached is not None:
            return cached.meta
        return _meta_from_schema(pq.read_schema(path), path)

    def metas(self) -> list[SymbolMeta]:
        """Metadata of every stored symbol, sorted by symbol."""
        return [self.meta(symbol) for symbol in self.symbols()]

    def load(self, symbol: str) -> StoredPrices:
        """The symbol's prices, from the in-process cache when the file has not changed."""
        path = self._existing(symbol)
        cached = self._cached(path)
        if cached is not None:
            return cached
        stat = path.stat()
        try:
            table = pq.read_table(path)
        except (OSError, pa.ArrowException) as error:
            raise ToolError(f"cannot read stored prices of {symbol} ({path}): {error}") from None
        loaded = StoredPrices(frame_from_table(table), _meta_from_schema(table.schema, path))
        with _CACHE_LOCK:
            _CACHE[path] = (stat.st_mtime_ns, stat.st_size, loaded)
        return loaded

    def save(
        self, symbol: str, frame: pd.DataFrame, origin: str, updated_at: dt.datetime
    ) -> SymbolMeta:
        """Write a symbol's whole price frame atomically and return its new metadata."""
        meta = new_meta(symbol, frame, origin, updated_at)
        table = price_table(frame, meta)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            _atomic_write(self.path_for(symbol), lambda tmp: pq.write_table(table, tmp))
        except OSError as error:
            raise storage_error(error, self.root, f"{symbol} was not changed") or error from None
        return meta

    # Failed refresh attempts, so an offline machine is not asked again on every call.

    def failed_attempts(self) -> dict[str, dt.datetime]:
        path = self.root / ATTEMPTS_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            stored = {str(k): dt.datetime.fromisoformat(str(v)) for k, v in data.items()}
        except (OSError, ValueError, AttributeError):
            stored = {}  # absent or unreadable: no attempts remembered, which is safe
        return {**stored, **self._unsaved_attempts}

    def note_failed_attempt(self, symbols: list[str], at: dt.datetime) -> None:
        """Remember failed tries in the store; on a store that cannot be written (read-only,
        full), in this process only: reading prices must not fail for want of a memo."""
        attempts = self.failed_attempts()
        attempts.update({symbol: at for symbol in symbols})
        text = json.dumps({k: v.isoformat() for k, v in attempts.items()}, indent=1)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            _atomic_write(self.root / ATTEMPTS_FILE, lambda tmp: Path(tmp).write_text(text))
        except OSError as error:
            if storage_error(error, self.root, "") is None:
                raise
            self._unsaved_attempts.update({symbol: at for symbol in symbols})

    def _existing(self, symbol: str) -> Path:
        path = self.path_for(symbol)
        if not path.is_file():
            raise not_stored(symbol)
        return path

    def _cached(self, path: Path) -> StoredPrices | None:
        entry = _CACHE.get(path)
        if entry is None:
            return None
        try:
            stat = path.stat()
        except OSError:
            return None
        if (stat.st_mtime_ns, stat.st_size) != entry[:2]:
            return None
        return entry[2]


# Shared with tools.price_db.DatabasePriceStore, which stores the same Parquet in a database row.


def not_stored(symbol: str) -> UnknownSymbolError:
    """The error for a symbol the store does not have, saying how to get it."""
    return UnknownSymbolError(
        f"{symbol} is not in the price store; import it with `marketbrief prices import` "
        f"or `marketbrief prices sync {symbol}`"
    )


def new_meta(symbol: str, frame: pd.DataFrame, origin: str, updated_at: dt.datetime) -> SymbolMeta:
    """The metadata a save records for `frame`; an empty frame is refused (a ToolError)."""
    if frame.empty:
        raise ToolError(f"refusing to store an empty price frame for {symbol}")
    return SymbolMeta(
        symbol=symbol,
        origin=origin,
        updated_at=updated_at.astimezone(dt.UTC),
        rows=len(frame),
        first=first_date(frame),
        last=last_date(frame),
    )


def price_table(frame: pd.DataFrame, meta: SymbolMeta) -> pa.Table:
    """The Arrow table a store writes as Parquet: the frame, with `meta` in the schema (which
    Parquet keeps in the file's footer)."""
    return table_from_frame(frame).replace_schema_metadata(
        {META_KEY: json.dumps(meta.to_json()).encode()}
    )


def table_from_frame(frame: pd.DataFrame) -> pa.Table:
    """A plain Arrow table: Date (ms timestamps) then the price columns, no pandas metadata."""
    columns = {"Date": pa.array(frame.index.to_numpy().astype("datetime64[ms]"))}
    columns.update(
        {name: pa.array(frame[name].to_numpy(dtype="float64")) for name in PRICE_COLUMNS}
    )
    return pa.table(columns)


def frame_from_table(table: pa.Table) -> pd.DataFrame:
    """The price frame back from Arrow, column by column: several times faster than
    `Table.to_pandas`, which rebuilds the frame from pandas metadata."""
    index = pd.DatetimeIndex(table.column("Date").to_numpy().astype("datetime64[ns]"), name="Date")
    data = {name: table.column(name).to_numpy() for name in PRICE_COLUMNS}
    return pd.DataFrame(data, index=index)


def _meta_from_schema(schema: pa.Schema, path: Path) -> SymbolMeta:
    raw = (schema.metadata or {}).get(META_KEY)
    if raw is None:
        raise ToolError(f"{path} has no marketbrief metadata; re-import the symbol")
    return SymbolMeta.from_json(json.loads(raw))


_FULL = (errno.ENOSPC, errno.EDQUOT)
_REASONS = {errno.EROFS: "read-only file system", errno.EACCES: "permission denied",
            errno.EPERM: "permission denied"}  # fmt: skip


def storage_error(error: OSError, root: Path, unchanged: str) -> StorageError | None:
    """The StorageError for a write refused for want of space or permission (None for any
    other failure). Arrow reports errno only in its message, so that is read too."""
    code = error.errno
    if code is None:
        found = re.search(r"errno (\d+)", str(error), re.I)
        code = int(found[1]) if found else None
    tail = f"; {unchanged}" if unchanged else ""
    if code in _FULL:
        return StorageError(f"disk full while writing {root}{tail}")
    if code in _REASONS:
        return StorageError(f"cannot write to {root}: {_REASONS[code]}{tail}")
    return None


def _atomic_write(target: Path, write: Callable[[str], object]) -> None:
    """Write via a temporary file in the same directory, fsync it, then `os.replace`.

    `os.replace` is atomic on one filesystem, so readers see the old file or the new one.
    """
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    finally:  # after a failure (or an interrupt) the half-written file goes; once replaced, it
        Path(tmp).unlink(missing_ok=True)  # is gone already
