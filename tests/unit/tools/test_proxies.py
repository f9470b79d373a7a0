"""ETF stand-ins for indices whose stored closes stop early."""

from __future__ import annotations

import datetime as dt

from assistant.answer.tickers import strip_symbols
from tools.proxies import choose_stand_ins

WANTED = dt.date(2026, 7, 31)
EARLY = dt.date(2026, 2, 23)


def test_a_lagging_index_switches_to_its_etf_and_its_comparison_switches_along() -> None:
    found = choose_stand_ins(
        {"^RUT": EARLY, "^GSPC": WANTED}, {"IWM": WANTED, "SPY": WANTED}, WANTED
    )
    assert [(s.symbol, s.proxy, s.early) for s in found] == [
        ("^RUT", "IWM", True),
        ("^GSPC", "SPY", False),  # ETF against ETF
    ]
    assert choose_stand_ins({"^GSPC": WANTED}, {"SPY": WANTED}, WANTED) == []


def test_an_index_with_no_stored_closes_switches_to_its_etf() -> None:
    found = choose_stand_ins(
        {"^NDX": None, "^GSPC": WANTED}, {"QQQ": WANTED, "SPY": WANTED}, WANTED
    )
    assert [(s.symbol, s.proxy, s.last, s.reason) for s in found] == [
        ("^NDX", "QQQ", None, "absent"),
        ("^GSPC", "SPY", WANTED, "along"),
    ]
    assert choose_stand_ins({"^NDX": None}, {}, WANTED) == []  # nor has its ETF: nothing


def test_two_indices_never_stand_in_with_the_same_etf() -> None:
    found = choose_stand_ins({"^IXIC": EARLY, "^NDX": EARLY}, {"QQQ": WANTED}, WANTED)
    assert [(s.symbol, s.proxy) for s in found] == [("^IXIC", "QQQ")]


def test_the_ticker_strip_shows_an_index_with_the_etf_it_is_traded_through() -> None:
    assert strip_symbols(["^NDX", "^RUT"]) == ["^NDX", "QQQ", "^RUT", "IWM"]
    assert strip_symbols(["^NDX", "^RUT"], available=["QQQ", "^RUT"]) == ["QQQ", "^RUT"]
