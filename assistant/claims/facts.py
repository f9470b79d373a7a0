"""What a cited source states, as facts a claim can be checked against.

`[0]` states the cells of its tool results, each read through the measure its tool declared
(`tools.result.Measure`: the column's metric, unit, period and entity), plus the spread between
any two returns of one result over one period (a writer may compare any pair). An article
states what its passages' sentences state, read by the same reader as the answer, so an answer
quoting an article faithfully agrees with it part for part.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator

import pandas as pd

from assistant.claims.model import Claim, Fact
from assistant.claims.read import read_claims
from assistant.gather.sentences import paragraphs, sentences
from assistant.gather.sources import ArticleSource, MarketSource, Source
from assistant.question.vocabulary import Vocabulary
from tools.result import Measure, ToolResult


def facts_for(source: Source, n: int, vocabulary: Vocabulary) -> list[Fact]:
    if isinstance(source, MarketSource):
        found = [fact for result in source.results for fact in tool_facts(result, n)]
        notes = "\n\n".join(note for r in source.results for note in r.provenance.notes)
        return found + text_facts(notes, n, vocabulary)
    return article_facts(source, n, vocabulary)


def article_facts(source: ArticleSource, n: int, vocabulary: Vocabulary) -> list[Fact]:
    return text_facts(source.title + "\n\n" + source.text, n, vocabulary)


def text_facts(text: str, n: int, vocabulary: Vocabulary) -> list[Fact]:
    """Every figure the text states, read as claims, as facts of source `n`."""
    return [claim_fact(claim, n) for claim in claims_of(text, vocabulary)]


def claims_of(text: str, vocabulary: Vocabulary) -> Iterator[Claim]:
    """The claims of a text, sentence by sentence."""
    for paragraph in paragraphs(text):
        for sentence in sentences(paragraph):
            yield from read_claims(sentence, vocabulary)


def claim_fact(claim: Claim, n: int) -> Fact:
    """A sentence's claim as a fact; a return written without a sign or a word for its
    direction ("录得8.2%回报率", "returned 8.2%") is a gain, as writers mean it."""
    sign = claim.sign or (1 if claim.family == "change" else 0)
    return Fact(
        value=claim.figure.value * (sign or 1),
        source=n,
        entities=frozenset({claim.entity} if claim.entity else ()),
        metric=claim.metric,
        unit=claim.unit,
        period=claim.period,
        against=claim.against,
        decimals=claim.figure.decimals,
        signed=sign != 0,
        mover=claim.mover,
    )


def tool_facts(result: ToolResult, n: int) -> list[Fact]:
    """Each declared cell of the result's frame, and the spreads between its returns."""
    found: list[Fact] = []
    rows: list[dict[str, object]] = [
        {str(k): v for k, v in row.items()} for row in result.frame.to_dict(orient="records")
    ]
    for measure in result.measures:
        if measure.column not in result.frame.columns:
            continue
        for row in rows:
            fact = _cell(row, measure, n)
            if fact is not None:
                found.append(fact)
    return found + _pair_spreads([f for f in found if f.metric == "return"])


def _cell(row: dict[str, object], measure: Measure, n: int) -> Fact | None:
    value = row.get(measure.column)
    if not isinstance(value, int | float) or isinstance(value, bool) or math.isnan(value):
        return None
    entities = str(row.get(measure.entity_column) or "")
    return Fact(
        value=float(value),
        source=n,
        entities=frozenset(e for e in re.split(r"-(?=\^)|/", entities) if e),
        metric=_read(row, measure.metric_column, measure.metric) or None,
        unit=_read(row, measure.unit_column, measure.unit),
        period=_read(row, measure.period_column, measure.period or "") or None,
        date=_day(row.get(measure.date_column or "")),
        against=measure.against,
    )


def _read(row: dict[str, object], column: str | None, fixed: str) -> str:
    """A part fixed for the column, or read from the row's own column."""
    return str(row.get(column) or "") if column else fixed


def _pair_spreads(returns: list[Fact]) -> list[Fact]:
    spreads = []
    for a in returns:
        for b in returns:
            if a is not b and a.period == b.period and a.entities != b.entities:
                spreads.append(
                    Fact(
                        value=a.value - b.value,
                        source=a.source,
                        entities=a.entities,
                        metric="spread",
                        unit="pp",
                        period=a.period,
                        date=a.date,
                        against=next(iter(b.entities), None),
                    )
                )
    return spreads


def _day(value: object) -> dt.date | None:
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value if isinstance(value, dt.date) else None
