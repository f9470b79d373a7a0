"""Import price CSVs into the store: one file per symbol, named after it (`^GSPC.csv`).

Layouts accepted:

- the plain layout, `Date,Open,High,Low,Close,Volume` (the project's sample prices);
- yfinance's download layout, `Date,Open,High,Low,Close,Adj Close,Volume`;
- yfinance's multi-index CSVs (`yf.download(...).to_csv()`): a `Price,Close,...` header followed
  by a `Ticker,...` row and sometimes a `Date,,,` row; those extra header rows are skipped.

Which close: `Adj Close` when the file has one, with Open/High/Low scaled by the same factor
(exactly what yfinance's `auto_adjust=True` does). The shared files and yfinance's default are
already adjusted that way, so every symbol in the store carries the same kind of close and a
return is simply end / start - 1. Index levels have no adjustment, so for them both are equal.

A bad file is reported and skipped; the good ones are still imported. A store that cannot be
written (read-only, disk full) stops the import with one error saying what was imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import numpy as np
import pandas as pd

from tools.errors import PriceFileError, StorageError
from tools.frames import suspect_jumps, to_price_frame
from tools.store import CSV_ORIGIN, PriceStorage, SymbolMeta
from tools.symbols import looks_like_ticker

_DATE_NAMES = {"date", "datetime", "price", "", "unnamed: 0"}
_COLUMN_NAMES = {
    "open": "Open", "high": "High", "low": "Low", "close": "Close",
    "adj close": "Adj Close", "adj_close": "Adj Close", "adjclose": "Adj Close",
    "volume": "Volume",
}  # fmt: skip
MAX_EXTRA_HEADER_ROWS = 2
EARLIEST, LATEST = pd.Timestamp("1800-01-01"), pd.Timestamp("2200-12-31")
MAX_CSV_BYTES = 50 * 2**20  # read whole into memory: a bigger file is a mistake, not prices


@dataclass(frozen=True)
class ImportedFile:
    path: Path
    meta: SymbolMeta
    skipped_rows: int  # rows without a parseable date or close
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class RejectedFile:
    path: Path
    error: str  # why, without the file's name: whoever shows it names the file once


@dataclass(frozen=True)
class ImportReport:
    imported: list[ImportedFile]
    rejected: list[RejectedFile]


def csv_files(paths: Sequence[Path]) -> list[Path]:
    """The files to import: named files as they are, folders' `*.csv` (not recursive).

    Every path is checked before anything is imported, so a typo fails the whole command.
    """
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        raise PriceFileError(f"no such file or folder: {', '.join(missing)}")
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
        else:
            files.append(path)
    return files


def import_csv(store: PriceStorage, paths: Sequence[Path], now: dt.datetime) -> ImportReport:
    """Import every CSV under `paths`; each good file replaces its symbol's stored prices."""
    imported: list[ImportedFile] = []
    rejected: list[RejectedFile] = []
    for path in csv_files(paths):
        try:
            symbol, frame, skipped = read_price_csv(path)
        except PriceFileError as error:
            rejected.append(RejectedFile(path, str(error)))
            continue
        try:
            meta = store.save(symbol, frame, f"{CSV_ORIGIN}{path.name}", now)
        except StorageError as error:  # no room or no permission: the rest would fail alike
            raise StorageError(f"{error} ({_done(imported)})") from None
        warnings = tuple(suspect_jumps(symbol, frame, 0, len(frame) - 1))
        imported.append(ImportedFile(path, meta, skipped, warnings))
    return ImportReport(imported, rejected)


def _done(imported: list[ImportedFile]) -> str:
    if not imported:
        return "nothing was imported"
    names = ", ".join(item.meta.symbol for item in imported[:5])
    more = f" and {len(imported) - 5} more" if len(imported) > 5 else ""
    return f"{len(imported)} file(s) were imported before it: {names}{more}"


def symbol_from_path(path: Path) -> str:
    """`^GSPC.csv` -> `^GSPC`; `%5EGSPC.csv` (URL-quoted) works too."""
    symbol = unquote(path.stem).strip().upper()
    if not looks_like_ticker(symbol):
        raise PriceFileError("the file name must be the symbol, like ^GSPC.csv or SPY.csv")
    return symbol


