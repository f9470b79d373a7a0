"""What a topic is about, as the words the plan template fills in.

The topic is read like a question (`assistant.question.parse.parse_question`): the indices or stocks
it names (or implies: 小盘股 is the Russell 2000), the sectors, the period and the benchmark.
For an article, its title is read first, then its tickers, then its tags, each only when what
came before names nothing, so a list of tickers does not pick an arbitrary benchmark.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass, replace

from assistant.answer.model import Language
from assistant.errors import InputError
from assistant.locale import message, period_label
from assistant.question.economy import asks_other_economy
from assistant.question.parse import DEFAULT_BENCHMARK, ParsedQuestion, parse_question
from assistant.question.vocabulary import Vocabulary
from ingest.models import Article
from tools.proxies import answerable

# A topic on stocks, though it names none we hold ("AI与半导体股的投资前景", "How US tariffs
# affect US stocks", "美股2026年展望"): 股 is in every Chinese word for them.
_STOCKS = re.compile(r"股|\b(?:stocks?|equit(?:y|ies)|shares)\b", re.I)


@dataclass(frozen=True)
class Entities:
    language: Language
    subject: tuple[str, ...]  # indices/stocks the topic is about, the benchmark left out
    benchmark: str
    sectors: tuple[str, ...]
    period: str | None
    valued: bool = False  # about stocks or sectors valued on earnings (a valuation step)
    # the subject earns a return to set against the benchmark's (a yield's level moves by bp)
    yardstick: bool = True
    # about another economy than America's, naming none of our symbols ("欧洲央行2026年的利率
    # 路径"): the S&P 500, the US sectors and the US curve are not its subject
    abroad: bool = False
    # about none of our symbols, no sector and no stocks: a theme ("Private credit stress and
    # redemptions", "美联储2026年的降息路径") or another economy, whose own developments are
    # its subject, not the S&P 500's return or the sectors' rotation
    theme: bool = False
    # the price store has the subject's closes (or its fund's): "Did Gold beat the S&P 500?"
    # with no gold prices would measure only the S&P 500, which the topic is not about
    priced: bool = True

    @property
    def compares(self) -> bool:
        return bool(self.subject) and self.yardstick and self.priced

    def slots(self, vocabulary: Vocabulary, topic: str, title: str = "") -> dict[str, str]:
        """The template's placeholders, in the plan's language."""
        lang = self.language
        joiner = message("research.joiner", lang)

        def called(symbol: str) -> str:  # "the Russell 2000", "the 10-year yield"; "Gold"
            name = vocabulary.name(symbol, lang)
            indexed = not vocabulary.is_stock(symbol) and (
                vocabulary.has_earnings(symbol) or bool(vocabulary.change_unit(symbol))
            )
            return message("research.the_index", lang, name=name) if indexed else name

        subject = joiner.join(called(s) for s in self.subject) or called(self.benchmark)
        sectors = joiner.join(vocabulary.name(s, lang) for s in self.sectors)
        valued = joiner.join(called(s) for s in self.subject if vocabulary.has_earnings(s))
        own = (*self.subject, *self.sectors)

        def named(symbols: tuple[str, ...]) -> str:  # in both languages: commentary is in both
            names = (vocabulary.name(s, language) for s in symbols for language in ("zh", "en"))
            return " ".join(dict.fromkeys(names))

        return {
            "topic": topic,
            "title": title,
            "subject": subject,
            "benchmark": called(self.benchmark),
            "period": period_label(self.period, lang),
            "focus": _focus(subject if self.subject else "", sectors, lang),
            # what a valuation asks about: oil has no P/E, the energy sector has
            "valued": _focus(valued, sectors, lang),
            "sectors": sectors,
            "names": named(own or (self.benchmark,)),
            "about": named(own),
        }


def _focus(subject: str, sectors: str, language: Language) -> str:
    """What a step is about: the subject, else the sectors, else US stocks."""
    if subject:
        return message("research.focus_subject", language, subject=subject)
    if sectors:
        return message("research.focus_sectors", language, sectors=sectors)
    return message("research.focus_default", language)


def topic_entities(
    topic: str,
    vocabulary: Vocabulary,
    as_of: dt.date | None,
    language: Language | None = None,
    stored: Collection[str] | None = None,
) -> Entities:
    """`stored`: the symbols the price store holds (None: any); an index whose fund it holds
    is priced too (the fund stands in)."""
    parsed = parse_question(topic, vocabulary, as_of=as_of)
    entities = _entities(parsed, language or parsed.language, vocabulary)
    if stored is None:
        return entities
    priced = answerable(stored)
    return replace(entities, priced=all(s in priced for s in entities.subject))


def article_entities(
    article: Article, vocabulary: Vocabulary, as_of: dt.date | None, language: Language
) -> Entities:
    parsed = parse_question(article.title, vocabulary, as_of=as_of)
    tags = " ".join(tag.replace("_", " ") for tag in article.tags)  # "small_caps" names ^RUT
    for fallback in (" ".join(article.tickers[:2]), tags):
        if parsed.symbols or parsed.sectors:
            break
        with contextlib.suppress(InputError):  # empty, or words naming nothing we know
            parsed = parse_question(fallback, vocabulary, as_of=as_of)
    return _entities(parsed, language, vocabulary)


def _entities(parsed: ParsedQuestion, language: Language, vocabulary: Vocabulary) -> Entities:
    benchmark = parsed.benchmark or DEFAULT_BENCHMARK
    subject = tuple(s for s in parsed.symbols if s != benchmark)[:2]
    valued = any(vocabulary.has_earnings(s) for s in subject) or bool(parsed.sectors)
    unnamed = not (parsed.symbols or parsed.sectors)
    abroad = unnamed and asks_other_economy(parsed.text)
    return Entities(
        language=language,
        subject=subject,
        benchmark=benchmark,
        sectors=parsed.sectors[:3],
        period=parsed.period or "YTD",
        valued=valued,
        yardstick=not any(vocabulary.change_unit(s) for s in subject),
        abroad=abroad,
        theme=abroad or (unnamed and not _STOCKS.search(parsed.text)),
    )
