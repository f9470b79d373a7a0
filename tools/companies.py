"""Listed companies a text names, in English and Chinese: "Applied Materials" is AMAT, 英伟达 NVDA.

The companies are tools/companies.tsv, the US index constituents (S&P 500, S&P 600, Nasdaq 100,
Dow) from the `pytickersymbols` package, and tools/listed.tsv, the other companies on a US
exchange from the SEC's list, both written by `tools.company_list`, which also decides which
names are safe in prose (see there). The files are read on first use and kept.

Chinese names come from two places. tools/chinese_names.tsv holds those CC-CEDICT gives
(百度, 网易, 通用汽车: `assistant.question.chinese_names` writes it). LARGEST, a short table kept
by hand for the largest companies only, holds the names Chinese financial media use that the
dictionary lacks, and the short English names people use for them that are ordinary words too
("Apple", "Oracle", "Google"), which the generated list leaves out on purpose; its Chinese names
win over the dictionary's. No maintained package maps tickers to Chinese names; a library's
Chinese articles name more companies, which the assistant learns from them
(`assistant.question.library_names`) and passes to `tools.symbols.find_symbols`. A Chinese
name is matched inside any text, so one that hides in common words is kept long (强生公司, not
强生, which is in 增强生产) or masked where it means something else (STOP_PHRASES).

Matching follows the file's marks: a name made of dictionary words counts only written as a
name (each word capitalised, or all in capitals: "Applied Materials", not "applied
materials"); a name with a word no dictionary has ("nvidia") counts in any case. Names are whole
words, hyphens and spaces interchangeable ("Coca Cola"), a possessive allowed ("Nvidia's").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("companies.tsv")
LISTED = Path(__file__).with_name("listed.tsv")  # after DATA: an index company keeps its names
# CC-CEDICT's Chinese names of companies (assistant.question.chinese_names writes it)
CHINESE = Path(__file__).with_name("chinese_names.tsv")


@dataclass(frozen=True)
class Largest:
    symbol: str
    zh: tuple[str, ...]  # Chinese names, the display name first
    en: tuple[str, ...] = ()  # short names that are ordinary words too: matched as names only
    name: str = ""  # English display name, for a company the generated list does not have


LARGEST: tuple[Largest, ...] = (
    Largest("NVDA", ("英伟达",)),
    # 苹果 alone is the company in market news (the fruit and its futures are masked below)
    Largest("AAPL", ("苹果公司", "苹果"), ("Apple",)),
    Largest("MSFT", ("微软",)),
    Largest("GOOGL", ("谷歌",), ("Google", "Alphabet")),
    Largest("AMZN", ("亚马逊",)),
    Largest("META", ("脸书",), ("Facebook",)),
    Largest("AVGO", ("博通",)),
    Largest("TSLA", ("特斯拉",)),
    Largest("BRK-B", ("伯克希尔哈撒韦", "伯克希尔·哈撒韦", "伯克希尔"), ("Berkshire",)),
    Largest("LLY", ("礼来",)),
    Largest("JPM", ("摩根大通", "小摩"), ("JPMorgan", "JP Morgan")),
    Largest("WMT", ("沃尔玛",)),
    Largest("V", ("维萨",), ("Visa",)),
    Largest("MA", ("万事达", "万事达卡")),
    Largest("ORCL", ("甲骨文",), ("Oracle",)),
    Largest("XOM", ("埃克森美孚",), ("Exxon",)),
    Largest("CVX", ("雪佛龙",)),
    Largest("NFLX", ("奈飞", "网飞")),
    Largest("COST", ("好市多", "开市客")),
    Largest("JNJ", ("强生公司",)),  # 强生 alone hides in 增强生产
    Largest("HD", ("家得宝",)),
    Largest("PG", ("宝洁",)),
    Largest("BAC", ("美国银行",), ("BofA",)),
    Largest("KO", ("可口可乐",)),
    Largest("PEP", ("百事公司",)),
    Largest("AMD", ("超威半导体",)),
    Largest("INTC", ("英特尔",), ("Intel",)),
    Largest("CSCO", ("思科",)),
    Largest("QCOM", ("高通公司", "高通")),
    Largest("TXN", ("德州仪器",)),
    Largest("AMAT", ("应用材料",)),
    Largest("MU", ("美光科技", "美光")),
    Largest("DIS", ("迪士尼",), ("Disney",)),
    Largest("MCD", ("麦当劳",)),
    Largest("NKE", ("耐克",)),
    Largest("SBUX", ("星巴克",)),
    Largest("PFE", ("辉瑞",)),
    Largest("BA", ("波音",)),
    Largest("GS", ("高盛",), ("Goldman",)),
    Largest("MS", ("摩根士丹利", "大摩")),
    Largest("C", ("花旗集团", "花旗银行", "花旗"), ("Citi",)),
    Largest("WFC", ("富国银行",)),
    Largest("UBER", ("优步",)),
    Largest("PDD", ("拼多多",)),
    Largest("TSM", ("台积电",), ("TSMC", "Taiwan Semiconductor"), "Taiwan Semiconductor (TSMC)"),
    Largest("BABA", ("阿里巴巴",), ("Alibaba",), "Alibaba Group"),
)

# Longer words that hold a Chinese company name and are not about it: masked.
STOP_PHRASES: tuple[str, ...] = (
    "亚马逊河", "亚马逊雨林", "亚马逊流域", "美国银行业", "美国银行股", "花旗参",
    "高通胀", "高通货", "高通过", "高通量",
    "苹果期货", "苹果主力", "苹果合约", "苹果价格", "苹果种植", "苹果产区", "苹果园", "苹果汁",
    "苹果树", "富士苹果",
)  # fmt: skip

# A Latin word: letters and digits, joined by an apostrophe, a dot or an ampersand (AT&T,
# Alarm.com, McDonald's, S&P); a lone "&" ("Johnson & Johnson") is a word too.
_TOKEN = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+(?:['’.&][0-9A-Za-z\u00c0-\u024f]+)*|&")
# What may stand between two words of one name: spaces, hyphens, dashes, an initial's dot.
_GAP = re.compile(r"[\s.\-‐‑–—!]*")
_POSSESSIVE = ("'s", "’s")

Alias = tuple[tuple[str, ...], bool, str]  # (words, any case?, symbol)


@dataclass
class Table:
    """The companies, indexed for matching."""

    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # symbol -> (en, zh)
    aliases: dict[str, list[str]] = field(default_factory=dict)  # symbol -> every name
    latin: dict[tuple[str, ...], list[Alias]] = field(default_factory=dict)  # by folded words
    chinese: dict[str, str | None] = field(default_factory=dict)  # name -> symbol (None: mask)
    alone: dict[str, bool] = field(default_factory=dict)  # ticker -> counts alone unaided
    longest: int = 1


def _words(name: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(name.replace("’", "'")))


def _add_latin(table: Table, alias: str, any_case: bool, symbol: str) -> None:
    """One name of a company, keyed by its folded words (read for every question: thousands of
    names, so one pass each)."""
    words = _words(alias)
    if not words:
        return
    key = _words(alias.casefold()) if alias.isascii() else tuple(w.casefold() for w in words)
    entries = table.latin.setdefault(key, [])
    if not entries or all(entry[2] != symbol for entry in entries):
        entries.append((words, any_case, symbol))
        table.aliases.setdefault(symbol, []).append(alias)
    if len(words) > table.longest:
        table.longest = len(words)


@cache
def table() -> Table:
    """The companies from DATA, LISTED and LARGEST, read once."""
    found = Table()
    lines = [*DATA.read_text("utf-8").splitlines(), *LISTED.read_text("utf-8").splitlines()]
    for line in lines:
        if not line or line.startswith("#"):
            continue
        symbol, name, aliases, alone = line.split("\t")
        found.names[symbol] = (name, "")
        for alias in filter(None, aliases.split("|")):
            _add_latin(found, alias.removeprefix("~"), alias.startswith("~"), symbol)
        if alone != "-":
            found.alone[symbol] = alone == "1"
    for item in LARGEST:
        en = found.names.get(item.symbol, (item.name or item.symbol, ""))[0]
        found.names[item.symbol] = (en, item.zh[0])
        for alias in item.en:
            _add_latin(found, alias, False, item.symbol)
        _add_chinese(found, item.zh, item.symbol)
    for line in CHINESE.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            symbol, names, _ = line.split("\t")
            if symbol in found.names:  # listed still
                _add_chinese(found, tuple(names.split("|")), symbol)
    found.chinese.update(dict.fromkeys(STOP_PHRASES))
    return found


def _add_chinese(table: Table, names: tuple[str, ...], symbol: str) -> None:
    """A company's Chinese names, the first its display name."""
    en = table.names[symbol][0]
    table.names[symbol] = (en, names[0])
    table.chinese.update(dict.fromkeys(names, symbol))
    table.aliases.setdefault(symbol, []).extend(names)


