"""Index returns: what a symbol did over a period, computed the way published returns are.

Pure: frames in, a ToolResult out; no I/O, no clock. Conventions for periods and as-of dates are
in `tools.periods`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from tools.errors import DataRangeError, ToolError
from tools.frames import closes, last_date, suspect_jumps, table, trading_dates
from tools.notes import Note, ended_before_note, merged_notes
from tools.period_labels import to_date_start
from tools.periods import Period, Window, resolve_window
from tools.result import Measure, Provenance, ToolResult
from tools.symbols import change_unit, display_name

TRADING_DAYS_PER_YEAR = 252
BP_PER_PERCENT_POINT = 100.0  # a yield quoted in % moving by 0.12 moves by 12 bp

METHOD = (
    "price return = end close / start close - 1 (index levels as published, ETFs split- and "
    "dividend-adjusted); YTD/QTD/MTD from the last close before the period began; calendar year "
    "= last close of the prior year to the last close of the year (a month: of the month before "
    "to the month's); from a month's or a year's low or high: from that close; spread = return "
    "- benchmark return in percentage points; volatility = sample stdev of daily simple "
    "returns x sqrt(252); "
    "max drawdown = worst peak-to-trough fall of closes within the period; best/worst day = "
    "the largest daily rise and fall of the close within the period; a yield or a gauge "
    "(^TNX, ^VIX) has no return: change = end close - start close, in bp (yields, quoted in %) "
    "or points"
)


def index_returns(
    frames: Mapping[str, pd.DataFrame],
    period: Period,
    *,
    as_of: dt.date | None = None,
    benchmark: str | None = None,
    source: str = "prices supplied by the caller",
    current: dt.date | None = None,
) -> ToolResult:
    """Returns of every symbol in `frames` (in its order) over `period` as of `as_of`.

    `as_of` None means the last date every symbol has, so a comparison never mixes end dates
    silently; when some symbols have later data a note says so. `benchmark`, when given, must be
    one of the frames; each row's `spread_pp` is its return minus the benchmark's. `current`
    (with no `as_of`): the day a span to date runs to (the price store's latest close), which
    a series must reach into (`current_frames`).
    """
    if not frames:
        raise ToolError("index returns need at least one symbol")
    if benchmark is not None and benchmark not in frames:
        raise ToolError(f"benchmark {benchmark} has no prices")
    notes: list[str] = []
    if as_of is None and current is not None:
        frames, notes = current_frames(frames, period, current)
        benchmark = benchmark if benchmark in frames else None
    uses_as_of = period.kind != "year" and not (period.kind == "range" and period.end)
    if as_of is None and uses_as_of:
        as_of, note = common_last_date(frames)
        notes += [note] if note else []
    rows, series = _measured(frames, period, as_of, notes)
    notes = merged_notes(notes)  # the symbols of one period measured to one last close, once
    if benchmark is not None:
        bench_return = next(row["return_pct"] for row in rows if row["symbol"] == benchmark)
        for row in rows:
            row["spread_pp"] = row["return_pct"] - bench_return
    if len({row["end_date"] for row in rows}) > 1:
        text = "end dates differ between symbols (different trading calendars or data)"
        notes.append(Note(text, "end_dates_differ"))
    provenance = Provenance(
        tool="index_returns",
        symbols=tuple(frames),
        source=source,
        as_of=max(row["end_date"] for row in rows),
        method=METHOD + (f"; benchmark {benchmark}" if benchmark else ""),
        notes=tuple(notes),
    )
    normalized = pd.DataFrame(series)
    normalized.index.name = "Date"
    result_table = table(rows, date_columns=("start_date", "end_date", "best_day", "worst_day"))
    summary = _summary(rows, period, benchmark)
    return ToolResult(
        result_table, provenance, summary, {"normalized": normalized}, measures(benchmark)
    )


def measures(benchmark: str | None) -> tuple[Measure, ...]:
    """What each column of a returns frame states (the spread is against `benchmark`)."""

    def per_period(column: str, metric: str, unit: str, against: str | None = None) -> Measure:
        return Measure(
            column, metric, unit, period_column="period", date_column="end_date", against=against
        )

    return (
        per_period("return_pct", "return", "%"),
        per_period("spread_pp", "spread", "pp", against=benchmark),
        per_period("volatility_pct", "volatility", "%"),
        per_period("max_drawdown_pct", "drawdown", "%"),
        Measure("best_day_pct", "day_move", "%", period_column="period", date_column="best_day"),
        Measure("worst_day_pct", "day_move", "%", period_column="period", date_column="worst_day"),
        Measure(
            "change",
            "change",
            unit_column="change_unit",
            period_column="period",
            date_column="end_date",
        ),
        Measure("start_close", "level", unit_column="close_unit", date_column="start_date"),
        Measure("end_close", "level", unit_column="close_unit", date_column="end_date"),
    )


def common_last_date(frames: Mapping[str, pd.DataFrame]) -> tuple[dt.date, str | None]:
    """The last date all frames have, and a note naming the symbols that go further."""
    lasts = {symbol: last_date(frame) for symbol, frame in frames.items()}
    common = min(lasts.values())
    later = tuple(
        Note(f"{s} to {d}", "runs_to", symbol=s, last=d) for s, d in lasts.items() if d > common
    )
    if not later:
        return common, None
    limiting = ", ".join(s for s, d in lasts.items() if d == common)
    text = (
        f"as of {common}, the last date {limiting} has; newer closes exist for {', '.join(later)}"
    )
    return common, Note(text, "common_last", day=common, symbols=limiting, later=later)


def _measured(
    frames: Mapping[str, pd.DataFrame], period: Period, as_of: dt.date | None, notes: list[str]
) -> tuple[list[dict[str, Any]], dict[str, pd.Series]]:
    """Each symbol's row over `period` and its closes rebased to 100 (not a yield's or a
    gauge's level); the windows' caveats are added to `notes`."""
    rows: list[dict[str, Any]] = []
    series: dict[str, pd.Series] = {}
    for symbol, frame in frames.items():
        window = resolve_window(trading_dates(frame), period, as_of, symbol, closes(frame))
        notes += [*window.notes, *suspect_jumps(symbol, frame, window.start_pos, window.end_pos)]
        segment = closes(frame)[window.start_pos : window.end_pos + 1]
        days = trading_dates(frame)[window.start_pos : window.end_pos + 1]
        rows.append(_row(symbol, period, window, segment, days))
        if rows[-1]["change_unit"]:
            continue  # a yield's level rebased to 100 charts no performance
        series[symbol] = pd.Series(
            segment / segment[0] * 100.0, index=frame.index[window.start_pos : window.end_pos + 1]
        )
    return rows, series


def current_frames(
    frames: Mapping[str, pd.DataFrame], period: Period, current: dt.date
) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """The frames with closes in the span to date `period` names as of `current` ("MTD": its
    month), each left out one saying so: a series that ends before the span began would
    measure an earlier one (February's month to date, asked in August). DataRangeError when
    none is left; other periods keep every frame."""
    began = to_date_start(period.kind, current)
    if began is None:
        return dict(frames), []
    lasts = {s: last_date(frame) for s, frame in frames.items()}
    kept = {s: frame for s, frame in frames.items() if lasts[s] >= began}
    left_out = [
        ended_before_note(symbol, last, period.label, began)
        for symbol, last in lasts.items()
        if symbol not in kept
    ]
    if not kept:
        raise DataRangeError(left_out[0], key=left_out[0].key, **left_out[0].facts)
    return kept, list(left_out)


def _row(
    symbol: str, period: Period, window: Window, segment: np.ndarray, days: np.ndarray
) -> dict[str, Any]:
    nothing = float("nan")
    row: dict[str, Any] = {
        "symbol": symbol,
        "name": display_name(symbol, "en"),
        "period": period.label,
        "start_date": window.start_date,
        "end_date": window.end_date,
        "start_close": float(segment[0]),
        "end_close": float(segment[-1]),
        "spread_pp": nothing,
    }
    unit = change_unit(symbol)
    if unit:  # a yield or a gauge: its level moves, and no holding earns a return on it
        scale = BP_PER_PERCENT_POINT if unit == "bp" else 1.0
        change = float((segment[-1] - segment[0]) * scale)
        no_return = {"return_pct": nothing, "volatility_pct": nothing, "max_drawdown_pct": nothing}
        close_unit = "%" if unit == "bp" else ""  # a yield closes at a percentage
        level = {"change": change, "change_unit": unit, "close_unit": close_unit}
        return row | no_return | _extreme_days(np.array([]), days) | level
    daily = segment[1:] / segment[:-1] - 1.0
    volatility = (
        float(np.std(daily, ddof=1) * np.sqrt(TRADING_DAYS_PER_YEAR) * 100.0)
        if len(daily) >= 2
        else nothing
    )
    drawdown = float(np.min(segment / np.maximum.accumulate(segment) - 1.0) * 100.0)
    return row | {
        "return_pct": float((segment[-1] / segment[0] - 1.0) * 100.0),
        "volatility_pct": volatility,
        "max_drawdown_pct": drawdown,
        **_extreme_days(daily, days),
        "change": nothing,
        "change_unit": "",
        "close_unit": "",
    }


def _extreme_days(daily: np.ndarray, days: np.ndarray) -> dict[str, Any]:
    """The period's best and worst day: each day's close against the one before (`daily`, one
    shorter than `days`); none for a single close or a level with no return."""
    if not len(daily):
        never = np.datetime64("NaT")
        nothing = {"best_day": never, "best_day_pct": float("nan")}
        return nothing | {"worst_day": never, "worst_day_pct": float("nan")}
    best, worst = int(np.argmax(daily)), int(np.argmin(daily))
    return {
        "best_day": days[best + 1],
        "best_day_pct": float(daily[best] * 100.0),
        "worst_day": days[worst + 1],
        "worst_day_pct": float(daily[worst] * 100.0),
    }


def _summary(rows: list[dict[str, Any]], period: Period, benchmark: str | None) -> str:
    lines = []
    for row in rows:
        moved = (
            f"{row['change']:+.2f} {row['change_unit']}"
            if row["change_unit"]
            else f"{row['return_pct']:+.2f}%"
        )
        line = (
            f"{row['symbol']} ({row['name']}) {period.label}: {moved} "
            f"({row['start_date']} close {row['start_close']:,.2f} -> "
            f"{row['end_date']} close {row['end_close']:,.2f})"
        )
        if benchmark is not None and row["symbol"] != benchmark and not row["change_unit"]:
            line += f", {row['spread_pp']:+.2f} pp vs {benchmark}"
        lines.append(line)
    return "\n".join(lines)
