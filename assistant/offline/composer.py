"""The offline composer: a cited answer without a language model.

It reads the question, calls the same market-data tools the agent would (index returns for the
symbols in play against a benchmark, sector scores for rotation questions, the macro dashboard
for rates/credit/volatility questions, quotes for the tickers strip), retrieves passages, and
writes the answer from the tool figures (as sentences citing [0]) and the most relevant
sentences of the passages (each citing its article), placed by what they say: risks, opportunities,
insights. Where an article's figure disagrees with the computed one, both are given. With no
prices or no library it still answers with what there is, and says what to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from assistant.answer.assemble import Draft
from assistant.answer.discrepancy import Disagreements, Discrepancy, find_discrepancies
from assistant.answer.model import Flag, Language, Section
from assistant.answer.tickers import strip_symbols
from assistant.events import Event, ToolEnd, ToolStart
from assistant.gather.passages import Candidate, candidates
from assistant.gather.sources import SourceRegistry
from assistant.llm.failures import EXPECTED_ERRORS
from assistant.locale import HEADINGS, notice, period_label
from assistant.offline.narrate import (
    macro_sentences,
    quote_sentences,
    returns_sentences,
    risk_sentences,
    sector_leaders,
    sector_sentences,
    verdict,
)
from assistant.ports import MarketDataPort, SearchPort
from assistant.question.parse import ParsedQuestion, Vocabulary
from ingest.models import Hit
from tools.result import ToolResult

SEARCH_K = 8
MARKET_TOOLS = ("index_returns", "sector_scores", "quotes", "macro")
T = TypeVar("T")
Emit = Callable[[Event], None]


@dataclass
class Gathered:
    """Everything the composer found, before writing."""

    returns: ToolResult | None = None
    sectors: ToolResult | None = None
    macro: ToolResult | None = None
    quotes: ToolResult | None = None
    hits: list[Hit] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


class Gatherer:
    """Calls the tools and the index for a question, registering every result as a source."""

    def __init__(
        self,
        market: MarketDataPort | None,
        index: SearchPort | None,
        registry: SourceRegistry,
        emit: Emit,
        language: Language,
        unavailable: dict[str, str] | None = None,
    ) -> None:
        self.market, self.index, self.registry, self.emit = market, index, registry, emit
        self.language = language
        self.unavailable = unavailable or {}

    def tool(
        self, name: str, args: dict[str, Any], call: Callable[[], T], out: Gathered
    ) -> T | None:
        self.emit(ToolStart(name, args))
        try:
            result = call()
        except EXPECTED_ERRORS as error:
            self.emit(ToolEnd(name, str(error), ok=False))
            out.notices.append(notice("tool_failed", self.language, tool=name, reason=error))
            return None
        summary = getattr(result, "summary", "")
        self.emit(ToolEnd(name, str(summary).split("\n")[0][:200]))
        return result

    def available(self, out: Gathered) -> set[str] | None:
        """Symbols with prices; None (with a notice) when there is no price data at all."""
        if self.market is None:
            reason = self.unavailable.get("market", "market data unavailable")
            out.notices.append(notice("no_prices", self.language, reason=reason))
            return None
        try:
            have = set(self.market.available_symbols())
        except EXPECTED_ERRORS as error:
            out.notices.append(notice("no_prices", self.language, reason=error))
            return None
        if not have:
            reason = "价格库为空" if self.language == "zh" else "the price store is empty"
            out.notices.append(notice("no_prices", self.language, reason=reason))
            return None
        return have

    def market_data(self, question: ParsedQuestion, out: Gathered) -> None:
        have = self.available(out)
        if have is None or self.market is None:
            return
        market, as_of = self.market, question.as_of
        symbols = [s for s in question.symbols if s in have]
        missing = [s for s in question.symbols if s not in have]
        if missing:
            reason = ", ".join(missing)
            out.notices.append(
                notice(
                    "tool_failed",
                    self.language,
                    tool="index_returns",
                    reason=f"no prices for {reason}",
                )
            )
        benchmark = question.benchmark if question.benchmark in symbols else None
        if symbols and question.allows("index_returns"):
            args = {
                "symbols": symbols,
                "period": question.period,
                "as_of": as_of,
                "benchmark": benchmark,
            }
            out.returns = self.tool(
                "index_returns",
                args,
                lambda: market.index_returns(
                    symbols, period=question.period, as_of=as_of, benchmark=benchmark
                ),
                out,
            )
        if "sectors" in question.intents and question.allows("sector_scores"):
            out.sectors = self.tool(
                "sector_scores", {"as_of": as_of}, lambda: market.sector_scores(as_of=as_of), out
            )
        if "macro" in question.intents and question.allows("macro"):
            out.macro = self.tool("macro", {"as_of": as_of}, lambda: market.macro(as_of=as_of), out)
        strip = strip_symbols(list(question.symbols) + list(question.sectors), sorted(have))
        if strip and question.allows("quotes"):
            out.quotes = self.tool(
                "quotes",
                {"symbols": strip, "as_of": as_of},
                lambda: market.quotes(strip, as_of=as_of),
                out,
            )
        cited_quotes = out.quotes if "today" in question.intents else None
        for result in (out.returns, out.sectors, out.macro, cited_quotes):
            if result is not None:
                self.registry.add_tool_result(result)

    def passages(self, query: str, question: ParsedQuestion, out: Gathered) -> None:
        if self.index is None:
            reason = self.unavailable.get("index", "no index")
            out.notices.append(notice("library_unavailable", self.language, reason=reason))
            return
        index = self.index
        try:
            empty = index.count() == 0
        except EXPECTED_ERRORS as error:
            out.notices.append(notice("library_unavailable", self.language, reason=error))
            return
        if empty:
            out.notices.append(notice("empty_library", self.language))
            return
        since, until = published_window(question)
        scope = question.article_id
        if scope:  # the person chose the article: its date does not matter
            since = until = None
        hits = self.tool(
            "search_commentary",
            {"query": query, "k": SEARCH_K, "since": since, "until": until, "article_id": scope},
            lambda: index.search(query, k=SEARCH_K, since=since, until=until, article_id=scope),
            out,
        )
        out.hits = list(hits or [])
        if hits is not None and not out.hits:
            out.notices.append(notice("no_passages", self.language))


# Commentary published up to this long after the as-of date still speaks about it (a market
# wrap comes out the next morning); for a one-day question only the days around it count.
PUBLISHED_AFTER = dt.timedelta(days=2)
ONE_DAY_BEFORE = dt.timedelta(days=3)


def published_window(question: ParsedQuestion) -> tuple[dt.date | None, dt.date | None]:
    """Which articles may speak about the question's as-of date: none written much later."""
    if question.as_of is None:
        return None, None
    since = question.as_of - ONE_DAY_BEFORE if question.period == "1D" else None
    return since, question.as_of + PUBLISHED_AFTER