def _written_as_name(text_words: tuple[str, ...], alias_words: tuple[str, ...]) -> bool:
    """Every word the name capitalises has a capital in the text too ("Applied Materials",
    "APPLIED MATERIALS", "eBay"), so "applied materials" in prose is not a company."""
    return all(
        word.islower() or not word[:1].isalpha() or not seen.islower()
        for seen, word in zip(text_words, alias_words, strict=True)
    )


def _lookup(table: Table, words: tuple[str, ...]) -> str | None:
    for alias_words, any_case, symbol in table.latin.get(tuple(w.casefold() for w in words), ()):
        if any_case or _written_as_name(words, alias_words):
            return symbol
    return None


def _latin_spans(text: str, found: Table) -> list[tuple[int, int, str | None]]:
    tokens = list(_TOKEN.finditer(text))
    spans: list[tuple[int, int, str | None]] = []
    start = 0
    while start < len(tokens):
        match = _longest_at(text, tokens, start, found)
        if match is None:
            start += 1
            continue
        end, symbol, stop = match
        spans.append((tokens[start].start(), stop, symbol))
        start = end
    return spans


def _longest_at(
    text: str, tokens: list[re.Match[str]], start: int, found: Table
) -> tuple[int, str, int] | None:
    """The longest name starting at token `start`: (next token, symbol, end offset)."""
    end = start + 1
    while end < len(tokens) and end - start < found.longest:
        gap = text[tokens[end - 1].end() : tokens[end].start()]
        if not _GAP.fullmatch(gap):
            break
        end += 1
    for stop in range(end, start, -1):
        words = tuple(t.group(0).replace("’", "'") for t in tokens[start:stop])
        symbol, cut = _lookup(found, words), 0
        if symbol is None and words[-1].endswith(_POSSESSIVE):
            symbol, cut = _lookup(found, (*words[:-1], words[-1][:-2])), 2
        if symbol is not None:
            # the name ends before its "'s": "the Nasdaq's worst day" has the index's words,
            # which win over a company's on the same words
            return stop, symbol, tokens[stop - 1].end() - cut
    return None


