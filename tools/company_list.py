"""Writes tools/companies.tsv, the listed companies a question can name, from pytickersymbols.

A developer's tool, not a runtime one: `python -m tools.company_list` rebuilds the file after
`pytickersymbols` (the US index constituents: S&P 500, S&P 600, S&P 100, Nasdaq 100, Dow) is
upgraded; a unit test fails when the file and the installed package disagree. The answer path
only reads the small file (`tools.companies`): importing the package costs up to half a second.

Each company gets the names people write for it: the listed name, the name without its legal
form ("Apple Inc." -> "Apple"), without a descriptor ("Micron Technology" -> "Micron") and
CamelCase split ("FirstEnergy" -> "First Energy"). Ordinary words must not become tickers, so an
English word list with frequencies (`pyspellchecker`, also a developer's tool) decides:
- a one-word name that is an everyday word (Target, Block, Pool, Apple) is dropped; the full
  name ("Target Corporation") still counts, and `tools.companies.LARGEST` adds back the short
  names of the largest companies people do use that way ("Apple");
- a name made only of dictionary words ("Applied Materials", "Meta") counts only written as it
  is spelled (capitalised, or all capitals); a name with a word no dictionary has ("Nvidia")
  counts in any case (marked "~");
- an upper-case ticker alone ("AMAT") counts unless it is an everyday word or a finance acronym
  (IT, ON, ALL, NOW, EPS); two letters ("MU") count only when the library's articles carry it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).with_name("companies.tsv")
INDICES = ("S&P 500", "S&P 100", "NASDAQ 100", "DOW JONES", "S&P 600")
# Subtitle-corpus frequency from which a word is everyday: for a one-word name ("micron" 118,
# "intel" 15,297), and for a ticker alone ("mu" 1,049, "ba" 4,783).
EVERYDAY = 1_000
EVERYDAY_TICKER = 2_000
# A one-word name made by cutting a longer one ("Williams Companies" -> "Williams") is more
# often the surname or the word: it must be rarer ("meta" 686 stays, "williams" 841 goes).
EVERYDAY_SHORTENED = 700
# The small caps' one-word names are mostly surnames and places (Powell, Hawkins, Lindsay):
# a company only in these indices needs its longer name unless the short one is no word at all.
SMALL_CAPS = frozenset({"S&P 600"})
# Upper-case words of market prose that are also a company's ticker or name (ADP and CME are
# read as the jobs report and FedWatch, MSCI as an index family).
ACRONYMS = frozenset({
    "ADP", "AI", "API", "ATH", "AUM", "CCI", "CEO", "CFO", "CME", "COO", "CPI", "CTO", "DEA",
    "EMA", "EPS", "ESG", "ETF", "EU", "EV", "FCF", "FED", "FOMC", "GDP", "IMF", "IPO", "ISM",
    "MA", "MACD", "MSCI", "MYR", "NAV", "OPEC", "OTC", "PCE", "PDF", "PE", "PMI", "PPI", "PSA",
    "REIT", "ROE", "ROI", "RSI", "SEC", "SMA", "TTM", "UK", "US", "USA", "USB", "USD", "WWW",
    "YOY", "YTD",
})  # fmt: skip
# Companies pytickersymbols lists under another company's name (1.17.10: Apollo Global
# Management as Apollo Commercial Real Estate Finance, ARI's). Two tickers sharing one name that
# are not share classes of one company (GOOG, GOOGL) are such an error: a test looks for them.
MISNAMED = {"AIZ": "Assurant", "APO": "Apollo Global Management", "MHK": "Mohawk Industries"}
# Words in company names that name no company on their own ("The Bancorp").
GENERIC = frozenset({"bancorp", "bancshares", "financial", "holdings", "group", "trust"})

_LEGAL = re.compile(
    r"(?:,?\s+(?:(?:and|&)\s+)?(?:Inc|Incorporated|Corp|Corporation|Co|Company|Companies|Ltd"
    r"|Limited|plc|PLC|N\.V|S\.A|L\.P|LP|SE|AG)\.?|\s+Class [A-C])+$"
)
_DESCRIPTOR = re.compile(
    r"\s+(?:Technology|Technologies|Systems|Platforms|Networks|Solutions|Holdings|Holding|Group"
    r"|Enterprises|Industries|International|Worldwide|Brands)$"
)
_WORD = re.compile(r"[A-Za-z]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


@dataclass
class Company:
    symbol: str
    name: str
    indices: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    listed: set[str] = field(default_factory=set)  # the names as listed, cleaned


def yahoo_symbol(ticker: str) -> str:
    """The price store's spelling of a US ticker: BRK.B -> BRK-B."""
    return ticker.strip().upper().replace(".", "-")


def clean(name: str) -> str:
    """A listed name as prose: no "The", no parenthesis, no "!", single spaces."""
    name = re.sub(r"\s*\([^)]*\)", "", name).replace("!", "")
    name = re.sub(r"^The\s+", "", name.strip())
    return re.sub(r"\s+", " ", name).strip(" ,")


