"""Reading a question: its language, the symbols and sectors in play, the period, the as-of date
and what kind of answer it wants.

Both modes use this: the offline composer to decide which tools to call, the LLM mode to give the
model hints (and to pick the answer's language and the tickers strip). Symbol and period names
come from `tools/` through a small `Vocabulary` (`assistant.question.vocabulary`), so tests can
pass a fake.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.answer.model import Language
from assistant.errors import InputError
from assistant.question.comparison import Comparison, asks_comparison, comparison_asked
from assistant.question.cues import has_cue
from assistant.question.followup import elliptical_subject, names_another_topic, refers_back
from assistant.question.intents import (
    Intent,
    asks_level,
    asks_view,
    detect_intents,
    names_macro,
)
from assistant.question.period import day_asked, period_asked, says_this_year
from assistant.question.sector_names import in_a_market_abroad
from assistant.question.speakers import speakers, subjects, voices_a_view
from assistant.question.vocabulary import Vocabulary
from ingest.language import detect_language
from ingest.zhwords import WordEdges
from tools.period_labels import calendar_days

MAX_QUESTION_CHARS = 2_000


@dataclass(frozen=True)
class ParsedQuestion:
    text: str
    language: Language
    symbols: tuple[str, ...] = ()  # indices, ETFs, stocks (not sector ETFs), in order of mention
    sectors: tuple[str, ...] = ()  # sector ETFs mentioned
    period: str | None = None  # "YTD", "1D", "3M", "2024", ... as tools.periods spells them
    as_of: dt.date | None = None
    intents: frozenset[Intent] = field(default_factory=frozenset)
    benchmark: str | None = None
    # The benchmark was added to measure the symbols against, not asked about ("What is driving
    # the small-cap rotation?" is not about the S&P 500).
    benchmark_implied: bool = False
    carried_over: bool = False  # it asks about an earlier turn's topic: its symbols or period
    period_carried: bool = False  # its period is the earlier turn's, not one it asks itself
    period_default: bool = False  # its period is the year to date returns default to, unasked
    article_id: str | None = None  # retrieval scoped to one article ("ask about this article")
    # A research step names its tools and its library query; None leaves both to the question.
    tools: frozenset[str] | None = None
    search: str | None = None
    # Companies named as the source of a view ("per JPMorgan"): neither priced nor searched
    # for, and no part of what a sentence must say to answer the question.
    speakers: tuple[str, ...] = ()
    # The words typed, where `text` restates them ("那黄金呢？" as "黄金今年表现如何？"): what
    # the conversation shows as asked.
    typed: str | None = None
    # The day its "yesterday" or "last month" was counted from, where that is not today: the
    # last close of a price store that will not be refreshed (`parse_question`'s `now`).
    counted_from: dt.date | None = None
    # It asks again whether one beat the other, or which did better, over a period of its own
    # ("7月以来呢？" after "罗素2000年初至今跑赢标普500了吗?"), though its words do not say so.
    compares: Comparison | None = None
    # The earlier question whose topic it carries ("Why?" after "How did tech stocks do this
    # month?"): what an elliptical follow-up after it restates ("What about energy?").
    topic_text: str | None = None

    @property
    def asked(self) -> str:
        """The question as the person typed it."""
        return self.typed or self.text

    @property
    def comparison(self) -> Comparison | None:
        """Does it ask whether one beat another (跑赢了吗, "Did…beat…?"), or which did better
        (谁表现更好, "Compare…", "vs")? None when it compares nothing."""
        return self.compares or comparison_asked(self.text)

    @property
    def asks_comparison(self) -> bool:
        return self.comparison is not None

    @property
    def quotes_cited(self) -> bool:
        """Does the answer tell the last closes: asked of today, or of a level ("多少点")?"""
        return "today" in self.intents or asks_level(self.text)

    @property
    def all_symbols(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.symbols + self.sectors))

    @property
    def asked_symbols(self) -> tuple[str, ...]:
        """The symbols and sectors the question is about: all but a benchmark it does not name.
        Search looks for these, and a sentence naming one is about the question; a sentence
        naming the S&P 500 is not about small caps because their returns are measured
        against it."""
        if not self.benchmark_implied:
            return self.all_symbols
        return tuple(s for s in self.all_symbols if s != self.benchmark)

    @property
    def period_end(self) -> dt.date | None:
        """The last day of a past month (or months), quarter, half or year the question is
        about ("2026-07", "2026-03..2026-06", "2026-Q2", "2026-H1", "2025"): the day its sector
        scores and macro readings are taken on when no as-of is set."""
        period = self.period or ""
        if days := calendar_days(period):
            return days[1]
        return dt.date(int(period), 12, 31) if period.isdigit() else None

    def allows(self, tool: str) -> bool:
        """May this question use the tool? (Research steps name theirs; questions use any.)"""
        return self.tools is None or tool in self.tools


# Topics that imply an index when no symbol is named ("小盘股" is the Russell 2000).
_TOPIC_SYMBOLS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("小盘股", "小盘", "small cap", "small-cap", "smallcap"), "^RUT"),
    (("科技股", "tech stocks", "technology stocks"), "^IXIC"),
    (("大盘股", "大盘", "美股", "large cap", "large-cap", "us stocks", "the market"),
     "^GSPC"),
    # Treasury yields unqualified are the benchmark 10-year's (a 2-year's are not: `_TENOR`)
    (("美债收益率", "美国国债收益率", "treasury yields", "treasury yield", "treasuries"),
     "^TNX"),
)  # fmt: skip
# A maturity written before a yield's name: "2年期", "三个月", "2-year ", "30y ".
_TENOR = re.compile(
    r"(?:\d+|[一二三五七十]+)\s*(?:年期|个月|月期)$|\d+(?:-| )?(?:year|month)s?\s+$|\d+y\s+$", re.I
)
DEFAULT_BENCHMARK = "^GSPC"
# America's three benchmarks, the market's "major indexes" (美股三大指数, "Wall Street's main
# averages"): asked of together, each is measured; the S&P 500 last, as the market is the
# yardstick the other two are compared with.
_MAJOR_INDICES = ("^DJI", "^IXIC", DEFAULT_BENCHMARK)
_MAJOR_INDICES_CUE = re.compile(
    r"三大(?:股指|指数|股市指数|股票指数)|主要(?:股指|股市指数|股票指数)"
    r"|\b(?:(?:three|3|major|main|key|big|leading)[ -])+(?:(?:us|u\.s\.|american|wall street)"
    r"[ -])?(?:(?:stock|equity)(?: market)?[ -])?(?:indexes|indices|averages|benchmarks)\b",
    re.I,
)


# ---------------------------------------------------------------------------------------------
# parsing


def validate(question: str) -> str:
    """The question, stripped; an empty or oversized one is a clear InputError."""
    text = (question or "").strip()
    if not text:
        raise InputError(
            "the question is empty: ask something like "
            "'罗素2000指数年初至今是否跑赢标普500?' or 'Did small caps beat the S&P 500 this year?'"
        )
    if len(text) > MAX_QUESTION_CHARS:
        raise InputError(
            f"the question is too long ({len(text):,} characters; at most "
            f"{MAX_QUESTION_CHARS:,}): ask about one thing at a time"
        )
    return text


def parse_question(
    question: str,
    vocabulary: Vocabulary,
    *,
    as_of: dt.date | None = None,
    previous: ParsedQuestion | None = None,
    now: dt.date | None = None,
) -> ParsedQuestion:
    """Understand a question; `as_of` (an explicit setting) wins over a date in the text, and
    a follow-up that leans on `previous` carries over what it does not restate (`_carry_over`).
    Companies are `symbols` (stocks), never `sectors`. `now`: as `period_asked` reads it."""
    typed = validate(question)
    text = _restated(typed, previous, vocabulary) if previous is not None else typed
    # Sectors only as `find_symbols` reads them: a sector word inside a company's name
    # ("Applied Materials", 美光科技) or a masked phrase (新能源) is no sector.
    found = list(dict.fromkeys(vocabulary.find_symbols(text)))
    sectors = tuple(s for s in found if vocabulary.is_sector(s))
    symbols = tuple(s for s in found if not vocabulary.is_sector(s))
    topic = () if sectors else _topic_symbols(text)
    # "What target did Goldman Sachs set for Nvidia?": Nvidia's question, not Goldman's shares
    elsewhere = bool(
        sectors or topic or names_macro(text) or detect_intents(text, (), (), ()) & {"sectors"}
    )
    # Only a company speaks: "油价的预测" is a forecast of oil, not oil's forecast.
    companies = [s for s in symbols if vocabulary.is_stock(s)]
    about = subjects(symbols, speakers(text, companies, vocabulary.aliases), elsewhere)
    cited = tuple(s for s in symbols if s not in about)
    symbols = about
    if symbols and topic and topic[0] not in symbols and asks_comparison(text):
        # Both sides of "Did small caps beat the S&P 500?"; the market is the yardstick, the
        # benchmark that comes last ("Did Nvidia beat the market?").
        symbols = symbols + topic if topic[0] == DEFAULT_BENCHMARK else topic + symbols
    stocks = tuple(s for s in symbols if vocabulary.is_stock(s))
    intents = detect_intents(text, symbols, sectors, stocks)
    if not symbols and topic:
        symbols = topic
        if not intents & {"sectors", "macro"} and not asks_view(text):
            intents.add("returns")
    period, day, counted = period_asked(text, as_of, vocabulary.parse_period, now)
    asked_day = None if period else day_asked(text, day)
    parsed = ParsedQuestion(
        text=text,
        language=detect_language(text),
        symbols=symbols,
        sectors=sectors,
        period="1D" if asked_day else period,
        as_of=asked_day or day,
        intents=frozenset(intents),
        speakers=cited,
        typed=typed if typed != text else None,
        counted_from=counted,
    )
    if previous is not None:
        parsed = _carry_over(parsed, previous)
    only_stocks = bool(parsed.symbols) and all(map(vocabulary.is_stock, parsed.symbols))
    # another market's index, or a yield or a gauge (no return to compare): no yardstick
    unmatched = bool(parsed.symbols) and (
        not vocabulary.is_us(parsed.symbols[0]) or bool(vocabulary.change_unit(parsed.symbols[0]))
    )
    return _with_defaults(parsed, only_stocks, unmatched)


def implying_words(symbol: str) -> tuple[str, ...]:  # the Russell 2000's "小盘股"
    return tuple(cue for cues, implied in _TOPIC_SYMBOLS if implied == symbol for cue in cues)


def _topic_symbols(text: str) -> tuple[str, ...]:
    """The indices a topic implies; a Chinese topic only said as words ("生物科技股" is biotech
    shares, not 科技股), America's only ("港股科技股" are not the Nasdaq's, nor "A股主要指数"
    the three major indices), and not one named as holding a view ("What is the market
    expecting from the Fed?" asks of the Fed)."""
    words = WordEdges.of(text)
    if any(not in_a_market_abroad(text, m.start()) for m in _MAJOR_INDICES_CUE.finditer(text)):
        return _MAJOR_INDICES
    for cues, symbol in _TOPIC_SYMBOLS:
        for cue in cues:
            found = re.finditer(re.escape(cue), text, re.I)
            if has_cue(text, (cue,)) and any(
                not words.splits(*m.span())
                and not in_a_market_abroad(text, m.start())
                and not _TENOR.search(text, 0, m.start())
                and not voices_a_view(text[m.end() :])  # "the market expects": its view
                for m in found
            ):
                return (symbol,)
    return ()


def _restated(text: str, previous: ParsedQuestion, vocabulary: Vocabulary) -> str:
    """ "那黄金呢？" after "罗素2000今年表现如何？" asks "黄金今年表现如何？": an elliptical
    follow-up naming one thing by one of its names is the earlier question (in the same
    language) with its subject's name replaced. Anything else is asked as it stands."""
    said = elliptical_subject(text)
    if said is None:
        return _pronoun_named(text, previous, vocabulary)
    if asks_comparison(text) or not previous.asked_symbols:
        return text
    if detect_language(text) != previous.language:
        return text
    found = vocabulary.find_symbols(said)
    names = {n.lower() for s in found[:1] for n in (*vocabulary.aliases(s), s)}
    if len(found) != 1 or said.lower() not in names:  # "那黄金呢", not "那黄金的前景呢"
        return text
    subject, earlier = previous.asked_symbols[0], previous.topic_text or previous.text
    for name in (*vocabulary.aliases(subject), subject):  # longest first
        at = earlier.lower().find(name.lower())
        if at >= 0:
            return earlier[:at] + said + earlier[at + len(name) :]
    return text


# A pronoun for the earlier question's subject: 它 (not 它们), "its", "did it" (not "is it
# time", where "it" stands for nothing).
_IT_ZH = re.compile(r"它(?!们)")
_ITS = re.compile(r"\bits\b", re.I)
_DID_IT = re.compile(r"\b(did|does|do|has|have|had|will|would|could|can|might) it\b", re.I)


def _pronoun_named(text: str, previous: ParsedQuestion, vocabulary: Vocabulary) -> str:
    """A follow-up calling the earlier question's one subject by a pronoun names it: "它的目标
    价是多少？" after "英伟达最近怎么样？" asks "英伟达的目标价是多少？", "Why did it fall?" after
    "How did Nvidia do last week?" asks "Why did Nvidia fall?" (in the same language)."""
    subjects = previous.asked_symbols
    if len(subjects) != 1 or detect_language(text) != previous.language:
        return text
    name = vocabulary.name(subjects[0], previous.language)
    if previous.language == "zh":
        return _IT_ZH.sub(name, text)
    return _DID_IT.sub(lambda m: f"{m[1]} {name}", _ITS.sub(f"{name}'s", text))


def _carry_over(parsed: ParsedQuestion, previous: ParsedQuestion) -> ParsedQuestion:
    """A follow-up keeps what it does not restate, but only when it leans on the earlier turn:
    it names no topic of its own ("为什么?", "and this month?") or it refers back ("那纳斯达克
    呢?", "why did it fall?"). A question with its own topic (symbols, sectors, a macro or
    sector cue: "What did the Fed minutes say?") starts fresh. The as-of date always stays: it
    is the conversation's, not the topic's."""
    changes: dict[str, Any] = {}
    if parsed.as_of is None and previous.as_of is not None:
        changes["as_of"] = previous.as_of
    own_topic = bool(
        parsed.symbols
        or parsed.sectors
        or parsed.intents & {"sectors", "macro"}
        or names_macro(parsed.text)
    )
    # "What about the Fed's view on inflation?" or "What about housing?" after oil: the earlier
    # question asked of a topic it names by no symbol, which replaces the earlier one (its
    # period still holds); not "What about the risks?", a side of the earlier topic
    subject = elliptical_subject(parsed.typed or parsed.text)
    replaced = (
        not parsed.symbols
        and not parsed.sectors
        and subject is not None
        and (own_topic or names_another_topic(subject))
    )
    if not own_topic or _refers_back(parsed):
        if parsed.symbols and parsed.asks_comparison:
            # "和纳指比呢？" after the Russell 2000: the earlier subject against the new one
            earlier = [s for s in previous.asked_symbols if s in previous.symbols]
            symbols = tuple(dict.fromkeys([*earlier, *parsed.symbols]))
            changes.update(symbols=symbols, carried_over=len(symbols) > len(parsed.symbols))
        elif not parsed.symbols and not parsed.sectors and not replaced:
            # a benchmark the earlier turn implied is implied again, not asked about now
            symbols = tuple(s for s in previous.asked_symbols if s in previous.symbols)
            changes.update(symbols=symbols, sectors=previous.sectors, carried_over=True)
            kept = previous.intents & {"returns", "sectors", "macro"}
            changes["intents"] = parsed.intents | kept
            changes["compares"] = previous.comparison if parsed.period is not None else None
            changes["topic_text"] = previous.topic_text or previous.text
        if parsed.period is None and previous.period and "today" not in parsed.intents:
            changes["period"] = previous.period  # (today is one day)
            changes["period_carried"] = True
            changes["carried_over"] = changes.get("carried_over", False) or not replaced
    return replace(parsed, **changes) if changes else parsed


def _refers_back(parsed: ParsedQuestion) -> bool:
    """Does the question lean on the earlier turn? As typed where a pronoun was replaced by
    the subject's name ("它的目标价是多少？" read as "英伟达的目标价是多少？"); an elliptical one
    restated ("那黄金呢？" read as "黄金今年表现如何？") is a whole question of its own."""
    typed = parsed.typed
    if typed is not None and elliptical_subject(typed) is None:
        return refers_back(typed)
    return refers_back(parsed.text)


def _with_defaults(
    parsed: ParsedQuestion, only_stocks: bool = False, unmatched: bool = False
) -> ParsedQuestion:
    """YTD for comparisons and returns, 1D for "today"; a benchmark for comparisons, and for
    one index or fund, but not for one company's news (`only_stocks`, no returns asked) nor
    for what the S&P 500 is no yardstick of (`unmatched`: another market's index, 创业板指; a
    yield or a gauge, whose level moves by basis points or points).

    A calendar year that is the as-of date's own year is year-to-date (the year is not over)."""
    period, default = parsed.period, parsed.period is None and not says_this_year(parsed.text)
    if period and period.isdigit() and parsed.as_of and int(period) == parsed.as_of.year:
        period = "YTD"
    if period is None:
        if "today" in parsed.intents:
            period = "1D"
        elif parsed.symbols or "returns" in parsed.intents:
            period = "YTD"
    benchmark = None
    news_only = only_stocks and "returns" not in parsed.intents and not parsed.asks_comparison
    if len(parsed.symbols) >= 2:
        benchmark = parsed.symbols[-1]
    elif parsed.symbols and parsed.symbols[0] != DEFAULT_BENCHMARK and not (news_only or unmatched):
        benchmark = DEFAULT_BENCHMARK
    elif len(parsed.sectors) >= 2 and "returns" in parsed.intents and parsed.asks_comparison:
        benchmark = parsed.sectors[-1]  # "XLK和XLE谁表现更好": measured one against the other
    symbols = parsed.symbols
    implied = False
    if benchmark is not None and benchmark not in (*symbols, *parsed.sectors):
        symbols, implied = (*symbols, benchmark), True
    return replace(
        parsed,
        period=period,
        period_default=default and period == "YTD",
        benchmark=benchmark,
        symbols=symbols,
        benchmark_implied=implied,
    )