@cache
def _chinese_pattern() -> re.Pattern[str]:
    names = sorted(table().chinese, key=len, reverse=True)
    return re.compile("|".join(re.escape(name) for name in names))


def find_companies(text: str) -> list[tuple[int, int, str | None]]:
    """Company names in the text as (start, end, symbol); None marks a masked phrase (亚马逊河).
    Spans may overlap: the caller keeps the leftmost-longest."""
    found = table()
    spans = _latin_spans(text, found)
    spans += [
        (m.start(), m.end(), found.chinese[m.group(0)]) for m in _chinese_pattern().finditer(text)
    ]
    return spans


def company_symbol(name: str) -> str | None:
    """The company a whole name means, in any case ("micron technology" -> MU), or None."""
    found = table()
    text = name.strip()
    if text in found.chinese:
        return found.chinese[text]
    entries = found.latin.get(tuple(w.casefold() for w in _words(text)), [])
    return entries[0][2] if entries else None


def company_name(symbol: str, language: str) -> str | None:
    """The company's name in 'zh' (when we have one) or 'en'; None for a symbol not listed."""
    names = table().names.get(symbol)
    if names is None:
        return None
    en, zh = names
    return zh if language.startswith("zh") and zh else en


def company_aliases(symbol: str) -> tuple[str, ...]:
    """Every name of the company we match in text ("Goldman", "Goldman Sachs", 高盛); none for
    a symbol not listed."""
    return tuple(table().aliases.get(symbol, ()))


@cache
def alone_tickers() -> frozenset[str]:
    """Company tickers that count written alone in capitals ("AMAT"): no everyday word, no
    acronym, three letters or more. Two-letter ones ("MU") count when the library has them."""
    return frozenset(symbol for symbol, safe in table().alone.items() if safe)


def never_alone(symbol: str) -> bool:
    """A company ticker that is an everyday word or an acronym (IT, ALL, EPS): never alone."""
    return symbol in table().names and symbol not in table().alone