def search_query(question: ParsedQuestion, vocabulary: Vocabulary, previous: str | None) -> str:
    """The question, plus the symbols' names in the other language, plus (for a follow-up that
    restates nothing) the previous question, so lexical search finds both languages' articles."""
    other: Language = "en" if question.language == "zh" else "zh"
    names = [vocabulary.name(s, other) for s in question.all_symbols[:4]]
    parts = [question.text, *[n for n in names if n not in question.text]]
    if question.carried_over and previous:
        parts.insert(0, previous)
    return " ".join(parts)


# ---------------------------------------------------------------------------------------------
# writing


def cite(text: str, n: int) -> str:
    """Put the marker before the closing punctuation, as the seeds do: "…涨势[1]。"."""
    marker = f"[{n}]"
    stripped = text.rstrip()
    if stripped and stripped[-1] in "。．.！!？?；;":
        return stripped[:-1] + marker + stripped[-1]
    return stripped + marker + ("。" if _is_zh(stripped) else ".")


def _is_zh(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text[-8:])


# What a section says when there is nothing grounded to put in it.
EMPTY: dict[str, dict[Language, str]] = {
    "analysis": {
        "zh": "目前既没有可用的价格数据，也没有检索到相关文章，因此无法给出有依据的分析。",
        "en": "There is no price data and no matching commentary yet, so no grounded analysis.",
    },
    "insights": {
        "zh": "检索到的评论中没有更多可引用的观点；导入更多相关文章后可得到更完整的分析。",
        "en": "The library has no further quotable views on this; ingest more commentary.",
    },
    "risks": {
        "zh": "检索到的评论中没有明确的风险表述。",
        "en": "The retrieved commentary states no specific risks.",
    },
    "opportunities": {
        "zh": "检索到的评论中没有明确的机遇表述。",
        "en": "The retrieved commentary states no specific opportunities.",
    },
}


