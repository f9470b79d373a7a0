"""Names to symbols, in Chinese and English, and symbols found in free text."""

from __future__ import annotations

import pytest

from tools.errors import UnknownSymbolError
from tools.instruments import SECTORS
from tools.symbols import display_name, find_symbols, is_us, resolve_symbol


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


@pytest.mark.parametrize("junk", ["", "   ", "???", "大豆", "hello world", "12345"])
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
        # the small- and mid-cap indices are not "标普" / "S&P", the 500
        ("罗素2000和标普小盘600指数年内涨了多少", ["^RUT", "^SP600"]),
        ("S&P MidCap 400 vs the S&P SmallCap 600", ["^SP400", "^SP600"]),
        # other markets' indices, in either language
        (
            "When ChiNext broke its 2015 high, did the Hang Seng Index follow?",
            ["399006.SZ", "^HSI"],
        ),
        ("沪指、创业板指和恒生科技指数", ["000001.SS", "399006.SZ", "HSTECH.HK"]),
        # in English "the Hang Seng" is the index; its Tech index is another
        ("How has the Hang Seng done this year, and Hang Seng Tech?", ["^HSI", "HSTECH.HK"]),
        # commodities and bitcoin, as Yahoo serves them; oil without a grade is WTI
        ("黄金今年以来涨了多少？", ["GC=F"]),
        ("Did bitcoin fall as gold and silver rallied?", ["BTC-USD", "GC=F", "SI=F"]),
        ("布伦特原油和美油价差", ["BZ=F", "CL=F"]),
        ("How much did oil rise in June?", ["CL=F"]),
        ("Why is crude falling?", ["CL=F"]),
        ("Palm oil and heating oil prices rose", []),
        ("Oil stocks rallied", ["XLE"]),
        # the dollar index, not "the dollar" alone (a currency, which no index measures)
        ("美元指数今年跌了多少？", ["DX-Y.NYB"]),
        ("Did the dollar index fall as gold rallied?", ["DX-Y.NYB", "GC=F"]),
        # a US Treasury named in full, as Chinese news names it; a bare 10年期国债 may be China's
        ("美国10年期国债收益率今年变化多少？", ["^TNX"]),
        ("10年期美国国债与美国三十年期国债", ["^TNX", "^TYX"]),
        ("中国10年期国债收益率下行", []),
    ],
)
def test_find_symbols_in_order_of_appearance(text: str, symbols: list[str]) -> None:
    assert find_symbols(text) == symbols


@pytest.mark.parametrize(
    "prose",
    [
        "I think it is a good day. The CEO said IT was fine, A DOG RAN.",
        "新能源汽车和金融市场的流动性",
        "2026年上半年全国规模以上工业企业利润增长了多少？",  # China's statistics, not XLI
        "China's industrial profits rose while industrial production slowed.",
        "Financial conditions eased; the dollar was flat.",
        "spy novels are fun; all the best",
        "分析师怎么看汇丰全面收购恒生银行？",  # a bank, not the Hang Seng Index
        "Hang Seng Bank rose after the HSBC offer.",
        "The Hang Seng China Enterprises Index tracks mainland firms.",
    ],
)
def test_ordinary_prose_yields_no_symbols(prose: str) -> None:
    assert find_symbols(prose) == []


def test_find_symbols_accepts_known_tickers_from_the_store() -> None:
    assert find_symbols("GME and NYT") == []  # in no index: only when known
    assert find_symbols("GME and NYT", known=["GME"]) == ["GME"]


def test_display_names() -> None:
    assert display_name("^RUT", "zh") == "罗素2000指数"
    assert display_name("^RUT", "en") == "Russell 2000"
    assert display_name("XLE", "zh") == "能源"
    assert display_name("AAPL", "en") == "Apple"
    assert display_name("NVDA", "zh") == "英伟达"
    assert display_name("AMAT", "zh") == "应用材料"
    assert display_name("FE", "zh") == "FirstEnergy"  # no Chinese name: the English one
    assert display_name("GME", "en") == "GameStop"  # listed, in no index
    assert display_name("ZZZQ", "en") == "ZZZQ"  # not listed: the ticker


