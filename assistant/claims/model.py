"""What a claim and a fact are made of, and when two of them speak of the same thing.

A claim is a figure as a sentence states it; a fact is a figure as a source states it (a tool's
cell or an article's sentence). Both carry the same parts, so checking is comparing parts:
entity (a symbol), metric, period, direction, unit and value.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from assistant.answer.numbers import Figure
from tools.period_labels import extreme_of, months_of, since_of, span_of

# Metrics that measure the same kind of thing (a change in % is a return; a yield is a level).
FAMILY = {
    "return": "change",
    "change": "change",
    "growth": "change",
    "spread": "spread",
    "level": "level",
    "yield": "level",
    "volatility": "volatility",
    "drawdown": "drawdown",
    "day_move": "day_move",  # a period's best or worst day
    "score": "score",
    "rank": "rank",
    "trend": "trend",
    "flow": "flow",
}
SIGNED = {"change", "spread", "flow", "day_move"}  # families whose sign is part of the claim

_UNITS = (
    (re.compile(r"^(?:%|％|percent|pct)$", re.I), "%"),
    (re.compile(r"^(?:个百分点|百分点|pp|percentage points?)$", re.I), "pp"),
    (re.compile(r"^(?:个基点|基点|bps?|basis points?)$", re.I), "bp"),
    (re.compile(r"^(?:点|points?|pts?)$", re.I), "pt"),
)

# Which claim units may state a fact of each unit ("" = a bare number).
_ACCEPTS = {
    "%": {"%", ""},
    "pp": {"pp", "%", ""},
    "bp": {"bp", ""},
    "pt": {"pt", "", "$", "美元"},  # a quote's change: index points, an ETF's dollars
    "": {"", "pt", "$", "美元"},
    "ratio": {""},
}


def normal_unit(raw: str) -> str:
    """'个百分点' -> 'pp', '％' -> '%', 'bps' -> 'bp', '点' -> 'pt'; others as written."""
    text = raw.strip()
    for pattern, unit in _UNITS:
        if pattern.match(text):
            return unit
    return text


@dataclass(frozen=True)
class Claim:
    """One figure of a sentence with what the sentence says it is."""

    figure: Figure
    entity: str | None = None  # a symbol from the vocabulary
    against: str | None = None  # the other side of a spread ("跑赢标普500…")
    metric: str | None = None
    period: str | None = None  # "YTD", "2025", "1M"…
    direction: int = 0  # +1 up / beat, -1 down / lag, 0 not said
    unit: str = ""
    date: dt.date | None = None  # the day the sentence says the figure is for ("截至1月23日")
    mover: str | None = None  # who moved, as the clause names them ("腾讯跌超2%": 腾讯)

    @property
    def family(self) -> str | None:
        return FAMILY.get(self.metric or "", self.metric)

    @property
    def sign(self) -> int:
        """+1 / -1 when the sentence says which way (a sign wins over a word), else 0."""
        if self.figure.negative:
            return -1
        if self.figure.raw.startswith("+"):
            return 1
        return self.direction


@dataclass(frozen=True)
class Fact:
    """A figure a cited source states, with its parts; `decimals` None = a computed cell."""

    value: float
    source: int  # the citation number
    entities: frozenset[str] = frozenset()
    metric: str | None = None
    unit: str = ""
    period: str | None = None
    date: dt.date | None = None
    against: str | None = None
    decimals: int | None = None
    signed: bool = True  # False: an article wrote the magnitude and a word for the direction
    mover: str | None = None  # who moved, as the sentence named them (`Claim.mover`)

    @property
    def family(self) -> str | None:
        return FAMILY.get(self.metric or "", self.metric)

    def shown(self) -> str:
        """The value as a reader should see it: sign, the source's precision, the unit."""
        digits = 2 if self.decimals is None else self.decimals
        sign = "+" if self.family in SIGNED and self.value > 0 else ""
        number = f"{sign}{self.value:,.{digits}f}"
        unit = {"pt": " pt", "bp": " bp", "ratio": ""}.get(self.unit, self.unit)
        return number + unit


def units_agree(claim_unit: str, fact_unit: str) -> bool:
    if claim_unit == fact_unit:
        return True
    return claim_unit in _ACCEPTS.get(fact_unit, ())


def periods_agree(claim: str | None, fact: str | None, fact_date: dt.date | None) -> bool:
    """Same period; a week is 5 trading days; a calendar year is its YTD while it runs; a
    month or a weekday named by the claim is the month or day a computed figure ends on, or
    the computed month itself ("2026-07"), or the first or the last of the computed months
    ("2026-03..2026-06": "from March to June" names both); a move from a month's or a
    year's high or low is claimed as that month or year is ("low:2026-04"); a quarter or a
    half is the computed one ("二季度" for "2026-Q2", "上半年" for "2026-H1"); a span since a
    close is named by its month ("since June 30", "7月以来" for "2026-06-30..")."""
    if claim is None or fact is None:
        return True
    a, b = _PERIOD_ALIASES.get(claim, claim), _PERIOD_ALIASES.get(fact, fact)
    if a == b:
        return True
    if extreme := extreme_of(b):  # "from its closing low of April 2026": the month it names
        return periods_agree(claim, extreme[1], fact_date)
    # a computed month ("2026-07"), or months ("from March to June", "3月至6月")
    if a.startswith("month:") and (months := months_of(b)):
        return int(a.split(":")[1]) in {months[0][1], months[1][1]}
    if (since := since_of(b)) and a.startswith("month:"):  # "since June 30", "7月以来"
        return int(a.split(":")[1]) in {since.month, (since + dt.timedelta(days=1)).month}
    if span := span_of(b):  # a computed quarter or half, "2026-Q2", "2026-H1"
        _, kind, which = span
        return a == (f"quarter:{which}" if kind == "Q" else f"H{which}")
    if fact_date is not None and a.startswith("weekday:"):
        return int(a.split(":")[1]) == fact_date.weekday() and b == "1D"
    if fact_date is not None and a.startswith("month:"):
        month = int(a.split(":")[1])
        return month == fact_date.month and (b in {"MTD", "1M"} or (b == "YTD" and month == 1))
    if fact_date is not None and {a, b} & {"YTD"}:
        year = (a if b == "YTD" else b) if a != b else None
        return year is not None and year.isdigit() and int(year) == fact_date.year
    return False


_PERIOD_ALIASES = {"5D": "1W", "WTD": "1W", "21D": "1M", "63D": "3M", "12M": "1Y", "252D": "1Y"}
