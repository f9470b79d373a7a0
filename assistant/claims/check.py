"""Checking one claim against the facts of the sources it cites.

- verified: a fact about the same thing (every part the claim and the fact both name agrees)
  has the claim's value, up to the precision the claim shows, with the same sign where a sign
  means something (a change, a spread);
- contradicted: no fact agrees, but one names the very same entity, metric and period with
  another value (or the other sign): the reader is shown that value;
- unsupported: nothing the sources state says this. When a source gives the same entity and
  metric for another period, that is shown, so "2024年全年上涨1.02%" reads "[0] gives 1.02% for
  YTD".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from assistant.answer.numbers import matches
from assistant.claims.model import SIGNED, Claim, Fact, periods_agree, units_agree
from assistant.claims.subject import same_mover

Verdict = Literal["verified", "contradicted", "unsupported"]


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    fact: Fact | None = None  # the source's own value: what contradicts, or the nearest fact


def check(claim: Claim, facts: Sequence[Fact]) -> Outcome:
    facts = _on_the_day(claim, facts)
    about = _deciding(claim, [f for f in facts if _about_same(claim, f)])
    if any(_value_agrees(claim, f) for f in about):
        return Outcome("verified")
    same = [f for f in about if _same_key(claim, f)]
    if same:
        return Outcome("contradicted", min(same, key=lambda f: abs(f.value - _signed(claim))))
    near = [
        f
        for f in facts
        if claim.entity in f.entities and claim.family == f.family and claim.family is not None
        and units_agree(claim.unit, f.unit)
    ]  # fmt: skip
    return Outcome("unsupported", near[0] if near else None)


def _deciding(claim: Claim, about: list[Fact]) -> list[Fact]:
    """Where the source states the claim's very metric with its value, that statement decides,
    its sign with it: "拟增持不超3%" is not saved by a bare 3.5% elsewhere in a passage that
    says "拟减持不超3%"."""
    stated = [
        f for f in about
        if claim.family is not None and f.family == claim.family and matches(claim.figure, f.value)
    ]  # fmt: skip
    return stated or about


def _on_the_day(claim: Claim, facts: Sequence[Fact]) -> list[Fact]:
    """A level is one day's: when the sentence names its day ("截至11月14日…报收235.58美元"),
    only the latest close on or before that day speaks for it, not the day before's."""
    if claim.date is None or claim.family != "level":  # "(2,481.91→2,669.16)" spans days
        return list(facts)
    latest: dict[frozenset[str], dt.date] = {}
    for f in facts:
        if f.family == "level" and f.date is not None and f.date <= claim.date:
            latest[f.entities] = max(f.date, latest.get(f.entities, f.date))
    return [
        f
        for f in facts
        if f.family != "level" or f.date is None or f.date == latest.get(f.entities, f.date)
    ]


def _about_same(claim: Claim, fact: Fact) -> bool:
    """No part both name disagrees (a part either leaves unsaid never counts against)."""
    return (
        (claim.entity is None or not fact.entities or claim.entity in fact.entities)
        and (claim.against is None or fact.against is None or claim.against == fact.against)
        and (claim.family is None or fact.family is None or claim.family == fact.family)
        and periods_agree(claim.period, fact.period, fact.date)
        and units_agree(claim.unit, fact.unit)
        and _same_subject(claim, fact)
    )


def _same_key(claim: Claim, fact: Fact) -> bool:
    """The fact is about exactly what the claim names: it decides the claim's value."""
    return (
        claim.entity is not None
        and claim.entity in fact.entities
        and claim.family is not None
        and claim.family == fact.family
    )


def _same_subject(claim: Claim, fact: Fact) -> bool:
    """The vocabulary's symbol, where both name it; else who each says moved (`same_mover`):
    "腾讯跌超2%" is not checked against "美团跌超2%" nor against the energy sector's -2%."""
    if claim.entity is not None and claim.entity in fact.entities:
        return True
    return same_mover(claim.mover, fact.mover)


def _value_agrees(claim: Claim, fact: Fact) -> bool:
    if not matches(claim.figure, fact.value):
        return False
    # a change's sign is part of it, and so is a sign written on the figure ("WTI +1.5%")
    written = claim.figure.negative or claim.figure.raw.startswith("+")
    signed = claim.family in SIGNED or fact.family in SIGNED or written
    if not signed or not claim.sign or not fact.signed:
        return True
    tolerance = 0.5 * 10 ** (-claim.figure.decimals)
    return abs(fact.value) < tolerance or (fact.value > 0) == (claim.sign > 0)


def _signed(claim: Claim) -> float:
    return claim.figure.value * (claim.sign or 1)
