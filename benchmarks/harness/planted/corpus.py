"""Building the planted-error corpus: true claims from tool results and from articles, and
mutations of them, each labelled with its kind, deterministically from one seed.

The planted errors are sampled per kind: from tool claims and article quotes alike where the
kind applies to both (60/40), half in Chinese and half in English where there are enough, the
rest of the kind's quota filled from whatever bucket has candidates left.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from pathlib import Path

from assistant.answer.numbers import figures_in
from benchmarks.harness.planted import article_mutations, tool_mutations
from benchmarks.harness.planted.articles import Quote, select_quotes
from benchmarks.harness.planted.market import PLANS, Plan, Scenario, open_market, scenario
from benchmarks.harness.planted.model import KINDS, TRUE, Item, Origin
from benchmarks.harness.planted.phrasing import Stated
from benchmarks.harness.planted.tool_claims import true_claims
from tools.market import MarketData

Bucket = tuple[str, Origin, str]  # kind, origin, language


@dataclass(frozen=True)
class Size:
    plans: tuple[Plan, ...] = PLANS
    tool_claims: int = 20  # true sentences per scenario and language
    quotes: int = 60  # article quotes per language
    per_kind: int = 40  # planted errors per kind


FULL = Size()
SMALL = Size(plans=(PLANS[0], PLANS[5]), tool_claims=12, quotes=10, per_kind=4)


def build_corpus(
    shared: Path, size: Size = FULL, *, seed: int = 12, market: MarketData | None = None
) -> list[Item]:
    """True claims and planted errors; `market` defaults to a store of the shared prices."""
    rng = random.Random(seed)
    if market is None:
        with tempfile.TemporaryDirectory(prefix="planted-") as tmp:
            scenarios = _scenarios(open_market(shared / "data" / "prices", Path(tmp)), size)
    else:
        scenarios = _scenarios(market, size)
    claims = [
        (claim, sc)
        for sc in scenarios
        for language in ("zh", "en")
        for claim in true_claims(sc, language, size.tool_claims, rng)
    ]
    quotes = select_quotes(shared, size.quotes, rng)
    items = [_tool_item(claim, sc) for claim, sc in claims]
    items += [_quote_item(q) for q in quotes]
    candidates = _tool_candidates(claims, rng)
    for bucket, found in _article_candidates(quotes, rng).items():
        candidates.setdefault(bucket, []).extend(found)
    for kind in KINDS:
        items += _pick(kind, candidates, size.per_kind, rng)
    return items


def _scenarios(market: MarketData, size: Size) -> list[Scenario]:
    return [scenario(market, plan) for plan in size.plans]


def _tool_item(claim: Stated, sc: Scenario) -> Item:
    cell = claim.cell
    note = f"{sc.plan.name} {cell.symbol} {cell.column} {cell.period or ''}".rstrip()
    return Item(claim.sentence(), claim.language, TRUE, "tool", {0: sc.source}, claim.number,
                cell=cell, note=note)  # fmt: skip


def _quote_item(quote: Quote) -> Item:
    first = article_mutations.targets(quote.body)
    # a figure no mutation can target (e.g. "$1,335.40") is still the quote's checked figure
    target = first[0].number if first else next((f.raw for f in figures_in(quote.body)), "")
    sentence = quote.sentence_with(quote.body)
    return Item(sentence, quote.language, TRUE, "article", {1: quote.source}, target,
                note=quote.note)  # fmt: skip


def _tool_candidates(
    claims: list[tuple[Stated, Scenario]], rng: random.Random
) -> dict[Bucket, list[Item]]:
    found: dict[Bucket, list[Item]] = {}
    for claim, sc in claims:
        for kind, (new, note) in tool_mutations.mutations(claim, sc, rng):
            item = Item(new.sentence(), claim.language, kind, "tool", {0: sc.source}, new.number,
                        original=claim.sentence(), cell=claim.cell,
                        note=f"{sc.plan.name}: {note}")  # fmt: skip
            found.setdefault((kind, "tool", claim.language), []).append(item)
    return found


def _article_candidates(quotes: list[Quote], rng: random.Random) -> dict[Bucket, list[Item]]:
    pool = article_mutations.pool_of(quotes)
    found: dict[Bucket, list[Item]] = {}
    for quote in quotes:
        for kind, (body, number, note) in article_mutations.mutations(quote, pool, rng):
            item = Item(quote.sentence_with(body), quote.language, kind, "article",
                        {1: quote.source}, number, original=quote.sentence_with(quote.body),
                        note=note)  # fmt: skip
            found.setdefault((kind, "article", quote.language), []).append(item)
    return found


def _pick(
    kind: str, candidates: dict[Bucket, list[Item]], count: int, rng: random.Random
) -> list[Item]:
    """`count` planted errors of the kind, spread over origins and languages."""
    buckets = [b for b in candidates if b[0] == kind and candidates[b]]
    origins = {b[1] for b in buckets}
    chosen: list[Item] = []
    leftovers: list[Item] = []
    for bucket in sorted(buckets):
        share = 0.6 if bucket[1] == "tool" else 0.4
        if len(origins) == 1:
            share = 1.0
        languages = len({b[2] for b in buckets if b[1] == bucket[1]})
        want = round(count * share / languages)
        pool = _unique(candidates[bucket])
        rng.shuffle(pool)
        chosen += pool[:want]
        leftovers += pool[want:]
    rng.shuffle(leftovers)
    return chosen + leftovers[: max(0, count - len(chosen))]


def _unique(items: list[Item]) -> list[Item]:
    seen: dict[str, Item] = {}
    for item in items:
        seen.setdefault(item.sentence, item)
    return list(seen.values())
