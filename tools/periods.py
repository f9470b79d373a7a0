"""Periods and as-of dates, resolved against a symbol's trading days.

The conventions are those of published index returns, so our figures match the ones in the
press to the second decimal:

- a return runs from a start *anchor close* to an end close;
- YTD / QTD / MTD / WTD start from the last close *before* the year / quarter / month / week
  began (the prior year's last close for YTD), never from the first close inside it;
- a calendar year Y runs from the last close of Y-1 to the last close of Y, and a month
  (2026-07), or months from one to another (2026-03..2026-06), from the last close before
  the first to the last one's last close;
- nD counts n trading days back; nW, nM, nY go back n calendar weeks / months / years from the
  end date and anchor on the last close on or before that day;
- start/end dates anchor on the last close on or before `start`;
- a move from a month's or a year's high or low (low:2026-04, high:2026) runs from it;
- an as-of date on a weekend or holiday means the last trading day on or before it;
- a period whose anchor would be before the first stored close is an error, never a silently
  shorter period; an as-of date after the last stored close is an error when a weekday (a
  possible trading day) lies between them, because then the data is missing, not closed;
- a calendar year, month or quarter whose stored closes stop within it runs to the last close,
  with a note saying so (August to the 21st), never past the data.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from tools.errors import DataRangeError, PeriodError
from tools.frames import as_date
from tools.notes import ended_before_note, incomplete_note
from tools.period_labels import (
    YEAR_LABEL,
    calendar_days,
    extreme_of,
    first_day,
    month_of,
    months_of,
    since_of,
    span_of,
    to_date_start,
)

PeriodKind = Literal[
    "days", "weeks", "months", "years", "wtd", "mtd", "qtd", "ytd", "year", "range", "extreme"
]


@dataclass(frozen=True)
class Period:
    """What to measure: a named period, a calendar year, or a start/end range."""

    kind: PeriodKind
    label: str  # as shown to people: "YTD", "3M", "2024", "2024-01-02..2024-06-28"
    n: int = 0
    year: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    extreme: str = ""  # "high" or "low": the base is the close of that kind within start..end


@dataclass(frozen=True)
class Window:
    """The positions and dates a period resolved to in one symbol's trading days."""

    start_pos: int  # the anchor close
    end_pos: int
    start_date: dt.date
    end_date: dt.date
    notes: tuple[str, ...] = ()


_NAMED = re.compile(r"^(\d{1,3})\s*([DWMY])$")
_TO_DATE = {"WTD": "wtd", "MTD": "mtd", "QTD": "qtd", "YTD": "ytd"}
_UNITS: dict[str, PeriodKind] = {"D": "days", "W": "weeks", "M": "months", "Y": "years"}


def parse_period(text: str) -> Period:
    """'1D', '5D', '1W', 'MTD', 'QTD', 'YTD', '1M', '3M', '6M', '1Y', a year like '2024', a
    month like '2026-07', months like '2026-03..2026-06', a quarter like '2026-Q2', a half
    like '2026-H1', or a span to date from a close like '2026-06-30..'."""
    label = text.strip().upper()
    if since := since_of(label):
        return date_range(since)
    if label in _TO_DATE:
        return Period(kind=_TO_DATE[label], label=label)  # type: ignore[arg-type]
    if YEAR_LABEL.fullmatch(label):
        return calendar_year(int(label))
    if month := month_of(label):
        return calendar_month(*month)
    if months := months_of(label):
        return calendar_months(*months)
    if span := span_of(label):
        return calendar_span(*span)
    if extreme := extreme_of(label):
        return from_extreme(*extreme)
    match = _NAMED.match(label)
    if match and int(match.group(1)) > 0:
        n, unit = int(match.group(1)), match.group(2)
        return Period(kind=_UNITS[unit], label=f"{n}{unit}", n=n)
    raise PeriodError(
        f"unknown period {text!r}: use 1D, 5D, 1W, WTD, MTD, QTD, YTD, 1M, 3M, 6M, 1Y, a year "
        "(2025), a month (2025-07), months (2025-03..2025-06), a quarter (2025-Q2), a half "
        "(2025-H1), a span since a close (2025-06-30..) or from a month's or a year's high or "
        "low (low:2025-04, high:2025)"
    )


def calendar_year(year: int) -> Period:
    if not 1900 <= year <= 2200:
        raise PeriodError(f"year {year} is out of range")
    return Period(kind="year", label=str(year), year=year)