def _paragraph(sentences: Iterable[str], language: Language) -> str:
    glue = "" if language == "zh" else " "
    return glue.join(s for s in sentences if s)


class Writer:
    """Writes the draft sections from what was gathered."""

    def __init__(
        self,
        question: ParsedQuestion,
        gathered: Gathered,
        registry: SourceRegistry,
        vocabulary: Vocabulary,
    ) -> None:
        self.q, self.g, self.registry, self.vocabulary = question, gathered, registry, vocabulary
        self.lang: Language = question.language
        names = [a for s in question.all_symbols for a in vocabulary.aliases(s)]
        self.pool = candidates(gathered.hits, question.text, names, self.lang, question.as_of)
        self.used: set[int] = set()
        self.discrepancies: list[Discrepancy] = (
            find_discrepancies(gathered.returns, self.pool, vocabulary) if gathered.returns else []
        )
        self.told = Disagreements(self.discrepancies, registry, vocabulary, self.lang)

    # -- article sentences -------------------------------------------------------------------

    def quote(self, candidate: Candidate) -> str:
        self.used.add(id(candidate))
        n = self.registry.add_hit(candidate.hit)
        return cite(candidate.text, n)

    def take(self, kinds: set[str], limit: int) -> list[str]:
        chosen = [c for c in self.pool if c.kind in kinds and id(c) not in self.used][:limit]
        return [self.quote(c) for c in chosen]

    def name(self, symbol: str) -> str:
        return self.vocabulary.name(symbol, self.lang)

    # -- sections ----------------------------------------------------------------------------

    def analysis(self) -> str:
        g, lang = self.g, self.lang
        paragraphs = []
        if g.returns is not None:
            paragraphs.append(
                _paragraph(
                    returns_sentences(g.returns, self.q.benchmark, self.vocabulary.name, lang), lang
                )
            )
        if g.quotes is not None and g.returns is None and "today" in self.q.intents:
            paragraphs.append(
                _paragraph(quote_sentences(g.quotes, self.vocabulary.name, lang), lang)
            )
        paragraphs.append(_paragraph(self.told.sentences(), lang))
        if g.sectors is not None:
            paragraphs.append(_paragraph(sector_sentences(g.sectors, self.q.sectors, lang), lang))
        if g.macro is not None:
            paragraphs.append(_paragraph(macro_sentences(g.macro, lang), lang))
        paragraphs.append(_paragraph(self.take({"general", "insight"}, 3), lang))
        return "\n\n".join(p for p in paragraphs if p) or EMPTY["analysis"][lang]

    def insights(self) -> str:
        sentences = self.take({"insight"}, 2) + self.take({"general"}, 2)
        if self.g.sectors is not None:
            leaders = sector_leaders(self.g.sectors, self.lang)
            sentences.append(leaders or "")
        return _paragraph(sentences, self.lang) or EMPTY["insights"][self.lang]

    def risks(self) -> str:
        sentences = []
        if self.g.returns is not None:
            sentences += risk_sentences(
                self.g.returns, self.q.benchmark, self.vocabulary.name, self.lang
            )
        sentences += self.take({"risk"}, 3)
        return _paragraph(sentences, self.lang) or EMPTY["risks"][self.lang]

    def opportunities(self) -> str:
        sentences = self.take({"opportunity"}, 3)
        if not sentences and self.g.sectors is not None:
            sentences.append(sector_leaders(self.g.sectors, self.lang) or "")
        return _paragraph(sentences, self.lang) or EMPTY["opportunities"][self.lang]

    def takeaways(self) -> str:
        g, lang = self.g, self.lang
        points = []
        if g.returns is not None:
            line = None
            if self.q.asks_comparison:
                line = verdict(g.returns, self.q.benchmark, self.vocabulary.name, lang)
            if line is None:
                lines = returns_sentences(g.returns, self.q.benchmark, self.vocabulary.name, lang)
                line = lines[0] if lines else None
            points.append(line or "")
        if self.discrepancies:
            points.append(self.told.summary())
        if g.sectors is not None:
            points += sector_sentences(g.sectors, (), lang)[:1]
        if g.macro is not None:
            points += macro_sentences(g.macro, lang)[:1]
        best = next((c for c in self.pool if c.kind != "risk"), None)
        if best is not None:
            points.append(self.quote(best))
        return "\n".join(f"- {p}" for p in points if p)

    def sections(self) -> tuple[Section, ...]:
        h = HEADINGS[self.lang]
        analysis = self.analysis()
        insights = self.insights()
        risks, opportunities = self.risks(), self.opportunities()
        return (
            Section(key="analysis", heading=h["analysis"], text=analysis),
            Section(key="insights", heading=h["insights"], text=insights),
            Section(
                key="risks_opportunities",
                heading=h["risks_opportunities"],
                subsections=(
                    Section(key="risks", heading=h["risks"], text=risks),
                    Section(key="opportunities", heading=h["opportunities"], text=opportunities),
                ),
            ),
            Section(key="takeaways", heading=h["takeaways"], text=self.takeaways()),
        )


