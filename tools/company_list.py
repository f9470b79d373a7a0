"""Writes the listed companies a question can name: tools/companies.tsv, the US index
constituents, from pytickersymbols, and tools/listed.tsv, every other company listed on a US
exchange, from the SEC's list of tickers.

Developer's tools, not runtime ones. `python -m tools.company_list` rebuilds companies.tsv after
`pytickersymbols` (S&P 500, S&P 600, S&P 100, Nasdaq 100, Dow) is upgraded; a unit test fails
when the file and the installed package disagree. `python -m tools.company_list --listed [FILE]`
rebuilds listed.tsv from the SEC's company_tickers_exchange.json (public domain; downloaded
when no FILE is given), which names what no index holds: GameStop, Roku, Reddit, CoreWeave. The
answer path only reads the small files (`tools.companies`): importing the package costs up to
half a second.

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
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).with_name("companies.tsv")
LISTED_OUTPUT = Path(__file__).with_name("listed.tsv")
SEC_LISTING = "https://www.sec.gov/files/company_tickers_exchange.json"
# The SEC asks automated clients to say who they are.
SEC_USER_AGENT = "marketbrief company list (https://github.com/marketbrief/marketbrief)"
EXCHANGES = frozenset({"Nasdaq", "NYSE", "CBOE"})  # not OTC: foreign lines and shells
MAX_SHARE_CLASSES = 2  # GOOG and GOOGL
# Listings that are no operating company: funds, trusts of one asset, blank-cheque companies.
_NOT_A_COMPANY = re.compile(
    r"\b(?:ETF|ETN|ETP|FUNDS?|ISHARES|SPDR|PROSHARES|DIREXION|ACQUISITION|SERIES \d+)\b", re.I
)
# A plain common share's ticker: warrants, units and rights add a fifth letter W, U, R (or Z).
_COMMON_SHARE = re.compile(r"[A-Z]{1,4}|[A-Z]{4}[A-QST-VXY]")
# The SEC's names end in a filer's state or a form ("MICRON TECHNOLOGY INC /DE", "/ADR").
_FILER_SUFFIX = re.compile(r"\s*[/\\].*$")
_LEGAL_FORMS = frozenset({"INC", "CO", "LTD"})  # capitals a short acronym keeps, these do not
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
# A company in no index above, only listed (listed.tsv): judged as the small caps are, and its
# ticker counts alone only where the library's articles carry it.
LISTED = "listed"
# Upper-case words of market prose that are also a company's ticker or name (ADP and CME are
# read as the jobs report and FedWatch, MSCI as an index family, SPX as the S&P 500, CSP as a
# cloud service provider, DeFi, NFT and Tron as crypto, PACs as political action committees).
ACRONYMS = frozenset({
    "ADP", "AI", "API", "ATH", "AUM", "CCI", "CEO", "CFO", "CME", "COO", "CPI", "CSP", "CTO",
    "DEA", "DEFI", "EMA", "EPS", "ESG", "ETF", "EU", "EV", "FCF", "FED", "FOMC", "GDP", "IMF",
    "IPO", "ISM", "MA", "MACD", "MSCI", "MYR", "NAV", "NFT", "OPEC", "OTC", "PACS", "PCE", "PDF",
    "PE", "PMI", "PPI", "PSA", "REIT", "ROE", "ROI", "RSI", "SEC", "SMA", "SPX", "TRON", "TTM",
    "UK", "US", "USA", "USB", "USD", "WWW", "YOY", "YTD",
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
    rank: int = 0  # a listed-only company's place in the SEC's list (largest first)


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
    alias: str,
    lexicon: Lexicon,
    small_cap: bool = False,
    shortened: bool = False,
    listed_only: bool = False,
) -> str | None:
    """The alias as stored ("~" first when any case will do), or None when it must not count.
    `shortened`: the alias was cut from a longer listed name. `listed_only`: the company is in
    no index (listed.tsv), one of thousands, so a name of dictionary words only counts with its
    legal form ("Quantum Computing Inc"), which no headline's title case writes by chance, and
    a name of more than one word only as spelled ("hyperscale data" is no Hyperscale Data)."""
    words = _WORD.findall(alias)
    compact = re.sub(r"[^0-9A-Za-z]", "", alias)
    if len(compact) < 3 or (any(c.isdigit() for c in compact) and len(compact) <= 3):
        return None  # "HP", "3M", "Q2": initials and period names, not names in prose
    distinctive = any(
        len(w) >= 3 and lexicon.frequency(w) == 0 and w.lower() not in GENERIC for w in words
    )
    if listed_only and " " in alias and not distinctive and short_name(alias) == alias:
        return None  # "Quantum Computing", "Turning Point": a headline's words, not a company
    if " " not in alias and (
        lexicon.everyday(alias)
        or (shortened and lexicon.frequency(alias) >= EVERYDAY_SHORTENED)
        or alias.lower() in GENERIC
        or alias.upper() in ACRONYMS
        or (small_cap and not distinctive)
    ):
        return None
    any_case = distinctive and not alias.isupper() and not (listed_only and " " in alias)
    return ("~" + alias) if any_case else alias


def bare_ticker(symbol: str, lexicon: Lexicon) -> str:
    """May the ticker, written alone in capitals, name the company? "1": yes; "0": only when the
    library's articles carry it (two letters are too often an abbreviation: PM, IP, OI, TR);
    "-": never (an everyday word or a finance acronym: IT, ON, ALL, NOW, EPS)."""
    if not symbol.isalpha() or symbol in ACRONYMS or lexicon.frequency(symbol) >= EVERYDAY_TICKER:
        return "-"
    return "1" if 3 <= len(symbol) <= 5 else "0"


def assign(companies: Iterable[Company], lexicon: Lexicon) -> Iterator[tuple[str, ...]]:
    """TSV rows; a name two companies share (GOOG, GOOGL) goes to the one in more indices,
    then to the larger listed-only company ("Banco Santander": SAN, not Santander Brasil),
    then to the longer ticker (the class A line: GOOGL, FOXA, NWSA)."""
    ranked = sorted(companies, key=lambda c: (-len(c.indices), c.rank, -len(c.symbol), c.symbol))
    owner: dict[str, str] = {}
    for company in ranked:
        for name in company.names:
            owner.setdefault(name.casefold(), company.symbol)
    for company in sorted(ranked, key=lambda c: c.symbol):
        small_cap = company.indices <= SMALL_CAPS | {LISTED}
        listed_only = company.indices == {LISTED}
        entries = sorted(
            entry
            for name in company.names
            if owner[name.casefold()] == company.symbol
            and not (listed_only and name.isupper() and _descriptor_cut(name, company))
            and (
                entry := alias_entry(
                    name, lexicon, small_cap, name not in company.listed, listed_only
                )
            )
            is not None
        )
        alone = bare_ticker(company.symbol, lexicon)
        if company.indices == {LISTED} and alone == "1":
            alone = "0"
        yield company.symbol, company.name, "|".join(entries), alone


def _descriptor_cut(name: str, company: Company) -> bool:
    """Is the name cut from a listed one past its legal form ("AMC" of "AMC Networks")? Of a
    company in no index, such a name in capitals is as likely another's ("AMC" is the cinemas)."""
    return name not in company.listed | {short_name(listed) for listed in company.listed}


