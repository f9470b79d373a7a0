"""What the offline composer finds for a question, before it writes a word.

The same market-data tools the agent would call (index returns for the symbols in play against
a benchmark, sector scores for rotation questions, the macro dashboard for rates/credit/
volatility questions, quotes for the tickers strip), and the library's passages, each result
registered as a source. With no prices or no library there is still something to say: a notice
for what is missing and what to do about it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from assistant.answer.model import Language
from assistant.answer.tickers import strip_symbols
from assistant.events import Event, ToolEnd, ToolStart
from assistant.gather.sources import SourceRegistry
from assistant.gather.timeliness import RECENT_SPAN_DAYS, newest_published, span_began, timely_span
from assistant.llm.failures import EXPECTED_ERRORS
from assistant.locale import format_date, message, notice, tool_failure
from assistant.offline.reading import (
    OTHER_LANGUAGE_DEPTH,
    SEARCH_K,
    UNDATED_SEARCH_K,
    below_first,
    recent_first,
)
from assistant.ports import MarketDataPort, SearchPort
from assistant.question.comparison import asks_comparison, asks_rank
from assistant.question.parse import ParsedQuestion
from assistant.question.period import TRAILING_MONTH
from ingest.filters import Filters
from ingest.language import detect_language
from ingest.models import Hit
from tools.period_labels import first_day
from tools.proxies import ETF_PROXY, answerable
from tools.result import ToolResult

SCOPED_K = 40  # a chosen article: all of its passages (a long report has a few dozen)
BEST_ARTICLE_K = 3  # passages read of the article that ranks first
OTHER_ARTICLE_K = 8  # and of the best one in the other language than the reader's
MARKET_TOOLS = ("index_returns", "sector_scores", "quotes", "macro")
T = TypeVar("T")
Emit = Callable[[Event], None]


# What the sector scores measure already: no period, or the past month (over 21 trading days)
SCORED_PERIODS = (None, TRAILING_MONTH)
# The broad market's indices and their funds, which sectors are measured against
MARKET_INDICES = frozenset(ETF_PROXY) | frozenset(ETF_PROXY.values())


def _yardstick_index(question: ParsedQuestion) -> str | None:
    """The market index a question measures the sectors against ("Which sectors beat the S&P
    500?"): the one it names, when it names no sector and asks which did better."""
    named = question.symbols
    if question.sectors or not named or not set(named) <= MARKET_INDICES:
        return None
    return named[0] if asks_comparison(question.text) else None


@dataclass
class Gathered:
    """Everything the composer found, before writing."""

    returns: ToolResult | None = None
    sectors: ToolResult | None = None
    # "今年以来哪个板块涨得最多？": every ranked sector's fund over the period asked
    sector_returns: ToolResult | None = None
    macro: ToolResult | None = None
    quotes: ToolResult | None = None
    hits: list[Hit] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    # asked again while writing: an older article's year-to-date figure, on the article's day
    market: MarketDataPort | None = None

    @property
    def results(self) -> list[ToolResult]:
        """Every tool result gathered."""
        found = (self.returns, self.sectors, self.sector_returns, self.macro, self.quotes)
        return [r for r in found if r is not None]

    @property
    def data_day(self) -> dt.date | None:
        """The day the answer's market figures are for (the latest of its tool results)."""
        return max((r.provenance.as_of for r in self.results), default=None)


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
            out.notices.append(tool_failure(name, error, self.language))
            return None
        summary = getattr(result, "summary", "")
        self.emit(ToolEnd(name, str(summary).split("\n")[0][:200]))
        return result

    def available(self, out: Gathered) -> set[str] | None:
        """Symbols with prices; None (with a notice) when there is no price data at all."""
        if self.market is None:
            default = message("reason.market_unavailable", self.language)
            reason = self.unavailable.get("market", default)
            out.notices.append(notice("no_prices", self.language, reason=reason))
            return None
        try:
            have = set(self.market.available_symbols())
        except EXPECTED_ERRORS as error:
            out.notices.append(notice("no_prices", self.language, reason=error))
            return None
        if not have:
            reason = message("reason.price_store_empty", self.language)
            out.notices.append(notice("no_prices", self.language, reason=reason))
            return None
        return have

    def market_data(self, question: ParsedQuestion, out: Gathered) -> None:
        have = self.available(out)
        if have is None or self.market is None:
            return
        market, as_of = self.market, question.as_of
        # "能源板块今年涨了多少？": a sector asked for its performance is measured as its fund is;
        # its score and momentum (sector_scores) do not say how much it rose over the period,
        # except the past month, which the scores give (a second "past month" would differ)
        measure_sectors = "returns" in question.intents and question.period not in SCORED_PERIODS
        asked = [*question.symbols, *(question.sectors if measure_sectors else ())]
        priced = answerable(have)  # ^NDX, which the store lacks, by its ETF QQQ
        symbols = [s for s in asked if s in priced]
        self._store_notices(question, priced, out)
        benchmark = question.benchmark if question.benchmark in symbols else None
        # a benchmark the question does not name is a yardstick: alone ("网易表现如何" with no
        # NTES prices), it measures nothing asked, and its return would head the answer
        measured = [s for s in symbols if not (question.benchmark_implied and s == benchmark)]
        if measured and question.allows("index_returns"):
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
        # "How did energy do in July 2026?": the scores and readings as July ended, or at the
        # last close when the store's closes stop within it (August, asked with closes to the 21st)
        day = as_of or self._period_end(question)
        if "sectors" in question.intents and question.allows("sector_scores"):
            out.sectors = self.tool(
                "sector_scores", {"as_of": day}, lambda: market.sector_scores(as_of=day), out
            )
            if out.sectors is not None:
                out.sector_returns = self.sector_returns(out.sectors, question, out)
        if "macro" in question.intents and question.allows("macro"):
            # a period asked: a reading whose closes end before it began says nothing of it
            period = None if question.period_default else question.period
            args = {"as_of": day, "period": period}
            out.macro = self.tool(
                "macro", args, lambda: market.macro(as_of=day, period=period), out
            )
        strip = strip_symbols(list(question.symbols) + list(question.sectors), sorted(have))
        if strip and question.allows("quotes"):
            out.quotes = self.tool(
                "quotes",
                {"symbols": strip, "as_of": as_of},
                lambda: market.quotes(strip, as_of=as_of),
                out,
            )
        cited_quotes = out.quotes if question.quotes_cited else None
        for result in (out.returns, out.sectors, out.sector_returns, out.macro, cited_quotes):
            if result is not None:
                self.registry.add_tool_result(result)

    def _period_end(self, question: ParsedQuestion) -> dt.date | None:
        """The last day of the calendar period asked; None (the latest close) when the store's
        closes stop within it. Closes that stop before it began measure nothing of it: the
        tool says so for its last day."""
        end = question.period_end
        if end is None or self.market is None:
            return end
        try:
            last = self.market.last_date()
        except EXPECTED_ERRORS:  # the tool says what is wrong with the store
            return end
        began = first_day(question.period or "", end)
        return None if last is not None and began is not None and began <= last < end else end

    def _store_notices(self, question: ParsedQuestion, have: set[str], out: Gathered) -> None:
        """What the reader should know of the store first: the symbols asked that it lacks,
        and the day a snapshot counted "yesterday" or "last month" back from."""
        missing = [s for s in question.symbols if s not in have]
        if missing:
            named = ", ".join(missing)
            out.notices.append(
                notice("missing_prices", self.language, symbols=named, command=" ".join(missing))
            )
        if question.counted_from is not None:
            day = format_date(question.counted_from, self.language)
            key = "counted_from_article" if question.article_id else "counted_from"
            out.notices.append(notice(key, self.language, day=day))

    def sector_returns(
        self, scores: ToolResult, question: ParsedQuestion, out: Gathered
    ) -> ToolResult | None:
        """The ranked sectors' funds over the period asked, on the scores' day, when the scores
        lack it and no sector is named, or one is asked whether it did best ("今年以来哪个板块
        涨得最多？", "能源板块今年表现最好吗？"): which rose most this year is a return over the
        year, not a score or a month's move; or against the index asked of ("Which sectors beat
        the S&P 500 last quarter?"). None for a research step that does not name the tool."""
        broad = not (question.symbols or question.sectors) or asks_rank(question.text)
        lacked = broad and question.period not in SCORED_PERIODS
        index, period = _yardstick_index(question), question.period
        if not (lacked or index) or not question.allows("index_returns"):
            return None
        ranked = [str(r["symbol"]) for r in scores.records() if r.get("rank") is not None]
        day = scores.provenance.as_of
        market = self.market
        if market is None or not ranked:
            return None
        symbols = [*ranked, index] if index else ranked

        def call() -> ToolResult:
            return market.index_returns(symbols, period=period, as_of=day, benchmark=index)

        args = {"symbols": symbols, "period": period, "as_of": day, "benchmark": index}
        return self.tool("index_returns", args, call, out)

    def passages(self, query: str, question: ParsedQuestion, out: Gathered) -> None:
        if self.index is None:
            reason = self.unavailable.get("index", message("reason.no_index", self.language))
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
            if self._headline_only(scope, out):
                return
        filters = Filters(since=since, until=until, article_id=scope)
        # Searched deeper than the answer reads: the other language's best passages may lie
        # just below the first SEARCH_K (`below_first`).
        k = SCOPED_K if scope else OTHER_LANGUAGE_DEPTH
        hits = self._search(query, k, filters, out)
        found = list(hits or [])
        if not scope:
            span = timely_span(question.text, question.period, question.period_carried)
            found = self._recent_first(query, span, found, k, filters, question.as_of, out)
        # the other language's (or the reader's own) best few below the first SEARCH_K, then,
        # for a question without a date, the rest of the deeper read
        best = found[:SEARCH_K] + below_first(found, self.language)
        if question.as_of is None:
            best += [h for h in found[SEARCH_K:UNDATED_SEARCH_K] if h not in best]
        out.hits = found if scope else best + self._rest_of_best(query, best, filters)
        if hits is not None and not out.hits:
            out.notices.append(notice("no_passages", self.language))
        if until is not None:
            self._left_out_after(until, out)

    def _headline_only(self, article_id: str, out: Gathered) -> bool:
        """Is the chosen article only its headline (a feed item without text)? Then there is
        nothing to quote but the title the reader chose it by: say so, and how to add it."""
        assert self.index is not None
        try:
            article = self.index.get_article(article_id)
        except EXPECTED_ERRORS:
            return False  # the search that follows says what is wrong with the library
        if not article.headline_only:
            return False
        if article.url:
            # the address is the feed's, and notices show none as a link: the reader looks it up
            text = notice("headline_only", self.language, title=article.title, id=article.id)
        else:
            text = notice("headline_only_file", self.language, title=article.title)
        out.notices.append(text)
        return True

    def _rest_of_best(self, query: str, hits: list[Hit], filters: Filters) -> list[Hit]:
        """More passages of the best articles, as the query ranks them within each: the
        article ranked first most often holds the fact, in a passage that shares fewer of the
        question's words (the paragraph on the $800 billion of data-centre spending is not the
        one naming the economist asked about). The best article in the other language (the best
        two, when the first article is in it) is read deeper: the query reaches it through a
        dictionary's translation, which its passage holding the fact may not share ("外部团体一共
        砸了多少钱" and "$20 million in outside spending")."""
        if not hits or self.index is None:
            return []
        first = hits[0].chunk.article_id
        other = [h.chunk.article_id for h in hits if detect_language(h.chunk.text) != self.language]
        depths = {first: OTHER_ARTICLE_K if other[:1] == [first] else BEST_ARTICLE_K}
        following = next((a for a in other if a != first), None)
        if following is not None:
            depths[following] = OTHER_ARTICLE_K
        have = {h.chunk.id for h in hits}
        found: list[Hit] = []
        for article_id, k in depths.items():
            within = Filters(since=filters.since, until=filters.until, article_id=article_id)
            try:  # part of the search the reader saw, not a tool call of its own
                rest = self.index.search(query, k=k, filters=within)
            except EXPECTED_ERRORS:
                break  # the answer stands on what the search found
            found += [h for h in rest if h.chunk.id not in have]
        return found

    def _search(self, query: str, k: int, filters: Filters, out: Gathered) -> list[Hit] | None:
        """The library's passages for the query, as a tool call the reader sees."""
        assert self.index is not None
        index = self.index
        arguments = {"query": query, "k": k, "since": filters.since, "until": filters.until,
                     "article_id": filters.article_id}  # fmt: skip
        return self.tool(
            "search_commentary", arguments, lambda: index.search(query, k=k, filters=filters), out
        )

    def _recent_first(
        self,
        query: str,
        period: str | None,
        found: list[Hit],
        k: int,
        filters: Filters,
        as_of: dt.date | None,
        out: Gathered,
    ) -> list[Hit]:
        """ "油价最近怎么走" asked of a library whose newest oil news is from August: the passages
        of the span asked before the newest of what was found, then the rest. So for what is
        still to come ("Will the Fed cut rates in September?"), whose live views are the last
        month's: last September's cut shares every word of the question; and for a span from a
        day ("纳指7月以来涨了多少？"), whose commentary is from that day on: May's market wrap
        says nothing of the move since July; and for a month asked, whose news is from it on
        (`span_began`). Without a date, recent is the library's recent,
        not today's (which a library ingested once has not reached), and the best match of all
        may be from April. A question dated by its period ("last week", at that week's Sunday)
        or by the reader asks of the span up to that day."""
        since = span_began(period, as_of or newest_published(found), as_of)
        if since is None:
            return found
        first = self._search(query, k, replace(filters, since=since), out) or []
        return recent_first(first, found, query)

    def _left_out_after(self, until: dt.date, out: Gathered) -> None:
        """Say how many articles the as-of date leaves out (they were written after it)."""
        assert self.index is not None
        try:
            newer = self.index.count(published_after=until)
        except EXPECTED_ERRORS:
            return  # the count is a courtesy; the answer stands without it
        if newer:
            day = format_date(until, self.language)
            out.notices.append(notice("newer_articles", self.language, count=newer, date=day))


# Commentary published up to this long after the as-of date still speaks about it (a market
# wrap comes out the next morning); for a one-day question only the days around it count.
PUBLISHED_AFTER = dt.timedelta(days=2)
ONE_DAY_BEFORE = dt.timedelta(days=RECENT_SPAN_DAYS["1D"])


def published_window(question: ParsedQuestion) -> tuple[dt.date | None, dt.date | None]:
    """Which articles may speak about the question's as-of date: none written much later."""
    if question.as_of is None:
        return None, None
    since = question.as_of - ONE_DAY_BEFORE if question.period == "1D" else None
    return since, question.as_of + PUBLISHED_AFTER
