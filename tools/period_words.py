"""Period words in text: the period a question names ("年初至今" -> "YTD") and every period a
sentence names for its figures ("3个月相对强度", "in 2025"), as labels `tools.periods.parse_period`
accepts. Reading words is apart from resolving a period against trading days (`tools.periods`).
"""

from __future__ import annotations

import re

from tools.symbols import NAME_NUMBERS

# Period words in questions, for the assistant: (pattern, period). First match in the text wins.
_TEXT_PERIODS: tuple[tuple[str, str], ...] = (
    (
        r"年初至今|今年以来|今年迄今|年初以来|年内|year[\s-]*to[\s-]*date|\bytd\b|this year"
        r"|since the (?:start|beginning) of the year|\b(?:for|on) the year\b(?!\s*(?:19|20)\d\d)",
        "YTD",
    ),
    (r"季初至今|本季度|本季|quarter[\s-]*to[\s-]*date|\bqtd\b|this quarter", "QTD"),
    (r"月初至今|本月|这个月|month[\s-]*to[\s-]*date|\bmtd\b|this month", "MTD"),
    (r"本周|这周|当周|week[\s-]*to[\s-]*date|\bwtd\b|this week|for the week\b", "WTD"),
    (r"过去一年|近一年|过去12个月|近12个月|一年来|past year|last 12 months|past 12 months", "1Y"),
    (r"过去半年|近半年|过去六个月|近六个月|近6个月|past (?:six|6) months", "6M"),
    (r"过去三个月|近三个月|近3个月|过去3个月|(?:past|last) (?:three|3) months", "3M"),
    (r"过去一个月|近一个月|近1个月|过去1个月|(?:past|last) month|past 30 days", "1M"),
    (
        r"过去一周|近一周|过去5个交易日|past week"
        r"|(?:past|last) (?:5|five) (?:trading days|days|sessions)",
        "5D",
    ),
    (r"今天|今日|当日|当天|最新交易日|today|on the day|(?:latest|last) session", "1D"),
)
_TEXT_YEAR = re.compile(r"((?:19|20)\d\d)\s*年?全年|(?:full|calendar)[\s-]*year\s*((?:19|20)\d\d)")


def parse_period_text(text: str) -> str | None:
    """The period a question talks about ('年初至今' -> 'YTD', '2024年全年' -> '2024'), or None.

    Returns a string `parse_period` accepts, so the assistant can pass it straight on.
    """
    found = period_mentions(text)
    return found[0][2] if found else None


# A year named as a period in running text: "2025年" (not "2025年3月"), "in 2025", "for 2025".
_BARE_YEAR = re.compile(
    r"((?:19|20)\d\d)\s*年(?!\s*\d{1,2}\s*月)(?!\s*(?:期|以来|初至今))"
    r"|(?:\bin|\bfor|\bduring|\bover)\s+((?:19|20)\d\d)\b(?![-/]\d)",
    re.IGNORECASE,
)
_SINCE_YEAR_START = re.compile(
    r"(?:19|20)\d\d\s*年\s*(?:以来|初至今|初以来)"
    r"|so far in (?:19|20)\d\d|since the start of (?:19|20)\d\d",
    re.IGNORECASE,
)


# Window words a sentence uses for a figure's period ("3个月相对强度", "3-month return"), too
# loose for a question ("3个月期美债" is a bill): read with in_sentence only.
_WINDOWS = re.compile(
    r"(\d{1,2})\s*(?:个月|-month|\s+months?\b)|(\d{1,2})\s*(?:周|-week|\s+weeks?\b)"
    r"|(\d{1,3})\s*(?:个交易日|天|-day|\s+(?:trading\s+)?(?:days?|sessions?)\b)|\b(\d{1,2})([MWD])\b",
    re.IGNORECASE,
)


def _window(match: re.Match[str]) -> str:
    months, weeks, days, n, unit = match.groups()
    if n:
        return f"{n}{unit.upper()}"
    return f"{months}M" if months else f"{weeks}W" if weeks else f"{days}D"


def period_mentions(text: str, *, in_sentence: bool = False) -> list[tuple[int, int, str]]:
    """Every period named in the text as (start, end, period), in order of position.

    `in_sentence` also reads a plain year ("2025年", "in 2025") as that calendar year and a
    window ("3个月", "3-month") as that period: right for a sentence stating a figure, too
    loose for a question ("2025年3月以来…", "3个月期美债").
    """
    names = [(m.start(), m.end()) for m in re.finditer(NAME_NUMBERS, text)]
    found: list[tuple[int, int, str]] = [(start, end, "") for start, end in names]
    for words, named in _TEXT_PERIODS:
        found += [(m.start(), m.end(), named) for m in re.finditer(words, text, re.IGNORECASE)]
    years = [_SINCE_YEAR_START, _TEXT_YEAR, *([_BARE_YEAR] if in_sentence else [])]
    for pattern in years:
        for m in pattern.finditer(text):
            if not any(start <= m.start() < end for start, end, _ in found):
                period = "YTD" if pattern is _SINCE_YEAR_START else m[1] or m[2]
                found.append((m.start(), m.end(), period))
    if in_sentence:
        for m in _WINDOWS.finditer(text):
            if not any(start <= m.start() < end for start, end, _ in found):
                found.append((m.start(), m.end(), _window(m)))
    return sorted(f for f in found if f[2])  # name spans only kept years out
