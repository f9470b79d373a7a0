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
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache

from tools.companies import alone_tickers, company_name, company_symbol, find_companies, never_alone
from tools.errors import UnknownSymbolError


@dataclass(frozen=True)
class Instrument:
    symbol: str
    en: str
    zh: str
    aliases: tuple[str, ...] = ()  # found in free text and resolved
    resolve_only: tuple[str, ...] = ()  # resolved as a whole name, too ambiguous in prose
    us: bool = True  # a US market's: measured against the S&P 500 unless another is asked
    earnings: bool = True  # valued on earnings (P/E): stocks, indices, sectors; not gold or oil


def _commodity(symbol: str, en: str, zh: str, aliases: tuple[str, ...]) -> Instrument:
    """A commodity (or bitcoin): no market's index, and no earnings to value."""
    return Instrument(symbol, en, zh, aliases, (), us=False, earnings=False)


# The 11 SPDR sector ETFs: (symbol, English name, Chinese name).
SECTORS: tuple[tuple[str, str, str], ...] = (
    ("XLE", "Energy", "能源"),
    ("XLB", "Materials", "原材料"),
    ("XLI", "Industrials", "工业"),
    ("XLK", "Technology", "科技"),
    ("XLF", "Financials", "金融"),
    ("XLV", "Health Care", "医疗保健"),
    ("XLP", "Consumer Staples", "必需消费品"),
    ("XLY", "Consumer Discretionary", "可选消费"),
    ("XLU", "Utilities", "公用事业"),
    ("XLRE", "Real Estate", "房地产"),
    ("XLC", "Communication Services", "通信服务"),
)

_SECTOR_ALIASES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "XLE": (
        ("能源", "能源板块", "能源股", "石油股", "油气股", "energy", "energy sector", "oil stocks"),
        (),
    ),
    "XLB": (("原材料", "原材料板块", "materials", "materials sector"), ("材料", "basic materials")),
    "XLI": (("工业", "工业板块", "工业股", "industrials", "industrial sector"), ()),
    "XLK": (
        (
            "科技",
            "科技板块",
            "科技股",
            "信息技术",
            "technology",
            "tech",
            "tech sector",
            "information technology",
        ),
        ("it",),
    ),
    # Readers ask about bank stocks where the index says financials; not "banks" alone, which
    # are as often central banks ("Why are central banks buying gold?").
    "XLF": (
        (
            "金融",
            "金融板块",
            "金融股",
            "银行股",
            "银行板块",
            "financials",
            "financial sector",
            "financial stocks",
            "bank stocks",
            "bank shares",
        ),
        ("finance",),
    ),
    "XLV": (("医疗保健", "医疗", "医疗板块", "医疗股", "health care", "healthcare"), ()),
    "XLP": (("必需消费品", "必需消费", "日常消费", "consumer staples"), ("staples",)),
    "XLY": (
        ("可选消费", "可选消费品", "非必需消费品", "consumer discretionary"),
        ("discretionary",),
    ),
    "XLU": (("公用事业", "公用事业板块", "utilities", "utilities sector"), ()),
    "XLRE": (("房地产", "房地产板块", "地产股", "real estate", "real estate sector", "reits"), ()),
    "XLC": (
        ("通信服务", "通讯服务", "通信服务板块", "communication services", "communications"),
        ("通信", "通讯"),
    ),
}

