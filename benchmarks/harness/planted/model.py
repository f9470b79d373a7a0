"""What the planted-error corpus is made of: cells of real tool results, items to verify, and the
arithmetic of written numbers (how a value is rounded, whether a written figure states it).

A `Cell` is one figure a tool computed, read from its frame by this package (not through the
tools' declared measures, so the corpus does not grade the checker with its own reading). An
`Item` is one answer sentence with the sources it cites and its label: `TRUE` or the kind of
error planted in it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from assistant.gather.sources import Source
from ingest.language import Language

TRUE = "true"
KINDS = (
    "sign_flip",
    "symbol_swap",
    "metric_swap",
    "period_swap",
    "unit_slip_100x",
    "digit_transposition",
    "other_article_figure",
    "precision_rounding",
)
Origin = Literal["tool", "article"]
# Metrics whose sign is part of what is said (a change, a spread); the others are magnitudes.
SIGNED = frozenset({"return", "spread", "change"})
_NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")


@dataclass(frozen=True)
class Cell:
    """One figure of a tool result: whose, which metric, over which period, in which unit.

    `result` is the index of the result in the `[0]` source that states it (None: a figure only
    the oracle knows, e.g. another period's return used to check a period swap); `column` is
    the frame column it comes from ("return_pct", or "return_pct-return_pct" for the spread
    between two rows)."""

    symbol: str
    metric: str  # return, spread, volatility, drawdown, level, score, change, trend, previous
    period: str | None  # "YTD", "2025", "1M", "1D"...; None for a level or a score on a day
    value: float
    unit: str  # %, pp, bp, pt, "" (a price or an index level)
    end: dt.date | None = None
    against: str | None = None  # the other side of a spread
    result: int | None = None
    column: str = ""


@dataclass(frozen=True)
class Item:
    """One answer sentence to verify, with its label and the sources its markers stand for."""

    sentence: str
    language: Language
    kind: str  # TRUE or one of KINDS
    origin: Origin
    sources: Mapping[int, Source] = field(repr=False)
    target: str  # the number as written that the claim (or the planted error) is about
    original: str = ""  # the true sentence a mutation was made from
    cell: Cell | None = None  # the cell a tool claim (or the claim it was mutated from) states
    note: str = ""  # what was changed, or where the sentence comes from


def half_ulp(decimals: int) -> float:
    return 0.5 * 10 ** (-decimals) + 1e-9


def states(written: float, decimals: int, value: float) -> bool:
    """Does a figure written with `decimals` decimals state `value` (magnitudes)?"""
    return abs(abs(written) - abs(value)) <= half_ulp(decimals)


def number_text(value: float, decimals: int, thousands: bool = False) -> str:
    """|value| as a writer rounds it: 2669.16, 2,669.16, 2,669."""
    return f"{abs(value):,.{decimals}f}" if thousands else f"{abs(value):.{decimals}f}"


def parse_number(text: str) -> tuple[float, int]:
    """'6,915.61' -> (6915.61, 2). Raises ValueError for anything else."""
    found = _NUMBER.match(text)
    if found is None:
        raise ValueError(f"not a written number: {text!r}")
    return float(text.replace(",", "")), len(found[2] or "")


def scaled_text(text: str, factor: float) -> str:
    """The written number times `factor` (100 or 0.01), decimals moved with it."""
    value, decimals = parse_number(text)
    shift = round(math.log10(factor))
    return number_text(value * factor, max(0, decimals - shift), "," in text)


def transpositions(text: str) -> list[str]:
    """The number with two adjacent different digits swapped (no leading zero made)."""
    found = []
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        if a.isdigit() and b.isdigit() and a != b:
            swapped = text[:i] + b + a + text[i + 2 :]
            if not re.match(r"0\d", swapped):
                found.append(swapped)
    return found


def wrong_rounding(value: float, decimals: int, thousands: bool) -> str | None:
    """The value rounded the wrong way at `decimals` (the neighbour on the far side: what
    truncating, rounding up or rounding twice gives), or None when that still states it."""
    scale = 10**decimals
    low, high = math.floor(abs(value) * scale), math.ceil(abs(value) * scale)
    if low == high:
        return None
    right = round(abs(value) * scale)
    wrong = (high if right == low else low) / scale
    if states(wrong, decimals, value):
        return None
    return number_text(wrong, decimals, thousands)


def same_period(claim: str | None, cell: str | None, end: dt.date | None) -> bool:
    """A calendar year is its year-to-date while it runs (as the verifier's model has it)."""
    if claim == cell:
        return True
    if claim is None or cell is None:
        return False
    pair = {claim, cell}
    if "YTD" in pair and end is not None:
        other = (pair - {"YTD"}).pop()
        return other.isdigit() and int(other) == end.year
    return pair == {"1W", "5D"}
