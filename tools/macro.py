"""Macro dashboard: the 10-year yield, the curve, VIX and a credit proxy, each with its 1-month
change and direction.

Units, checked against Yahoo's data: ^TNX, ^FVX and ^IRX close in percent (^TNX 4.056 on
2026-02-13 is a 4.056% yield; the 2001 values, ~4.9-5.1, match that year's yields too, so the
series is not scaled x10). Yield changes and curve slopes are in basis points, VIX in index
points, the credit proxy as the HYG / LQD price ratio (HYG / TLT when LQD is missing or stale)
and its change in %. A rising ratio means high yield outperforming investment grade (or
Treasuries): risk appetite, spreads tightening.

Each series uses its own last close on or before the as-of date; one that ends more than
`STALE_DAYS` before the as-of date is still shown, with its date, and a note says how old it is.
Asked of a period ("How did the 10-year yield move in July?"), a series whose closes end before
the period began says nothing of it: it is left out, with a note. Curve slopes and the credit
ratio are computed on the dates both legs have.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tools.errors import DataRangeError, UnknownSymbolError
from tools.frames import as_date, closes, last_date, table, trading_dates
from tools.notes import Note, ended_before_note
from tools.period_labels import first_day
from tools.result import Measure, Provenance, ToolResult
from tools.returns import BP_PER_PERCENT_POINT
from tools.symbols import change_unit

MONTH = 21  # trading days in the 1-month change
STALE_DAYS = 7
FLAT_BELOW = {"bp": 5.0, "pt": 1.0, "%": 0.5}  # |1M change| under this is "flat"
MACRO_SYMBOLS = ("^TNX", "^FVX", "^IRX", "^VIX", "HYG", "LQD", "TLT")

METHOD = (
    "last close on or before the as-of date per series; 1M change over 21 trading days; yields "
    "in % (Yahoo quotes ^TNX/^FVX/^IRX in percent), yield changes and slopes in bp; credit "
    "proxy = HYG / LQD (HYG / TLT when LQD is missing or stale), change in %; direction flat "
    "when |change| < 5 bp, 1 VIX point or 0.5%"
)


@dataclass(frozen=True)
class _Asked:
    """The period asked ("2026-07") and its first day (None for a trailing span, "1M")."""

    period: str
    began: dt.date | None


@dataclass(frozen=True)
class _Series:
    """Aligned dates and values of one indicator (one symbol, or two combined)."""

    dates: np.ndarray
    values: np.ndarray


def macro(
    frames: Mapping[str, pd.DataFrame],
    *,
    as_of: dt.date | None = None,
    period: str | None = None,
    source: str = "prices supplied by the caller",
) -> ToolResult:
    """The macro rows as of `as_of` (None: the latest close of any macro series); `period`:
    the period asked ("2026-07", "YTD"), before whose first day a reading says nothing."""
    present = {s: frames[s] for s in MACRO_SYMBOLS if s in frames}
    if not present:
        raise UnknownSymbolError(
            "macro needs some of " + ", ".join(MACRO_SYMBOLS) + ", none is in the price store; "
            "import them with `marketbrief prices import` or `marketbrief prices sync`",
            key="no_macro",
            symbols=MACRO_SYMBOLS,
        )
    as_of = _check_as_of(present, as_of)
    notes: list[str] = []
    rows = []
    asked = _Asked(period, first_day(period, as_of)) if period else None
    for spec in _indicators(present, as_of, notes):
        row = _row(*spec, as_of=as_of, asked=asked, notes=notes)
        if row is not None:
            rows.append(row)
    left_out = [n for n in notes if isinstance(n, Note) and n.key == "ended_before_span"]
    if not rows and left_out:  # the period asked began after every reading's last close
        raise DataRangeError(left_out[0], key=left_out[0].key, **left_out[0].facts)
    if not rows:
        raise DataRangeError(
            f"no macro series has closes on or before {as_of}", key="macro_before", day=as_of
        )
    frame = table(rows, date_columns=("date",))
    used = max(row["date"] for row in rows if isinstance(row["date"], dt.date))
    provenance = Provenance(
        tool="macro",
        symbols=tuple(present),
        source=source,
        as_of=used,
        method=METHOD,
        notes=tuple(notes),
    )
    return ToolResult(frame, provenance, _summary(rows), measures=MEASURES)


MEASURES = (
    Measure("value", metric_column="metric", unit_column="unit", date_column="date",
            entity_column="symbols"),
    Measure("change_1m", "change", period="1M", unit_column="change_unit", date_column="date",
            entity_column="symbols"),
)  # fmt: skip


def _check_as_of(present: Mapping[str, pd.DataFrame], as_of: dt.date | None) -> dt.date:
    latest = max(last_date(frame) for frame in present.values())
    if as_of is None:
        return latest
    if as_of > latest and np.busday_count(latest + dt.timedelta(days=1), as_of + dt.timedelta(1)):
        raise DataRangeError(
            f"as-of {as_of} is after the last stored close of every macro series (latest {latest})",
            key="macro_after",
            day=latest,
        )
    return as_of


Indicator = tuple[str, str, _Series, str, str]  # name, symbols, series, unit, change unit


def _indicators(
    present: Mapping[str, pd.DataFrame], as_of: dt.date, notes: list[str]
) -> list[Indicator]:
    found: list[Indicator] = []
    tnx = present.get("^TNX")
    if tnx is not None:
        found.append(("10-year yield", "^TNX", _single(tnx), "%", change_unit("^TNX")))
        for leg, name in (("^FVX", "10y-5y slope"), ("^IRX", "10y-3m slope")):
            if leg in present:
                spread = _combine(tnx, present[leg], lambda a, b: (a - b) * 100.0)
                found.append((name, f"^TNX-{leg}", spread, "bp", "bp"))
            else:
                text = f"{leg} is not in the price store: no {name}"
                notes.append(Note(text, "leg_missing", symbol=leg, indicator=name))
    else:
        text = "^TNX is not in the price store: no 10-year yield or curve slopes"
        notes.append(Note(text, "no_yield", symbol="^TNX"))
    if "^VIX" in present:
        found.append(("VIX", "^VIX", _single(present["^VIX"]), "pt", change_unit("^VIX")))
    else:
        notes.append(Note("^VIX is not in the price store: no VIX", "no_vix", symbol="^VIX"))
    credit = _credit_leg(present, as_of, notes)
    if credit is not None:
        ratio = _combine(present["HYG"], present[credit], lambda a, b: a / b)
        found.append((f"credit proxy HYG/{credit}", f"HYG/{credit}", ratio, "ratio", "%"))
    return found


def _credit_leg(
    present: Mapping[str, pd.DataFrame], as_of: dt.date, notes: list[str]
) -> str | None:
    """LQD when it is fresh enough, else TLT; None (with a note) when HYG or both are missing."""
    if "HYG" not in present:
        notes.append(Note("HYG is not in the price store: no credit proxy", "no_hyg", symbol="HYG"))
        return None
    fresh = {
        leg: (as_of - min(last_date(present[leg]), as_of)).days <= STALE_DAYS
        for leg in ("LQD", "TLT")
        if leg in present
    }
    if not fresh:
        text = "neither LQD nor TLT is in the price store: no credit proxy"
        notes.append(Note(text, "no_credit_leg"))
        return None
    if fresh.get("LQD") or "TLT" not in fresh:
        return "LQD"
    if "LQD" in fresh:
        last = last_date(present["LQD"])
        text = f"LQD ends {last}, before the as-of date; the credit proxy uses HYG/TLT instead"
        notes.append(Note(text, "lqd_ends", last=last))
    return "TLT"


def _single(frame: pd.DataFrame) -> _Series:
    return _Series(trading_dates(frame), closes(frame))


def _combine(
    a: pd.DataFrame, b: pd.DataFrame, how: Callable[[np.ndarray, np.ndarray], np.ndarray]
) -> _Series:
    dates, ia, ib = np.intersect1d(trading_dates(a), trading_dates(b), return_indices=True)
    return _Series(dates, how(closes(a)[ia], closes(b)[ib]))


def _row(
    name: str,
    symbols: str,
    series: _Series,
    unit: str,
    change_unit: str,
    *,
    as_of: dt.date,
    asked: _Asked | None,
    notes: list[str],
) -> dict[str, object] | None:
    pos = int(np.searchsorted(series.dates, np.datetime64(as_of, "D"), side="right")) - 1
    if pos < 0:
        text = f"{name}: no closes of {symbols} on or before {as_of}"
        notes.append(Note(text, "no_closes", indicator=name, symbols=symbols, as_of=as_of))
        return None
    date = as_date(series.dates[pos])
    if asked is not None and asked.began is not None and date < asked.began:
        # "How did the 10-year yield move in July?" is not answered by February's close
        notes.append(ended_before_note(symbols, date, asked.period, asked.began, indicator=name))
        return None
    if (as_of - date).days > STALE_DAYS:
        days = (as_of - date).days
        text = f"{name} ({symbols}): last close {date}, {days} days before the as-of date {as_of}"
        notes.append(
            Note(text, "stale", indicator=name, symbols=symbols, last=date, days=days, as_of=as_of)
        )
    value = float(series.values[pos])
    change = direction = month_ago = None
    if pos >= MONTH:
        before = float(series.values[pos - MONTH])
        month_ago = as_date(series.dates[pos - MONTH])
        change = (value / before - 1.0) * 100.0 if change_unit == "%" else value - before
        if change_unit == "bp" and unit == "%":
            change *= BP_PER_PERCENT_POINT
        direction = (
            "flat" if abs(change) < FLAT_BELOW[change_unit] else "up" if change > 0 else "down"
        )
    else:
        text = f"{name}: fewer than {MONTH} closes before {date}, no 1M change"
        notes.append(Note(text, "short", indicator=name, count=MONTH, last=date))
    return {
        "indicator": name,
        "symbols": symbols,
        "date": date,
        "value": value,
        "metric": "spread" if unit == "bp" else "level",  # values in bp are curve slopes
        "unit": unit,
        "change_1m": change,
        "change_unit": change_unit,
        "direction": direction,
        "month_ago_date": month_ago,
    }


def _summary(rows: list[dict[str, object]]) -> str:
    parts = []
    for row in rows:
        text = f"{row['indicator']} {row['value']:,.3f} {row['unit']} ({row['date']})"
        if row["change_1m"] is not None:
            text += f", 1M {row['change_1m']:+.2f} {row['change_unit']} ({row['direction']})"
        parts.append(text)
    return "; ".join(parts)
