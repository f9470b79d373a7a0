"""Planting one error in a sentence quoted from an article.

The error sits on one checkable figure of the quote (the target): its direction word or sign
flipped, the name before it swapped for another index or sector, its period words swapped, its
number scaled x100 or /100, two digits transposed, replaced by a figure of another article with
the same unit, or written with a precision the article does not give (8.2% as 8.24%).

An article is not a table, so "still true" is judged conservatively: a changed number that the
passage states anywhere (same unit) is dropped, and so is a changed word, name or period when
the target number occurs more than once in the passage (it may be said of something else) or
the new name or period words occur in it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.answer.numbers import figures_in
from benchmarks.harness.planted.articles import Quote, _vocabulary, good
from benchmarks.harness.planted.model import (
    number_text,
    parse_number,
    scaled_text,
    states,
    transpositions,
)
from benchmarks.harness.planted.names import GROUPS
from benchmarks.harness.planted.periods import swapped_period
from benchmarks.harness.planted.words import flipped_direction

_CLAUSE_BREAK = re.compile(r"[，；。;:：]|,(?!\d)")
# A sector named as one: "能源板块", "能源股", "能源行业", "the energy sector", "Energy stocks".
_SECTOR_WORD = re.compile(r"\w+?(?:板块|行业|股(?![\u4e00-\u9fff])|\s(?:sector|stocks)\b)", re.I)
_NUMBER = re.compile(r"^([+\-−]?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class Target:
    """Where the figure is in the body: the whole figure, and its number without sign/unit."""

    start: int
    end: int
    sign: str
    number: str
    number_start: int
    unit: str


Mutation = tuple[str, str, str]  # new body, the new number as written, what was changed
Mutator = Callable[[Quote, Target, "Pool", random.Random], Mutation | None]


@dataclass(frozen=True)
class Pool:
    """Figures of every quoted article, by unit: (unit, number, article id)."""

    figures: tuple[tuple[str, str, str], ...]


def _spans(body: str) -> list[tuple[int, int]]:
    """Where every figure of the body is, checkable or not."""
    found, at = [], 0
    for figure in figures_in(body):
        start = body.find(figure.raw, at)
        if start >= 0:
            at = start + len(figure.raw)
            found.append((start, at))
    return found


def targets(body: str) -> list[Target]:
    """The checkable figures of the body, located."""
    found, at = [], 0
    for figure in figures_in(body):
        start = body.find(figure.raw, at)
        if start < 0:
            continue
        at = start + len(figure.raw)
        parts = _NUMBER.match(figure.raw)
        if parts and good(figure):
            found.append(Target(start, at, parts[1], parts[2], start + len(parts[1]),
                                _unit(figure.unit)))  # fmt: skip
    return found


def _unit(raw: str) -> str:
    text = raw.strip().lower()
    table = {"％": "%", "percent": "%", "个百分点": "pp", "百分点": "pp", "percentage points": "pp",
             "percentage point": "pp", "个基点": "bp", "基点": "bp", "bps": "bp", "点": "pt",
             "points": "pt"}  # fmt: skip
    return table.get(text, text)


def pool_of(quotes: list[Quote]) -> Pool:
    return Pool(tuple((t.unit, t.number, q.article_id) for q in quotes for t in targets(q.body)))


def _renumber(quote: Quote, target: Target, number: str) -> str:
    body = quote.body
    end = target.number_start + len(target.number)
    return body[: target.number_start] + number + body[end:]


def sign_flip(quote: Quote, target: Target, pool: Pool, rng: random.Random) -> Mutation | None:
    body = quote.body
    if target.sign:
        if re.match(r"[\w%％]", body[target.start - 1 : target.start]):
            return None  # "7%-8%", "5-6亿": a range, not a sign
        sign = "+" if target.sign in "-−" else "-"
        new = body[: target.start] + sign + body[target.start + 1 :]
        return new, target.number, f"sign {target.sign} -> {sign}"
    before_start = max((end for _, end in _spans(body) if end <= target.start), default=0)
    flipped = flipped_direction(body, before_start, target.start, target.end, quote.language)
    if flipped is None:
        return None
    new, note = flipped
    return new, target.number, note


def symbol_swap(quote: Quote, target: Target, pool: Pool, rng: random.Random) -> Mutation | None:
    """The name nearest before the figure becomes another index (sector...) the passage does
    not name, written as the vocabulary's display name ("科技", "Nasdaq Composite")."""
    vocabulary = _vocabulary()
    before = [m for m in vocabulary.mentions(quote.body) if m[1] <= target.start]
    if not before or _CLAUSE_BREAK.search(quote.body, before[-1][1], target.start):
        return None
    start, end, symbol = before[-1]
    if target.start - end > 40 or (quote.language == "en" and quote.body[start].islower()):
        return None  # not the figure's subject, or a common word ("a technology company")
    group = next((g for g, members in GROUPS.items() if symbol in members), None)
    if group is None or group in {"rate", "vix"} or re.match(r"[-\d]", quote.body[end : end + 1]):
        return None
    if group == "sector" and not _SECTOR_WORD.match(quote.body[start:end] + quote.body[end:]):
        return None  # "广合科技", "工业互联网": a sector word inside another name
    present = {s for _, _, s in vocabulary.mentions(quote.passage)}
    options = [s for s in GROUPS[group] if s not in present and s != symbol]
    if not options:
        return None
    other = rng.choice(options)
    new = quote.body[:start] + vocabulary.name(other, quote.language) + quote.body[end:]
    return new, target.number, f"{symbol} -> {other}"