def calendar_month(year: int, month: int) -> Period:
    """A month, as the press measures it: from the last close before it began to its last
    close (MTD's anchor, carried to the month's end)."""
    return _calendar_range(f"{year}-{month:02d}")


def calendar_months(first: tuple[int, int], last: tuple[int, int]) -> Period:
    """The calendar months from `first` to `last` ((year, month) each, the first before the
    last), measured as one month is: from the last close before the first to the last one's
    last close."""
    return _calendar_range(f"{first[0]}-{first[1]:02d}..{last[0]}-{last[1]:02d}")


def _calendar_range(label: str) -> Period:
    """A calendar period's label (`calendar_days`): the close before its first day to its last
    day's."""
    days = calendar_days(label)
    assert days is not None, f"{label} is no calendar period"
    first, last = days
    return Period(kind="range", label=label, start=first - dt.timedelta(days=1), end=last)


def calendar_span(year: int, kind: str, which: int) -> Period:
    """A calendar quarter or half, measured as a month is: from the last close before it began
    to its last close."""
    return _calendar_range(f"{year}-{kind}{which}")


def from_extreme(kind: str, within: str) -> Period:
    """From the highest ("high") or lowest ("low") close of a month ("2026-04") or a year
    ("2026") to the end: "How much has it rebounded from its April low?"."""
    if month := month_of(within):
        start = dt.date(*month, 1)
        end = calendar_month(*month).end
    else:
        start, end = dt.date(int(within), 1, 1), dt.date(int(within), 12, 31)
    return Period(kind="extreme", label=f"{kind}:{within}", start=start, end=end, extreme=kind)


def date_range(start: dt.date, end: dt.date | None = None) -> Period:
    """From the close on (or last before) `start` to the close on (or before) `end`."""
    if end is not None and end <= start:
        raise PeriodError(f"empty range: start {start} is not before end {end}")
    label = f"{start.isoformat()}..{end.isoformat() if end else ''}"
    return Period(kind="range", label=label, start=start, end=end)


def parse_date(text: str, what: str = "date") -> dt.date:
    """An ISO date (YYYY-MM-DD); anything else is a PeriodError naming the bad value."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise PeriodError(f"bad {what} {text!r}: expected YYYY-MM-DD") from None


def locate_as_of(dates: np.ndarray, as_of: dt.date | None, symbol: str) -> int:
    """Position of the last trading day on or before `as_of` (None: the last stored day)."""
    if len(dates) == 0:
        raise DataRangeError(f"no stored closes of {symbol}", key="no_closes", symbol=symbol)
    if as_of is None:
        return len(dates) - 1
    first, last = as_date(dates[0]), as_date(dates[-1])
    if as_of < first:
        raise DataRangeError(
            f"as-of {as_of} is before the first stored close of {symbol} ({first})",
            key="before_first_close",
            symbol=symbol,
            day=first,
        )
    if as_of > last and np.busday_count(last + dt.timedelta(days=1), as_of + dt.timedelta(days=1)):
        raise DataRangeError(
            f"as-of {as_of} is after the last stored close of {symbol} ({last})",
            key="after_last_close",
            symbol=symbol,
            day=last,
        )
    return int(np.searchsorted(dates, np.datetime64(as_of, "D"), side="right")) - 1


def resolve_window(
    dates: np.ndarray,
    period: Period,
    as_of: dt.date | None,
    symbol: str,
    closes: np.ndarray | None = None,
) -> Window:
    """Resolve a period against one symbol's trading days (`datetime64[D]`, ascending); a move
    from a high or a low needs the `closes` too."""
    notes: tuple[str, ...] = ()
    if period.kind == "year" or (period.kind == "range" and period.end is not None):
        end_pos, notes = _calendar_end(dates, period, symbol)
    elif period.kind == "range":
        end_pos = locate_as_of(dates, as_of, symbol)
    else:
        end_pos = locate_as_of(dates, as_of, symbol)
    end_date = as_date(dates[end_pos])
    if period.kind == "days":
        start_pos = end_pos - period.n
        if start_pos < 0:
            raise DataRangeError(
                f"{period.label} as of {end_date} needs {period.n} trading days before it, but "
                f"{symbol}'s stored prices start {as_date(dates[0])}",
                key="before_first_close",
                symbol=symbol,
                day=as_date(dates[0]),
            )
    elif period.kind == "extreme":
        assert closes is not None, "a move from a high or a low is found in the closes"
        start_pos = _extreme(dates, closes, period, end_pos, symbol)
    else:
        start_pos = _anchor(dates, _anchor_day(period, end_date), period, symbol)
    if start_pos >= end_pos:
        raise DataRangeError(
            f"empty range: {period.label} for {symbol} starts and ends on the same trading day "
            f"({end_date})",
            key="one_close",
            symbol=symbol,
            day=end_date,
        )
    return Window(start_pos, end_pos, as_date(dates[start_pos]), end_date, notes)


def _extreme(
    dates: np.ndarray, closes: np.ndarray, period: Period, end_pos: int, symbol: str
) -> int:
    """Where the highest or lowest close of the period's month or year is, up to `end_pos`."""
    assert period.start is not None and period.end is not None
    first = int(np.searchsorted(dates, np.datetime64(period.start, "D"), side="left"))
    stop = min(int(np.searchsorted(dates, np.datetime64(period.end, "D"), "right")), end_pos + 1)
    if stop <= first:
        within = period.label.split(":", 1)[1]
        raise DataRangeError(
            f"no stored close of {symbol} in {within} up to the end date",
            key="no_close_in",
            symbol=symbol,
            period=within,
        )
    pick = np.argmax if period.extreme == "high" else np.argmin
    return first + int(pick(closes[first:stop]))