def title_for(question: ParsedQuestion, vocabulary: Vocabulary) -> str:
    lang = question.language
    names = [vocabulary.name(s, lang) for s in question.symbols]
    label = period_label(question.period, lang)
    if "explain" in question.intents and not question.asks_comparison:
        text = question.text.rstrip("?？!！。. ")
        return text if len(text) <= 60 else text[:58] + "…"
    if "returns" in question.intents and names:
        if len(names) >= 2:
            joined = "与".join(names[:3]) if lang == "zh" else " vs ".join(names[:3])
            return f"{joined}{label}表现对比" if lang == "zh" else f"{joined}: performance {label}"
        return f"{names[0]}{label}表现分析" if lang == "zh" else f"{names[0]}: performance {label}"
    if question.sectors:
        sectors = [vocabulary.name(s, lang) for s in question.sectors[:3]]
        if lang == "zh":
            return "、".join(sectors) + "板块：评分与动量"
        return " / ".join(sectors) + ": sector score and momentum"
    if "sectors" in question.intents:
        return "美股板块轮动与板块评分" if lang == "zh" else "US sector rotation and sector scores"
    if "macro" in question.intents:
        if lang == "zh":
            return "宏观环境：利率、信用与波动率"
        return "Macro backdrop: rates, credit and volatility"
    text = question.text.rstrip("?？!！。. ")
    return text if len(text) <= 60 else text[:58] + "…"


def compose(
    question: ParsedQuestion,
    gathered: Gathered,
    registry: SourceRegistry,
    vocabulary: Vocabulary,
) -> Draft:
    """Write the offline draft from what was gathered."""
    writer = Writer(question, gathered, registry, vocabulary)
    sections = writer.sections()
    flags = [Flag(kind="notice", message=notice("offline", question.language))]
    flags += [Flag(kind="notice", message=m) for m in dict.fromkeys(gathered.notices)]
    flags += writer.told.flags()
    return Draft(
        title=title_for(question, vocabulary),
        sections=sections,
        flags=flags,
        quotes=gathered.quotes,
    )


def gather(
    question: ParsedQuestion,
    vocabulary: Vocabulary,
    market: MarketDataPort | None,
    index: SearchPort | None,
    registry: SourceRegistry,
    emit: Emit,
    *,
    previous_question: str | None = None,
    unavailable: dict[str, str] | None = None,
) -> Gathered:
    """Call the tools and search the library for a question."""
    out = Gathered()
    gatherer = Gatherer(market, index, registry, emit, question.language, unavailable)
    if any(question.allows(tool) for tool in MARKET_TOOLS):
        gatherer.market_data(question, out)
    if question.allows("search_commentary"):
        query = question.search or search_query(question, vocabulary, previous_question)
        gatherer.passages(query, question, out)
    return out
