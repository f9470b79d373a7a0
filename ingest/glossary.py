"""A small zh/en glossary of market terms, for cross-language queries.

The local embedding and BM25 only match the words a passage uses, so an English question about
a Chinese article ("What are the risks to the small-cap thesis?" against 风险因素 and 小盘股投资
逻辑) would find nothing. Expanding the query with the glossary's other-language terms bridges
the two without a translation model. It is data: add a row to teach it a term. Its rows are
common market vocabulary, not the words of any one article (no section names, no firms).
"""

from __future__ import annotations

import re

# (English terms, Chinese terms): any term found in a query adds all the other side's terms.
GLOSSARY: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("small-cap", "small cap", "small caps", "small-caps"), ("小盘股",)),
    (("large-cap", "large cap", "large caps", "mega-cap", "megacap"), ("大盘股",)),
    (("russell 2000", "russell"), ("罗素2000", "罗素")),
    (("s&p 500", "s&p", "sp500"), ("标普500", "标普")),
    (("nasdaq",), ("纳斯达克",)),
    (("dow jones", "dow"), ("道琼斯",)),
    (("risk", "risks", "downside"), ("风险", "风险因素")),
    (("opportunity", "opportunities", "upside"), ("机遇", "机会")),
    (("thesis", "investment case", "investment logic"), ("投资逻辑",)),
    (("return", "returns", "performance"), ("回报", "回报率", "表现")),
    (("year to date", "year-to-date", "ytd"), ("年初至今",)),
    (("outperform", "outperformance", "beat"), ("跑赢", "超额表现")),
    (("underperform", "lag"), ("跑输", "落后")),
    (("rotation",), ("轮动",)),
    (("sector", "sectors"), ("板块", "行业")),
    (("valuation", "valuations"), ("估值",)),
    (("discount",), ("折价",)),
    (("federal reserve", "fed"), ("美联储",)),
    (("rate cut", "rate cuts", "easing"), ("降息", "宽松")),
    (("rate hike", "rate hikes", "tightening"), ("加息", "紧缩")),
    (("interest rate", "interest rates", "rates"), ("利率",)),
    (("inflation",), ("通胀",)),
    (("yield curve",), ("收益率曲线",)),
    (("credit spread", "credit spreads", "spreads"), ("信用利差", "利差")),
    (("credit",), ("信贷", "信用")),
    (("financial conditions",), ("金融环境",)),
    (("gdp", "growth"), ("GDP", "增长")),
    (("consumer confidence", "consumer sentiment"), ("消费者信心",)),
    (("tariff", "tariffs"), ("关税",)),
    (("energy",), ("能源",)),
    (("technology", "tech"), ("科技",)),
    (("financials", "financial services"), ("金融服务", "金融")),
    (("utilities",), ("公用事业",)),
    (("healthcare", "health care"), ("医疗保健",)),
    (("materials",), ("原材料",)),
    (("industrials",), ("工业",)),
    (("communication services",), ("通信服务",)),
    (("consumer staples",), ("必需消费品",)),
    (("semiconductor", "semiconductors", "chip", "chips"), ("半导体", "芯片")),
    (("artificial intelligence", "ai"), ("人工智能",)),
    (("upgrade", "upgrades"), ("上调", "评级上调")),
    (("price target",), ("目标价",)),
    (("analyst", "analysts"), ("分析师",)),
    (("fund flows", "flows", "inflows"), ("资金流向", "资金流入")),
    (("market cap", "market capitalisation", "market capitalization"), ("市值",)),
    (("earnings",), ("盈利", "收益")),
    (("revenue", "sales"), ("收入", "销售额")),
    (("volatility",), ("波动率", "波动")),
    (("diversification",), ("分散化",)),
    (("concentration", "crowding"), ("集中", "拥挤")),
    (("catalyst", "catalysts"), ("催化因素", "催化剂")),
    (("recession", "slowdown"), ("衰退", "放缓")),
    (("bond", "bonds", "treasury", "treasuries"), ("债券", "国债")),
    (("stock", "stocks", "equities", "equity"), ("股票", "股市")),
    (("index", "indices"), ("指数",)),
    (("oil",), ("原油", "石油")),
    (("gold",), ("黄金",)),
    (("dollar",), ("美元",)),
    (("china", "chinese"), ("中国",)),
    (("historical", "history"), ("历史",)),
    (("precedent", "precedents"), ("先例",)),
)


def _english_pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9]){re.escape(term)}(?![a-z0-9])")


_ENTRIES = tuple(
    (tuple(_english_pattern(e) for e in english), chinese, english) for english, chinese in GLOSSARY
)


def expand_query(query: str) -> str:
    """The query plus the other language's terms for every glossary term it contains."""
    lowered = query.lower()
    added: list[str] = []
    for patterns, chinese, english in _ENTRIES:
        if any(p.search(lowered) for p in patterns):
            added.extend(t for t in chinese if t not in query)
        elif any(t in query for t in chinese):
            added.append(english[0])
    return f"{query} {' '.join(dict.fromkeys(added))}" if added else query
