"""Published dates in the forms commentary uses: ISO, RFC 822 (feeds), 2026年2月1日, Unix time.

The index stores a date as an int YYYYMMDD so Chroma can filter ranges with $gte/$lte.
"""

from __future__ import annotations

import datetime as dt
import re

_ZH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_SLASH = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_EN = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b",
    re.IGNORECASE,
)
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def _make(year: int, month: int, day: int) -> dt.date | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


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


def _from_timestamp(seconds: float) -> dt.date | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def _from_text(text: str) -> dt.date | None:
    for pattern in (_ISO, _ZH, _SLASH):
        match = pattern.search(text)
        if match:
            found = _make(int(match[1]), int(match[2]), int(match[3]))
            if found:
                return found
    match = _EN.search(text)
    if match:
        return _make(int(match[3]), _MONTHS[match[1][:3].lower()], int(match[2]))
    from email.utils import parsedate_to_datetime  # here: listing the library need not load it

    try:
        return parsedate_to_datetime(text).date()  # RFC 822, as in RSS
    except (TypeError, ValueError, IndexError):
        pass
    if text.isdigit():
        return _from_timestamp(float(text))
    return None


def find_date_line(line: str) -> dt.date | None:
    """A date when the whole line is a date (a dateline), not a date mentioned in a sentence."""
    stripped = line.strip()
    if len(stripped) > 40:
        return None
    if _ZH.fullmatch(stripped) or _ISO.fullmatch(stripped) or _SLASH.fullmatch(stripped):
        return parse_date(stripped)
    if _EN.fullmatch(stripped):
        return parse_date(stripped)
    return None


def date_key(day: dt.date | None) -> int | None:
    """YYYYMMDD as an int, the form stored in chunk metadata for range filters."""
    return day.year * 10000 + day.month * 100 + day.day if day else None


def from_key(key: int | None) -> dt.date | None:
    if not key:
        return None
    return dt.date(key // 10000, key // 100 % 100, key % 100)