INSTRUMENTS: tuple[Instrument, ...] = (
    Instrument("^GSPC", "S&P 500", "标普500指数",
               ("标普500", "标普500指数", "标准普尔500", "标普", "s&p 500", "s&p", "sp500", "spx"),
               ("gspc",)),
    Instrument("^IXIC", "Nasdaq Composite", "纳斯达克综合指数",
               ("纳斯达克", "纳斯达克综合指数", "纳斯达克指数", "纳指", "nasdaq",
                "nasdaq composite"),
               ("ixic", "comp")),
    Instrument("^NDX", "Nasdaq 100", "纳斯达克100指数",
               ("纳斯达克100", "纳斯达克100指数", "纳指100", "nasdaq 100", "ndx"), ()),
    Instrument("^DJI", "Dow Jones Industrial Average", "道琼斯工业平均指数",
               ("道琼斯", "道琼斯指数", "道琼斯工业平均指数", "道指", "dow", "dow jones", "djia"),
               ("dji",)),
    Instrument("^RUT", "Russell 2000", "罗素2000指数",
               ("罗素2000", "罗素2000指数", "russell 2000", "r2k"), ("rut", "small caps")),
    # Named so that "标普小盘600" and "S&P MidCap 400" are not read as "标普" / "S&P" (the 500).
    Instrument("^SP600", "S&P SmallCap 600", "标普小盘600指数",
               ("标普小盘600", "标普小盘600指数", "标普600", "s&p smallcap 600",
                "s&p small cap 600", "s&p 600"), ("sp600",)),
    Instrument("^SP400", "S&P MidCap 400", "标普中盘400指数",
               ("标普中盘400", "标普中盘400指数", "标普400", "s&p midcap 400", "s&p mid cap 400",
                "s&p 400"), ("sp400",)),
    Instrument("^VIX", "VIX volatility index", "VIX恐慌指数",
               ("恐慌指数", "波动率指数", "vix", "volatility index"), ()),
    Instrument("^TNX", "US 10-year Treasury yield", "10年期美债收益率",
               ("10年期美债收益率", "10年期美债", "十年期美债", "美债10年期", "10-year yield",
                "10-year treasury", "10y yield", "us10y"),
               ("tnx",)),
    Instrument("^FVX", "US 5-year Treasury yield", "5年期美债收益率",
               ("5年期美债收益率", "5年期美债", "五年期美债", "5-year yield", "5-year treasury"),
               ("fvx",)),
    Instrument("^IRX", "US 13-week Treasury bill yield", "3个月期美债收益率",
               ("3个月期美债", "3个月美债", "三个月美债", "13周美债", "3-month yield",
                "3-month t-bill", "13-week t-bill"),
               ("irx",)),
    Instrument("^TYX", "US 30-year Treasury yield", "30年期美债收益率",
               ("30年期美债收益率", "30年期美债", "三十年期美债", "30-year yield",
                "30-year treasury"),
               ("tyx",)),
    # Other markets' main indices, so a question about them reads as one (and a Chinese
    # sentence saying 创业板指 says an English question's "ChiNext"); Yahoo serves them all.
    # A bare 恒生 or "Hang Seng" is also a bank, so only the index's own names count.
    Instrument("000001.SS", "Shanghai Composite", "上证综合指数",
               ("上证综指", "上证综合指数", "上证指数", "沪指", "shanghai composite",
                "sse composite"), (), us=False),
    Instrument("399001.SZ", "Shenzhen Component", "深证成份指数",
               ("深证成指", "深成指", "深证成份指数", "shenzhen component"), (), us=False),
    Instrument("399006.SZ", "ChiNext Index", "创业板指数",
               ("创业板指", "创业板指数", "创业板", "chinext", "chinext index"), (), us=False),
    Instrument("000688.SS", "STAR 50", "科创50指数", ("科创50", "科创50指数", "star 50"), (),
               us=False),
    Instrument("000300.SS", "CSI 300", "沪深300指数", ("沪深300", "沪深300指数", "csi 300"), (),
               us=False),
    Instrument("^HSI", "Hang Seng Index", "恒生指数", ("恒生指数", "恒指", "hang seng index"), (),
               us=False),
    Instrument("HSTECH.HK", "Hang Seng Tech Index", "恒生科技指数",
               ("恒生科技指数", "恒生科技", "恒科指", "hang seng tech"), (), us=False),
    Instrument("^N225", "Nikkei 225", "日经225指数",
               ("日经225", "日经225指数", "日经指数", "nikkei 225", "nikkei"), (), us=False),
    Instrument("^KS11", "KOSPI", "韩国综合股价指数",
               ("韩国综合股价指数", "韩国综合指数", "kospi"), (), us=False),
    Instrument("^FTSE", "FTSE 100", "富时100指数", ("富时100", "富时100指数", "ftse 100"), (),
               us=False),
    # The DAX had 30 members until 2021, and news still writes "DAX 30" for it.
    Instrument("^GDAXI", "DAX", "德国DAX指数",
               ("德国dax指数", "德国dax", "dax", "德国dax30", "德国dax 30", "dax 30", "dax30"), (),
               us=False),
    # Commodities and bitcoin, as Yahoo serves them (front-month futures: GC=F is COMEX gold;
    # bitcoin in dollars), so "黄金今年涨了多少" is measured, or said to be missing from the
    # price store. Oil without a grade is WTI, the US benchmark Yahoo calls crude oil; Brent
    # only when it is named.
    _commodity("GC=F", "Gold", "黄金", ("黄金", "金价", "现货黄金", "国际金价", "gold",
                                      "gold price", "gold prices", "comex gold")),
    _commodity("SI=F", "Silver", "白银", ("白银", "银价", "现货白银", "silver", "silver price",
                                        "silver prices")),
    _commodity("CL=F", "WTI crude oil", "WTI原油", ("wti原油", "美油", "原油", "油价", "国际油价",
                                                "wti", "wti crude", "crude oil", "oil price",
                                                "oil prices")),
    _commodity("BZ=F", "Brent crude oil", "布伦特原油", ("布伦特原油", "布油", "布伦特", "brent",
                                                   "brent crude")),
    _commodity("NG=F", "Natural gas", "天然气", ("天然气", "natural gas")),
    _commodity("HG=F", "Copper", "铜", ("铜价", "copper")),
    _commodity("BTC-USD", "Bitcoin", "比特币", ("比特币", "bitcoin", "btc")),
    Instrument("SPY", "SPDR S&P 500 ETF", "标普500 ETF", ("标普500etf",), ()),
    Instrument("QQQ", "Invesco QQQ (Nasdaq 100 ETF)", "纳指100 ETF", ("纳指100etf",), ()),
    Instrument("IWM", "iShares Russell 2000 ETF", "罗素2000 ETF", ("罗素2000etf",), ()),
    Instrument("DIA", "SPDR Dow Jones ETF", "道指ETF", ("道指etf",), ()),
    Instrument("HYG", "iShares High Yield Corporate Bond ETF", "高收益公司债ETF",
               ("高收益债", "高收益公司债", "high-yield bonds", "junk bonds"), ()),
    Instrument("LQD", "iShares Investment Grade Corporate Bond ETF", "投资级公司债ETF",
               ("投资级债", "投资级公司债", "investment-grade bonds"), ()),
    Instrument("TLT", "iShares 20+ Year Treasury Bond ETF", "20年以上美债ETF",
               ("长期美债", "long-term treasuries"), ()),
    *(
        Instrument(symbol, en, zh, _SECTOR_ALIASES[symbol][0], _SECTOR_ALIASES[symbol][1])
        for symbol, en, zh in SECTORS
    ),
)  # fmt: skip

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
) -> list[str]:
    """Symbols mentioned in free zh/en text, in order of first appearance, without repeats.

    "罗素2000指数年初至今是否跑赢标普500?" -> ["^RUT", "^GSPC"]. Counted: listed names and
    aliases, company names, `$TICKER`, `^SYMBOL`, and upper-case words that are tickers in our
    table, company tickers that are no ordinary word ("AMAT", not "IT"), or tickers in `known`
    (e.g. the symbols in the price store, the tickers the library's articles carry). Plain
    English words never become tickers. `splits_a_word(start, end)`: whether a span begins or
    ends inside a longer word of the text (jieba's, which the caller knows); such a name is
    not counted.
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
