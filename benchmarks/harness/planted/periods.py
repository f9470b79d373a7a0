"""Period words in running text and another period to put in their place, zh and en.

Used to plant a period swap in a quoted sentence: the period named nearest before the figure
(else the first after it) is replaced by a different one ("年初至今" -> "近一个月", "同比" ->
"环比", "2025年" -> "2024年", "in the third quarter" -> "in the second quarter").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.language import Language

Replace = Callable[[re.Match[str]], str]
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_ORDINALS = ("first", "second", "third", "fourth")


def _fixed(text: str) -> Replace:
    return lambda m: text


def _year_before(m: re.Match[str]) -> str:
    return m[0].replace(m[1], str(int(m[1]) - 1))


def _count_up(m: re.Match[str]) -> str:
    n = int(m[1])
    return m[0].replace(m[1], str(n + 1 if n < 11 else n - 1), 1)


def _zh_month(m: re.Match[str]) -> str:
    month = int(m[1])
    return m[0].replace(m[1], str(month - 1 if month > 1 else 12), 1)


def _zh_weekday(m: re.Match[str]) -> str:
    days = "一二三四五"
    return "周" + days[(days.index(m[1]) + 4) % 5]


def _en_month(m: re.Match[str]) -> str:
    return _MONTHS[(_MONTHS.index(m[1].capitalize()) + 11) % 12]


def _en_weekday(m: re.Match[str]) -> str:
    return _DAYS[(_DAYS.index(m[1].capitalize()) + 4) % 5]


def _quarter(m: re.Match[str]) -> str:
    i = _ORDINALS.index(m[1].lower())
    return m[0].replace(m[1], _ORDINALS[i - 1 if i else 1])


_ZH: tuple[tuple[str, Replace], ...] = (
    (r"年初至今", _fixed("近一个月")), (r"今年以来", _fixed("近三个月")), (r"年内", _fixed("本月")),
    (r"本月", _fixed("本周")), (r"本周", _fixed("本月")), (r"上周", _fixed("本月")),
    (r"上月", _fixed("今年以来")), (r"当日|今日|当天", _fixed("本周")),
    (r"上半年", _fixed("前三季度")), (r"前三季度", _fixed("上半年")),
    (r"第?一季度", _fixed("二季度")), (r"第?二季度", _fixed("三季度")),
    (r"第?三季度", _fixed("二季度")), (r"第?四季度", _fixed("三季度")),
    (r"同比", _fixed("环比")), (r"环比", _fixed("同比")), (r"全年", _fixed("上半年")),
    (r"近一个月|过去一个月", _fixed("年初至今")), (r"过去一年|近一年", _fixed("过去三个月")),
    (r"前(\d{1,2})个月", _count_up), (r"(?<!\d)(20\d\d)年(?!\s*\d{1,2}\s*月|期)", _year_before),
    (r"(?<![\d年])(\d{1,2})月份", _zh_month), (r"周([一二三四五])", _zh_weekday),
)  # fmt: skip
_EN: tuple[tuple[str, Replace], ...] = (
    (r"year[- ]to[- ]date", _fixed("over the past month")),
    (r"so far this year", _fixed("so far this month")),
    (r"this year", _fixed("last year")), (r"last year", _fixed("this year")),
    (r"this week", _fixed("this month")), (r"last week", _fixed("last month")),
    (r"this month", _fixed("this week")), (r"last month", _fixed("last week")),
    (r"this quarter", _fixed("this year")),
    (r"year[- ]over[- ]year|year[- ]on[- ]year", _fixed("month-over-month")),
    (r"month[- ]over[- ]month", _fixed("year-over-year")),
    (r"\b(first|second|third|fourth) quarter", _quarter),
    (r"first half", _fixed("second half")), (r"second half", _fixed("first half")),
    (r"\b(?:in|for|during|since|of) (20\d\d)\b(?![-/])", _year_before),
    (r"\b(" + "|".join(_MONTHS) + r")\b(?!\s+\d)", _en_month),
    (r"\b(" + "|".join(_DAYS) + r")\b", _en_weekday),
    (r"\btoday\b", _fixed("yesterday")), (r"\byesterday\b", _fixed("today")),
    (r"on the day", _fixed("this week")),
    (r"\b(\d{1,2})[- ](?:days?|weeks?|months?)\b", _count_up),
)  # fmt: skip


def period_mentions(text: str, language: Language) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for each period named in the text, in order."""
    table = _ZH if language == "zh" else _EN
    found: list[tuple[int, int, str]] = []
    for pattern, replace in table:
        for m in re.finditer(pattern, text, re.I):
            if not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), replace(m)))
    return sorted(found)


def swapped_period(text: str, figure_start: int, language: Language) -> tuple[int, int, str] | None:
    """The period nearest before the figure (else the first after it) and its replacement."""
    found = period_mentions(text, language)
    before = [p for p in found if p[1] <= figure_start]
    pick = before[-1] if before else found[0] if found else None
    if pick is None:
        return None
    start, end, new = pick
    original = text[start:end]
    if original[:1].isupper() and not new[:1].isupper():
        new = new[:1].upper() + new[1:]
    return (start, end, new) if new != original else None
