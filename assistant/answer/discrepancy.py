"""Spotting an article's figure that disagrees with the computed one.

An article may say the Russell 2000 was up 8.2% year to date while the closes say 7.54%. The
reader should see both, each with its source, rather than one silently replacing the other. This
module reads year-to-date percentages stated for a symbol in retrieved sentences ("罗素2000指数
年初至今已录得可观的8.2%回报率") and compares them with the computed return.

A figure is compared on its own day: an article from July saying "up 8.9% this year" is checked
against the closes of July (its day's, or the one before, which a morning article reports), not
against August's. Right for its day, it is no disagreement; wrong, the closes of its day are
what the reader is shown beside it.

Sentences are read by the claim reader (`assistant.claims.read`), so a figure is the return
of the name it is said of, and a spread ("跑赢…1.2个百分点") or another period ("当日1.05%的下跌")
is not taken for a year-to-date return.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from assistant.answer.model import Flag, Language, Section
from assistant.answer.numbers import Figure, matches
from assistant.claims.read import read_claims
from assistant.gather.passages import Candidate, candidates
from assistant.gather.sources import SourceRegistry
from assistant.llm.failures import EXPECTED_ERRORS
from assistant.locale import format_date, message
from assistant.ports import MarketDataPort
from assistant.question.vocabulary import Vocabulary
from ingest.models import Chunk, Hit
from tools.result import ToolResult

# An article published this close to the closes' last day is compared with them as they are.
SAME_DAYS = dt.timedelta(days=3)


@dataclass(frozen=True)
class Computed:
    """A year-to-date return from the closes, the day of its last close, and its tool result
    (to cite as [0] when it is shown)."""

    value: float
    day: dt.date
    result: ToolResult


YtdAt = Callable[[str, dt.date], Computed | None]


@dataclass(frozen=True)
class Discrepancy:
    symbol: str
    stated: Figure  # as the article writes it
    computed: float  # return_pct from the closes
    candidate: Candidate  # the sentence that states it (and its hit)
    day: dt.date | None = None  # the last close of `computed`
    result: ToolResult | None = None  # the closes of the article's day, when not the answer's


def ytd_lookup(market: MarketDataPort | None) -> YtdAt | None:
    """The year-to-date return of a symbol at the last close on or before a day (cached)."""
    if market is None:
        return None

    @cache
    def ytd_at(symbol: str, day: dt.date) -> Computed | None:
        try:
            result = market.index_returns([symbol], period="YTD", as_of=day)
        except EXPECTED_ERRORS:  # no closes that day (before the first stored one, say)
            return None
        [row] = result.frame.to_dict(orient="records")
        return Computed(float(row["return_pct"]), result.provenance.as_of, result)

    return ytd_at


def find_discrepancies(
    returns: ToolResult,
    candidates: Sequence[Candidate],
    vocabulary: Vocabulary,
    ytd_at: YtdAt | None = None,
) -> list[Discrepancy]:
    """At most one disagreement per symbol: the best-ranked sentence that states one."""
    computed = {
        str(row["symbol"]): float(row["return_pct"])
        for row in returns.frame.to_dict(orient="records")
        if str(row.get("period", "")).upper() == "YTD"
        and isinstance(row.get("return_pct"), float)
        and not math.isnan(row["return_pct"])
    }
    end = returns.provenance.as_of
    found: dict[str, Discrepancy] = {}
    for candidate in candidates:
        for symbol, figure in stated_returns(candidate.text, vocabulary):
            if symbol not in computed or symbol in found:
                continue
            published = candidate.hit.published
            if ytd_at is not None and published is not None and published < end - SAME_DAYS:
                found.update(_on_its_day(symbol, figure, candidate, published, ytd_at))
            elif not _agrees(figure, computed[symbol]):
                found[symbol] = Discrepancy(symbol, figure, computed[symbol], candidate, end)
    return list(found.values())


def _on_its_day(
    symbol: str, figure: Figure, candidate: Candidate, published: dt.date, ytd_at: YtdAt
) -> dict[str, Discrepancy]:
    """An older article's figure against the closes of its day and of the day before."""
    days = [ytd_at(symbol, published), ytd_at(symbol, published - dt.timedelta(days=1))]
    known = [c for c in days if c is not None]
    if not known or any(_agrees(figure, c.value) for c in known):
        return {}
    at = known[0]
    return {symbol: Discrepancy(symbol, figure, at.value, candidate, at.day, at.result)}


def _agrees(figure: Figure, value: float) -> bool:
    return matches(figure, value) and figure.negative == (value < 0)


