"""How a writer names an index, a sector or a rate, and a period, in Chinese and English.

Names are the vocabulary's display names plus the aliases of `tools/symbols.py` written the way
people write them (cased, with "the", with 板块); a name is kept only when the vocabulary reads
it as that symbol and nothing else, so the corpus plants errors in what the reader can know.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from assistant.question.vocabulary import Vocabulary, default_vocabulary
from ingest.language import Language
from tools.instruments import SECTORS

GROUPS = {
    "index": ("^GSPC", "^RUT", "^IXIC", "^DJI"),
    "etf": ("SPY", "QQQ", "IWM", "DIA"),
    "sector": tuple(symbol for symbol, _, _ in SECTORS),
    "rate": ("^TNX",),
    "vix": ("^VIX",),
}

_ZH: dict[str, tuple[str, ...]] = {
    "^GSPC": ("标普500指数", "标普500", "标普", "标准普尔500"),
    "^RUT": ("罗素2000指数", "罗素2000"),
    "^IXIC": ("纳斯达克综合指数", "纳指", "纳斯达克", "纳斯达克指数"),
    "^DJI": ("道琼斯工业平均指数", "道指", "道琼斯指数"),
    "SPY": ("标普500 ETF", "SPY", "标普500 ETF（SPY）"),
    "QQQ": ("纳指100 ETF", "QQQ"),
    "IWM": ("罗素2000 ETF", "IWM", "罗素2000 ETF（IWM）"),
    "DIA": ("道指ETF", "DIA"),
    "^TNX": ("10年期美债收益率", "十年期美债收益率", "美债10年期收益率"),
    "^VIX": ("VIX恐慌指数", "恐慌指数", "VIX指数"),
}
_EN: dict[str, tuple[str, ...]] = {
    "^GSPC": ("the S&P 500", "the S&P", "S&P 500"),
    "^RUT": ("the Russell 2000", "Russell 2000", "the Russell 2000 index"),
    "^IXIC": ("the Nasdaq Composite", "the Nasdaq", "Nasdaq Composite"),
    "^DJI": ("the Dow Jones Industrial Average", "the Dow", "the Dow Jones", "the DJIA"),
    "SPY": ("SPY", "the SPDR S&P 500 ETF", "the SPDR S&P 500 ETF (SPY)"),
    "QQQ": ("QQQ", "the Invesco QQQ (Nasdaq 100 ETF)"),
    "IWM": ("IWM", "the iShares Russell 2000 ETF", "the iShares Russell 2000 ETF (IWM)"),
    "DIA": ("DIA", "the SPDR Dow Jones ETF"),
    "^TNX": ("the 10-year Treasury yield", "the US 10-year Treasury yield", "the 10-year yield"),
    "^VIX": ("the VIX", "VIX", "the VIX volatility index"),
}
_ZH_WEEKDAY = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def _sector_names(symbol: str, language: Language) -> tuple[str, ...]:
    _, en, zh = next(row for row in SECTORS if row[0] == symbol)
    if language == "zh":
        return (f"{zh}板块", f"{zh}股", f"{zh}板块（{symbol}）", symbol)
    lower = en.lower()
    return (f"the {lower} sector", en, symbol, f"the {en} sector ({symbol})")


def _reads_as(name: str, symbol: str, vocabulary: Vocabulary) -> bool:
    found = vocabulary.mentions(name)
    return bool(found) and all(s == symbol for _, _, s in found)


@cache
def names(symbol: str, language: Language) -> tuple[str, ...]:
    """The ways to name the symbol that the vocabulary reads as it (never empty)."""
    table = _ZH if language == "zh" else _EN
    written = table.get(symbol) or _sector_names(symbol, language)
    vocabulary = default_vocabulary()
    kept = tuple(n for n in written if _reads_as(n, symbol, vocabulary))
    return kept or (vocabulary.name(symbol, language),)


def group_of(symbol: str) -> str:
    return next(group for group, members in GROUPS.items() if symbol in members)


def period_words(period: str, language: Language, end: dt.date | None) -> tuple[str, ...]:
    """How a writer says the period (`end`: the period's last day, for "2026年以来", "周五")."""
    if period.isdigit():
        if language == "zh":
            return (f"{period}年全年", f"{period}年", f"在{period}年")
        return (f"in {period}", f"over {period}", f"for full-year {period}", f"during {period}")
    year = end.year if end else 2026
    day = end.weekday() if end else 4
    table: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
        "YTD": (
            ("年初至今", "今年以来", f"{year}年以来", "年内"),
            ("year to date", "so far this year", f"so far in {year}", "YTD",
             "since the start of the year"),
        ),
        "1M": (("近一个月", "过去一个月", "近1个月"),
               ("over the past month", "in the past month", "over the last month")),
        "3M": (("近三个月", "过去三个月", "近3个月"),
               ("over the past three months", "in the past 3 months",
                "over the last three months")),
        "1Y": (("过去一年", "近一年", "近12个月"),
               ("over the past year", "in the last 12 months", "over the past 12 months")),
        "1W": (("近一周", "过去一周", "本周"),
               ("over the past week", "this week", "over the last five sessions")),
        "1D": (("当日", _ZH_WEEKDAY[day], "最新交易日"),
               ("on the day", f"on {dt.date(2024, 1, 1 + day):%A}", "in the latest session")),
    }  # fmt: skip
    zh, en = table[period]
    return zh if language == "zh" else en
