"""The names the assistant understands: symbols, sectors, companies and periods, from `tools/`
through one small `Vocabulary`, so tests can pass a fake (`default_vocabulary` is the real one).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from assistant.answer.model import Language
from assistant.question.index_names import InsideIndexNames, index_brands
from assistant.question.library_names import Learned, aliases_of, learned_companies
from assistant.question.sector_names import (
    ends_a_name,
    in_a_market_abroad,
    in_a_title,
    names_an_office,
)
from ingest.errors import IngestError
from ingest.language import has_cjk
from ingest.zhwords import WordEdges


@dataclass(frozen=True)
class SectorName:
    symbol: str
    en: str
    zh: str


@dataclass(frozen=True)
class Vocabulary:
    """The names the assistant understands, from `tools.symbols` and `tools.periods`."""

    find_symbols: Callable[[str], list[str]]
    display_name: Callable[[str, str], str]
    parse_period: Callable[[str], str | None]
    sectors: tuple[SectorName, ...] = ()
    names: tuple[tuple[str, str], ...] = ()  # (name or alias, symbol), to find mentions in text
    # a listed company's names ("Goldman" and "Goldman Sachs"), found by `find_symbols` itself
    company_names: Callable[[str], Collection[str]] = lambda _symbol: ()
    is_us: Callable[[str], bool] = lambda _symbol: True  # False: another market's index
    has_earnings: Callable[[str], bool] = lambda _symbol: True  # False: a commodity, bitcoin
    # "bp" for a yield, "pt" for a gauge (VIX): its level moves, it earns no return
    change_unit: Callable[[str], str] = lambda _symbol: ""
    # the Chinese names the library's articles give acronyms ("capex": 资本支出), which
    # CC-CEDICT lacks: a question's terms in the other language, as search reads them
    glosses: tuple[tuple[str, str], ...] = ()
    # an index's short names ("纳斯达克", "dow jones"), each with the index's own names, lower
    # case: a short name heading another index's name (纳斯达克中国金龙指数) is not that index
    index_brands: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def aliases(self, symbol: str) -> list[str]:
        """Every name of the symbol we know, longest first (display names included)."""
        found = {a for a, s in self.names if s == symbol} | set(self.company_names(symbol))
        found |= {self.name(symbol, "zh"), self.name(symbol, "en")} - {symbol}
        return sorted(found, key=len, reverse=True)

    def companies(self, symbols: Iterable[str]) -> list[tuple[str, ...]]:
        """The names of each company among `symbols`, its ticker last ("Hewlett Packard
        Enterprise", "HPE"): what a text about that company writes."""
        return [(*self.aliases(s), s) for s in symbols if self.is_stock(s)]

    def subject_names(
        self, asked: tuple[str, ...], intents: Collection[str]
    ) -> list[tuple[str, ...]]:
        """The names of what a question is about, each symbol's: those it `asked` about, else,
        asking about sectors without naming one ("Which sectors are leading?"), every sector's:
        a sentence on "the private sector" or on "leading the campaign" names none of them."""
        if not asked and "sectors" in intents:
            asked = tuple(s.symbol for s in self.sectors)
        return [tuple(self.aliases(s)) for s in asked]

    def name(self, symbol: str, language: Language) -> str:
        """The symbol's name; an unknown symbol keeps its ticker as its name."""
        return self.display_name(symbol, language) or symbol

    def is_sector(self, symbol: str) -> bool:
        return any(s.symbol == symbol for s in self.sectors)

    def is_stock(self, symbol: str) -> bool:
        """A company's share: neither an index (^GSPC) nor a fund or sector the vocabulary
        names (SPY, XLE); tickers it does not know (AMAT, $ACMR) are stocks."""
        return not symbol.startswith("^") and symbol not in _named_symbols(self.names, self.sectors)

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping name mentions as (start, end, symbol), leftmost-longest; Latin
        names only as whole words."""
        pattern, symbols = _name_pattern(self.names)
        if pattern is None:
            return []
        inside = InsideIndexNames(text, _brand_table(self.index_brands))
        return [
            (m.start(), m.end(), symbols[m.group(0).lower()])
            for m in pattern.finditer(text)
            if not inside(*m.span())
        ]


@cache
def _brand_table(
    brands: tuple[tuple[str, tuple[str, ...]], ...],
) -> dict[str, tuple[str, ...]]:
    """`Vocabulary.index_brands` as a lookup, built once: every sentence's names are read."""
    return dict(brands)


@cache
def _named_symbols(
    names: tuple[tuple[str, str], ...], sectors: tuple[SectorName, ...]
) -> frozenset[str]:
    return frozenset(symbol for _, symbol in names) | {s.symbol for s in sectors}


@cache
def _name_pattern(
    names: tuple[tuple[str, str], ...],
) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    symbols = {alias.lower(): symbol for alias, symbol in names}
    if not symbols:
        return None, symbols
    parts = []
    for alias in sorted(symbols, key=len, reverse=True):
        body = re.escape(alias)
        head = r"(?<![A-Za-z0-9])" if alias[0].isascii() and alias[0].isalnum() else ""
        # A name ending in a letter may meet a figure: "罗素2000 ETF2026年7月下跌3.08%".
        tail = r"(?![A-Za-z0-9])" if alias[-1].isascii() and alias[-1].isdigit() else ""
        tail = r"(?![A-Za-z])" if alias[-1].isascii() and alias[-1].isalpha() else tail
        parts.append(head + body + tail)
    return re.compile("|".join(parts), re.I), symbols


def default_vocabulary(
    known: Collection[str] = (),
    glosses: tuple[tuple[str, str], ...] = (),
    chinese_names: tuple[tuple[str, str], ...] = (),
) -> Vocabulary:
    """The real vocabulary from tools/ (imported here so tests never need it). `known`: tickers
    that count written alone in a question, e.g. `library_tickers(index)`, the tickers the
    library's articles carry; `glosses`: `library_glosses(index)`; `chinese_names`:
    `library_names(index)`, the Chinese names its articles give companies."""
    from tools import companies, instruments, period_words, symbols

    learned = learned_companies(chinese_names)

    brands = index_brands(instruments.INSTRUMENTS)
    sector_words = _sector_words(instruments.SECTORS, instruments.INSTRUMENTS)
    names = tuple(
        (alias, item.symbol)
        for item in instruments.INSTRUMENTS
        for alias in (item.zh, item.en, *item.aliases, _ticker(item.symbol))
        if len(alias) >= 2
    )
    return Vocabulary(
        find_symbols=partial(
            _find_symbols,
            symbols.find_symbols,
            tuple(known),
            sector_words,
            brands,
            learned,
        ),
        display_name=partial(_display_name, symbols.display_name, learned),
        parse_period=period_words.parse_period_text,
        sectors=tuple(_sector_names(instruments.SECTORS)),
        names=names,
        company_names=partial(_company_names, companies.company_aliases, learned),
        is_us=symbols.is_us,
        has_earnings=symbols.has_earnings,
        change_unit=symbols.change_unit,
        glosses=glosses,
        index_brands=brands,
    )


def _find_symbols(
    find: Callable[..., list[str]],
    known: tuple[str, ...],
    sectors: frozenset[str],
    brands: tuple[tuple[str, tuple[str, ...]], ...],
    learned: Learned,
    text: str,
) -> list[str]:
    """The symbols `text` names, a Chinese name only where it is a word of its own: 科技 in
    生物科技 is no technology sector (jieba's words, which tools/ cannot see); nor is a sector
    named inside another name, 长鑫科技, 国际能源署 or "Energy Secretary", or one of another
    market, 港股科技股 or "Chinese tech stocks" (`sector_names`); nor an index's short name
    heading another index's name, 纳斯达克中国金龙指数 (`index_names`).
    `sectors`: the sectors' names, lower case; `brands`: `Vocabulary.index_brands`."""
    edges = WordEdges.of(text)
    in_index_name = InsideIndexNames(text, _brand_table(brands))

    def inside_a_word(start: int, end: int) -> bool:
        if in_index_name(start, end) or edges.splits(start, end):
            return True
        name = text[start:end]
        if name.lower() not in sectors:
            return False
        if in_a_market_abroad(text, start):
            return True
        if has_cjk(name):
            return ends_a_name(text, start, end) or names_an_office(text, start, end)
        return in_a_title(text, start, end)

    return find(text, known=known, splits_a_word=inside_a_word, names=learned)


def _display_name(
    display: Callable[[str, str], str], learned: Learned, symbol: str, language: str
) -> str:
    """The symbol's name; in Chinese, for a company we name only in English, the name the
    library's articles give it (贝莱德 for BlackRock, the whole of it, not its short name)."""
    name = display(symbol, language)
    if language.startswith("zh") and not has_cjk(name):
        return max(filter(has_cjk, aliases_of(learned, symbol)), key=len, default=name)
    return name


def _company_names(
    aliases: Callable[[str], tuple[str, ...]], learned: Learned, symbol: str
) -> tuple[str, ...]:
    """A company's names: ours, and those the library's articles give it in Chinese."""
    return (*aliases(symbol), *aliases_of(learned, symbol))


def _sector_words(sectors: Iterable[Any], items: Iterable[Any]) -> frozenset[str]:
    """The names of the `sectors` (rows of symbol, names) among the instruments `items`, lower
    case ("科技", "能源股", "energy")."""
    symbols = {row[0] for row in sectors}
    return frozenset(
        alias.lower()
        for item in items
        if item.symbol in symbols
        for alias in (item.zh, item.en, *item.aliases)
    )


def library_vocabulary(index: object) -> Vocabulary:
    """The vocabulary of a library: the tickers its articles carry, the acronyms and the
    companies they gloss in Chinese."""
    return default_vocabulary(*library_words(index))


def library_words(
    index: object,
) -> tuple[frozenset[str], tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """What `default_vocabulary` takes from a library, as hashable values (the browser app
    caches the vocabulary by them): its tickers, glossed acronyms and glossed company names."""
    return library_tickers(index), library_glosses(index), library_names(index)


def library_tickers(index: object) -> frozenset[str]:
    """The tickers the library's articles carry; none when `index` cannot say (a test's fake,
    or a library that cannot be read: the search will say what is wrong)."""
    return frozenset(_of_library(index, "tickers") or ())


def library_glosses(index: object) -> tuple[tuple[str, str], ...]:
    """The acronyms the library's articles gloss and their Chinese names (`ingest.glosses`),
    sorted; none when `index` cannot say."""
    return tuple(sorted((_of_library(index, "glosses") or {}).items()))


def library_names(index: object) -> tuple[tuple[str, str], ...]:
    """The Latin names the library's articles gloss in Chinese and those Chinese names
    (`ingest.name_glosses`), sorted; none when `index` cannot say."""
    return tuple(sorted((_of_library(index, "names") or {}).items()))


def _of_library(index: object, what: str) -> Any:
    """What the library's index gives by its method `what`, or None when it has no such method
    or cannot be read."""
    index = getattr(index, "index", index)  # a ScopedIndex wraps the library's Index
    method = getattr(index, what, None)
    if method is None:
        return None
    try:
        return method()
    except (IngestError, OSError):
        return None


def _ticker(symbol: str) -> str:
    """An ETF's ticker is a name in text ("能源(XLE)", "HYG/LQD"); an index's (^GSPC) is not."""
    return "" if symbol.startswith("^") else symbol


def _sector_names(raw: Any) -> list[SectorName]:
    """SECTORS rows as (symbol, en, zh), whether tuples, dicts or objects."""
    names = []
    for row in raw.values() if isinstance(raw, dict) else raw:
        if isinstance(row, dict):
            names.append(SectorName(row["symbol"], row["en"], row["zh"]))
        elif isinstance(row, tuple | list):
            names.append(SectorName(str(row[0]), str(row[1]), str(row[2])))
        else:
            names.append(SectorName(row.symbol, row.en, row.zh))
    return names