def period_swap(quote: Quote, target: Target, pool: Pool, rng: random.Random) -> Mutation | None:
    found = swapped_period(quote.body, target.start, quote.language)
    if found is None:
        return None
    start, end, words = found
    if words.lower() in quote.passage.lower():
        return None
    new = quote.body[:start] + words + quote.body[end:]
    return new, target.number, f"{quote.body[start:end]!r} -> {words!r}"


def unit_slip(quote: Quote, target: Target, pool: Pool, rng: random.Random) -> Mutation | None:
    factor = rng.choice([100.0, 0.01])
    number = scaled_text(target.number, factor)
    return _renumber(quote, target, number), number, f"x{factor:g}"


def digit_transposition(
    quote: Quote, target: Target, pool: Pool, rng: random.Random
) -> Mutation | None:
    options = transpositions(target.number)
    if not options:
        return None
    number = rng.choice(options)
    return _renumber(quote, target, number), number, f"{target.number} -> {number}"


def other_article_figure(
    quote: Quote, target: Target, pool: Pool, rng: random.Random
) -> Mutation | None:
    value, decimals = parse_number(target.number)
    options = sorted(
        {
            number
            for unit, number, article in pool.figures
            if unit == target.unit
            and article != quote.article_id
            and not states(parse_number(number)[0], decimals, value)
            and not states(value, parse_number(number)[1], parse_number(number)[0])
        }
    )
    if not options:
        return None
    number = rng.choice(options)
    return _renumber(quote, target, number), number, f"{target.number} -> {number} (elsewhere)"


def precision_rounding(
    quote: Quote, target: Target, pool: Pool, rng: random.Random
) -> Mutation | None:
    """One more decimal than the article gives, which its figure rounds from (8.2% -> 8.24%)."""
    value, decimals = parse_number(target.number)
    step = 10.0 ** -(decimals + 1)
    new = value + rng.choice([-1, 1]) * rng.randint(1, 4) * step
    if new <= 0:
        return None
    number = number_text(new, decimals + 1, "," in target.number)
    return _renumber(quote, target, number), number, f"{target.number} -> {number}"


MUTATORS: dict[str, Mutator] = {
    "sign_flip": sign_flip,
    "symbol_swap": symbol_swap,
    "period_swap": period_swap,
    "unit_slip_100x": unit_slip,
    "digit_transposition": digit_transposition,
    "other_article_figure": other_article_figure,
    "precision_rounding": precision_rounding,
}
_SAME_NUMBER = frozenset({"sign_flip", "symbol_swap", "period_swap"})


def mutations(quote: Quote, pool: Pool, rng: random.Random) -> list[tuple[str, Mutation]]:
    """Every kind of error that can be planted in the quote (on one random target figure)."""
    found_targets = targets(quote.body)
    if not found_targets:
        return []
    target = rng.choice(found_targets)
    stated = _figures(quote.passage)
    found = []
    for kind, mutate in MUTATORS.items():
        made = mutate(quote, target, pool, rng)
        if made is None or made[0] == quote.body:
            continue
        if kind in _SAME_NUMBER:
            if sum(1 for _, n in stated if n == target.number) > 1:
                continue
        elif _stated(made[1], target.unit, stated, kind != "precision_rounding"):
            continue
        found.append((kind, made))
    return found


def _figures(text: str) -> list[tuple[str, str]]:
    """Every figure of the text as (unit, number), checkable or not ("1 million" counts)."""
    found = []
    for figure in figures_in(text):
        parts = _NUMBER.match(figure.raw)
        if parts:
            found.append((_unit(figure.unit), parts[2]))
    return found


def _stated(number: str, unit: str, stated: list[tuple[str, str]], coarse: bool) -> bool:
    """Does the passage state this number in this unit: a figure the number rounds, or (when
    `coarse`) one that rounds to it at the passage's own precision?"""
    value, decimals = parse_number(number)
    for other_unit, other in stated:
        other_value, other_decimals = parse_number(other)
        if other_unit == unit and (
            states(value, decimals, other_value)
            or (coarse and states(other_value, other_decimals, value))
        ):
            return True
    return False
