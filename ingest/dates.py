"""Dates as commentary writes them, and the month names everything that reads or writes an
English date shares.

A full date is found in any of these forms, anywhere in a text: numeric (2026-01-23,
2026/1/23, 2026.01.23, with an optional time), Chinese (2026年1月23日, 2026年1月23号), English
(Jan 23, 2026; January 23rd 2026; 23 Sept. 2026). `written_dates` lists them; a metadata value
(`parse_date`), a dateline (`find_date_line`) and a question (the assistant's `find_date`)
each take what they need from that one list. Feeds' RFC 822 dates with two-digit years and
Unix time are read too. A question may also name a month ("2026年6月", "March 2026") or a day
without its year ("7月3日", "July 3"), or a month without its year and which part of it
("6月下旬", "in late June"): `named_period` reads those, for search to prefer what was
reported then.

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
_ORDINAL = r"(?:st|nd|rd|th)?"
_ENGLISH = re.compile(
    rf"\b(?:(?P<month>{MONTH})\.?\s+(?P<day>\d{{1,2}}){_ORDINAL},?"
    rf"|(?P<day_first>\d{{1,2}}){_ORDINAL}\s+(?P<month_second>{MONTH})\.?,?)"
    r"\s+(?P<year>\d{4})\b",
    re.IGNORECASE,
)
_MIN_YEAR, _MAX_YEAR = 1900, 2100  # a metadata value outside these is a mistake, not a date
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


# Which part of a month: "6月下旬", "2月初的", "7月底前", "late June", "the end of April"
# (not the start of a word: "9月中国CPI", "7月初步数据").
_PART = r"(?P<part>上旬|中旬|下旬|初(?!步|次|期|选)|底|末|中(?![\u4e00-\u9fff]))?"
_ENGLISH_PART = (
    r"(?P<part>early|mid|late)[\s-]+|(?:the\s+)?(?P<edge>start|beginning|middle|end)\s+of\s+"
)
# Partial dates a question names: a month of a year, or a day of a month with the year left
# out. English month names must be capitalised here ("may" is a verb).
_CHINESE_MONTH = re.compile(
    rf"(?P<year>\d{{4}})\s*年\s*(?P<month>\d{{1,2}})\s*月(?!\s*\d{{1,2}}\s*[日号]){_PART}"
)
_CHINESE_DAY = re.compile(r"(?<![\d年])(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号]")
# A month without its year, and which part of it: "6月下旬", "6月", "in June", "late June".
_CHINESE_BARE_MONTH = re.compile(
    rf"(?<![\d年.\-~～至到])(?P<month>1[0-2]|[1-9])\s*月(?!\s*\d{{1,2}}\s*[日号]|份?以来)份?{_PART}"
)
_ENGLISH_BARE_MONTH = re.compile(
    rf"\b(?:{_ENGLISH_PART}|(?:in|during|of|through)\s+)(?P<month>{MONTH})\b(?!\.?,?\s+\d)"
)
# Which days of a month "上旬", "early", "late" … mean.
_PARTS: dict[str, tuple[int, int | None]] = {  # None: to the month's end
    "上旬": (1, 10), "初": (1, 10), "early": (1, 10),
    "中旬": (11, 20), "中": (11, 20), "mid": (11, 20),
    "下旬": (21, None), "底": (21, None), "末": (21, None), "late": (21, None),
    "start": (1, 10), "beginning": (1, 10), "middle": (11, 20), "end": (21, None),
}  # fmt: skip
_ENGLISH_MONTH = re.compile(rf"\b(?:{_ENGLISH_PART})?(?P<month>{MONTH})\.?,?\s+(?P<year>\d{{4}})\b")
_ENGLISH_DAY = re.compile(
    rf"\b(?P<month>{MONTH})\.?\s+(?P<day>\d{{1,2}}){_ORDINAL}\b(?!,?\s*\d{{4}})"
)


REPORTING_LAG = dt.timedelta(days=3)  # news of a day is still reported a few days after it


@dataclass(frozen=True)
class NamedPeriod:
    """The days a text names, from the first to the last, and the text without them."""

    start: dt.date
    end: dt.date
    rest: str

    @property
    def reported_until(self) -> dt.date:
        """The last day its news comes out: as long again after it (June's figures come out
        in July), plus a few days for late news."""
        return self.end + (self.end - self.start) + REPORTING_LAG

    def reported(self, day: dt.date) -> bool:
        return self.start <= day <= self.reported_until


# A period that names a high or a low ("较10月高点回落了多少", "below its October peak") is where
# a move is measured from, not the time the question asks about.
_REFERENCE_POINT = re.compile(
    r"\s*(?:的|['’]s\s)?\s*(?:历史)?(?:高点|低点|高位|低位|峰值|顶峰|(?:high|low|peak)(?![a-z]))",
    re.IGNORECASE,
)


def named_period(text: str, today: dt.date) -> NamedPeriod | None:
    """The span of days a text names (a full date, "2026年6月", "March 2026", "7月3日",
    "July 3"); None when it names none, or only as the date of a high or a low it measures
    from. A day without a year is the latest such day not after `today`."""
    spans: list[tuple[int, int, dt.date, dt.date]] = []  # where in the text, first and last day
    for written in written_dates(text):
        if (day := _plausible(written.date)) is not None:
            spans.append((written.start, written.start + len(written.text), day, day))
    for pattern in (_CHINESE_MONTH, _ENGLISH_MONTH):
        for match in pattern.finditer(text):
            number = _month(match["month"])
            year = int(match["year"])
            if 1 <= number <= 12 and _MIN_YEAR <= year <= _MAX_YEAR:
                spans.append((match.start(), match.end(), *_part(dt.date(year, number, 1), match)))
    for pattern in (_CHINESE_DAY, _ENGLISH_DAY):
        for match in pattern.finditer(text):
            if (day := _latest(_month(match["month"]), int(match["day"]), today)) is not None:
                spans.append((match.start(), match.end(), day, day))
    spans = [s for s in spans if not _REFERENCE_POINT.match(text, s[1])]
    if not spans:  # a month alone only when nothing more precise is named
        spans = [s for s in _bare_months(text, today) if not _REFERENCE_POINT.match(text, s[1])]
    if not spans:
        return None
    rest = text
    for begin, stop, _, _ in sorted(spans, reverse=True):  # from the end: offsets stay true
        rest = rest[:begin] + " " + rest[stop:]
    return NamedPeriod(min(s[2] for s in spans), max(s[3] for s in spans), rest)


Span = tuple[int, int, dt.date, dt.date]  # where in the text, first and last day


def _bare_months(text: str, today: dt.date) -> list[Span]:
    """The months a text names without their year ("6月下旬", "late June"), each the latest
    one that has begun by `today`, narrowed to the part of it the text says."""
    spans: list[Span] = []
    for pattern in (_CHINESE_BARE_MONTH, _ENGLISH_BARE_MONTH):
        for match in pattern.finditer(text):
            if (first := _latest(_month(match["month"]), 1, today)) is not None:
                spans.append((match.start(), match.end(), *_part(first, match)))
    return spans


def _part(first: dt.date, match: re.Match[str]) -> tuple[dt.date, dt.date]:
    """The first and last day of the month beginning on `first`, or of the part of it the
    match says ("中旬": the 11th to the 20th; "the end of": the 21st to the last)."""
    last = _month_end(first)
    part = match.groupdict().get("part") or match.groupdict().get("edge")
    if not part:
        return first, last
    low, high = _PARTS[part.lower()]
    return first.replace(day=low), last.replace(day=high or last.day)


# Months and quarters as each language writes them inside a text ("7月", "July", "二季度",
# "Q2", "second quarter"), for translating a query from one language into the other.
_WRITTEN_CHINESE_MONTH = re.compile(r"(?<![\d.])(1[0-2]|[1-9])\s*月")
_WRITTEN_ENGLISH_MONTH = re.compile(r"\b(" + "|".join(MONTH_NAMES) + r")\b")  # not "may"
# A quarter: "二季度" (not the 三季度 of "前三季度", the first nine months), "second quarter",
# "first-quarter", "Q2" (a word of its own in Chinese text too, "Q3表现如何", where \b sees no
# edge).
_WRITTEN_QUARTER = re.compile(
    r"(?<!前)([一二三四1-4])\s*季度|\b(first|second|third|fourth)[- ]quarter\b"
    r"|(?<![A-Za-z0-9])q([1-4])(?![A-Za-z0-9])",
    re.IGNORECASE,
)
QUARTER_ORDINALS = ("first", "second", "third", "fourth")  # "second quarter"
QUARTER_NUMERALS = "一二三四"  # "二季度"


def months_written(text: str) -> list[tuple[str, int]]:
    """Each month the text names, as written, with its number: "7月" 7, "July" 7. "May" is the
    month only where a date pattern reads it so ("in May", "May 3", "May 2026"), not the verb
    opening a question."""
    found = [(m[0], int(m[1])) for m in _WRITTEN_CHINESE_MONTH.finditer(text)]
    month_may = any(
        _month(match["month"]) == 5
        for pattern in (_ENGLISH_BARE_MONTH, _ENGLISH_DAY, _ENGLISH_MONTH)
        for match in pattern.finditer(text)
    )
    found += [
        (m[1], month_number(m[1]))
        for m in _WRITTEN_ENGLISH_MONTH.finditer(text)
        if m[1] != "May" or month_may
    ]
    return found


def quarters_written(text: str) -> list[tuple[str, int]]:
    """Each quarter the text names, as written, with its number: "二季度" 2, "Q2" 2, "second
    quarter" 2."""
    return [(text[start:end], n) for start, end, n in quarter_spans(text)]


