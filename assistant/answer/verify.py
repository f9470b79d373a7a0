"""Checking every figure of an answer for what it claims, against the sources its sentence cites.

Each figure is read as a claim (whose figure, which metric, which period, which way, which
unit: `assistant.claims.read`) and checked against the facts its cited sources state: the
cells of the tool results behind `[0]`, each with the meaning its tool declared, and the
sentences of a cited article's passages. A sentence without a marker borrows the markers of
its paragraph (writers often cite once per paragraph). What is not verified becomes a flag the
reader sees, with the source's own value when it states another one; nothing is silently
corrected.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from assistant.answer.citations import markers_in, walk
from assistant.answer.model import ClaimParts, Flag, Language, Section
from assistant.claims.check import Outcome, check
from assistant.claims.facts import facts_for
from assistant.claims.model import Claim, Fact
from assistant.claims.read import read_claims
from assistant.gather.sentences import paragraphs, sentences
from assistant.gather.sources import ArticleSource, Source, reporter
from assistant.locale import message, metric_label, period_label
from assistant.question.vocabulary import Vocabulary


def verify(
    sections: tuple[Section, ...],
    sources: Mapping[int, Source],
    language: Language,
    vocabulary: Vocabulary,
) -> list[Flag]:
    """Flags for every figure its cited sources do not state (or that cites nothing)."""
    cache: dict[int, list[Fact]] = {}

    def facts(cited: list[int]) -> list[Fact]:
        for n in cited:
            if n not in cache and n in sources:
                cache[n] = facts_for(sources[n], n, vocabulary)
        return [fact for n in dict.fromkeys(cited) for fact in cache.get(n, ())]

    # A publisher named in an attribution ("36氪 (June 25, 2026) reports:") states no figure.
    publishers = [
        re.escape(name)
        for source in sources.values()
        if isinstance(source, ArticleSource)
        and re.search(r"\d", name := reporter(source.source, source.url, language))
    ]
    named = re.compile("|".join(publishers)) if publishers else None
    flags: list[Flag] = []
    for section in walk(sections):
        for paragraph in paragraphs(section.text):
            inherited = markers_in(paragraph)
            for sentence in sentences(paragraph):
                cited = markers_in(sentence) or inherited
                read = named.sub(lambda m: " " * len(m[0]), sentence) if named else sentence
                for claim in read_claims(read, vocabulary):
                    outcome = check(claim, facts(cited)) if cited else None
                    if outcome is None or outcome.verdict != "verified":
                        where = Where(sentence, tuple(dict.fromkeys(cited)), section)
                        flags.append(_flag(claim, outcome, where, vocabulary, language))
    return flags


class Where(NamedTuple):
    """The sentence a claim stands in, what it cites, and its section."""

    sentence: str
    cited: tuple[int, ...]
    section: Section


def _flag(
    claim: Claim,
    outcome: Outcome | None,
    where: Where,
    vocabulary: Vocabulary,
    language: Language,
) -> Flag:
    number = claim.figure.raw
    refs = "".join(f"[{n}]" for n in where.cited)
    fact = outcome.fact if outcome else None
    shown = fact.shown() if fact else None
    if outcome is None:
        kind, text = "uncited_number", message("check.uncited_number", language, number=number)
    elif outcome.verdict == "contradicted" and fact is not None:
        kind = "contradicted_number"
        text = message(
            "check.contradicted_number", language,
            claimed=stated(claim), about=about(parts(claim), vocabulary, language),
            source=f"[{fact.source}]", value=shown,
        )  # fmt: skip
    elif fact is not None:
        kind = "unsupported_number"
        text = message(
            "check.unsupported_elsewhere", language,
            number=number, sources=refs, source=f"[{fact.source}]", value=shown,
            period=period_label(fact.period, language) if fact.period else "—",
        )  # fmt: skip
    else:
        kind = "unsupported_number"
        text = message("check.unsupported_number", language, number=number, sources=refs)
    return Flag(
        kind=kind,  # type: ignore[arg-type]
        message=text,
        number=number,
        sentence=where.sentence,
        sources=(fact.source,) if kind == "contradicted_number" and fact else where.cited,
        section=where.section.key,
        claim=parts(claim),
        source_value=shown,
    )


def parts(claim: Claim) -> ClaimParts:
    sign = claim.sign
    return ClaimParts(
        value=claim.figure.value * (sign or 1),
        unit=claim.unit,
        entity=claim.entity,
        against=claim.against,
        metric=claim.metric,
        period=claim.period,
        direction="up" if sign > 0 else "down" if sign < 0 else None,
    )


def stated(claim: Claim) -> str:
    """The claimed value with the sign the sentence gave it in words: 下跌7.54% -> -7.54%."""
    raw = claim.figure.raw
    if claim.sign < 0 and not claim.figure.negative:
        return "-" + raw
    if claim.sign > 0 and not raw.startswith("+") and claim.family in {"change", "spread"}:
        return "+" + raw
    return raw


def about(claim: ClaimParts, vocabulary: Vocabulary, language: Language, sep: str = " · ") -> str:
    """ "罗素2000指数 · 年初至今 · 涨跌幅": what a figure is read as being about."""
    bits = [
        vocabulary.name(claim.entity, language) if claim.entity else "",
        f"vs {vocabulary.name(claim.against, language)}" if claim.against else "",
        period_label(claim.period, language) if claim.period else "",
        metric_label(claim.metric, language) if claim.metric else "",
    ]
    return sep.join(b for b in bits if b)
