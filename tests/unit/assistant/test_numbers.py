"""Reading figures the way a careful reader would (zh and en)."""

from __future__ import annotations

import pytest

from assistant.answer.numbers import figures_in, matches, states_amount
from assistant.gather.sentences import sentences, split_text


def raws(text: str) -> list[str]:
    return [f.raw for f in figures_in(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("通信服务板块当日领涨，涨幅为1.25%，其次是基础原材料板块(涨1.15%)", ["1.25%", "1.15%"]),
        ("标普500指数收于6,923.58点,小幅上涨0.23%", ["6,923.58点", "0.23%"]),
        ("截至2026年1月23日，罗素2000指数上涨7.54%[0]。", ["7.54%"]),
        ("As of Jan 23, 2026 the Russell 2000 was up 8.2% vs 1.2% for the S&P 500 [0][1].",
         ["8.2%", "1.2%"]),
        ("10年期美债收益率4.23%，2-year yield 3.5%, 3M and 1W returns", ["4.23%", "3.5%"]),
        ("10-Year Treasury Yield Long-Term Perspective: 2 Months In", []),  # a headline's case
        ("自1928年以来仅出现过8次", ["8"]),
        ("2022-2024年的高利率环境", []),
        ("On 2026-01-23 the Fed cut by 25bp", ["25bp"]),
        ("1. 能源板块 +1.41%\n2. 科技板块 -0.39%", ["+1.41%", "-0.39%"]),
        ("目标价为395美元，市值34亿美元", ["395美元", "34亿"]),
        ("down 2.05% over the past 5 trading days, 1.1% in 10 sessions", ["2.05%", "1.1%"]),
        # a product's model number is no amount; its sales and price are
        ("苹果将推出iPhone 18系列、Apple Watch Series 12和Ultra 4", []),
        ("iPhone 17 sales rose 12% and the Pixel 10 sold 5 million", ["12%", "5"]),
        ("Max 1.5 billion, About 40 companies", ["1.5", "40"]),
    ],
)  # fmt: skip
def test_figures_skip_dates_years_names_tenors_and_markers(text: str, expected: list[str]) -> None:
    assert raws(text) == expected


def test_values_and_signs() -> None:
    [plain, negative] = figures_in("收于6,923.58点，下跌-1.05%")
    assert (plain.value, plain.decimals) == (6923.58, 2)
    assert negative.negative and negative.value == 1.05


def test_matching_tolerates_rounding_to_the_displayed_precision() -> None:
    [figure] = figures_in("8.2%")
    assert matches(figure, 8.2041) and matches(figure, 8.20) and matches(figure, -8.2)
    assert not matches(figure, 8.26)
    [whole] = figures_in("about 8%")
    assert matches(whole, 7.54)
    [precise] = figures_in("7.54%")
    assert matches(precise, 7.5449) and not matches(precise, 7.5)


def test_sentences_keep_markers_with_the_sentence_before() -> None:
    text = "The Russell 2000 rose 7.54% YTD. [0] The U.S. economy grew 2.2%, said Mr. Smith."
    assert sentences(text) == [
        "The Russell 2000 rose 7.54% YTD.[0]",
        "The U.S. economy grew 2.2%, said Mr. Smith.",
    ]
    assert split_text("小盘股走强[1]。科技股回落！\n\n第二段？") == [
        "小盘股走强[1]。",
        "科技股回落！",
        "第二段？",
    ]


def test_an_english_sentence_ends_where_a_chinese_one_follows_its_full_stop() -> None:
    text = "Small caps lagged this month[2].标普500指数涨0.58%[3]。The U.S.股市收高。"
    assert sentences(text) == ["Small caps lagged this month[2].", "标普500指数涨0.58%[3]。",
                               "The U.S.股市收高。"]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("途见科技完成Pre-A轮、Pre-A+轮融资，两轮累计金额超亿元。", True),
        ("忆生科技完成数亿元天使轮融资。", True),
        ("the company raised $12 million", True),
        ("途见科技成立于2020年1月，聚焦电子皮肤。", False),  # a date is no amount
        ("融资将用于研发和量产。", False),
    ],
)
def test_an_amount_is_stated_by_a_figure_or_in_words(text: str, amount: bool) -> None:
    """An order of magnitude ("超亿元") states the amount asked, though no figure to check."""
    assert states_amount(text) is amount
    if "亿元" in text:
        assert figures_in(text) == []
