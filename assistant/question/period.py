"""When a question asks about: the date it is asked at, and the period it measures.

"截至2026年1月23日" sets the as-of date; "2026年7月" asks a month, "二季度" a quarter, "上半年" a
half, "2025年" a year, "6月22日纳斯达克收盘跌了多少？" one day. Each reading answers only when
the question says that much: a span still running is measured to date, one not begun is none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from assistant.errors import InputError
from ingest.dates import MONTH, without_dates, written_dates
from ingest.language import has_cjk
from ingest.named_periods import (
    AS_OF_WORD,
    as_of_day,
    half_spans,
    month_range,
    named_period,
    quarter_spans,
)
from ingest.numerals import COUNT, count_of
from tools.periods import calendar_span
from tools.returns import TRADING_DAYS_PER_YEAR
from tools.symbols import NAME_NUMBERS


def find_date(text: str) -> dt.date | None:
    """The last full date written in the question ("截至2026年1月23日", "as of Jan 23, 2026"),
    not one it measures from ("since June 30, 2026": `since_period`)."""
    found = written_dates(_SINCE.sub(" ", text))
    for written in found:
        if written.date is None:
            raise InputError(f"'{written.text}' is not a valid date")
    return found[-1].date if found else None


# What a question measures from: "since the start of July", "since June 30, 2026", "from May to
# now", "7月以来", "自7月1日以来", "从今年7月初至今".
_SINCE = re.compile(
    r"\bsince\s+(?P<en>(?:the\s+)?[\w\s,-]*?\d*)(?=\s*(?:[?？.,;!]|$|\b(?:and|for|in|on)\b))"
    r"|\bfrom\s+(?P<en_from>(?:the\s+)?[\w\s,-]*?\d*)\s+(?:to|until|till)\s+(?:now|today|date)\b"
    r"|(?:自|从)?(?:今年)?(?P<zh>[\d\s年月日号初]+?)(?:以来|至今|到现在)",
    re.I,
)


def since_period(text: str, as_of: dt.date | None) -> str | None:
    """The span to date from a month or a day the question measures from ("纳指7月以来涨了多
    少？", "since the start of July": from the last close before it; "since June 30": from that
    day's close), as `tools.periods.date_range` labels it ("2026-06-30.."). None when it names
    no such day before `as_of`."""
    today = as_of or dt.date.today()
    found = _SINCE.search(text)
    # "in": an English month alone may be a word ("May", "march"); after "since" it is not
    english = found and (found["en"] or found["en_from"])
    what = f"in {english}" if english else found["zh"] if found else None
    named = named_period(what, today=today) if what else None
    if named is None or named.start >= today:
        return None
    whole_month = named.start.day == 1 and named.end > named.start  # "7月", "early July"
    start = named.start - dt.timedelta(days=1) if whole_month else named.start
    return f"{start.isoformat()}.."


# A move measured from a high or a low of a month or a year ("罗素2000从4月低点反弹了多少？",
# "较今年高点回落了多少", "How far is the S&P 500 below its July high?", "since April's low").
_HIGH_WORDS = r"最?高点|高位|峰值|顶峰|(?i:high|peak|top)"
_LOW_WORDS = r"最?低点|低位|底部|(?i:low|bottom)"
_EXTREME = re.compile(
    rf"(?P<zh>(?:\d{{4}}\s*年|去年|今年)?\s*(?:1[0-2]|[1-9])\s*月份?|今年|去年|年内)\s*的?\s*"
    rf"(?:历史)?(?:(?P<zh_high>{_HIGH_WORDS})|{_LOW_WORDS})"
    rf"|\b(?i:its|the|their)\s+(?P<en>{MONTH}(?:\s+\d{{4}})?|\d{{4}}|(?i:this|last) year['’]s|YTD)"
    rf"|\b(?P<en_own>{MONTH}|(?i:this|last) year)['’]s"
)
_EXTREME_KIND = re.compile(rf"\s+(?:(?P<high>{_HIGH_WORDS})|{_LOW_WORDS})s?\b")
_THIS_YEAR = re.compile(r"今年|年内|this year(?:['’]s)?|ytd", re.I)
_LAST_YEAR = re.compile(r"去年|last year(?:['’]s)?", re.I)


def extreme_period(text: str, as_of: dt.date | None) -> str | None:
    """A move from the highest or lowest close of a month or a year the question names
    ("从4月低点反弹了多少", "below its July high", "较今年高点", "去年10月的高点"): "low:2026-04",
    "high:2026". A month without its year is the latest begun by `as_of`; None when it names
    none."""
    today = as_of or dt.date.today()
    for found in _EXTREME.finditer(text):
        if found["zh"]:
            when, high = found["zh"].strip(), bool(found["zh_high"])
        elif (kind := _EXTREME_KIND.match(text, found.end())) is not None:
            when, high = found["en"] or found["en_own"], bool(kind["high"])
        else:
            continue
        extreme = "high" if high else "low"
        if _THIS_YEAR.fullmatch(when):
            return f"{extreme}:{today.year}"
        if _LAST_YEAR.fullmatch(when):
            return f"{extreme}:{today.year - 1}"
        if when.isdigit():
            return f"{extreme}:{when}" if int(when) <= today.year else None
        year = {"去年": today.year - 1, "今年": today.year}.get(when[:2])
        if year is not None:  # "去年10月": that month of last year
            when = f"{year}年{when[2:]}"
        named = named_period(when if has_cjk(when) else f"in {when}", today)
        if named is not None and named.start <= today:
            return f"{extreme}:{named.start:%Y-%m}"
    return None


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)\s*(?:年(?!\s*\d{1,2}\s*月))?")


def span_period(text: str, as_of: dt.date | None) -> str | None:
    """A quarter or a half of a year named in the question ("二季度", "Q2 2026", "上半年", "the
    first half of 2026"): that span ("2026-Q2", "2026-H1") when it is over; to date while it
    runs (QTD; YTD for the first half); of the year the question writes, else the latest such
    span that has begun. "前三季度" is no quarter, and two spans are none."""
    today = as_of or dt.date.today()
    spans = {("Q", n) for _, _, n in quarter_spans(text)}
    spans |= {("H", n) for _, _, n in half_spans(text)}
    years = years_written(text)
    if len(spans) != 1 or len(years) > 1:
        return None
    (kind, which), written = spans.pop(), next(iter(years), None)
    span = calendar_span(written or today.year, kind, which)
    if written is None and today <= (span.start or today):  # not begun this year: the last one
        span = calendar_span(today.year - 1, kind, which)
    if (span.end or today) < today:
        return span.label
    if (span.start or today) < today:  # running: measured to date
        return "QTD" if kind == "Q" else ("YTD" if which == 1 else None)
    return None


def month_period(text: str, as_of: dt.date | None) -> str | None:
    """A whole month named in the question ("2026年7月", "in July 2026"): that month ("2026-07")
    when it is over, month-to-date when it is the as-of month, else nothing (nor for a time
    within a month: "By mid-July, how much were small caps up for the year?"). Months from one
    to another ("3月到6月", "between March and June"): those months ("2026-03..2026-06") when
    they are over, from the first to date while the last runs."""
    today = as_of or dt.date.today()
    if (months := month_range(text, today)) is not None:
        first, last = months
        if last < today:
            return f"{first:%Y-%m}..{last:%Y-%m}"
        return f"{first - dt.timedelta(days=1)}.." if first <= today else None
    named = named_period(text, today=today)
    if named is None or named.start.day != 1 or named.end.month != named.start.month:
        return None
    if (named.end + dt.timedelta(days=1)).day != 1:  # a day or a part of a month
        return None
    if named.start <= today <= named.end:
        return "MTD"
    return f"{named.start:%Y-%m}" if named.end < today else None


# A day a question measures from ("自3月3日以来", "since March 3") or up to ("截至7月15日", "as
# of July 15": an as-of date) is not a day whose own move it asks.
_NOT_THE_DAY = re.compile(
    r"以来|之后|起|截至|截止|\b(?:since|from|after|as of|by|through|until)\b", re.I
)


def day_asked(text: str, as_of: dt.date | None) -> dt.date | None:
    """The one day a question asks about ("6月22日纳斯达克收盘跌了多少？", "What did the S&P 500
    do on March 3?"): its move is that day's, so that day is the as-of date. None for a day
    measured from, or one after the as-of date."""
    today = as_of or dt.date.today()
    named = named_period(text, today=today)
    if named is None or named.start != named.end or _NOT_THE_DAY.search(text):
        return None
    return named.start if named.start <= today else None


def year_period(text: str, as_of: dt.date | None) -> str | None:
    """A single calendar year named in the question ("2025年标普500全年表现", "in 2025"): that
    year when it is over, year-to-date when it is the as-of year, else nothing."""
    years = years_written(text)
    if len(years) != 1:
        return None
    year = years.pop()
    current = (as_of or dt.date.today()).year
    if year == current and as_of is not None:
        return "YTD"
    return str(year) if year < current else None


def years_written(text: str) -> set[int]:
    """The years a text writes ("2025年", "in 2025"), not inside a name ("罗素2000") or a
    full date."""
    return {int(m[1]) for m in _YEAR.finditer(without_dates(re.sub(NAME_NUMBERS, " ", text)))}


# "Recently" with no span said ("英伟达最近为什么下跌？", "What's been driving small caps
# lately?"): the past month. "最近一周" and "over the past three months" are spans the period
# words read first.
# So is the latest of something ("What did the Fed decide at its last meeting?", "最新一轮融资",
# "上次议息会议"): the newest commentary on it, not the best-worded of any year.
_RECENTLY = re.compile(
    r"最近|近期|近来|近日|最新(?!一代|款|型)|上一?次|上回"
    r"|\b(?:recently|lately|of late|in recent weeks|latest|most recent)\b"
    r"|\b(?:its|the|their|his|her) last (?!(?:week|month|quarter|year|day|night|few|couple|"
    r"two|three|four|five|six|ten|\d)\b)[a-z]",
    re.I,
)
TRAILING_MONTH = "1M"  # the past month: what "past month" says, and "recently"
RECENT = TRAILING_MONTH


# A trailing span of a number of units ("近两个月", "过去10个交易日", "最近三周", "三个月来",
# "over the past two months", "the last 10 trading days"): that many back from the as-of date.
# Only after 近/过去/最近 or past/last, or before 来/以来, so "3个月期美债" (a bill) is no span.
_ZH_UNITS = r"个月|个?星期|周|个交易日|天|年"
_TRAILING = re.compile(
    rf"(?:近|过去|最近)\s*(?P<zh>{COUNT})\s*(?P<zh_unit>{_ZH_UNITS})"
    rf"|(?P<zh_since>{COUNT})\s*(?P<zh_since_unit>{_ZH_UNITS})\s*以?来"
    rf"|\b(?:past|last|previous)\s+(?P<en>{COUNT})\s+"
    r"(?P<en_unit>months?|weeks?|trading days?|sessions?|days?|years?)\b",
    re.I,
)
_UNIT = {"个月": "M", "month": "M", "星期": "W", "个星期": "W", "周": "W", "week": "W",
         "个交易日": "D", "trading day": "D", "session": "D", "年": "Y", "year": "Y"}  # fmt: skip
TRADING_DAYS_PER_CALENDAR_DAY = TRADING_DAYS_PER_YEAR / 365


def trailing_period(text: str) -> str | None:
    """The trailing span a question counts back ("近两个月": "2M", "the last 10 trading days":
    "10D"); calendar days are counted as the trading days in them ("过去30天": "21D")."""
    found = _TRAILING.search(text)
    if found is None:
        return None
    if found["zh"] or found["zh_since"]:
        count = found["zh"] or found["zh_since"]
        unit = found["zh_unit"] or found["zh_since_unit"]
    else:  # "months", "trading days": one of them
        count, unit = found["en"], found["en_unit"].lower().rstrip("s")
    n = count_of(count) or 0
    if unit in ("天", "day"):  # calendar days: the trading days in them
        return f"{max(1, round(n * TRADING_DAYS_PER_CALENDAR_DAY))}D" if n else None
    return f"{n}{_UNIT[unit]}" if n else None


def recent_period(text: str) -> str | None:
    """The past month for a question that asks about "recently" and names no span."""
    return RECENT if _RECENTLY.search(text) else None


# The calendar period before the current one ("上周", "last month", "上季度", "去年"): not a
# trailing span ("past month" is 1M), nor a part of a date ("去年10月", "last year's high").
_PREVIOUS = (
    ("week", r"上周|上一周|上个?星期|上个?礼拜|last week|previous week|prior week"),
    ("month", r"上个?月(?!\d)|last month|previous month|prior month"),
    ("quarter", r"上个?季度|last quarter|previous quarter|prior quarter"),
    (
        "year",
        r"去年(?!\s*(?:\d|同期|底|初|末|[一二三四五六七八九十]+月))"
        r"|last year|previous year|prior year",
    ),
)
_THIS = re.compile(r"今年|本月|这个月|本周|这周|本季|this (?:year|month|week|quarter)", re.I)
# A span to the as-of date in English words ("year to date", "YTD", "so far this year"): "date"
# and "far" are no words a sentence must say ("Traditional futures have a fixed expiry date").
_TO_DATE = re.compile(
    r"\b(?:(?:year|month|quarter|week)[- ]to[- ]date|[ymqw]td|so far(?= this\b| in\b|\W*$))\b",
    re.I,
)
# "over the last month" is a trailing month (1M), and "last year's high" a point in it
_PREVIOUS_WORDS = tuple(
    (unit, re.compile(rf"(?<!\bthe )(?:{words})(?!['’]s)", re.I)) for unit, words in _PREVIOUS
)


def previous_period(text: str, as_of: dt.date | None) -> tuple[str, dt.date | None] | None:
    """The one calendar period before the as-of date's that the question names, as a period
    and the as-of date it is measured at: last month "2026-06", last quarter "2026-Q2", last
    year "2025" (each measured whole); last week is the week's move as it ended (WTD at its
    Sunday, which the price tools read as its last trading day)."""
    today = as_of or dt.date.today()
    found = [unit for unit, pattern in _PREVIOUS_WORDS if pattern.search(text)]
    if len(found) != 1 or _THIS.search(text):  # "今年和去年相比": both, measured to date
        return None
    unit = found[0]
    if unit == "week":
        return "WTD", today - dt.timedelta(days=today.weekday() + 1)
    if unit == "month":
        last = today.replace(day=1) - dt.timedelta(days=1)
        return f"{last:%Y-%m}", None
    if unit == "quarter":
        quarter = (today.month - 1) // 3  # this quarter counted from 0 is the last from 1
        year, which = (today.year, quarter) if quarter else (today.year - 1, 4)
        return f"{year}-Q{which}", None
    return str(today.year - 1), None


_YESTERDAY = re.compile(r"昨天|昨日|\byesterday\b", re.I)


def yesterday(text: str, as_of: dt.date | None) -> dt.date | None:
    """The day before the as-of date, for a question about yesterday ("黄金昨天涨了多少？"): its
    one-day move is that day's (the price tools read a weekend as the Friday before)."""
    if not _YESTERDAY.search(text):
        return None
    return (as_of or dt.date.today()) - dt.timedelta(days=1)


_TODAY = re.compile(r"今天|今日|\btoday\b", re.I)


def says_this_year(text: str) -> bool:
    """Does the question say "this year" (今年, 年内, "YTD"): the period a return is measured
    over unasked, here asked?"""
    return _THIS_YEAR.search(text) is not None


def without_time_words(text: str) -> str:
    """The question without the words that say when, relative to its asking ("last week",
    上个月, "this year", 昨天) or up to which day (截至): its period and as-of date answer those,
    so they are no words a sentence must say; "Retail investors bought more SpaceX last week"
    is no answer to "How did stocks do last week?"."""
    for _, pattern in _PREVIOUS_WORDS:
        text = pattern.sub(" ", text)
    for pattern in (_TO_DATE, _THIS, _YESTERDAY, _TODAY, AS_OF_WORD):  # every wrap says 截至收盘
        text = pattern.sub(" ", text)
    return text


def period_asked(
    text: str,
    day: dt.date | None,
    named: Callable[[str], str | None],
    now: dt.date | None = None,
) -> tuple[str | None, dt.date | None, dt.date | None]:
    """The period the question measures, the day it is measured at, and the day it counted
    back from when that is `now`: a span, quarter, month or year it names, the calendar period
    before this one, "recently"; "yesterday" moves the day back one. With no `day` (a date
    set or written), "yesterday" and "last month" count back from `now` (the last close of a
    price store that will not be refreshed), else from today. `day`: the date set, else the
    one the question writes (`find_date`); `named`: the period a question names in the
    vocabulary's words ("YTD" for 今年以来), if any."""
    day = day or find_date(text) or as_of_day(text, now or dt.date.today())
    since = day or now
    back = yesterday(text, since)
    said = named(text)
    before = previous_period(text, since) if said in (None, TRAILING_MONTH) else None
    counted = now if day is None and (back or before) else None
    day = back or day
    if before is not None:  # "last month" is the calendar month, not the trailing one
        said, day = before[0], before[1] or day
    period = (
        extreme_period(text, day)
        or since_period(text, day)
        or span_period(text, day)
        or said
        or trailing_period(text)
        or month_period(text, day)
        or year_period(text, day)
        or recent_period(text)
    )
    return period, day, counted
