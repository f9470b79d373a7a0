"""Period labels as `tools.periods` writes them ("2025", "2026-07", "2026-03..2026-06",
"2026-Q2", "YTD", "low:2026-04"), read.

Apart from the periods themselves, which need pandas, so that what only reads a label (the
answer's wording of a period, `assistant.locale`) loads no pandas: the browser's first page
draws without it.
"""

from __future__ import annotations

import datetime as dt
import re

YEAR_LABEL = re.compile(r"(?:19|20)\d\d")
_MONTH_LABEL = re.compile(r"((?:19|20)\d\d)-(0[1-9]|1[0-2])")
# Calendar months from one to another ("between March and June": from the close before March
# to June's last).
_MONTHS_LABEL = re.compile(r"((?:19|20)\d\d)-(0[1-9]|1[0-2])\.\.((?:19|20)\d\d)-(0[1-9]|1[0-2])")
_SPAN_LABEL = re.compile(r"((?:19|20)\d\d)-([QH])([1-4])")
# A span from a close to date ("since the start of July": from the close before it), as
# `tools.periods.date_range` writes it open-ended: "2026-06-30..".
_SINCE_LABEL = re.compile(r"((?:19|20)\d\d-\d\d-\d\d)\.\.")


def month_of(label: str) -> tuple[int, int] | None:
    """(year, month) of a month's label ("2026-07"); None for any other period."""
    found = _MONTH_LABEL.fullmatch(label.strip())
    return (int(found.group(1)), int(found.group(2))) if found else None


def months_of(label: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """((year, month), (year, month)) of the first and last month of a span of months
    ("2026-03..2026-06"), or of a month (both "2026-07"); None for any other period, and for
    a span ending before it begins."""
    if month := month_of(label):
        return month, month
    found = _MONTHS_LABEL.fullmatch(label.strip())
    if found is None:
        return None
    first, last = (int(found[1]), int(found[2])), (int(found[3]), int(found[4]))
    return (first, last) if first < last else None


# From the highest or lowest close of a month or a year to date ("from its April low").
_EXTREME_LABEL = re.compile(r"(high|low):((?:19|20)\d\d(?:-(?:0[1-9]|1[0-2]))?)")


def extreme_of(label: str) -> tuple[str, str] | None:
    """("high" or "low", the month's or the year's label) of a move measured from the highest
    or lowest close of a month or a year ("low:2026-04", "high:2026"); None for any other."""
    found = _EXTREME_LABEL.fullmatch(label.strip().lower())
    return (found[1], found[2]) if found else None


SPAN_MONTHS = {"Q": 3, "H": 6}  # the months in a quarter and in a half


def span_months(kind: str, which: int) -> range:
    """The months of the year a quarter ("Q", 2: April to June) or a half ("H", 2: July to
    December) spans."""
    first = SPAN_MONTHS[kind] * (which - 1) + 1
    return range(first, first + SPAN_MONTHS[kind])


def span_of(label: str) -> tuple[int, str, int] | None:
    """(year, "Q" or "H", which) of a quarter's or a half's label ("2026-Q2", "2026-H1")."""
    found = _SPAN_LABEL.fullmatch(label.strip().upper())
    if found is None or (found.group(2) == "H" and found.group(3) not in "12"):
        return None
    return int(found.group(1)), found.group(2), int(found.group(3))


def since_of(label: str) -> dt.date | None:
    """The close a span to date is measured from ("2026-06-30.."); None for any other period."""
    found = _SINCE_LABEL.fullmatch(label.strip())
    if found is None:
        return None
    try:
        return dt.date.fromisoformat(found.group(1))
    except ValueError:
        return None


def year_of(label: str, as_of: dt.date | None = None) -> int | None:
    """The calendar year a period's label lies in: "2025", "2026-07", "2026-Q2", the months
    "2026-03..2026-06" (not "2025-11..2026-02"); a span to
    date within a year ("YTD", "QTD", "MTD") that of `as_of`. None for a week or a trailing
    span ("1M", "1Y"), which may straddle two years, and for anything else."""
    label = label.strip().upper()
    if YEAR_LABEL.fullmatch(label):
        return int(label)
    if span := span_of(label):
        return span[0]
    if (months := months_of(label)) and months[0][0] == months[1][0]:  # "2026-07", "…..2026-06"
        return months[0][0]
    return as_of.year if label in ("YTD", "QTD", "MTD") and as_of is not None else None


def to_date_start(label: str, as_of: dt.date) -> dt.date | None:
    """The first day of a span to date ("YTD": January 1st of `as_of`'s year; "QTD", "MTD";
    "WTD": the Monday; "2026-06-30..": the day it is measured from); None for any other
    period."""
    if since := since_of(label):
        return since
    label = label.strip().upper()
    if label == "YTD":
        return dt.date(as_of.year, 1, 1)
    if label == "QTD":
        return dt.date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1)
    if label == "MTD":
        return as_of.replace(day=1)
    if label == "WTD":
        return as_of - dt.timedelta(days=as_of.weekday())
    return None


def calendar_days(label: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a calendar month, months, quarter or half ("2026-07",
    "2026-03..2026-06", "2026-Q2", "2026-H1"); None for any other period."""
    if span := span_of(label):
        year, kind, which = span
        months = span_months(kind, which)
        first, last = (year, months[0]), (year, months[-1])
    elif found := months_of(label):
        first, last = found
    else:
        return None
    following = dt.date(last[0] + last[1] // 12, last[1] % 12 + 1, 1)
    return dt.date(*first, 1), following - dt.timedelta(days=1)


def first_day(label: str, as_of: dt.date) -> dt.date | None:
    """The first day a period's label spans: of a span to date (`to_date_start`), a month or
    months ("2026-03..2026-06": March 1st), a quarter or half, or a year; None for a trailing
    span ("1M"), a week, or a move from a high or a low, which start where the data say."""
    if start := to_date_start(label, as_of):
        return start
    label = label.strip().upper()
    if days := calendar_days(label):
        return days[0]
    return dt.date(int(label), 1, 1) if YEAR_LABEL.fullmatch(label) else None


def before_period(day: dt.date, period: str, as_of: dt.date) -> bool:
    """Is `day` before the first day of the period (`first_day`, a span to date's as of
    `as_of`)? Never for a period with no first day of its own ("1M")."""
    began = first_day(period, as_of)
    return began is not None and day < began
