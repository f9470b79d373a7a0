"""Sector scores: the 11 SPDR sector ETFs ranked by momentum, relative strength and trend.

Components, per ETF, as of one date (k trading days back: 1D = 1, 1W = 5, 1M = 21, 3M = 63):

- return_{1d,1w,1m,3m}_pct: close / close k days earlier - 1, in %;
- rs_3m_pp: relative strength against SPY, the ETF's 3M return minus SPY's, in percentage points;
- trend_pct: distance of the close from its 50-day simple moving average, in %.

Composite score (0-100): each scored component is turned into a cross-sectional percentile
rank among the 11 sectors, (rank - 1) / (11 - 1) x 100 with ties averaged, so the best sector on
that component gets 100 and the worst 0; the score is the weighted mean of those percentiles:
1W 15%, 1M 30%, RS 3M 30%, trend 25%. The 1D return is shown but not scored (one day is
noise), and the raw 3M return is not scored separately because, against one common benchmark, it
ranks exactly like RS 3M. Rank 1 is the highest score; ties go to the higher RS, then the symbol.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from tools.errors import DataRangeError, UnknownSymbolError
from tools.frames import as_date, closes, last_date, suspect_jumps, table, trading_dates
from tools.instruments import SECTORS
from tools.notes import Note
from tools.periods import locate_as_of
from tools.proxies import lagging
from tools.result import Measure, Provenance, ToolResult
from tools.returns import common_last_date

BENCHMARK = "SPY"
MIN_RANKED = 6  # with fewer sectors left to rank, the scores are moved back to a common date
LOOKBACKS = {"1d": 1, "1w": 5, "1m": 21, "3m": 63}
SMA_DAYS = 50
WEIGHTS = {"return_1w_pct": 0.15, "return_1m_pct": 0.30, "rs_3m_pp": 0.30, "trend_pct": 0.25}

METHOD = (
    "returns over 1/5/21/63 trading days; RS 3M = 3M return - SPY 3M return (pp); trend = close / "
    "50-day SMA - 1; score = weighted mean of cross-sectional percentile ranks (0 worst, 100 "
    "best): 1W 15%, 1M 30%, RS 3M 30%, trend 25%; rank 1 = highest score"
)


def sector_symbols() -> list[str]:
    """The 11 sector ETFs and the benchmark, which sector scores need."""
    return [symbol for symbol, _, _ in SECTORS] + [BENCHMARK]


def sector_scores(
    frames: Mapping[str, pd.DataFrame],
    *,
    as_of: dt.date | None = None,
    source: str = "prices supplied by the caller",
) -> ToolResult:
    """Score and rank the 11 sectors as of `as_of` (None: SPY's last close). Sectors whose
    closes end well before that day are left out (named in a note and `left_out`); when too
    few would be left, every sector is scored on the last date all of them have."""
    missing = [symbol for symbol in sector_symbols() if symbol not in frames]
    if missing:
        raise UnknownSymbolError(
            f"sector scores need {', '.join(missing)}, not in the price store; import them with "
            f"`marketbrief prices import` or `marketbrief prices sync {' '.join(missing)}`"
        )
    chosen = {symbol: frames[symbol] for symbol in sector_symbols()}
    notes: list[str] = []
    left_out = _ending_early(chosen, as_of)
    if left_out:
        as_of = as_of or last_date(chosen[BENCHMARK])
        by_last: dict[dt.date, list[str]] = {}  # "XLB, XLRE, XLC (last close …)", once
        for symbol, last in left_out.items():
            by_last.setdefault(last, []).append(symbol)
        items = tuple(
            Note(f"{', '.join(s)} (last close {d})", "closed", symbols=tuple(s), last=d)
            for d, s in sorted(by_last.items())
        )
        text = f"{', '.join(items)}: closes end before {as_of}, left out of the ranking"
        notes.append(Note(text, "left_out", items=items, as_of=as_of))
        chosen = {s: f for s, f in chosen.items() if s not in left_out}
    elif as_of is None:
        as_of, note = common_last_date(chosen)
        notes += [note] if note else []
    spy_3m, spy_date = _benchmark_3m(chosen[BENCHMARK], as_of)
    rows = [
        {"sector": en, "sector_zh": zh, **_components(symbol, chosen[symbol], as_of, spy_3m)}
        for symbol, en, zh in SECTORS
        if symbol in chosen
    ]
    for symbol, frame in chosen.items():
        _, pos = _position(frame, symbol, as_of)
        notes += suspect_jumps(symbol, frame, pos - LOOKBACKS["3m"], pos)
    ranked = _scored(rows)
    dates = {spy_date, *(row["date"] for row in ranked)}
    if len(dates) > 1:
        text = "closes used fall on different dates: " + ", ".join(map(str, sorted(dates)))
        notes.append(Note(text, "sector_dates_differ", days=", ".join(map(str, sorted(dates)))))
    provenance = Provenance(
        tool="sector_scores",
        symbols=tuple(sector_symbols()),
        source=source,
        as_of=max(dates),
        method=METHOD,
        notes=tuple(notes),
    )
    frame = table(ranked, date_columns=("date",))
    return ToolResult(
        frame, provenance, _summary(ranked), measures=MEASURES, left_out=tuple(left_out.items())
    )


def _ending_early(frames: Mapping[str, pd.DataFrame], as_of: dt.date | None) -> dict[str, dt.date]:
    """Sectors whose closes stop well before the day scored (`as_of`, or SPY's last close),
    when the rest can still be ranked: the ranking is then as of that day without them, rather
    than every sector moved back to the stalest one's last close."""
    day = as_of or last_date(frames[BENCHMARK])
    if lagging(last_date(frames[BENCHMARK]), day):
        return {}
    lasts = {symbol: last_date(frames[symbol]) for symbol, _, _ in SECTORS}
    early = {symbol: last for symbol, last in lasts.items() if lagging(last, day)}
    return early if len(lasts) - len(early) >= MIN_RANKED else {}


def _on_day(column: str, metric: str, unit: str = "", period: str | None = None) -> Measure:
    return Measure(column, metric, unit, period, date_column="date", against=BENCHMARK)


MEASURES = (
    _on_day("rank", "rank"),
    _on_day("close", "level"),
    _on_day("score", "score"),
    _on_day("return_1d_pct", "return", "%", "1D"),
    _on_day("return_1w_pct", "return", "%", "1W"),
    _on_day("return_1m_pct", "return", "%", "1M"),
    _on_day("return_3m_pct", "return", "%", "3M"),
    _on_day("rs_3m_pp", "spread", "pp", "3M"),
    _on_day("trend_pct", "trend", "%"),
)


def _position(frame: pd.DataFrame, symbol: str, as_of: dt.date) -> tuple[np.ndarray, int]:
    pos = locate_as_of(trading_dates(frame), as_of, symbol)
    needed = max(LOOKBACKS["3m"], SMA_DAYS - 1)
    if pos < needed:
        raise DataRangeError(
            f"sector scores need {needed} trading days of {symbol} before {as_of}; its stored "
            f"prices start {as_date(frame.index[0])}",
            key="before_first_close",
            symbol=symbol,
            day=as_date(frame.index[0]),
        )
    return closes(frame), pos


def _benchmark_3m(frame: pd.DataFrame, as_of: dt.date) -> tuple[float, dt.date]:
    values, pos = _position(frame, BENCHMARK, as_of)
    used = as_date(trading_dates(frame)[pos])
    return float(values[pos] / values[pos - LOOKBACKS["3m"]] - 1.0), used


def _components(symbol: str, frame: pd.DataFrame, as_of: dt.date, spy_3m: float) -> dict[str, Any]:
    values, pos = _position(frame, symbol, as_of)
    close = float(values[pos])
    row: dict[str, Any] = {"symbol": symbol, "date": as_date(trading_dates(frame)[pos])}
    row["close"] = close
    for label, days in LOOKBACKS.items():
        row[f"return_{label}_pct"] = (close / float(values[pos - days]) - 1.0) * 100.0
    ret_3m = close / float(values[pos - LOOKBACKS["3m"]]) - 1.0
    row["rs_3m_pp"] = (ret_3m - spy_3m) * 100.0
    sma = float(values[pos - SMA_DAYS + 1 : pos + 1].mean())
    row["trend_pct"] = (close / sma - 1.0) * 100.0
    return row


def _percentiles(values: list[float]) -> list[float]:
    """Cross-sectional percentile ranks: (rank - 1) / (n - 1) x 100, ties averaged."""
    n = len(values)
    ranks = [sum(v < x for v in values) + (sum(v == x for v in values) + 1) / 2 for x in values]
    return [(rank - 1.0) / (n - 1) * 100.0 for rank in ranks]


def _scored(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with score (0-100) and rank (1 = best), ordered by rank, rank columns first."""
    scores = [0.0] * len(rows)
    for column, weight in WEIGHTS.items():
        for i, percentile in enumerate(_percentiles([row[column] for row in rows])):
            scores[i] += weight * percentile
    order = sorted(
        range(len(rows)), key=lambda i: (-scores[i], -rows[i]["rs_3m_pp"], rows[i]["symbol"])
    )
    leading = ("sector", "sector_zh", "symbol", "date", "close")
    return [
        {"rank": rank, **{k: rows[i][k] for k in leading}, "score": scores[i], **rows[i]}
        for rank, i in enumerate(order, start=1)
    ]


def _summary(rows: list[dict[str, Any]]) -> str:
    parts = [
        f"{row['rank']}. {row['sector']} ({row['symbol']}) score {row['score']:.1f}: 1M "
        f"{row['return_1m_pct']:+.2f}%, RS 3M {row['rs_3m_pp']:+.2f} pp, trend "
        f"{row['trend_pct']:+.2f}%"
        for row in rows
    ]
    return f"Sector scores as of {max(row['date'] for row in rows)}:\n" + "\n".join(parts)
