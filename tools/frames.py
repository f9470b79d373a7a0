"""The price frame: the one shape every provider produces and every analytic reads.

A price frame is indexed by a sorted, unique, tz-naive `DatetimeIndex` named `Date` (one row
per trading day) with float columns Open, High, Low, Close, Volume. `Close` is the close the
returns use: index levels as published, ETFs split- and dividend-adjusted (what yfinance's
`auto_adjust=True` gives), so a price return over a period is simply end / start - 1.
"""

from __future__ import annotations

import datetime as dt
import weakref
from typing import Any

import numpy as np
import pandas as pd

from tools.notes import Note

PRICE_COLUMNS: tuple[str, ...] = ("Open", "High", "Low", "Close", "Volume")


def to_price_frame(raw: pd.DataFrame) -> pd.DataFrame:
    """Normalise a frame with a date index (or a `Date` column) into a price frame.

    Rows without a close are dropped (Yahoo sends NaN bars for halted days); a date that appears
    twice keeps its last row, as a later download corrects an earlier one. Missing optional
    columns become NaN rather than an error, since some CSVs carry only Date and Close.
    """
    frame = raw.set_index("Date") if "Date" in raw.columns else raw
    index = pd.DatetimeIndex(pd.to_datetime(frame.index))
    if index.tz is not None:
        # Yahoo stamps daily bars at midnight exchange time; the calendar date is what counts.
        index = index.tz_localize(None)
    index = pd.DatetimeIndex(index.normalize().astype("datetime64[ns]"))
    columns = {
        name: pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        if name in frame.columns
        else np.full(len(frame), np.nan)
        for name in PRICE_COLUMNS
    }
    out = pd.DataFrame(columns, index=pd.DatetimeIndex(index, name="Date"))
    out = out[out["Close"].notna()]
    out = out[~out.index.duplicated(keep="last")]
    return out.sort_index()


# id(frame) -> (weak reference, dates, closes). Frames from the store are shared and treated as
# immutable, so their arrays are computed once; a warm tool call then does no pandas indexing.
_ARRAYS: dict[int, tuple[weakref.ref[pd.DataFrame], np.ndarray, np.ndarray]] = {}


def _arrays(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    key = id(frame)
    entry = _ARRAYS.get(key)
    if entry is not None and entry[0]() is frame:
        return entry[1], entry[2]
    dates = frame.index.to_numpy().astype("datetime64[D]")
    values = np.array(frame["Close"].to_numpy(dtype="float64"))  # a copy we can freeze
    dates.flags.writeable = values.flags.writeable = False
    ref = weakref.ref(frame, lambda _, key=key: _ARRAYS.pop(key, None))  # type: ignore[misc]
    _ARRAYS[key] = (ref, dates, values)
    return dates, values


def trading_dates(frame: pd.DataFrame) -> np.ndarray:
    """The frame's dates as read-only `datetime64[D]`, for fast searchsorted look-ups."""
    return _arrays(frame)[0]


def closes(frame: pd.DataFrame) -> np.ndarray:
    """The frame's closes as a read-only float64 array."""
    return _arrays(frame)[1]


def table(rows: list[dict[str, Any]], date_columns: tuple[str, ...] = ()) -> pd.DataFrame:
    """Result rows -> a DataFrame, date columns as datetime64 (so `ToolResult.records` gives
    ISO strings). Built column by column: much cheaper than pandas inferring from dicts."""
    columns: dict[str, Any] = {name: [row[name] for row in rows] for name in rows[0]}
    for name in date_columns:
        columns[name] = np.array(columns[name], dtype="datetime64[D]").astype("datetime64[ns]")
    return pd.DataFrame(columns)


def as_date(value: np.datetime64 | pd.Timestamp | dt.date) -> dt.date:
    """One date value (numpy, pandas or Python) as a plain `datetime.date`."""
    if isinstance(value, np.datetime64):
        return dt.date.fromisoformat(str(value.astype("datetime64[D]")))
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def first_date(frame: pd.DataFrame) -> dt.date:
    return as_date(trading_dates(frame)[0])


def last_date(frame: pd.DataFrame) -> dt.date:
    return as_date(trading_dates(frame)[-1])


# A broad ETF does not move this much in a day; a move this size is an unadjusted split.
_SPLIT_LIKE = float(np.log(1 / 0.65))


def suspect_jumps(symbol: str, frame: pd.DataFrame, start_pos: int, end_pos: int) -> list[str]:
    """Notes for split-like one-day jumps (-35% or worse, +54% or more) in an ETF's closes
    between two positions. Index and yield symbols (^...) are exempt: VIX and low yields
    really do move that much."""
    if symbol.startswith("^") or end_pos <= start_pos:
        return []
    segment = closes(frame)[start_pos : end_pos + 1]
    jumps = np.flatnonzero(np.abs(np.diff(np.log(segment))) > _SPLIT_LIKE)
    days = trading_dates(frame)[start_pos + 1 : end_pos + 1]
    return [_jump(symbol, (segment[i + 1] / segment[i] - 1) * 100, as_date(days[i])) for i in jumps]


def _jump(symbol: str, move: float, day: dt.date) -> Note:
    text = (
        f"{symbol}: close moved {move:+.0f}% on {day}, probably an unadjusted split; "
        "figures spanning that day are unreliable until the prices are re-imported or synced"
    )
    return Note(text, "split_like", symbol=symbol, move=f"{move:+.0f}%", day=day)
