"""Names to Yahoo symbols, in Chinese and English.

People (and articles) say 标普500, "the S&P", 纳指, "small caps", 能源板块, "Applied Materials",
英伟达; the price store is keyed on Yahoo symbols (^GSPC, ^IXIC, XLE, AMAT). This module is the
one table between the two for indices, ETFs and sectors, and asks `tools.companies` about
listed companies: `resolve_symbol` for a single name, `find_symbols` for the symbols mentioned
in free text, and `display_name` to write a symbol back in the reader's language.

`find_symbols` is deliberately stricter than `resolve_symbol`: ordinary prose must not turn into
tickers, so in running text only listed names and aliases, company names, `$TICKER`, `^SYMBOL`
and upper-case tickers that are no ordinary word count, and a few common phrases (金融市场,
新能源) are masked so the sector word inside them does not match. Where names overlap the
leftmost-longest wins, so a company whose name holds a sector word ("Applied Materials",
"Duke Energy", 美光科技) is the company, not the sector.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from functools import cache

from tools.companies import alone_tickers, company_name, company_symbol, find_companies, never_alone
from tools.errors import UnknownSymbolError
from tools.instruments import INSTRUMENTS

# Numbers that are part of a name, never a figure or a year: 标普500, 罗素2000, S&P 500,
# Russell 2000, 前10, 第3.
NAME_NUMBERS = (
    r"(?:标准普尔|标普)\s*(?:1500|500|400|600|100)|罗素\s*(?:1000|2000|3000)"
    r"|(?:纳斯达克|纳指)\s*100|沪深\s*300|中证\s*(?:500|1000)|上证\s*50|日经\s*225"
    r"|富时\s*(?:100|250)|(?:前|第)\s*\d+"
    r"|\b(?:S&P|s&p)\s?(?:1500|500|400|600|100)|\bRussell\s?(?:1000|2000|3000)"
    r"|\b(?:Nasdaq|NASDAQ)\s?100|\b(?:Stoxx|STOXX)\s?(?:50|600)|\bFTSE\s?(?:100|250)"
    r"|\bNikkei\s?225|\b(?:Top|top|No\.)\s?\d+"
)

# Phrases whose inner sector word is not about the sector: masked in free text. Most are the
# names of China's official statistics (规模以上工业企业利润, 工业生产者出厂价格), which say 工业
# and 金融 about the whole economy, not about a US sector.
_STOP_PHRASES: tuple[str, ...] = (
    "新能源", "金融市场", "金融条件", "金融危机", "金融体系", "金融稳定", "金融监管",
    "工业生产", "工业产出", "工业增加值", "工业企业", "工业品", "工业利润",
    "financial conditions", "industrial production", "industrial profits",
    # Hong Kong names that begin with the Hang Seng Index's short name
    "hang seng bank", "hang seng china enterprises",
    # oils that are not crude
    "palm oil", "olive oil", "heating oil", "fuel oil", "cooking oil", "vegetable oil",
    "crude palm",
)  # fmt: skip

_TICKER = re.compile(r"^\^?[A-Z0-9][A-Z0-9.\-=]{0,11}$")
_BY_SYMBOL = {item.symbol: item for item in INSTRUMENTS}


def _key(name: str) -> str:
    """Lookup key: case-folded, without spaces, hyphens or underscores."""
    return re.sub(r"[\s\-_]+", "", name.casefold())


@cache
def _alias_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for item in INSTRUMENTS:
        for name in (item.symbol, item.en, item.zh, *item.aliases, *item.resolve_only):
            table[_key(name)] = item.symbol
    return table


_SUFFIXES = ("指数", "板块", "股", "index", "sector", "etf")


def resolve_symbol(name: str) -> str:
    """One name or ticker -> its Yahoo symbol ('标普500' -> '^GSPC', 'aapl' -> 'AAPL').

    Known names and aliases win (case-insensitive, spaces and hyphens ignored, a trailing
    指数 / 板块 / index / sector tolerated), then listed companies' names ('Micron' -> 'MU');
    anything else that looks like a ticker passes through upper-cased, for the store to accept
    or reject. Raises UnknownSymbolError for the rest.
    """
    text = name.strip().removeprefix("$")
    key = _key(text)
    table = _alias_table()
    if key in table:
        return table[key]
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and key.removesuffix(suffix) in table:
            return table[key.removesuffix(suffix)]
    company = company_symbol(text)
    if company is not None:
        return company
    ticker = text.upper()
    if looks_like_ticker(ticker):
        return ticker
    raise UnknownSymbolError(
        f"unknown symbol {name!r}: not a known index, sector, ETF or company name, nor a ticker"
    )


def is_us(symbol: str) -> bool:
    """Is the symbol a US market's (every listed company and fund we name is)? Another market's
    index is not measured against the S&P 500 unless the question asks."""
    item = _BY_SYMBOL.get(symbol)
    return item is None or item.us


def has_earnings(symbol: str) -> bool:
    """Is the symbol valued on earnings (a P/E means something)? Not a commodity or bitcoin."""
    item = _BY_SYMBOL.get(symbol)
    return item is None or item.earnings


def change_unit(symbol: str) -> str:
    """How the symbol's level moves when it is a yield or a gauge: "bp" (^TNX), "pt" (^VIX);
    "" for a price, whose moves are returns."""
    item = _BY_SYMBOL.get(symbol)
    return item.change_unit if item is not None else ""


def looks_like_ticker(text: str) -> bool:
    """True for strings shaped like a Yahoo symbol: AAPL, ^GSPC, BRK-B, 0700.HK, EURUSD=X."""
    return bool(_TICKER.match(text)) and re.search(r"[A-Z]", text) is not None


def display_name(symbol: str, lang: str) -> str:
    """The symbol's name in 'zh' or 'en' (the symbol itself when we have no name for it); a
    company without a Chinese name keeps its English one."""
    item = _BY_SYMBOL.get(symbol)
    if item is None:
        return company_name(symbol, lang) or symbol
    return item.zh if lang.startswith("zh") else item.en


def known_symbols() -> list[str]:
    """Every symbol this table names, in table order."""
    return [item.symbol for item in INSTRUMENTS]


def _alias_pattern(alias: str) -> str:
    """Regex for one alias: flexible spaces and hyphens; word edges for Latin text."""
    parts = [re.escape(part) for part in re.split(r"[\s\-]+", alias)]
    body = r"[\s\-]*".join(parts)
    # Allow a space where Chinese meets a digit or Latin letter: "罗素 2000", "标普500 ETF".
    body = re.sub(r"(?<=[\u4e00-\u9fff])(?=[0-9A-Za-z\\])", r"\\s*", body)
    head = r"(?<![A-Za-z0-9])" if re.match(r"[A-Za-z0-9]", alias) else ""
    tail = r"(?![A-Za-z0-9])" if re.search(r"[A-Za-z0-9]$", alias) else ""
    return head + body + tail


@cache
def _text_matcher() -> tuple[re.Pattern[str], dict[str, str | None]]:
    """One alternation of every free-text alias, longest first so 纳斯达克100 beats 纳斯达克."""
    phrases: dict[str, str | None] = {
        alias: item.symbol for item in INSTRUMENTS for alias in (item.zh, *item.aliases)
    }
    phrases.update(dict.fromkeys(_STOP_PHRASES))
    targets = {_key(phrase): symbol for phrase, symbol in phrases.items()}
    ordered = sorted(phrases, key=lambda phrase: -len(_key(phrase)))
    pattern = re.compile("|".join(f"({_alias_pattern(a)})" for a in ordered), re.IGNORECASE)
    return pattern, targets


# Upper-case words that are tickers here (SPX, VIX, XLE...): never ordinary words.
_BARE_TICKERS: dict[str, str] = {
    **{item.symbol: item.symbol for item in INSTRUMENTS if not item.symbol.startswith("^")},
    **{item.symbol[1:]: item.symbol for item in INSTRUMENTS if item.symbol.startswith("^")},
    "SPX": "^GSPC", "NDX": "^NDX", "DJIA": "^DJI", "RUT": "^RUT", "VIX": "^VIX",
}  # fmt: skip
_UPPER_WORD = re.compile(r"(?<![A-Za-z0-9$^])[A-Z]{2,5}(?![A-Za-z0-9])")
_EXPLICIT = re.compile(r"\$([A-Za-z]{1,5}(?:\.[A-Za-z])?)(?![A-Za-z0-9])|(\^[A-Za-z0-9]{2,10})")


def find_symbols(
    text: str,
    known: Collection[str] = (),
    splits_a_word: Callable[[int, int], bool] | None = None,
    names: Iterable[tuple[str, str]] = (),
) -> list[str]:
    """Symbols mentioned in free zh/en text, in order of first appearance, without repeats.

    "罗素2000指数年初至今是否跑赢标普500?" -> ["^RUT", "^GSPC"]. Counted: listed names and
    aliases, company names, `$TICKER`, `^SYMBOL`, and upper-case words that are tickers in our
    table, company tickers that are no ordinary word ("AMAT", not "IT"), or tickers in `known`
    (e.g. the symbols in the price store, the tickers the library's articles carry). Plain
    English words never become tickers. `splits_a_word(start, end)`: whether a span begins or
    ends inside a longer word of the text (jieba's, which the caller knows); such a name is
    not counted. `names`: more company names, each with its symbol (those a library's articles
    give in Chinese: 贝莱德 for BLK), counted where they are whole words only.
    """
    spans: list[tuple[int, int, str | None]] = []
    pattern, targets = _text_matcher()
    for match in pattern.finditer(text):
        symbol = targets.get(_key(match.group(0)))
        if symbol is not None and splits_a_word is not None and splits_a_word(*match.span()):
            # 科技 in 生物科技: inside a longer name, a name names something else, and so
            # does a company's on the same words ("Nasdaq" of "Nasdaq Biotechnology Index")
            symbol = None
        spans.append((match.start(), match.end(), symbol))
    spans += find_companies(text)  # after the indices: on the same words, the index wins
    for name, symbol in names:
        for match in re.finditer(re.escape(name), text):
            if splits_a_word is None or not splits_a_word(*match.span()):
                spans.append((match.start(), match.end(), symbol))
    for match in _EXPLICIT.finditer(text):
        symbol = (match.group(1) or match.group(2)).upper()
        spans.append((match.start(), match.end(), _alias_table().get(_key(symbol), symbol)))
    bare = _bare_tickers(frozenset(known))
    for match in _UPPER_WORD.finditer(text):
        if match.group(0) in bare:
            spans.append((match.start(), match.end(), bare[match.group(0)]))
    return _ordered_symbols(spans)


@cache
def _bare_tickers(known: frozenset[str]) -> dict[str, str]:
    """Upper-case words that are tickers: ours, companies' that are no ordinary word, and the
    `known` ones (built once per set of known tickers: every question is read with it)."""
    extra = {s.upper() for s in known if not s.startswith("^") and not never_alone(s.upper())}
    return {ticker: ticker for ticker in alone_tickers() | extra} | _BARE_TICKERS


def _ordered_symbols(spans: list[tuple[int, int, str | None]]) -> list[str]:
    """Keep the leftmost-longest span where spans overlap; drop masked phrases and repeats."""
    found: list[str] = []
    taken_until = -1
    for start, end, symbol in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if start < taken_until:
            continue
        taken_until = end
        if symbol is not None and symbol not in found:
            found.append(symbol)
    return found
