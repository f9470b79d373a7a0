"""Quotes: last close, previous close and the change, for a strip of related tickers.

Pure: frames in, a ToolResult out. Each symbol uses its own last trading day on or before the
as-of date (None: its own last stored close), so a quote is always a real close; when the
symbols' dates differ, a note says so rather than pretending they are simultaneous.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd

from tools.errors import DataRangeError, ToolError
from tools.frames import as_date, closes, table, trading_dates
from tools.notes import Note
from tools.periods import locate_as_of
from tools.result import Measure, Provenance, ToolResult
from tools.symbols import display_name

METHOD = "last close on or before the as-of date; change = close - previous trading day's close"


def quotes(
    frames: Mapping[str, pd.DataFrame],
    *,
    as_of: dt.date | None = None,
    source: str = "prices supplied by the caller",
) -> ToolResult:
    """One row per symbol (in the frames' order): date, close, previous close, change."""
    if not frames:
        raise ToolError("quotes need at least one symbol")
    rows = [_quote(symbol, frame, as_of) for symbol, frame in frames.items()]
    frame = table(rows, date_columns=("date", "previous_date"))
    dates = sorted({row["date"] for row in rows})
    notes = []
    if len(dates) > 1:
        days = tuple(
            Note(f"{r['symbol']} {r['date']}", "quote_day", symbol=r["symbol"], day=r["date"])
            for r in rows
        )
        text = "quotes fall on different dates: " + ", ".join(days)
        notes.append(Note(text, "dates_differ", days=days))
    provenance = Provenance(
        tool="quotes",
        symbols=tuple(frames),
        source=source,
        as_of=dates[-1],
        method=METHOD,
        notes=tuple(notes),
    )
    summary = "; ".join(
        f"{row['symbol']} {row['close']:,.2f} ({row['change_pct']:+.2f}%, {row['date']})"
        for row in rows
    )
    return ToolResult(frame, provenance, summary, measures=MEASURES)


MEASURES = (
    Measure("close", "level", date_column="date"),
    Measure("previous_close", "level", date_column="previous_date"),
    Measure("change", "change", "pt", "1D", date_column="date"),
    Measure("change_pct", "return", "%", "1D", date_column="date"),
)


def _quote(symbol: str, frame: pd.DataFrame, as_of: dt.date | None) -> dict[str, Any]:
    dates = trading_dates(frame)
    pos = locate_as_of(dates, as_of, symbol)
    if pos < 1:
        raise DataRangeError(
            f"a quote of {symbol} needs a previous close before {as_of}",
            key="before_first_close",
            symbol=symbol,
            day=as_date(dates[0]),
        )
    values = closes(frame)
    close, previous = float(values[pos]), float(values[pos - 1])
    return {
        "symbol": symbol,
        "name": display_name(symbol, "en"),
        "date": as_date(dates[pos]),
        "close": close,
        "previous_date": as_date(dates[pos - 1]),
        "previous_close": previous,
        "change": close - previous,
        "change_pct": (close / previous - 1.0) * 100.0,
    }
