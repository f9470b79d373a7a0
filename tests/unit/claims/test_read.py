"""Reading a figure with what the sentence says it is: entity, metric, period, direction, unit."""

from __future__ import annotations

import pytest

from assistant.claims.read import read_claims
from assistant.question.vocabulary import default_vocabulary

VOCABULARY = default_vocabulary()


def parts(sentence: str) -> list[tuple[object, ...]]:
    return [
        (c.figure.raw, c.entity, c.against, c.metric, c.period, c.sign, c.unit)
        for c in read_claims(sentence, VOCABULARY)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("罗素2000指数年初至今下跌7.54%[0]。",
         [("7.54%", "^RUT", None, "return", "YTD", -1, "%")]),
        ("罗素2000指数年初至今的涨幅为16.23%[0]。",
         [("16.23%", "^RUT", None, "return", "YTD", 1, "%")]),
        ("标普500指数2024年全年仅上涨1.02%[0]。",
         [("1.02%", "^GSPC", None, "return", "2024", 1, "%")]),
        ("罗素2000年初至今上涨7.54%，跑赢标普500指数6.52个百分点[0]。",
         [("7.54%", "^RUT", None, "return", "YTD", 1, "%"),
          ("6.52个百分点", "^RUT", "^GSPC", "spread", "YTD", 1, "pp")]),
        ("罗素2000下跌2.47%，标普500上涨5.50%，跑输7.97个百分点[0]。",
         [("2.47%", "^RUT", None, "return", None, -1, "%"),
          ("5.50%", "^GSPC", None, "return", None, 1, "%"),
          ("7.97个百分点", "^RUT", "^GSPC", "spread", None, -1, "pp")]),
        ("大幅跑赢标普500指数1.2%的涨幅[1]。",
         [("1.2%", "^GSPC", None, "return", None, 1, "%")]),
        ("罗素2000和标普500年初至今分别上涨7.54%和1.02%[0]。",
         [("7.54%", "^RUT", None, "return", "YTD", 1, "%"),
          ("1.02%", "^GSPC", None, "return", "YTD", 1, "%")]),
        ("10年期美债收益率升至4.24%，近一个月上升7个基点[0]。",
         [("4.24%", "^TNX", None, "level", None, 0, "%"),
          ("7个基点", "^TNX", None, "change", "1M", 1, "bp")]),
        ("VIX为16.09；信用代理指标(HYG/LQD)为0.7030[0]。",
         [("16.09", "^VIX", None, "level", None, 0, ""),
          ("0.7030", "LQD", None, "level", None, 0, "")]),
        ("能源(XLE)近一个月上涨7.90%，3个月相对强度+4.38个百分点[0]。",
         [("7.90%", "XLE", None, "return", "1M", 1, "%"),
          ("+4.38个百分点", "XLE", None, "spread", "3M", 1, "pp")]),
        ("The Russell 2000 fell 7.54% year to date[0].",
         [("7.54%", "^RUT", None, "return", "YTD", -1, "%")]),
        ("The Russell 2000 is up 7.54% YTD, beating the S&P 500 by 6.52 percentage points[0].",
         [("7.54%", "^RUT", None, "return", "YTD", 1, "%"),
          ("6.52 percentage points", "^RUT", "^GSPC", "spread", "YTD", 1, "pp")]),
        ("The Russell 2000 and the S&P 500 rose 7.54% and 1.02%, respectively[0].",
         [("7.54%", "^RUT", None, "return", None, 1, "%"),
          ("1.02%", "^GSPC", None, "return", None, 1, "%")]),
        ("The S&P 500 closed at 6,915.61 in 2026, with a max drawdown of 2.59%[0].",
         [("6,915.61", "^GSPC", None, "level", "2026", 0, ""),
          ("2.59%", "^GSPC", None, "drawdown", "2026", 0, "%")]),
        ("Over the last month, XLB beat XLU by 1.3 percentage points[0].",
         [("1.3 percentage points", "XLB", "XLU", "spread", "1M", 1, "pp")]),
        ("创业板在二季度实现23%的盈利增长，去年下跌4.2%[1]。",  # the ChiNext index
         [("23%", "399006.SZ", None, "growth", "quarter:2", 1, "%"),  # a growth of profit
          ("4.2%", "399006.SZ", None, "return", "last_year", -1, "%")]),
        ("With a month-to-date loss of 7.4% for momentum[1].",
         [("7.4%", None, None, "return", "MTD", -1, "%")]),
        ("In 2025 the Nasdaq's volatility was 18.75%[0].",
         [("18.75%", "^IXIC", None, "volatility", "2025", 0, "%")]),
        # a part of a gain is no gain: no year-to-date return of the S&P 500 here
        ("仅英伟达和美光两家公司今年以来便贡献了标普500指数涨幅的逾30%[1]。",
         [("30%", "^GSPC", None, "weight", "YTD", 0, "%")]),
        ("Nvidia alone accounted for 30% of the S&P 500's gain this year[1].",
         [("30%", None, None, "weight", "YTD", 0, "%")]),
        ("The Nasdaq lost 30% of its value in 2022[1].",
         [("30%", "^IXIC", None, "return", "2022", -1, "%")]),
        # "增"/"减" written alone before a figure, and the verbs made of them, say a direction
        ("桂冠电力上半年发电量同比增47.67%[1]。",
         [("47.67%", None, None, "growth", "YoY", 1, "%")]),
        ("富瀚微上半年净利润同比预减42.5%[1]。",
         [("42.5%", None, None, "growth", "YoY", -1, "%")]),
        ("OPEC+已确认4月减产20.6万桶/日[1]。",
         [("20.6万", None, None, "change", "month:4", -1, "万")]),
        # a percentage moving an amount is the amount's change, whose sign is the claim's
        ("亚马逊AWS营收增长28%至376亿美元[1]。",
         [("28%", None, None, "growth", None, 1, "%"), ("376亿", None, None, None, None, 0, "亿")]),
        ("Its net profit fell 12.5% in 2025[1].",
         [("12.5%", None, None, "growth", "2025", -1, "%")]),
        ("整体运维成本预计提高30%[1]。", [("30%", None, None, "return", None, 1, "%")]),
        # money or shares in or out: a buyer's figure and a seller's are opposite claims
        ("董事长计划通过集中竞价交易方式减持不超过33.58万股，占公司总股本的0.0138%[1]。",
         [("33.58万", None, None, "flow", None, -1, "万"),
          ("0.0138%", None, None, "weight", None, 0, "%")]),
        ("大股东拟减持公司股份不超过374.8万股（不超过公司总股本的1%）[1]。",  # a part of the whole
         [("374.8万", None, None, "flow", None, -1, "万"),
          ("1%", None, None, "weight", None, 0, "%")]),
        ("其中证券净流入105.6亿[1]。", [("105.6亿", None, None, "flow", None, 1, "亿")]),
        ("三一重工获999.75万美元净卖出[1]。", [("999.75万", None, None, "flow", None, -1, "万")]),
        ("行业资金流向：37.97亿净流出消费电子[1]。",
         [("37.97亿", None, None, "flow", None, -1, "亿")]),
        ("The fund saw $2.5 billion of outflows last week[1].",
         [("$2.5", None, None, "flow", "1W", -1, "$")]),
        ("Berkshire sold 5.5 million shares of the bank[1].",
         [("5.5", None, None, "flow", None, -1, "")]),
        ("Apple sold 5.5 million iPhones[1].", [("5.5", None, None, None, None, 0, "")]),
    ],
)  # fmt: skip
def test_each_figure_is_read_with_what_the_sentence_says_of_it(
    sentence: str, expected: list[tuple[object, ...]]
) -> None:
    assert parts(sentence) == expected


def test_dates_tenors_and_index_names_are_not_claims() -> None:
    assert parts("截至2026年1月23日，10年期与5年期的10y-5y，罗素2000与标普500[0]。") == []


def test_an_articles_ytd_returns_are_read_by_the_same_reader() -> None:
    from assistant.answer.discrepancy import stated_returns

    text = (
        "罗素2000指数年初至今8.2%的涨幅代表了快速上涨,尤其是考虑到当日1.05%的下跌,"
        "大幅跑赢标普500指数1.2个百分点。纳指年初至今下跌3.5%。"
    )
    stated = [(symbol, figure.raw) for symbol, figure in stated_returns(text, VOCABULARY)]
    assert stated == [("^RUT", "8.2%"), ("^IXIC", "-3.5%")]  # not the day's fall, not a spread
