"""Periods a text names short of a full date: a month of a year ("2026年6月", "March 2026"), a
day without its year ("7月3日", "July 3"), a month without its year and which part of it
("6月下旬", "in late June"), months from one to another ("3月到6月", "between March and
June"), a quarter ("二季度", "Q2") or a half ("上半年"). `named_period`
reads the span of days a question asks about, for search to prefer what was reported then;
the written months and quarters serve translating a query from one language into the other.
Full dates are `ingest.dates`'.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.dates import (
    MAX_YEAR,
    MIN_YEAR,
    MONTH,
    MONTH_NAMES,
    ORDINAL_SUFFIX,
    month_number,
    plausible_date,
    written_dates,
)
from ingest.numerals import count_of
from ingest.time_asked import awaits_decision, looks_ahead

# Which part of a month: "6月下旬", "2月初的", "7月底前", "late June", "the end of April"
# (not the start of a word: "9月中国CPI", "7月初步数据").
_PART = r"(?P<part>上旬|中旬|下旬|初(?!步|次|期|选)|底|末|中(?![\u4e00-\u9fff]))?"
_ENGLISH_PART = (
    r"(?P<part>early|mid|late)[\s-]+|(?:the\s+)?(?P<edge>start|beginning|middle|end)\s+of\s+"
)
# A month's number as Chinese writes it: "8月" (not the 8 of "2028月"), "八月", "十二月" (not
# the 一月 of "十一月", nor a count of months: "三个月" has its 个).
_NUMBER = (
    r"(?<![\d.])(?:1[0-2]|[1-9])"
    r"|(?<![一二三四五六七八九十两第])(?:十[一二]?|[一二三四五六七八九])"
)
# Partial dates a question names: a month of a year, or a day of a month with the year left
# out. English month names must be capitalised here ("may" is a verb).
_CHINESE_MONTH = re.compile(
    rf"(?P<year>\d{{4}})\s*年\s*(?P<month>{_NUMBER})\s*月(?!\s*\d{{1,2}}\s*[日号]){_PART}"
)
_CHINESE_DAY = re.compile(r"(?<![\d年])(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号]")
# A month without its year, and which part of it: "6月下旬", "6月", "in June", "late June",
# "What about August?" (a follow-up's).
_CHINESE_BARE_MONTH = re.compile(
    rf"(?<![年\-~～至到])(?P<month>{_NUMBER})\s*月(?!\s*\d{{1,2}}\s*[日号]|份?以来)份?"
    rf"{_PART}"
)
# …and a month said of a thing: "its July meeting", "the June jobs report", "July's CPI".
_ENGLISH_BARE_MONTH = re.compile(
    rf"\b(?:{_ENGLISH_PART}|(?:in|during|of|through|for|about)\s+"
    rf"|(?:its|the|their|this|that)\s+(?=(?:{MONTH})\s+[a-z])|(?=(?:{MONTH})['’]s\b))"
    rf"(?P<month>{MONTH})\b(?!\.?,?\s+\d)"
)
# Months from one to another, the whole of each: "3月到6月", "从2026年3月至6月", "3-6月",
# "between March and June", "from March to June 2026", "March through June", "March–June".
# Not to a day ("3月到6月10日": a date's span), nor two months listed ("March and June").
_CHINESE_MONTH_RANGE = re.compile(
    rf"(?:(?P<year>\d{{4}})\s*年\s*)?(?P<first>{_NUMBER})\s*(?:月份?)?\s*"
    rf"(?:到|至|-|~|～|—|–)\s*(?:(?P<last_year>\d{{4}})\s*年\s*)?(?P<last>{_NUMBER})\s*月份?"
    r"(?!\s*\d{1,2}\s*[日号])"
)
_ENGLISH_MONTH_RANGE = re.compile(
    rf"\b(?:between\s+(?P<first>{MONTH})(?:\s+(?P<year>\d{{4}}))?\s+and"
    rf"|(?:from\s+)?(?P<start>{MONTH})(?:\s+(?P<start_year>\d{{4}}))?\s*"
    r"(?:\s(?:to|through|thru|until|till)\s|[-–—]))"
    rf"\s*(?P<last>{MONTH})\b(?!\.?\s+\d{{1,2}}\b)(?:,?\s+(?P<last_year>\d{{4}}))?"
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
    rf"\b(?P<month>{MONTH})\.?\s+(?P<day>\d{{1,2}}){ORDINAL_SUFFIX}\b(?!,?\s*\d{{4}})"
)


REPORTING_LAG = dt.timedelta(days=3)  # news of a day is still reported a few days after it
# A month's or a quarter's figures come out as long again after it and some days more: the
# World Gold Council's April central-bank buying on June 3, a quarter's results six weeks on.
RELEASE_LAG = dt.timedelta(days=7)
REPORTED_WITHIN = dt.timedelta(days=30)  # the longest a period's news comes out after it, lag aside


@dataclass(frozen=True)
class NamedPeriod:
    """The days a text names, from the first to the last, and the text without them."""

    start: dt.date
    end: dt.date
    rest: str

    @property
    def reported_until(self) -> dt.date:
        """The last day its news comes out: as long again after it (June's figures come out
        in July), a month at most (January to April's in May), plus a few days for late news,
        a week for a longer period's releases."""
        lag = REPORTING_LAG if self.end == self.start else RELEASE_LAG
        return self.end + min(self.end - self.start, REPORTED_WITHIN) + lag

    def reported(self, day: dt.date) -> bool:
        return self.start <= day <= self.reported_until

    def begun(self, day: dt.date | None) -> bool:
        """Has it begun by `day` (today when None)? A month asked about ahead has not."""
        return self.start <= (day or dt.date.today())


# A period that names a high or a low ("较10月高点回落了多少", "below its October peak") is where
# a move is measured from, not the time the question asks about.
_REFERENCE_POINT = re.compile(
    r"\s*(?:的|['’]s\s)?\s*(?:历史)?(?:高点|低点|高位|低位|峰值|顶峰|(?:high|low|peak)(?![a-z]))",
    re.IGNORECASE,
)
# A week named by its last day ("in the week to July 14", "截至7月14日当周"): weekly data (fund
# positions, jobless claims, EIA stocks) is about the seven days before it, and comes out days
# after it, so the span is the week, and its news is reported as long again after it.
_WEEK_ENDING_BEFORE = re.compile(r"\bweek\s+(?:to|ended|ending|through|thru)\s+$", re.IGNORECASE)
_WEEK_ENDING_AFTER = re.compile(r"\s*(?:当周|那一?周|(?:为?止)?的?一周)")
_WEEK = dt.timedelta(days=6)


def named_period(text: str, today: dt.date) -> NamedPeriod | None:
    """The span of days a text names (a full date, "2026年6月", "March 2026", "7月3日",
    "July 3"); None when it names none, or only as the date of a high or a low it measures
    from. A day without a year is the latest such day not after `today`, or, in a text asking
    what is to come, the next one not over by then (which may be after `today`)."""
    ahead = looks_ahead(text)
    latest = _next if ahead else _latest
    ranges = _month_ranges(text, today, ahead)
    spans: list[tuple[int, int, dt.date, dt.date]] = list(ranges)  # where, first and last day
    for written in written_dates(text):
        if (day := plausible_date(written.date)) is not None:
            spans.append((written.start, written.start + len(written.text), day, day))
    for pattern in (_CHINESE_MONTH, _ENGLISH_MONTH):
        for match in pattern.finditer(text):
            number = _month(match["month"])
            year = int(match["year"])
            if 1 <= number <= 12 and MIN_YEAR <= year <= MAX_YEAR:
                spans.append((match.start(), match.end(), *_part(dt.date(year, number, 1), match)))
    for pattern in (_CHINESE_DAY, _ENGLISH_DAY):
        for match in pattern.finditer(text):
            if (day := latest(_month(match["month"]), int(match["day"]), today)) is not None:
                spans.append((match.start(), match.end(), day, day))
    spans = [_week_ending(text, s) for s in spans if not _REFERENCE_POINT.match(text, s[1])]
    # a month inside a range ("2026年3月" of "2026年3月至6月") is the range's
    spans = [s for s in spans if s in ranges or not any(r[0] <= s[0] < r[1] for r in ranges)]
    if not spans:  # a month alone only when nothing more precise is named
        months = _bare_months(text, today, ahead, not ahead and awaits_decision(text))
        spans = [s for s in months if not _REFERENCE_POINT.match(text, s[1])]
    if not spans:
        return None
    rest = without_spans(text, [(s[0], s[1]) for s in spans])
    return NamedPeriod(min(s[2] for s in spans), max(s[3] for s in spans), rest)


def without_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text with each (start, end) span of it blanked to a space: what it says but when."""
    for start, end in sorted(spans, reverse=True):  # from the end: offsets stay true
        text = text[:start] + " " + text[end:]
    return text


Span = tuple[int, int, dt.date, dt.date]  # where in the text, first and last day


def month_range(text: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the months a text names from one to another ("3月到6月",
    "between March and June"), or None; without a year, the latest such months begun by
    `today` (in a text asking what is to come, the next)."""
    ranges = _month_ranges(text, today, looks_ahead(text))
    return (ranges[0][2], ranges[0][3]) if ranges else None


def _month_ranges(text: str, today: dt.date, ahead: bool) -> list[Span]:
    """Each span of months from one to another the text names (`month_range`)."""
    spans: list[Span] = []
    for pattern in (_CHINESE_MONTH_RANGE, _ENGLISH_MONTH_RANGE):
        for match in pattern.finditer(text):
            found = match.groupdict()
            first, last = _month(found.get("first") or found["start"]), _month(found["last"])
            year = found.get("year") or found.get("start_year")
            last_year = found["last_year"] or (year and int(year) + (last < first))
            if last_year:
                end: dt.date | None = dt.date(int(last_year), last, 1)
            else:  # the latest such month begun (or, ahead, the next one)
                end = (_next if ahead else _latest)(last, 1, today.replace(day=1))
            if end is None:
                continue
            begin = dt.date(int(year) if year else end.year - (first > last), first, 1)
            if begin < end:
                spans.append((match.start(), match.end(), begin, _month_end(end)))
    return spans


def _week_ending(text: str, span: Span) -> Span:
    """The whole week when the day is written as a week's last ("the week to July 14")."""
    begin, stop, first, last = span
    if first == last and (
        _WEEK_ENDING_BEFORE.search(text[:begin]) or _WEEK_ENDING_AFTER.match(text, stop)
    ):
        return begin, stop, last - _WEEK, last
    return span


def _bare_months(
    text: str, today: dt.date, ahead: bool = False, nearest: bool = False
) -> list[Span]:
    """The months a text names without their year ("6月下旬", "late June"), each the latest
    one that has begun by `today` (`ahead`: the next one not over by then; `nearest`: the
    nearer of the two), narrowed to the part of it the text says."""
    spans: list[Span] = []
    for pattern in (_CHINESE_BARE_MONTH, _ENGLISH_BARE_MONTH):
        for match in pattern.finditer(text):
            month = _month(match["month"])
            behind, next_one = _latest(month, 1, today), _next(month, 1, today.replace(day=1))
            first = next_one if ahead else behind
            if nearest and behind and next_one:
                first = min(behind, next_one, key=lambda day: abs((day - today).days))
            if first is not None:
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
_WRITTEN_CHINESE_MONTH = re.compile(rf"({_NUMBER})\s*月")
_WRITTEN_ENGLISH_MONTH = re.compile(r"\b(" + "|".join(MONTH_NAMES) + r")\b")  # not "may"
# A quarter: "二季度" (not the 三季度 of "前三季度", the first nine months, nor the 一季度 of
# "这一季度", "上一季度", "每一季度": this, the last, each), "second quarter", "first-quarter",
# "Q2" (a word of its own in Chinese text too, "Q3表现如何", where \b sees no edge).
_WRITTEN_QUARTER = re.compile(
    r"(?<![前这那每上下本该同])([一二三四1-4])\s*季度|\b(first|second|third|fourth)[- ]quarter\b"
    r"|(?<![A-Za-z0-9])q([1-4])(?![A-Za-z0-9])",
    re.IGNORECASE,
)
QUARTER_ORDINALS = ("first", "second", "third", "fourth")  # "second quarter"
QUARTER_NUMERALS = "一二三四"  # "二季度"


def months_written(text: str) -> list[tuple[str, int]]:
    """Each month the text names, as written, with its number: "7月" 7, "July" 7. "May" is the
    month only where a date pattern reads it so ("in May", "May 3", "May 2026"), not the verb
    opening a question."""
    found = [(m[0], _month(m[1])) for m in _WRITTEN_CHINESE_MONTH.finditer(text)]
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
    """A month's number as written: "7", "七", "July"."""
    return count_of(written) or month_number(written)


def _month_end(first: dt.date) -> dt.date:
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


# The word before an as-of date ("截至7月15日", "as of July 15", "through July 15").
AS_OF_WORD = re.compile(r"截至|截止到?|\b(?:as of|as at|through)\b", re.I)


def as_of_day(text: str, today: dt.date) -> dt.date | None:
    """The day an as-of date written without its year names ("截至7月15日", "as of July 15"):
    the latest such day not after `today`; None when the text sets no such date."""
    for mark in AS_OF_WORD.finditer(text):
        after = len(text) - len(text[mark.end() :].lstrip())
        for pattern in (_CHINESE_DAY, _ENGLISH_DAY):
            if (found := pattern.match(text, after)) is not None:
                return _latest(_month(found["month"]), int(found["day"]), today)
    return None


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


def _next(month: int, day: int, today: dt.date) -> dt.date | None:
    """The first (month, day) on or after `today`; None when there is no such day."""
    for year in range(today.year, today.year + 5):  # 29 February: within four years
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None
