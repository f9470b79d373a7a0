"""The instruments we name: the indices, sector and bond ETFs, yields, other markets' indices,
commodities, bitcoin and the dollar index, each with its Yahoo symbol, its English and Chinese
names and the aliases people and articles use for it (标普, "small caps", 能源板块).
`tools.symbols` reads them in text and resolves them; listed companies are `tools.companies`'.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Instrument:
    symbol: str
    en: str
    zh: str
    aliases: tuple[str, ...] = ()  # found in free text and resolved
    resolve_only: tuple[str, ...] = ()  # resolved as a whole name, too ambiguous in prose
    us: bool = True  # a US market's: measured against the S&P 500 unless another is asked
    earnings: bool = (
        True  # valued on earnings (P/E): stocks, indices, sectors; not gold, oil, a yield
    )
    # A yield or a gauge quoted as a level (^TNX 4.06 is 4.06%, ^VIX 15.13): it moves by basis
    # points ("bp") or points ("pt"), and no holding earns its percentage change.
    change_unit: str = ""


def _us_bond(years: str, numeral: str) -> tuple[str, ...]:
    """How Chinese news names a US Treasury of a maturity in full: "美国10年期国债",
    "10年期美国国债", "美国十年期国债" (not a bare "10年期国债", which may be China's)."""
    return tuple(
        form for n in (years, numeral) for form in (f"美国{n}年期国债", f"{n}年期美国国债")
    )


def _commodity(symbol: str, en: str, zh: str, aliases: tuple[str, ...]) -> Instrument:
    """A commodity, bitcoin or the dollar index: no market's index, and no earnings to value."""
    return Instrument(symbol, en, zh, aliases, (), us=False, earnings=False)


# The 11 SPDR sector ETFs: (symbol, English name, Chinese name).
SECTORS: tuple[tuple[str, str, str], ...] = (
    ("XLE", "Energy", "能源"),
    ("XLB", "Materials", "原材料"),
    ("XLI", "Industrials", "工业"),
    ("XLK", "Technology", "科技"),
    ("XLF", "Financials", "金融"),
    ("XLV", "Health Care", "医疗保健"),
    ("XLP", "Consumer Staples", "必需消费品"),
    ("XLY", "Consumer Discretionary", "可选消费"),
    ("XLU", "Utilities", "公用事业"),
    ("XLRE", "Real Estate", "房地产"),
    ("XLC", "Communication Services", "通信服务"),
)

_SECTOR_ALIASES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "XLE": (
        (
            "能源",
            "能源板块",
            "能源股",
            "石油股",
            "油气股",
            "energy",
            "energy sector",
            "oil stocks",
            "energy stocks",
            "energy shares",
        ),
        (),
    ),
    "XLB": (
        ("原材料", "原材料板块", "materials", "materials sector", "materials stocks"),
        ("材料", "basic materials"),
    ),
    "XLI": (
        ("工业", "工业板块", "工业股", "industrials", "industrial sector", "industrial stocks"),
        (),
    ),
    "XLK": (
        (
            "科技",
            "科技板块",
            "科技股",
            "信息技术",
            "technology",
            "tech",
            "tech sector",
            "information technology",
        ),
        ("it",),
    ),
    # Readers ask about bank stocks where the index says financials; not "banks" alone, which
    # are as often central banks ("Why are central banks buying gold?").
    "XLF": (
        (
            "金融",
            "金融板块",
            "金融股",
            "银行股",
            "银行板块",
            "financials",
            "financial sector",
            "financial stocks",
            "bank stocks",
            "bank shares",
        ),
        ("finance",),
    ),
    "XLV": (
        (
            "医疗保健",
            "医疗",
            "医疗板块",
            "医疗股",
            "health care",
            "healthcare",
            "healthcare stocks",
            "health care stocks",
        ),
        (),
    ),
    "XLP": (("必需消费品", "必需消费", "日常消费", "consumer staples"), ("staples",)),
    "XLY": (
        ("可选消费", "可选消费品", "非必需消费品", "consumer discretionary"),
        ("discretionary",),
    ),
    "XLU": (("公用事业", "公用事业板块", "utilities", "utilities sector", "utility stocks"), ()),
    "XLRE": (
        (
            "房地产",
            "房地产板块",
            "地产股",
            "real estate",
            "real estate sector",
            "reits",
            "real estate stocks",
        ),
        (),
    ),
    "XLC": (
        ("通信服务", "通讯服务", "通信服务板块", "communication services", "communications"),
        ("通信", "通讯"),
    ),
}