def stated_returns(text: str, vocabulary: Vocabulary) -> list[tuple[str, Figure]]:
    """(symbol, percentage) for each year-to-date return the sentence states; a fall said in
    words ("下跌8.2%") comes back as a negative figure ("-8.2%")."""
    return [
        (claim.entity, _signed(claim.figure, claim.sign))
        for claim in read_claims(text, vocabulary)
        if claim.entity and claim.against is None and claim.period == "YTD"
        and claim.family == "change" and claim.unit == "%"
    ]  # fmt: skip


def _signed(figure: Figure, sign: int) -> Figure:
    if sign < 0 and not figure.negative:
        return replace(figure, raw="-" + figure.raw, negative=True)
    return figure


class Disagreements:
    """Telling the reader about disagreements: sentences giving both figures with their
    sources, a summary line, and flags. Citations are the registry's provisional numbers."""

    def __init__(
        self,
        found: Sequence[Discrepancy],
        registry: SourceRegistry,
        vocabulary: Vocabulary,
        language: Language,
    ) -> None:
        self.found, self.registry, self.vocabulary, self.lang = (
            found,
            registry,
            vocabulary,
            language,
        )
        for d in found:  # the closes of an older article's day join [0]: their figure is shown
            if d.result is not None:
                registry.add_tool_result(d.result)

    def _n(self, d: Discrepancy) -> int:
        return self.registry.add_hit(d.candidate.hit)

    def _who(self, d: Discrepancy) -> str:
        return self.vocabulary.name(d.symbol, self.lang)

    def sentences(self) -> list[str]:
        """Each disagreement with both figures and their sources (the first says why they may
        differ)."""
        end = self.registry.market.as_of
        return [
            message(
                "discrepancy.first" if i == 0 else "discrepancy.again",
                self.lang,
                name=self._who(d),
                stated=d.stated.raw,
                source=f"[{self._n(d)}]",
                computed=f"{d.computed:.2f}%",
                date=format_date(day, self.lang) if (day := d.day or end) else "",
                cite="[0]",
            )
            for i, d in enumerate(self.found)
        ]

    def summary(self) -> str:
        """One line of every disagreement; an older article's is dated, as it is checked
        against the closes of its own day, not of the answer's."""
        end = self.registry.market.as_of
        pairs = [
            message(
                "discrepancy.pair",
                self.lang,
                name=self._who(d),
                when=self._when(d.day) if d.day and d.day != end else "",
                stated=d.stated.raw,
                source=f"[{self._n(d)}]",
                computed=f"{d.computed:.2f}%",
                cite="[0]",
            )
            for d in self.found
        ]
        return message(
            "discrepancy.summary", self.lang, pairs=message("join.clauses", self.lang).join(pairs)
        )

    def _when(self, day: dt.date) -> str:
        return message("discrepancy.when", self.lang, date=format_date(day, self.lang))

    def flags(self) -> list[Flag]:
        out = []
        for d in self.found:
            who = self._who(d)
            text = message(
                "discrepancy.flag",
                self.lang,
                name=who,
                stated=d.stated.raw,
                computed=f"{d.computed:.2f}%",
            )
            out.append(
                Flag(
                    kind="discrepancy",
                    message=text,
                    number=d.stated.raw,
                    sentence=d.candidate.text,
                    sources=(self._n(d), 0),
                    section="analysis",
                )
            )
        return out


def reconcile(
    sections: tuple[Section, ...],
    registry: SourceRegistry,
    vocabulary: Vocabulary,
    language: Language,
    ytd_at: YtdAt | None = None,
) -> tuple[tuple[Section, ...], list[Flag]]:
    """For a model's answer: find disagreements between the retrieved passages and the computed
    returns; where the answer does not give both figures, add the sentence that does."""
    returns = [r for r in registry.tool_results if r.provenance.tool == "index_returns"]
    if not returns or not registry.articles:
        return sections, []
    hits = [
        Hit(
            chunk=Chunk(id=p.chunk_id, article_id=a.article_id, section=p.section, text=p.text),
            score=1.0,
            title=a.title,
            published=a.published,
            source=a.source,
            url=a.url,
        )
        for a in registry.articles
        for p in a.passages.values()
    ]
    pool = candidates(hits, "", (), language)
    found = [d for r in returns for d in find_discrepancies(r, pool, vocabulary, ytd_at)]
    if not found:
        return sections, []
    told = Disagreements(found, registry, vocabulary, language)
    text = "\n".join(s.text for s in sections)
    missing = [
        sentence
        for d, sentence in zip(found, told.sentences(), strict=True)
        if d.stated.raw not in text or f"{d.computed:.2f}" not in text
    ]
    if missing and sections:
        first = sections[0]
        addition = message("join.sentences", language).join(missing)
        sections = (
            first.model_copy(update={"text": f"{first.text}\n\n{addition}".strip()}),
            *sections[1:],
        )
    return sections, told.flags()