def render(rows: Iterable[tuple[str, ...]], version: str) -> str:
    source = f"from pytickersymbols {version} ({', '.join(INDICES)})"
    return _table(rows, f"# Generated by `python -m tools.company_list` {source}; do not edit.")


def _table(rows: Iterable[tuple[str, ...]], generated: str) -> str:
    """A TSV file: the line saying how it was made, the columns, the rows."""
    header = (
        f"{generated}\n# symbol\tname\taliases (| between; ~ = any case, else as written)"
        "\tticker alone (1 counts, 0 if the library has it, - never)\n"
    )
    return header + "".join("\t".join(row) + "\n" for row in rows)


def build() -> str:
    from importlib.metadata import version

    return render(assign(load_companies(), Lexicon()), version("pytickersymbols"))


def prose_case(name: str, lexicon: Lexicon) -> str:
    """A name the SEC writes in capitals as prose writes it: "BLUE OWL CAPITAL" -> "Blue Owl
    Capital"; a short word that is no everyday word stays an acronym ("KKR", "AT&T")."""
    if any(c.islower() for c in name):
        return name
    return " ".join(
        word
        if len(word) <= 3 and not lexicon.everyday(word) and word.strip(".,") not in _LEGAL_FORMS
        else word.capitalize()
        for word in name.split()
    )


