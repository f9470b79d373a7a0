"""The generated list of companies: how names are derived and judged, and that the file agrees
with the installed pytickersymbols (rebuild it with `python -m tools.company_list`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.company_list import (
    OUTPUT,
    Lexicon,
    alias_entry,
    assign,
    bare_ticker,
    load_companies,
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