def read_price_csv(path: Path) -> tuple[str, pd.DataFrame, int]:
    """Parse one CSV into (symbol, price frame, rows skipped). Raises PriceFileError saying
    what is wrong with the file, not which file it is (the caller knows and names it)."""
    symbol = symbol_from_path(path)
    size = path.stat().st_size if path.is_file() else 0
    if size > MAX_CSV_BYTES:
        raise PriceFileError(
            f"larger than the {MAX_CSV_BYTES:,}-byte limit for a price file "
            f"({size:,} bytes); daily prices for a century fit in about 2 MB"
        )
    try:
        raw = pd.read_csv(path, dtype=str, skipinitialspace=True, keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise PriceFileError(f"not a readable CSV ({type(err).__name__})") from None
    raw = raw.rename(columns=_column_map(raw.columns, path))
    raw = raw.loc[:, ~raw.columns.duplicated()]  # two columns named Close: the first counts
    try:
        dates = _parse_dates(raw["Date"])
        raw, dates = _drop_header_rows(raw, dates)
        frame = _numeric(raw, dates)
        valid = frame["Date"].notna() & (frame["Close"] > 0) & np.isfinite(frame["Close"])
        if not valid.any():
            raise PriceFileError("no rows with both a date and a close")
        prices = to_price_frame(frame[valid])
    except (ValueError, TypeError, OverflowError, ArithmeticError) as error:
        # pandas has many ways to refuse odd cells; all of them mean an unreadable file
        raise PriceFileError(f"not a readable price CSV ({type(error).__name__})") from None
    return symbol, prices, len(frame) - len(prices)


def _column_map(columns: pd.Index, path: Path) -> dict[str, str]:
    names = {str(c): str(c).strip().lower() for c in columns}
    mapping = {c: _COLUMN_NAMES[n] for c, n in names.items() if n in _COLUMN_NAMES}
    first = str(columns[0]) if len(columns) else ""
    if names.get(first) in _DATE_NAMES:
        mapping[first] = "Date"
    found = set(mapping.values())
    if "Date" not in found or not {"Close", "Adj Close"} & found:
        shown = ", ".join(str(c) for c in columns[:8])
        raise PriceFileError(f"expected columns Date and Close (or Adj Close); found {shown}")
    return mapping


def _parse_dates(column: pd.Series) -> pd.Series:
    """ISO dates, with or without a time and offset ('2024-01-02 00:00:00-05:00'): the
    calendar date is the first ten characters, whatever the offset."""
    text = column.astype(str).str.strip()
    dates = pd.to_datetime(text.str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    if not (dates.notna().any() or text.empty):
        dates = pd.to_datetime(text, errors="coerce", format="mixed", utc=True)  # 01/02/2024
        dates = dates.dt.tz_localize(None)
    # A year like 1 or 9999 is a stray number, not a trading day (and overflows ns dates).
    return dates.where((dates >= EARLIEST) & (dates <= LATEST))


def _drop_header_rows(raw: pd.DataFrame, dates: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Skip yfinance's extra header rows ('Ticker,AAPL,...', 'Date,,,') at the top."""
    extra = 0
    while extra < min(MAX_EXTRA_HEADER_ROWS, len(raw)) and pd.isna(dates.iloc[extra]):
        extra += 1
    return raw.iloc[extra:], dates.iloc[extra:]


def _numeric(raw: pd.DataFrame, dates: pd.Series) -> pd.DataFrame:
    """Numbers out of the text columns; Close := Adj Close (O/H/L scaled) when present."""
    values = {
        name: pd.to_numeric(raw[name].str.replace(",", "", regex=False), errors="coerce")
        for name in ("Open", "High", "Low", "Close", "Adj Close", "Volume")
        if name in raw.columns
    }
    if "Adj Close" in values:
        adjusted = values.pop("Adj Close")
        if "Close" in values:
            factor = (adjusted / values["Close"]).replace([np.inf, -np.inf], np.nan)
            for name in ("Open", "High", "Low"):
                if name in values:
                    values[name] = values[name] * factor
        values["Close"] = adjusted
    return pd.DataFrame({"Date": dates, **values}, index=raw.index)
