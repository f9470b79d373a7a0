"""ETF stand-ins for indices whose stored closes stop early."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from assistant.answer.tickers import strip_symbols
from assistant.offline.narrate import stand_in_sentences
from assistant.question.vocabulary import default_vocabulary
from tools.proxies import StandIn, choose_stand_ins
from tools.result import Provenance, ToolResult

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


def test_the_answer_says_which_etf_stands_in_naming_its_ticker_once() -> None:
    """QQQ's English name writes its ticker ("Invesco QQQ (Nasdaq 100 ETF)"): it is not
    repeated after it; SPY's is given after its name; an index with no closes says so."""
    day = dt.date(2026, 8, 21)
    stand_ins = (StandIn("^NDX", "QQQ", None), StandIn("^GSPC", "SPY", day, early=False))
    provenance = Provenance("index_returns", ("QQQ", "SPY"), "local price store", day, "")
    result = ToolResult(pd.DataFrame(), provenance, "", stand_ins=stand_ins)
    name = default_vocabulary().name
    english = " ".join(stand_in_sentences(result, name, "en"))
    assert "the Invesco QQQ (Nasdaq 100 ETF), which tracks it" in english
    assert "has no closes of the Nasdaq 100" in english and "(QQQ)" not in english
    assert "the SPDR S&P 500 ETF (SPY) stands in for the S&P 500 too" in english
    chinese = " ".join(stand_in_sentences(result, name, "zh"))
    assert (
        "价格库中没有纳斯达克100指数的收盘数据，以下以跟踪该指数的纳指100 ETF（QQQ）代替" in chinese
    )