INSTRUMENTS: tuple[Instrument, ...] = (
    Instrument("^GSPC", "S&P 500", "标普500指数",
               ("标普500", "标普500指数", "标准普尔500", "标普", "s&p 500", "s&p", "sp500", "spx"),
               ("gspc",)),
    Instrument("^IXIC", "Nasdaq Composite", "纳斯达克综合指数",
               ("纳斯达克", "纳斯达克综合指数", "纳斯达克指数", "纳指", "nasdaq",
                "nasdaq composite"),
               ("ixic", "comp")),
    Instrument("^NDX", "Nasdaq 100", "纳斯达克100指数",
               ("纳斯达克100", "纳斯达克100指数", "纳指100", "nasdaq 100", "ndx"), ()),
    Instrument("^DJI", "Dow Jones Industrial Average", "道琼斯工业平均指数",
               ("道琼斯", "道琼斯指数", "道琼斯工业平均指数", "道指", "dow", "dow jones", "djia"),
               ("dji",)),
    Instrument("^RUT", "Russell 2000", "罗素2000指数",
               ("罗素2000", "罗素2000指数", "russell 2000", "r2k"), ("rut", "small caps")),
    # Named so that "标普小盘600" and "S&P MidCap 400" are not read as "标普" / "S&P" (the 500).
    Instrument("^SP600", "S&P SmallCap 600", "标普小盘600指数",
               ("标普小盘600", "标普小盘600指数", "标普600", "s&p smallcap 600",
                "s&p small cap 600", "s&p 600"), ("sp600",)),
    Instrument("^SP400", "S&P MidCap 400", "标普中盘400指数",
               ("标普中盘400", "标普中盘400指数", "标普400", "s&p midcap 400", "s&p mid cap 400",
                "s&p 400"), ("sp400",)),
    # The chip stocks, as the PHLX Semiconductor index measures them (费城半导体指数, "费半"): what
    # "How are chip stocks doing?" and "半导体板块今年涨了多少" ask about. Not a bare 半导体 or
    # "semiconductor", which name companies too (超威半导体, "Taiwan Semiconductor").
    Instrument("^SOX", "PHLX Semiconductor Index", "费城半导体指数",
               ("费城半导体指数", "费城半导体", "费半", "半导体指数", "半导体板块", "半导体股",
                "芯片股", "芯片板块", "phlx semiconductor", "philadelphia semiconductor index",
                "semiconductor index", "semiconductor stocks", "semiconductors", "chip stocks",
                "chipmakers", "chipmaker stocks"),
               ("sox",)),
    Instrument("^VIX", "VIX volatility index", "VIX恐慌指数",
               ("恐慌指数", "波动率指数", "vix", "volatility index"), (), earnings=False,
               change_unit="pt"),
    Instrument("^TNX", "US 10-year Treasury yield", "10年期美债收益率",
               ("10年期美债收益率", "10年期美债", "十年期美债", "美债10年期", "10-year yield",
                "10-year treasury", "10y yield", "us10y", *_us_bond("10", "十"),
                "美国10年期基准国债", "ten-year yield", "ten-year treasury"),
               ("tnx",), earnings=False, change_unit="bp"),
    Instrument("^FVX", "US 5-year Treasury yield", "5年期美债收益率",
               ("5年期美债收益率", "5年期美债", "五年期美债", "5-year yield", "5-year treasury",
                *_us_bond("5", "五")),
               ("fvx",), earnings=False, change_unit="bp"),
    Instrument("^IRX", "US 13-week Treasury bill yield", "3个月期美债收益率",
               ("3个月期美债", "3个月美债", "三个月美债", "13周美债", "3-month yield",
                "3-month t-bill", "13-week t-bill"),
               ("irx",), earnings=False, change_unit="bp"),
    Instrument("^TYX", "US 30-year Treasury yield", "30年期美债收益率",
               ("30年期美债收益率", "30年期美债", "三十年期美债", "30-year yield",
                "30-year treasury", *_us_bond("30", "三十")),
               ("tyx",), earnings=False, change_unit="bp"),
    # Other markets' main indices, so a question about them reads as one (and a Chinese
    # sentence saying 创业板指 says an English question's "ChiNext"); Yahoo serves them all.
    # A bare 恒生 is also a bank (恒生银行) and a software house (恒生电子), so in Chinese only
    # the index's own names count; in English "the Hang Seng" is the index, and the bank and
    # the China Enterprises index are masked by name (`tools.symbols`).
    Instrument("000001.SS", "Shanghai Composite", "上证综合指数",
               ("上证综指", "上证综合指数", "上证指数", "沪指", "shanghai composite",
                "sse composite"), (), us=False),
    Instrument("399001.SZ", "Shenzhen Component", "深证成份指数",
               ("深证成指", "深成指", "深证成份指数", "shenzhen component"), (), us=False),
    Instrument("399006.SZ", "ChiNext Index", "创业板指数",
               ("创业板指", "创业板指数", "创业板", "chinext", "chinext index"), (), us=False),
    Instrument("000688.SS", "STAR 50", "科创50指数", ("科创50", "科创50指数", "star 50"), (),
               us=False),
    Instrument("000300.SS", "CSI 300", "沪深300指数", ("沪深300", "沪深300指数", "csi 300"), (),
               us=False),
    Instrument("^HSI", "Hang Seng Index", "恒生指数",
               ("恒生指数", "恒指", "hang seng index", "hang seng"), (), us=False),
    Instrument("HSTECH.HK", "Hang Seng Tech Index", "恒生科技指数",
               ("恒生科技指数", "恒生科技", "恒科指", "hang seng tech"), (), us=False),
    Instrument("^N225", "Nikkei 225", "日经225指数",
               ("日经225", "日经225指数", "日经指数", "nikkei 225", "nikkei"), (), us=False),
    Instrument("^KS11", "KOSPI", "韩国综合股价指数",
               ("韩国综合股价指数", "韩国综合指数", "kospi"), (), us=False),
    Instrument("^FTSE", "FTSE 100", "富时100指数", ("富时100", "富时100指数", "ftse 100"), (),
               us=False),
    # The DAX had 30 members until 2021, and news still writes "DAX 30" for it.
    Instrument("^GDAXI", "DAX", "德国DAX指数",
               ("德国dax指数", "德国dax", "dax", "德国dax30", "德国dax 30", "dax 30", "dax30"), (),
               us=False),
    # Commodities and bitcoin, as Yahoo serves them (front-month futures: GC=F is COMEX gold;
    # bitcoin in dollars), so "黄金今年涨了多少" is measured, or said to be missing from the
    # price store. Oil without a grade is WTI, the US benchmark Yahoo calls crude oil ("How
    # much did oil rise in June?"); Brent only when it is named; not palm or heating oil
    # (`tools.symbols`' stop phrases).
    _commodity("GC=F", "Gold", "黄金", ("黄金", "金价", "现货黄金", "国际金价", "gold",
                                      "gold price", "gold prices", "comex gold")),
    _commodity("SI=F", "Silver", "白银", ("白银", "银价", "现货白银", "silver", "silver price",
                                        "silver prices")),
    _commodity("CL=F", "WTI crude oil", "WTI原油", ("wti原油", "美油", "原油", "油价", "国际油价",
                                                "wti", "wti crude", "crude oil", "oil price",
                                                "oil prices", "oil", "crude")),
    _commodity("BZ=F", "Brent crude oil", "布伦特原油", ("布伦特原油", "布油", "布伦特", "brent",
                                                   "brent crude")),
    _commodity("NG=F", "Natural gas", "天然气", ("天然气", "natural gas")),
    _commodity("HG=F", "Copper", "铜", ("铜价", "copper")),
    _commodity("BTC-USD", "Bitcoin", "比特币", ("比特币", "bitcoin", "btc")),
    # The dollar against six major currencies (ICE's index; Yahoo's DX-Y.NYB): no stock
    # market's, and nothing earns its change but the dollar's holders.
    _commodity("DX-Y.NYB", "US Dollar Index", "美元指数", ("美元指数", "美指", "dollar index",
                                                      "us dollar index", "dxy")),
    Instrument("SPY", "SPDR S&P 500 ETF", "标普500 ETF", ("标普500etf",), ()),
    Instrument("QQQ", "Invesco QQQ (Nasdaq 100 ETF)", "纳指100 ETF", ("纳指100etf",), ()),
    Instrument("IWM", "iShares Russell 2000 ETF", "罗素2000 ETF", ("罗素2000etf",), ()),
    Instrument("DIA", "SPDR Dow Jones ETF", "道指ETF", ("道指etf",), ()),
    Instrument("SOXX", "iShares Semiconductor ETF", "半导体ETF", ("半导体etf",), ()),
    Instrument("HYG", "iShares High Yield Corporate Bond ETF", "高收益公司债ETF",
               ("高收益债", "高收益公司债", "high-yield bonds", "junk bonds"), ()),
    Instrument("LQD", "iShares Investment Grade Corporate Bond ETF", "投资级公司债ETF",
               ("投资级债", "投资级公司债", "investment-grade bonds"), ()),
    Instrument("TLT", "iShares 20+ Year Treasury Bond ETF", "20年以上美债ETF",
               ("长期美债", "long-term treasuries"), ()),
    *(
        Instrument(symbol, en, zh, _SECTOR_ALIASES[symbol][0], _SECTOR_ALIASES[symbol][1])
        for symbol, en, zh in SECTORS
    ),
)  # fmt: skip
