"""True sentences about the cells of a scenario's tool results, written as a writer would round
and phrase them.

Each cell the `[0]` source states gets a shape (a return, a spread, a close, a score...), one of
the shape's phrasings, a name the vocabulary knows, period words, and a rounding: two decimals
mostly, one sometimes, whole numbers for large levels, thousands separators now and then.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from benchmarks.harness.planted.market import Scenario
from benchmarks.harness.planted.model import Cell, number_text, states
from benchmarks.harness.planted.names import group_of, names, period_words
from benchmarks.harness.planted.phrasing import (
    DATED,
    NEEDS_COMPANION,
    SAME_SIGN,
    TEMPLATES,
    Companion,
    Stated,
)
from ingest.language import Language


def shapes_for(cell: Cell, scenario: Scenario) -> list[str]:
    """The shapes a writer may state this cell in (none for cells nobody quotes)."""
    group = group_of(cell.symbol)
    if cell.metric == "level":
        if cell.result is None:
            return []
        return {"rate": ["yield"], "vix": ["vix"], "sector": []}.get(group, ["close"])
    if cell.metric == "change":
        if cell.period == "1M":
            return ["vix_chg"] if group == "vix" else ["yield_chg"]
        return ["quote_pt"]
    simple = {"volatility": ["vol"], "drawdown": ["dd"], "score": ["score"]}
    if cell.metric in simple:
        return simple[cell.metric]
    if cell.metric == "spread":
        return ["spread", "spread_ret"] if group in {"index", "etf"} else ["spread"]
    if cell.metric == "return" and group != "sector" and _tool(cell, scenario) == "quotes":
        return ["ret", "quote_close"]
    if cell.metric == "return":
        return ["ret", "ret_pair"] if group in {"index", "etf"} else ["ret"]
    return []


def _tool(cell: Cell, scenario: Scenario) -> str:
    assert cell.result is not None
    return scenario.source.results[cell.result].provenance.tool


def decimals_for(shape: str, cell: Cell, rng: random.Random) -> tuple[int, bool]:
    """(decimals, thousands separators) as a writer would round this cell."""
    value = abs(cell.value)
    if shape == "score":
        return (0 if value == round(value) else 1), False
    if shape in {"close", "vix", "quote_pt"} and value >= 1000:
        return rng.choice([(2, True), (2, False), (0, True), (1, True)])
    if shape == "yield":
        return rng.choice([2, 2, 3]), False
    if shape == "yield_chg":
        return (0 if abs(value - round(value)) < 0.05 or rng.random() < 0.5 else 1), False
    if shape in {"close", "vix", "quote_pt", "vix_chg"}:
        return 2, False
    return rng.choice([2, 2, 2, 1]), False


def companion(
    shape: str, cell: Cell, scenario: Scenario, language: Language, rng: random.Random
) -> Companion | None:
    """The second, true figure a phrasing states beside the cell, or None."""
    same = [c for c in scenario.cells if c.result == cell.result]
    if shape == "ret_pair":
        pool = [c for c in same if c.metric == "return" and c.symbol != cell.symbol]
        pool = [c for c in pool if group_of(c.symbol) == group_of(cell.symbol)]
        pick = rng.choice(pool) if pool else None
        name = rng.choice(names(pick.symbol, language)) if pick else ""
    elif shape == "spread_ret":
        pick = next(c for c in same if c.metric == "return" and c.symbol == cell.symbol)
        name = ""
    elif shape in {"quote_close", "quote_pt", "yield_chg"}:
        found = [c for c in same if c.metric == "level" and c.symbol == cell.symbol]
        pick, name = (found[0] if found else None), ""
    else:
        return None
    if pick is None:
        return None
    decimals, thousands = decimals_for("close" if pick.metric == "level" else "ret", pick, rng)
    if shape == "yield_chg":
        decimals = 2
    number = number_text(pick.value, decimals, thousands)
    return Companion(pick.symbol, name, number, pick.value >= 0)


def when_words(end: dt.date | None, language: Language) -> str:
    if end is None:
        return ""
    if language == "zh":
        return f"截至{end.year}年{end.month}月{end.day}日"
    return f"as of {end:%b} {end.day}, {end.year}"


def stated(
    cell: Cell, shape: str, scenario: Scenario, language: Language, rng: random.Random
) -> Stated | None:
    """One true sentence about the cell in this shape, or None when it cannot be said (a
    figure that rounds to zero, a phrasing without its companion)."""
    decimals, thousands = decimals_for(shape, cell, rng)
    if states(0.0, decimals, cell.value):
        return None
    pair = companion(shape, cell, scenario, language, rng)
    if shape in NEEDS_COMPANION and pair is None:
        return None
    forms = [
        i
        for i in range(len(TEMPLATES[shape][language]))
        if (shape, i) not in SAME_SIGN or (pair and pair.positive == (cell.value >= 0))
    ]
    period = rng.choice(period_words(cell.period, language, cell.end)) if cell.period else ""
    other = rng.choice(names(cell.against, language)) if cell.against else ""
    return Stated(
        shape=shape,
        form=rng.choice(forms),
        language=language,
        cell=cell,
        claimed=cell,
        name=rng.choice(names(cell.symbol, language)),
        words=period,
        number=number_text(cell.value, decimals, thousands),
        decimals=decimals,
        other=other,
        companion=pair,
        when=when_words(cell.end, language),
        usd=group_of(cell.symbol) == "etf",
        marker=rng.choice(["[0]", " [0]"]) if language == "en" else "[0]",
    )


def true_claims(
    scenario: Scenario, language: Language, count: int, rng: random.Random
) -> list[Stated]:
    """Up to `count` true sentences, taking the shapes in turn so every shape is represented."""
    by_shape: dict[str, list[Cell]] = {}
    for cell in scenario.cells:
        for shape in shapes_for(cell, scenario):
            by_shape.setdefault(shape, []).append(cell)
    for cells in by_shape.values():
        rng.shuffle(cells)
    claims: list[Stated] = []
    shapes = sorted(by_shape)
    while len(claims) < count and any(by_shape.values()):
        for shape in shapes:
            if by_shape[shape] and len(claims) < count:
                made = stated(by_shape[shape].pop(), shape, scenario, language, rng)
                if made is not None and made.sentence() not in {c.sentence() for c in claims}:
                    claims.append(made)
    return claims


def dated(claim: Stated) -> bool:
    return (claim.shape, claim.form) in DATED


def restate(
    claim: Stated,
    *,
    value: float | None = None,
    symbol: str | None = None,
    period: str | None = None,
    **written: str,
) -> Stated:
    """The claim saying another value, of another symbol or over another period (the claimed
    cell changes with it), with some parts written anew (`name`, `words`, `number`)."""
    claimed = replace(
        claim.claimed,
        value=claim.claimed.value if value is None else value,
        symbol=symbol or claim.claimed.symbol,
        period=period or claim.claimed.period,
    )
    return replace(claim, claimed=claimed, **written)  # type: ignore[arg-type]
