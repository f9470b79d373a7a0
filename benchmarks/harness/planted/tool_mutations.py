"""Planting one error in a true sentence about a tool's cell, labelled with its kind.

Every mutation re-renders the same phrasing with one part changed, then asks the scenario's
oracle (every cell of the source, and the periods the answer did not fetch) whether the changed
claim happens to be true anyway: a sign flip of 0.00, a swapped symbol or period whose value
rounds the same, a transposition that lands on another true value. Those are dropped.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from benchmarks.harness.planted.market import Scenario
from benchmarks.harness.planted.model import (
    SIGNED,
    Cell,
    number_text,
    parse_number,
    scaled_text,
    transpositions,
    wrong_rounding,
)
from benchmarks.harness.planted.names import group_of, names, period_words
from benchmarks.harness.planted.phrasing import Stated
from benchmarks.harness.planted.tool_claims import dated, restate

Mutation = tuple[Stated, str]  # the mutated claim, and what was changed
Mutator = Callable[[Stated, Scenario, random.Random], Mutation | None]
_FIXED = frozenset({"yield", "yield_chg", "vix", "vix_chg"})  # one symbol of its kind
_PERIODIC = frozenset({"ret", "ret_pair", "vol", "dd", "spread", "spread_ret", "quote_close"})
# Another metric of the same entity a writer may take by mistake: (shape, metric) -> metrics.
_OTHER_METRICS = {
    ("ret", "return"): ("volatility", "drawdown", "spread", "trend"),
    ("vol", "volatility"): ("return", "drawdown"),
    ("dd", "drawdown"): ("volatility", "return"),
    ("quote_pt", "change"): ("return",),
    ("close", "level"): ("previous",),
    ("vix", "level"): ("change",),
    ("vix_chg", "change"): ("level",),
}
_UNSIGNED = frozenset({"vol", "close", "vix", "score", "yield"})


def _value_of(claim: Stated, number: str, sign: float | None = None) -> float:
    value, _ = parse_number(number)
    return math.copysign(value, claim.claimed.value if sign is None else sign)


def sign_flip(claim: Stated, scenario: Scenario, rng: random.Random) -> Mutation | None:
    if claim.claimed.metric not in SIGNED:
        return None
    return restate(claim, value=-claim.claimed.value), "sign flipped"


def symbol_swap(claim: Stated, scenario: Scenario, rng: random.Random) -> Mutation | None:
    if claim.shape in _FIXED:
        return None
    said = claim.claimed
    taken = {said.symbol, said.against, claim.companion.symbol if claim.companion else None}
    pool = [
        cell.symbol
        for cell in scenario.oracle
        if cell.symbol not in taken
        and group_of(cell.symbol) == group_of(said.symbol)
        and scenario.find(cell.symbol, said.metric, said.period, said.against)
    ]
    candidates = sorted({s for s in pool if not scenario.true(_swapped(said, s), claim.decimals)})
    if not candidates:
        return None
    symbol = rng.choice(candidates)
    name = rng.choice(names(symbol, claim.language))
    return restate(claim, symbol=symbol, name=name), f"{said.symbol} -> {symbol}"


def _swapped(cell: Cell, symbol: str) -> Cell:
    return Cell(symbol, cell.metric, cell.period, cell.value, cell.unit, cell.end, cell.against)


def metric_swap(claim: Stated, scenario: Scenario, rng: random.Random) -> Mutation | None:
    said = claim.claimed
    options = []
    for metric in _OTHER_METRICS.get((claim.shape, said.metric), ()):
        if metric == "previous" and not dated(claim):
            continue  # "收于" a close without its day may well be the day before's
        options += [
            cell
            for cell in scenario.oracle
            if cell.symbol == said.symbol
            and cell.metric == metric
            and (cell.period in {None, said.period} or metric == "change")
            and (metric != "spread" or cell.against == "^GSPC")
        ]
    if not options:
        return None
    other = rng.choice(options)
    sign = -1.0 if claim.shape == "dd" else 1.0 if claim.shape in _UNSIGNED else other.value
    number = number_text(other.value, claim.decimals, "," in claim.number)
    value = _value_of(claim, number, sign)
    note = f"{said.metric} stated with {other.metric} {other.period or ''} ({other.value:.4f})"
    return restate(claim, value=value, number=number), note


def period_swap(claim: Stated, scenario: Scenario, rng: random.Random) -> Mutation | None:
    said = claim.claimed
    if claim.shape not in _PERIODIC:
        return None
    others = [
        cell
        for cell in scenario.oracle
        if cell.symbol == said.symbol
        and cell.metric == said.metric
        and cell.against == said.against
        and cell.period is not None
        and not _equivalent(scenario, said, cell)
    ]
    periods = sorted({cell.period for cell in others if cell.period})
    periods = [p for p in periods if not scenario.true(_in_period(said, p), claim.decimals)]
    if not periods:
        return None
    period = rng.choice(periods)
    end = next(c.end for c in others if c.period == period)
    words = rng.choice(period_words(period, claim.language, end))
    return restate(claim, period=period, words=words), f"{said.period} -> {period}"


def _equivalent(scenario: Scenario, said: Cell, cell: Cell) -> bool:
    """The cell's period is the claim's own (YTD and its running year, 1W and 5D)."""
    return any(
        c is cell for c in scenario.find(said.symbol, said.metric, said.period, said.against)
    )


def _in_period(cell: Cell, period: str) -> Cell:
    return Cell(cell.symbol, cell.metric, period, cell.value, cell.unit, cell.end, cell.against)


def unit_slip(claim: Stated, scenario: Scenario, rng: random.Random) -> Mutation | None:
    if claim.shape == "score":
        return None
    factor = rng.choice([100.0, 0.01])
    number = scaled_text(claim.number, factor)
    return restate(claim, value=_value_of(claim, number), number=number), f"x{factor:g}"


def digit_transposition(claim: Stated, scenario: Scenario, rng: random.Random) -> Mutation | None:
    options = transpositions(claim.number)
    if not options:
        return None
    number = rng.choice(options)
    note = f"{claim.number} -> {number}"
    return restate(claim, value=_value_of(claim, number), number=number), note


def precision_rounding(claim: Stated, scenario: Scenario, rng: random.Random) -> Mutation | None:
    number = wrong_rounding(claim.cell.value, claim.decimals, "," in claim.number)
    if number is None:
        return None
    note = f"{claim.cell.value:.4f} written {number}"
    return restate(claim, value=_value_of(claim, number), number=number), note


MUTATORS: dict[str, Mutator] = {
    "sign_flip": sign_flip,
    "symbol_swap": symbol_swap,
    "metric_swap": metric_swap,
    "period_swap": period_swap,
    "unit_slip_100x": unit_slip,
    "digit_transposition": digit_transposition,
    "precision_rounding": precision_rounding,
}


def mutations(claim: Stated, scenario: Scenario, rng: random.Random) -> list[tuple[str, Mutation]]:
    """Every kind of error that can be planted in the claim, each a real error."""
    found = []
    for kind, mutate in MUTATORS.items():
        made = mutate(claim, scenario, rng)
        if made is None:
            continue
        new, _ = made
        if new.sentence() == claim.sentence() or scenario.true(new.claimed, new.decimals):
            continue
        found.append((kind, made))
    return found