def _anchor_day(period: Period, end: dt.date) -> dt.date:
    """The calendar day whose close (or the last before it) is the period's base."""
    began = to_date_start(period.kind, end)
    if began is not None:  # the day before the span began (a week's: Sunday, so Friday's close)
        return began - dt.timedelta(days=1)
    if period.kind == "weeks":
        return end - dt.timedelta(weeks=period.n)
    if period.kind in ("months", "years"):
        months = period.n * (12 if period.kind == "years" else 1)
        return (pd.Timestamp(end) - pd.DateOffset(months=months)).date()  # clips to month end
    if period.kind == "year":
        assert period.year is not None
        return dt.date(period.year - 1, 12, 31)
    assert period.kind == "range" and period.start is not None
    return period.start


def _anchor(dates: np.ndarray, day: dt.date, period: Period, symbol: str) -> int:
    pos = int(np.searchsorted(dates, np.datetime64(day, "D"), side="right")) - 1
    if pos < 0:
        raise DataRangeError(
            f"period {period.label} starts from the close on or before {day}, but {symbol}'s "
            f"stored prices start {as_date(dates[0])}",
            key="before_first_close",
            symbol=symbol,
            day=as_date(dates[0]),
        )
    return pos


def _calendar_end(dates: np.ndarray, period: Period, symbol: str) -> tuple[int, tuple[str, ...]]:
    """The last close of a calendar year or of a range with an end ("2026-08", "2026-Q3"), with
    a note when the stored closes stop before it does: August measured to August 21 when the
    store's closes end there, rather than no figure at all."""
    if period.kind == "year":
        assert period.year is not None
        began, last_day = dt.date(period.year, 1, 1), dt.date(period.year, 12, 31)
    else:
        assert period.start is not None and period.end is not None
        # a month's start is the day before it (its base close); a range of dates' is its own
        began, last_day = first_day(period.label, period.end) or period.start, period.end
    end_pos = int(np.searchsorted(dates, np.datetime64(last_day, "D"), "right")) - 1
    if period.kind == "year" and (end_pos < 0 or as_date(dates[end_pos]) < began):
        raise DataRangeError(f"no stored closes of {symbol} in {period.year}",
                             key="none_in_year", symbol=symbol, year=period.year)  # fmt: skip
    if end_pos < 0:  # the stored closes start after it: `_anchor` says so
        return 0, ()
    end_date, stored_after = as_date(dates[end_pos]), end_pos < len(dates) - 1
    after = end_date + dt.timedelta(days=1)
    if stored_after or not np.busday_count(after, last_day + dt.timedelta(days=1)):
        return end_pos, ()  # complete, or only days without trading after its last close
    if end_date < began:
        note = ended_before_note(symbol, end_date, period.label, began)
        raise DataRangeError(note, key=note.key, **note.facts)
    return end_pos, (incomplete_note([symbol], period.label, end_date),)
