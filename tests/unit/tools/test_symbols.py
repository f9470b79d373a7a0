"""Names to symbols, in Chinese and English, and symbols found in free text."""

from __future__ import annotations

import pytest

from tools.errors import UnknownSymbolError
from tools.symbols import SECTORS, display_name, find_symbols, resolve_symbol


@pytest.mark.parametrize(
    ("name", "symbol"),
    [
        ("标普500", "^GSPC"), ("S&P 500", "^GSPC"), ("s&p500", "^GSPC"), ("SPX", "^GSPC"),
        ("标普", "^GSPC"), ("标普500指数", "^GSPC"),
        ("纳斯达克", "^IXIC"), ("纳指", "^IXIC"), ("Nasdaq", "^IXIC"), ("nasdaq 100", "^NDX"),
        ("道琼斯", "^DJI"), ("道指", "^DJI"), ("Dow", "^DJI"), ("DJIA", "^DJI"),
        ("罗素2000", "^RUT"), ("Russell 2000", "^RUT"), ("R2K", "^RUT"), ("罗素2000 ETF", "IWM"),
        ("VIX", "^VIX"), ("恐慌指数", "^VIX"), ("10年期美债", "^TNX"), ("10-year yield", "^TNX"),
        ("能源", "XLE"), ("Energy", "XLE"), ("原材料", "XLB"), ("Materials", "XLB"),
        ("工业", "XLI"), ("Industrials", "XLI"), ("科技", "XLK"), ("信息技术", "XLK"),
        ("Technology", "XLK"), ("金融", "XLF"), ("Financials", "XLF"), ("医疗保健", "XLV"),
        ("Health Care", "XLV"), ("必需消费品", "XLP"), ("Consumer Staples", "XLP"),
        ("可选消费", "XLY"), ("Consumer Discretionary", "XLY"), ("公用事业", "XLU"),
        ("Utilities", "XLU"), ("房地产", "XLRE"), ("Real Estate", "XLRE"), ("通信服务", "XLC"),
        ("Communication Services", "XLC"), ("能源板块", "XLE"), ("energy sector", "XLE"),
    ],
)  # fmt: skip
def test_names_resolve_to_yahoo_symbols(name: str, symbol: str) -> None:
    assert resolve_symbol(name) == symbol


@pytest.mark.parametrize(
    ("raw", "symbol"),
    [("aapl", "AAPL"), ("$msft", "MSFT"), ("^gspc", "^GSPC"), ("brk-b", "BRK-B"), ("XLE", "XLE")],
)
def test_raw_tickers_pass_through_upper_cased(raw: str, symbol: str) -> None:
    assert resolve_symbol(raw) == symbol


@pytest.mark.parametrize("junk", ["", "   ", "???", "黄金", "hello world", "12345"])
def test_junk_is_an_unknown_symbol(junk: str) -> None:
    with pytest.raises(UnknownSymbolError, match="unknown symbol"):
        resolve_symbol(junk)


@pytest.mark.parametrize(
    ("text", "symbols"),
    [
        ("罗素2000指数年初至今是否跑赢标普500?", ["^RUT", "^GSPC"]),
        ("Did energy beat tech this month?", ["XLE", "XLK"]),
        ("纳斯达克100和纳指谁更强", ["^NDX", "^IXIC"]),
        ("The S&P 500 rose while VIX fell", ["^GSPC", "^VIX"]),
        ("SPY vs QQQ, and $NVDA into ^TNX", ["SPY", "QQQ", "NVDA", "^TNX"]),
        ("罗素 2000 vs 标普 500", ["^RUT", "^GSPC"]),
        ("标普500、标普和SPX", ["^GSPC"]),  # repeats collapse
    ],
)
def test_find_symbols_in_order_of_appearance(text: str, symbols: list[str]) -> None:
    assert find_symbols(text) == symbols


@pytest.mark.parametrize(
    "prose",
    [
        "I think it is a good day. The CEO said IT was fine, A DOG RAN.",
        "新能源汽车和金融市场的流动性",
        "Financial conditions eased; the dollar was flat.",
        "spy novels are fun; all the best",
    ],
)
def test_ordinary_prose_yields_no_symbols(prose: str) -> None:
    assert find_symbols(prose) == []


def test_find_symbols_accepts_known_tickers_from_the_store() -> None:
    assert find_symbols("AAPL and MSFT") == []
    assert find_symbols("AAPL and MSFT", known=["AAPL"]) == ["AAPL"]


def test_display_names() -> None:
    assert display_name("^RUT", "zh") == "罗素2000指数"
    assert display_name("^RUT", "en") == "Russell 2000"
    assert display_name("XLE", "zh") == "能源"
    assert display_name("AAPL", "en") == "AAPL"


def test_sectors_are_the_eleven_spdr_etfs() -> None:
    assert len(SECTORS) == 11
    assert {s for s, _, _ in SECTORS} == {
        "XLE", "XLB", "XLI", "XLK", "XLF", "XLV", "XLP", "XLY", "XLU", "XLRE", "XLC",
    }  # fmt: skip
    for symbol, en, zh in SECTORS:
        assert resolve_symbol(en) == symbol
        assert resolve_symbol(zh) == symbol
