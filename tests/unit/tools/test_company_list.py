"""The generated lists of companies: how names are derived and judged, that companies.tsv agrees
with the installed pytickersymbols (rebuild it with `python -m tools.company_list`), and how
listed.tsv is read from the SEC's list of listed companies."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.company_list import (
    LISTED_OUTPUT,
    OUTPUT,
    Lexicon,
    alias_entry,
    assign,
    bare_ticker,
    load_companies,
    load_listed,
    prose_case,
    short_name,
    variants,
)

WORDS = Lexicon(
    {"target": 68_000, "apple": 24_000, "applied": 15_000, "materials": 9_000, "micron": 118,
     "williams": 841, "it": 20_000_000, "mu": 1_049, "ball": 95_000, "corporation": 5_000}
)  # fmt: skip


@pytest.mark.parametrize(
    ("listed", "names"),
    [
        ("Apple Inc.", {"Apple Inc.", "Apple"}),
        ("Micron Technology", {"Micron Technology", "Micron"}),
        ("FirstEnergy", {"FirstEnergy", "First Energy"}),
        ("Eli Lilly and Company", {"Eli Lilly and Company", "Eli Lilly"}),
        ("The Walt Disney Company", {"Walt Disney Company", "Walt Disney"}),
        ("Block, Inc.", {"Block Inc.", "Block"}),
    ],
)
def test_the_names_people_write(listed: str, names: set[str]) -> None:
    assert variants(listed) == names


def test_the_display_name_drops_the_legal_form() -> None:
    assert short_name("Tesla, Inc.") == "Tesla" and short_name("Merck & Co.") == "Merck"


@pytest.mark.parametrize(
    ("alias", "entry"),
    [
        ("Target", None),  # an everyday word alone
        ("Target Corporation", "Target Corporation"),  # dictionary words: as written
        ("Applied Materials", "Applied Materials"),
        ("Nvidia", "~Nvidia"),  # no dictionary has it: any case
        ("Micron", "Micron"),
        ("HP", None),  # initials
        ("3M", None),  # a period's name
        ("MSCI", None),  # read as an index family
    ],
)
def test_which_names_count_and_how(alias: str, entry: str | None) -> None:
    assert alias_entry(alias, WORDS) == entry


def test_a_shortened_or_small_cap_one_word_name_must_be_rarer() -> None:
    assert alias_entry("Williams", WORDS) == "Williams"
    assert alias_entry("Williams", WORDS, shortened=True) is None
    assert alias_entry("Micron", WORDS, small_cap=True) is None
    assert alias_entry("Nvidia", WORDS, small_cap=True) == "~Nvidia"


def test_tickers_alone() -> None:
    assert bare_ticker("AMAT", WORDS) == "1"
    assert bare_ticker("MU", WORDS) == "0"  # two letters: only when the library has it
    assert bare_ticker("IT", WORDS) == "-" and bare_ticker("EPS", WORDS) == "-"


class _Source:
    def get_stocks_by_index(self, index: str) -> list[dict[str, str]]:
        stocks = {
            "S&P 500": [
                {"name": "Alphabet Inc.", "symbol": "GOOG"},
                {"name": "Alphabet Inc.", "symbol": "GOOGL"},
                {"name": "Berkshire Hathaway", "symbol": "BRK.B"},
            ],
            "NASDAQ 100": [{"name": "Alphabet Inc.", "symbol": "GOOGL"}],
        }
        return stocks.get(index, [])


def test_a_shared_name_goes_to_the_line_in_more_indices() -> None:
    rows = {row[0]: row for row in assign(load_companies(_Source()), WORDS)}
    assert set(rows) == {"GOOG", "GOOGL", "BRK-B"}  # Yahoo's spelling
    assert rows["GOOG"][2] == "" and "Alphabet Inc." in rows["GOOGL"][2]


def test_the_file_agrees_with_the_installed_package() -> None:
    pytest.importorskip("pytickersymbols")
    pytest.importorskip("spellchecker")
    from tools.company_list import build

    assert Path(OUTPUT).read_text(encoding="utf-8") == build(), (
        "tools/companies.tsv is stale: run `python -m tools.company_list`"
    )


def test_no_two_companies_share_a_name_in_the_file() -> None:
    """Tickers sharing a display name are share classes of one company (GOOG and GOOGL, FOX and
    FOXA, CWEN and CWEN-A); any other pair is the package listing one company under another's
    name (MISNAMED)."""
    by_name: dict[str, list[str]] = {}
    for line in Path(OUTPUT).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            symbol, name = line.split("\t")[:2]
            by_name.setdefault(name, []).append(symbol)
    for symbols in by_name.values():
        plain = [symbol.replace("-", "") for symbol in symbols]
        shortest = min(plain, key=len)
        assert all(p.startswith(shortest) and len(p) - len(shortest) <= 1 for p in plain), symbols


# -- listed.tsv: the SEC's list of companies on a US exchange ----------------------------------

LISTED_WORDS = Lexicon(
    {"blue": 60_000, "owl": 2_000, "capital": 20_000, "quantum": 1_500, "computing": 1_200,
     "data": 9_000, "networks": 3_000, "game": 50_000, "stop": 90_000}
)  # fmt: skip
_LISTING = {
    "fields": ["cik", "name", "ticker", "exchange"],
    "data": [
        [1, "Alphabet Inc.", "GOOGL", "Nasdaq"],  # an index company: already in companies.tsv
        [1, "Alphabet Inc.", "ABCD", "Nasdaq"],  # ... under another of its tickers
        [2, "GameStop Corp.", "GME", "NYSE"],
        [2, "GameStop Corp.", "GME-WT", "NYSE"],  # one line per company
        [3, "ROKU, INC", "ROKU", "Nasdaq"],
        [4, "BLUE OWL CAPITAL INC. /DE", "OWL", "NYSE"],
        [5, "SPDR S&P 500 ETF TRUST", "SPY", "NYSE"],  # a fund
        [6, "Some Acquisition Corp", "SACQU", "Nasdaq"],  # a blank-cheque unit
        [7, "DEUTSCHE TELEKOM AG", "DTEGY", "OTC"],  # not on an exchange
        [8, "CREDIT SUISSE AG", "GLDI", "Nasdaq"],  # an issuer of notes: three lines
        [8, "CREDIT SUISSE AG", "SLVO", "Nasdaq"],
        [8, "CREDIT SUISSE AG", "USOI", "Nasdaq"],
        [9, "Quantum Computing Inc.", "QUBT", "Nasdaq"],
    ],
}


def test_the_listed_companies_are_the_operating_ones_in_no_index() -> None:
    indexed = load_companies(_Source())
    listed = {c.symbol: c for c in load_listed(_LISTING, indexed, LISTED_WORDS)}
    assert set(listed) == {"GME", "ROKU", "OWL", "QUBT"}
    assert listed["ROKU"].name == "Roku"  # the SEC's capitals as prose writes them
    assert listed["OWL"].name == "Blue Owl Capital"  # without the filer's state
    assert listed["GME"].rank < listed["ROKU"].rank  # the SEC's order: the larger first


def test_capitals_become_prose_but_acronyms_stay() -> None:
    assert prose_case("BLUE OWL CAPITAL INC.", LISTED_WORDS) == "Blue Owl Capital Inc."
    assert prose_case("KKR & CO INC", LISTED_WORDS) == "KKR & Co Inc"
    assert (
        prose_case("GameStop Corp.", LISTED_WORDS) == "GameStop Corp."
    )  # mixed case is as written


def test_a_listed_company_in_no_index_is_named_more_strictly() -> None:
    listed = load_listed(_LISTING, load_companies(_Source()), LISTED_WORDS)
    rows = {row[0]: row for row in assign(listed, LISTED_WORDS)}
    # dictionary words only: its legal form is needed, which no headline writes by chance
    assert "Quantum Computing" not in rows["QUBT"][2].split("|")
    assert "Quantum Computing Inc." in rows["QUBT"][2].split("|")
    assert "~GameStop" in rows["GME"][2].split("|")
    assert rows["GME"][3] == "0"  # its ticker alone only where the library carries it
    # a name of two words counts only as spelled, even with a word no dictionary has
    assert alias_entry("Hyperscale Data", LISTED_WORDS, listed_only=True) == "Hyperscale Data"
    assert alias_entry("Hyperscale Data", LISTED_WORDS) == "~Hyperscale Data"


def test_a_name_cut_past_its_legal_form_in_capitals_is_not_a_listed_company() -> None:
    listing = {"fields": _LISTING["fields"], "data": [[1, "AMC NETWORKS INC", "AMCX", "Nasdaq"]]}
    (row,) = assign(load_listed(listing, [], LISTED_WORDS), LISTED_WORDS)
    assert "AMC" not in row[2].split("|") and "AMC Networks" in row[2].split("|")


def test_the_listed_file_shares_no_company_or_name_with_the_index_file() -> None:
    def rows(path: Path) -> dict[str, set[str]]:
        found = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                symbol, _, aliases, _ = line.split("\t")
                found[symbol] = {a.removeprefix("~").casefold() for a in aliases.split("|") if a}
        return found

    indexed, listed = rows(Path(OUTPUT)), rows(Path(LISTED_OUTPUT))
    assert not set(indexed) & set(listed)
    assert not set().union(*indexed.values()) & set().union(*listed.values())
    assert {"GME", "CRWV", "RDDT"} <= set(listed)
