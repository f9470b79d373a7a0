"""Dates as commentary writes them, and the month names everything that reads or writes an
English date shares.

A full date is found in any of these forms, anywhere in a text: numeric (2026-01-23,
2026/1/23, 2026.01.23, with an optional time), Chinese (2026年1月23日, 2026年1月23号), English
(Jan 23, 2026; January 23rd 2026; 23 Sept. 2026). `written_dates` lists them; a metadata value
(`parse_date`), a dateline (`find_date_line`) and a question (the assistant's `find_date`)
each take what they need from that one list. Feeds' RFC 822 dates with two-digit years and
Unix time are read too. A question may also name a month ("2026年6月", "March 2026") or a day
without its year ("7月3日", "July 3"), or a month without its year and which part of it
("6月下旬", "in late June"): `ingest.named_periods` reads those, for search to prefer what
was reported then.

The patterns are our own, not python-dateutil's parser: that reads a whole string, and told to
look inside a sentence (fuzzy=True) it guesses ("How did the S&P 500 do in May?" is a day in
May of the year 500) yet misses "on 2026-01-23?"; importing it also costs the CLI's start-up
some 70 ms.

The index stores a date as an int YYYYMMDD so Chroma can filter ranges with $gte/$lte.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MORE_ABBREVIATIONS = {"September": ("Sept",)}  # besides every month's first three letters
# "Jan", "Sep", "Sept" (not "May": that is its whole name): a full stop after one is no
# sentence end.
MONTH_ABBREVIATIONS = tuple(
    form
    for name in MONTH_NAMES
    for form in (name[:3], *_MORE_ABBREVIATIONS.get(name, ()))
    if form != name
)


def _written_forms(name: str) -> str:
    forms = {name, name[:3], *_MORE_ABBREVIATIONS.get(name, ())}
    return "|".join(sorted(forms, key=len, reverse=True))  # the longest form first


# A month's name as written, in full or abbreviated: a non-capturing group for other patterns
# (case-sensitive unless the pattern using it says otherwise).
MONTH = "(?:" + "|".join(_written_forms(name) for name in MONTH_NAMES) + ")"
_MONTH_NUMBERS = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}

# Month and day in range, so that a version number (2026.14.13) is not taken for a date.
_NUMERIC = re.compile(
    r"(?<!\d)(?P<year>\d{4})[-/.](?P<month>0?[1-9]|1[0-2])[-/.](?P<day>0?[1-9]|[12]\d|3[01])"
    r"(?!\d)(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?"
)
_CHINESE = re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号]")
ORDINAL_SUFFIX = r"(?:st|nd|rd|th)?"
_ENGLISH = re.compile(
    rf"\b(?:(?P<month>{MONTH})\.?\s+(?P<day>\d{{1,2}}){ORDINAL_SUFFIX},?"
    rf"|(?P<day_first>\d{{1,2}}){ORDINAL_SUFFIX}\s+(?P<month_second>{MONTH})\.?,?)"
    r"\s+(?P<year>\d{4})\b",
    re.IGNORECASE,
)
MIN_YEAR, MAX_YEAR = 1900, 2100  # a metadata value outside these is a mistake, not a date
_DATELINE_CHARS = 40


def month_number(name: str) -> int:
    """1 for "January", "Jan" or "jan."; KeyError for a word that is not a month."""
    return _MONTH_NUMBERS[name[:3].lower()]


@dataclass(frozen=True)
class WrittenDate:
    """A full date as it stands in a text."""

    start: int
    text: str
    year: int
    month: int
    day: int

    @property
    def date(self) -> dt.date | None:
        """The calendar day, or None when there is no such day (2026年2月30日)."""
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


def _written(match: re.Match[str]) -> WrittenDate:
    parts = match.groupdict()
    month = parts.get("month") or parts["month_second"]  # English: either order
    day = parts.get("day") or parts["day_first"]
    number = int(month) if month.isdigit() else month_number(month)
    return WrittenDate(match.start(), match[0], int(parts["year"]), number, int(day))


def written_dates(text: str) -> list[WrittenDate]:
    """Every full date written in `text`, in the order they stand, possible or not."""
    found = [
        _written(match)
        for pattern in (_NUMERIC, _CHINESE, _ENGLISH)
        for match in pattern.finditer(text)
    ]
    return sorted(found, key=lambda written: written.start)


def without_dates(text: str) -> str:
    """`text` with every full date in it replaced by a space (to read the other numbers)."""
    pieces: list[str] = []
    end = 0
    for written in written_dates(text):
        if written.start >= end:
            pieces += [text[end : written.start], " "]
            end = written.start + len(written.text)
    return "".join(pieces) + text[end:]


def parse_date(value: object) -> dt.date | None:
    """The calendar date in `value` (str, int/float Unix seconds, date, datetime), or None.

    A datetime with an offset keeps the date as written in it: the feed's own day is what a
    reader saw, and the news set already normalised offsets to UTC.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        return _from_timestamp(float(value))
    text = str(value).strip()
    if not text:
        return None
    return _from_text(text)


def plausible_date(day: dt.date | None) -> dt.date | None:
    return day if day is not None and MIN_YEAR <= day.year <= MAX_YEAR else None


def _from_timestamp(seconds: float) -> dt.date | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def _from_text(text: str) -> dt.date | None:
    for written in written_dates(text):
        day = plausible_date(written.date)
        if day is not None:
            return day
    from email.utils import parsedate_to_datetime  # here: listing the library need not load it

    try:  # RFC 822 with a two-digit year, as in RSS
        return plausible_date(parsedate_to_datetime(text).date())
    except (TypeError, ValueError, IndexError, OverflowError):  # "0 Jan 2200000000": too big
        pass
    if text.isdigit():
        return _from_timestamp(float(text))
    return None


def find_date_line(line: str) -> dt.date | None:
    """A date when the whole line is a date (a dateline), not a date mentioned in a sentence."""
    stripped = line.strip()
    if len(stripped) > _DATELINE_CHARS:
        return None
    found = written_dates(stripped)
    if len(found) == 1 and found[0].text == stripped:
        return plausible_date(found[0].date)
    return None


def date_key(day: dt.date | None) -> int | None:
    """YYYYMMDD as an int, the form stored in chunk metadata for range filters."""
    return day.year * 10000 + day.month * 100 + day.day if day else None


def from_key(key: int | None) -> dt.date | None:
    if not key:
        return None
    return dt.date(key // 10000, key // 100 % 100, key % 100)