def quarter_spans(text: str) -> list[tuple[int, int, int]]:
    """Where the text names each quarter, and its number."""
    found = []
    for m in _WRITTEN_QUARTER.finditer(text):
        if m[1]:
            n = int(m[1]) if m[1].isdigit() else QUARTER_NUMERALS.index(m[1]) + 1
        else:
            n = QUARTER_ORDINALS.index(m[2].lower()) + 1 if m[2] else int(m[3])
        found.append((m.start(), m.end(), n))
    return found


# A half of a year as each language writes it: "上半年", "the first half", "H1".
_WRITTEN_HALF = re.compile(
    r"([上下])半年|\b(first|second) half\b|(?<![A-Za-z0-9])H([12])(?![A-Za-z0-9])", re.IGNORECASE
)


def half_spans(text: str) -> list[tuple[int, int, int]]:
    """Where the text names each half of a year, and its number."""
    return [
        (m.start(), m.end(), 1 if m[1] == "上" or (m[2] or "").lower() == "first" or m[3] == "1"
         else 2)
        for m in _WRITTEN_HALF.finditer(text)
    ]  # fmt: skip


def _month(written: str) -> int:
    return int(written) if written.isdigit() else month_number(written)


def _month_end(first: dt.date) -> dt.date:
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _latest(month: int, day: int, today: dt.date) -> dt.date | None:
    """The last (month, day) on or before `today`; None when there is no such day."""
    for year in range(today.year, today.year - 5, -1):  # 29 February: within four years
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
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


def _plausible(day: dt.date | None) -> dt.date | None:
    return day if day is not None and _MIN_YEAR <= day.year <= _MAX_YEAR else None


def _from_timestamp(seconds: float) -> dt.date | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def _from_text(text: str) -> dt.date | None:
    for written in written_dates(text):
        day = _plausible(written.date)
        if day is not None:
            return day
    from email.utils import parsedate_to_datetime  # here: listing the library need not load it

    try:  # RFC 822 with a two-digit year, as in RSS
        return _plausible(parsedate_to_datetime(text).date())
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
        return _plausible(found[0].date)
    return None


def date_key(day: dt.date | None) -> int | None:
    """YYYYMMDD as an int, the form stored in chunk metadata for range filters."""
    return day.year * 10000 + day.month * 100 + day.day if day else None


def from_key(key: int | None) -> dt.date | None:
    if not key:
        return None
    return dt.date(key // 10000, key // 100 % 100, key % 100)
