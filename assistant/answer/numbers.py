"""Finding the figures in a piece of text, the way a careful reader would.

A "figure" is a number a reader could check: a percentage, an index level, a price, a score, a
spread in basis points or percentage points, a count. Dates, years, citation markers, list
numbering, tenors ("10年期", "2-year"), the numbers inside index names ("标普500",
"Russell 2000") and products' model numbers ("iPhone 18") are not figures. Chinese text glues
numbers to words ("涨1.15%"), so boundaries are ASCII-only: a CJK character before a number
never hides it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.dates import MONTH
from tools.symbols import NAME_NUMBERS

# Spans that contain digits but no figure; they are blanked out before figures are read.
_NOT_FIGURES = re.compile(
    "|".join(
        [
            r"\[\d{1,3}(?:\s*[,，、]\s*\d{1,3})*\]",  # citation markers
            r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?",  # 2026年1月23日, 2025年12月
            r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]",  # 1月23日
            r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}",  # 2026-01-23
            rf"\b{MONTH}\.?\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?",  # Jan 23, 2026
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\b\.?(?:,?\s+\d{{4}})?",  # 23 Jan 2026
            rf"\b{MONTH}\.?\s+\d{{4}}",  # January 2026
            r"\d{4}\s*年",  # 2026年
            r"\d{1,2}\s*月(?!\s*\d)",  # 12月
            r"\d{1,2}:\d{2}",  # times
            r"\b[QH][1-4]\b|\b[1-4]Q\b",  # quarters, halves
            r"\d+\s*(?:年期|个月|个交易日|周|天|日均线|日线|季度)",  # tenors and windows (zh)
            # "10-year", and "10-Year" in a headline; "the past 5 trading days"
            r"\b\d+\s*-?\s*(?i:years?|yrs?|months?|weeks?|(?:trading\s+)?days?|sessions?|quarters?)\b"
            r"(?!\s*(?:ago))",
            r"(?<![A-Za-z0-9])\d+[YMWDymwd]\b",  # 10Y, 3M, 1W, 1D, 10y
            NAME_NUMBERS,
            # a product's model number ("iPhone 18", "Apple Watch Series 12", "Pixel 10"), no
            # amount: after a word capitalised inside ("iPhone", "MacBook") or a product line's
            r"(?<![A-Za-z])(?:[a-z]+[A-Z][A-Za-z]*|(?:Series|Ultra|Pro|Max|Plus|Mini|Air|Model|"
            r"Galaxy|Pixel|Mate))\s?\d{1,2}(?![.,]?\d)(?!\s*(?:%|％|美元|亿|万|倍|[bmt]illion))",
            r"^\s*\d{1,2}[.)、]\s",  # list numbering (per line)
            r"[（(]\d{1,2}[)）]",  # (1)
        ]
    ),
    re.MULTILINE,
)

_FIGURE = re.compile(
    r"(?<![A-Za-z0-9_.])"
    r"(?P<sign>[+\-−])?"
    r"(?P<currency>[$€£¥])?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?![\d])"
    r"(?P<unit>\s*(?:%|％|个百分点|百分点|个基点|基点|bps?\b|pp\b|percentage points?"
    r"|basis points?|percent|点|points?|美元|亿|万|倍|x\b)?)"
)


@dataclass(frozen=True)
class Figure:
    """A number as written: its value (unsigned), how many decimals it shows, and the text."""

    value: float
    decimals: int
    raw: str
    unit: str = ""
    negative: bool = False


def _blank(match: re.Match[str]) -> str:
    return " " * len(match[0])


def figures_in(text: str) -> list[Figure]:
    """Every checkable figure in the text, in order."""
    cleaned = _NOT_FIGURES.sub(_blank, text)
    found = []
    for match in _FIGURE.finditer(cleaned):
        number = match["num"]
        unit = match["unit"].strip() or match["currency"] or ""
        plain = number.replace(",", "")
        decimals = len(plain.split(".")[1]) if "." in plain else 0
        value = float(plain)
        if _is_year(value, decimals, unit):
            continue
        raw = match[0].strip()
        found.append(Figure(value, decimals, raw, unit, negative=match["sign"] in {"-", "−"}))
    return found


# An amount given by its order of magnitude, as Chinese funding news does ("完成数亿元A轮融资",
# "两轮累计金额超亿元", "数十亿美元"): no figure a reader could check, but the amount asked.
_AMOUNT_IN_WORDS = re.compile(r"(?:数|超|近|逾|上|过)(?:十|百|千)?(?:万|亿)(?:元|美元|港元)")


def states_amount(text: str) -> bool:
    """Does the text state an amount: a figure, or an order of magnitude in words?"""
    return bool(figures_in(text)) or _AMOUNT_IN_WORDS.search(text) is not None


def _is_year(value: float, decimals: int, unit: str) -> bool:
    return decimals == 0 and not unit and 1900 <= value <= 2100


def matches(figure: Figure, candidate: float) -> bool:
    """True when the figure is the candidate rounded to the figure's displayed precision.

    Signs are ignored ("下跌1.05%" states -1.05 as 1.05); 8.2% matches 8.20 and 8.2041.
    """
    tolerance = 0.5 * 10 ** (-figure.decimals) + 1e-9
    return abs(figure.value - abs(candidate)) <= tolerance