def load_listed(
    listing: dict[str, Any], indexed: Iterable[Company], lexicon: Lexicon
) -> list[Company]:
    """The operating companies on a US exchange in the SEC's `listing` (fields cik, name,
    ticker, exchange) that no index company, ETF or index of tools.symbols already is: one per
    company (its first ticker), named as prose names it."""
    from tools.instruments import INSTRUMENTS

    fields = listing["fields"]
    taken = {c.symbol for c in indexed} | {item.symbol for item in INSTRUMENTS}
    rows = [dict(zip(fields, row, strict=True)) for row in listing["data"]]
    known_ciks = {row["cik"] for row in rows if yahoo_symbol(row["ticker"]) in taken}
    # A filer with more common-share lines than a company's share classes issues notes or funds
    # (Credit Suisse AG's ETNs): its name is not what those tickers trade as.
    lines = Counter(row["cik"] for row in rows if _COMMON_SHARE.fullmatch(row["ticker"]))
    known_ciks |= {cik for cik, count in lines.items() if count > MAX_SHARE_CLASSES}
    companies: dict[int, Company] = {}
    for row in rows:
        ticker, cik = row["ticker"], row["cik"]
        if (
            cik in known_ciks
            or cik in companies
            or row["exchange"] not in EXCHANGES
            or not _COMMON_SHARE.fullmatch(ticker)
            or _NOT_A_COMPANY.search(row["name"])
        ):
            continue
        name = prose_case(_FILER_SUFFIX.sub("", row["name"]), lexicon)
        company = Company(yahoo_symbol(ticker), short_name(name), {LISTED}, variants(name))
        company.rank = len(companies) + 1
        company.listed.add(clean(name))
        companies[cik] = company
    return sorted(companies.values(), key=lambda c: c.symbol)


def build_listed(listing: dict[str, Any], source: str) -> str:
    """listed.tsv: the listed companies whose names no index company (companies.tsv) owns."""
    lexicon = Lexicon()
    indexed = load_companies()
    rows = assign([*indexed, *load_listed(listing, indexed, lexicon)], lexicon)
    in_an_index = {c.symbol for c in indexed}
    generated = (
        f"# Generated by `python -m tools.company_list --listed` from the SEC's {source}: the "
        "companies on a US exchange in no index of companies.tsv; do not edit."
    )
    return _table((row for row in rows if row[0] not in in_an_index), generated)


def fetch_listing() -> dict[str, Any]:
    import json
    import urllib.request

    request = urllib.request.Request(SEC_LISTING, headers={"User-Agent": SEC_USER_AGENT})
    with urllib.request.urlopen(request, timeout=60) as response:  # a developer's tool
        return json.load(response)


def main(argv: list[str]) -> None:
    if argv[:1] == ["--listed"]:
        import json

        if len(argv) > 1:
            listing, source = json.loads(Path(argv[1]).read_text("utf-8")), Path(argv[1]).name
        else:
            listing, source = fetch_listing(), SEC_LISTING
        LISTED_OUTPUT.write_text(build_listed(listing, source), encoding="utf-8")
        print(f"wrote {LISTED_OUTPUT}")
        return
    OUTPUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