# -- companies ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "symbols"),
    [
        ("What price target did Deutsche Bank set for Applied Materials?", ["AMAT"]),
        ("Micron and Nvidia's earnings", ["MU", "NVDA"]),
        ("nvidia guidance", ["NVDA"]),  # a name no dictionary has: any case
        ("英伟达和美光科技的财报", ["NVDA", "MU"]),
        ("苹果公司、微软和特斯拉", ["AAPL", "MSFT", "TSLA"]),
        ("苹果第二季度营收多少？苹果股价呢？", ["AAPL"]),  # 苹果 alone: the company, in market news
        ("Apple, Google and Facebook", ["AAPL", "GOOGL", "META"]),
        ("Coca-Cola, Coca Cola and McDonald's", ["KO", "MCD"]),
        ("APPLIED MATERIALS", ["AMAT"]),
        ("AMAT and NVDA into the print", ["AMAT", "NVDA"]),  # tickers that are no word
        ("Berkshire Hathaway and S&P Global vs the S&P 500", ["BRK-B", "SPGI", "^GSPC"]),
        # in no index, listed on an exchange (tools/listed.tsv)
        ("What lifted GameStop's sales?", ["GME"]),
        ("Why did CoreWeave and Nebius fall?", ["CRWV", "NBIS"]),
        ("Reddit, Barclays and Toyota Motor Corp", ["RDDT", "BCS", "TM"]),
    ],
)  # fmt: skip
def test_companies_are_found_by_name_and_ticker(text: str, symbols: list[str]) -> None:
    assert find_symbols(text) == symbols


@pytest.mark.parametrize(
    ("text", "symbols"),
    [
        ("Did FirstEnergy or First Energy beat Duke Energy?", ["FE", "DUK"]),
        ("Charter Communications and Vulcan Materials", ["CHTR", "VMC"]),
        ("美光科技与应用材料", ["MU", "AMAT"]),
        ("Applied Materials vs the materials sector", ["AMAT", "XLB"]),
        ("Nasdaq and the Dow", ["^IXIC", "^DJI"]),  # the index, not Nasdaq Inc. or Dow Inc.
        ("What was the Nasdaq's worst day, and the Dow's?", ["^IXIC", "^DJI"]),  # possessive too
    ],
)
def test_a_company_name_holding_a_sector_word_is_the_company(text: str, symbols: list[str]) -> None:
    assert find_symbols(text) == symbols


@pytest.mark.parametrize(
    "prose",
    [
        "What is the price target? Block the trade, target the pool, match the box.",
        "the best buy in general motors of change",  # lower case: not names
        # a listed company in no index whose name is a headline's words (Quantum Computing
        # Inc., Turning Point Brands), and a crypto word a small company is named after (DeFi)
        "Quantum Computing Stocks Rally At A Turning Point For DeFi",
        "The CEO said IT was ON, ALL of it NOW; EPS and GDP beat.",
        "What did Powell say? Williams spoke too.",  # Fed officials, not POWL or WMB
        "高通胀下的亚马逊河与增强生产",  # 高通, 亚马逊, 强生 inside other words
        "提高通货膨胀预期，提高通过率，高通量测序",
        "苹果期货主力合约上涨，苹果价格走高，富士苹果减产",  # the fruit
        "Q2 earnings and the 3M return",
        "PM and IP and TR",  # two-letter tickers only when the library knows them
    ],
)
def test_ordinary_words_do_not_become_companies(prose: str) -> None:
    assert find_symbols(prose) == []


def test_two_letter_tickers_count_when_the_library_carries_them() -> None:
    assert find_symbols("MU into earnings") == []
    assert find_symbols("MU into earnings", known=["MU"]) == ["MU"]
    assert find_symbols("IT spending", known=["IT"]) == []  # an everyday word, known or not


@pytest.mark.parametrize(
    ("name", "symbol"),
    [("Micron", "MU"), ("apple", "AAPL"), ("英伟达", "NVDA"), ("micron technology", "MU"),
     ("Materials", "XLB"), ("Nasdaq", "^IXIC"), ("高通", "QCOM")],
)  # fmt: skip
def test_company_names_resolve(name: str, symbol: str) -> None:
    assert resolve_symbol(name) == symbol


def test_sectors_are_the_eleven_spdr_etfs() -> None:
    assert len(SECTORS) == 11
    assert {s for s, _, _ in SECTORS} == {
        "XLE", "XLB", "XLI", "XLK", "XLF", "XLV", "XLP", "XLY", "XLU", "XLRE", "XLC",
    }  # fmt: skip
    for symbol, en, zh in SECTORS:
        assert resolve_symbol(en) == symbol
        assert resolve_symbol(zh) == symbol


def test_only_us_markets_are_us() -> None:
    assert is_us("^GSPC") and is_us("AMAT") and is_us("XLE")
    assert not is_us("399006.SZ") and not is_us("^HSI") and not is_us("^N225")