def short_name(name: str) -> str:
    """The listed name without its legal form: "Tesla, Inc." -> "Tesla" (the display name)."""
    return _LEGAL.sub("", clean(name)).strip(" ,") or clean(name)


def variants(name: str) -> set[str]:
    """The names people write for a listed name (see the module's docstring)."""
    full = clean(name).replace(",", "")
    short = short_name(name)
    found = {full, short}
    found.add(_DESCRIPTOR.sub("", short))
    for each in list(found):
        split = _CAMEL.sub(" ", each)
        if split != each and all(len(part) >= 3 for part in split.split()):
            found.add(split)
    return {n for n in found if n}


def load_companies(source: Any = None) -> list[Company]:
    """The constituents of INDICES, one per Yahoo symbol, first listed name as its name."""
    if source is None:
        from pytickersymbols import PyTickerSymbols

        source = PyTickerSymbols()
    companies: dict[str, Company] = {}
    for index in INDICES:
        for stock in source.get_stocks_by_index(index):
            ticker = stock.get("symbol")
            if not ticker:
                continue
            symbol = yahoo_symbol(ticker)
            name = MISNAMED.get(symbol, stock["name"])
            company = companies.setdefault(symbol, Company(symbol, short_name(name)))
            company.indices.add(index)
            company.names |= variants(name)
            company.listed.add(clean(name))
    return sorted(companies.values(), key=lambda c: c.symbol)


class Lexicon:
    """English word frequencies (pyspellchecker's list; words it lacks have 0)."""

    def __init__(self, frequencies: Any = None) -> None:
        if frequencies is None:
            from spellchecker import SpellChecker

            frequencies = SpellChecker(language="en").word_frequency
        self.frequencies = frequencies

    def frequency(self, word: str) -> int:
        return int(self.frequencies[word.lower()]) if word.lower() in self.frequencies else 0

    def everyday(self, word: str) -> bool:
        return self.frequency(word) >= EVERYDAY


def alias_entry(
    alias: str, lexicon: Lexicon, small_cap: bool = False, shortened: bool = False
) -> str | None:
    """The alias as stored ("~" first when any case will do), or None when it must not count.
    `shortened`: the alias was cut from a longer listed name."""
    words = _WORD.findall(alias)
    compact = re.sub(r"[^0-9A-Za-z]", "", alias)
    if len(compact) < 3 or (any(c.isdigit() for c in compact) and len(compact) <= 3):
        return None  # "HP", "3M", "Q2": initials and period names, not names in prose
    distinctive = any(
        len(w) >= 3 and lexicon.frequency(w) == 0 and w.lower() not in GENERIC for w in words
    )
    if " " not in alias and (
        lexicon.everyday(alias)
        or (shortened and lexicon.frequency(alias) >= EVERYDAY_SHORTENED)
        or alias.lower() in GENERIC
        or alias.upper() in ACRONYMS
        or (small_cap and not distinctive)
    ):
        return None
    return ("~" + alias) if distinctive and not alias.isupper() else alias


def bare_ticker(symbol: str, lexicon: Lexicon) -> str:
    """May the ticker, written alone in capitals, name the company? "1": yes; "0": only when the
    library's articles carry it (two letters are too often an abbreviation: PM, IP, OI, TR);
    "-": never (an everyday word or a finance acronym: IT, ON, ALL, NOW, EPS)."""
    if not symbol.isalpha() or symbol in ACRONYMS or lexicon.frequency(symbol) >= EVERYDAY_TICKER:
        return "-"
    return "1" if 3 <= len(symbol) <= 5 else "0"


def assign(companies: Iterable[Company], lexicon: Lexicon) -> Iterator[tuple[str, ...]]:
    """TSV rows; a name two companies share (GOOG, GOOGL) goes to the one in more indices,
    then to the longer ticker (the class A line: GOOGL, FOXA, NWSA)."""
    ranked = sorted(companies, key=lambda c: (-len(c.indices), -len(c.symbol), c.symbol))
    owner: dict[str, str] = {}
    for company in ranked:
        for name in company.names:
            owner.setdefault(name.casefold(), company.symbol)
    for company in sorted(ranked, key=lambda c: c.symbol):
        small_cap = company.indices <= SMALL_CAPS
        entries = sorted(
            entry
            for name in company.names
            if owner[name.casefold()] == company.symbol
            and (entry := alias_entry(name, lexicon, small_cap, name not in company.listed))
            is not None
        )
        yield company.symbol, company.name, "|".join(entries), bare_ticker(company.symbol, lexicon)


def render(rows: Iterable[tuple[str, ...]], version: str) -> str:
    header = (
        f"# Generated by `python -m tools.company_list` from pytickersymbols {version} "
        f"({', '.join(INDICES)}); do not edit.\n"
        "# symbol\tname\taliases (| between; ~ = any case, else as written)"
        "\tticker alone (1 counts, 0 if the library has it, - never)\n"
    )
    return header + "".join("\t".join(row) + "\n" for row in rows)


def build() -> str:
    from importlib.metadata import version

    return render(assign(load_companies(), Lexicon()), version("pytickersymbols"))


if __name__ == "__main__":
    OUTPUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUTPUT}")
