"""A claim against the facts of its sources: verified, contradicted (with the source's value),
unsupported."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from assistant.claims.check import check
from assistant.claims.facts import text_facts, tool_facts
from assistant.claims.read import read_claims
from assistant.question.vocabulary import default_vocabulary
from tools import returns
from tools.result import Provenance, ToolResult

VOCABULARY = default_vocabulary()
END = dt.date(2026, 1, 23)


def ytd() -> ToolResult:
    frame = pd.DataFrame(
        {"symbol": ["^RUT", "^GSPC"], "period": ["YTD", "YTD"],
         "end_date": [pd.Timestamp(END)] * 2, "end_close": [2669.162, 6915.61],
         "return_pct": [7.544593, 1.024174], "spread_pp": [6.520418, 0.0],
         "volatility_pct": [16.228484, 11.699226], "max_drawdown_pct": [-1.824726, -2.585684]}
    )  # fmt: skip
    provenance = Provenance("index_returns", ("^RUT", "^GSPC"), "test", END, "m")
    return ToolResult(frame, provenance, "", measures=returns.measures("^GSPC"))


def verdict(sentence: str, facts: list) -> tuple[str, str | None]:
    [claim] = read_claims(sentence, VOCABULARY)
    outcome = check(claim, facts)
    return outcome.verdict, outcome.fact.shown() if outcome.fact else None


def one_return(symbol: str, period: str, end: dt.date, close: float, change: float) -> list:
    """The facts of one symbol's return over `period`, ending on `end`."""
    frame = pd.DataFrame(
        {"symbol": [symbol], "period": [period], "end_date": [pd.Timestamp(end)],
         "end_close": [close], "return_pct": [change], "spread_pp": [0.0],
         "volatility_pct": [18.0], "max_drawdown_pct": [-5.0]}
    )  # fmt: skip
    provenance = Provenance("index_returns", (symbol,), "test", end, "m")
    return tool_facts(ToolResult(frame, provenance, "", measures=returns.measures(None)), 0)


def test_the_cells_a_tool_declares_become_facts_with_their_parts() -> None:
    facts = tool_facts(ytd(), 0)
    rut = {(f.metric, f.period, f.unit) for f in facts if f.entities == {"^RUT"}}
    assert {("return", "YTD", "%"), ("volatility", "YTD", "%"), ("drawdown", "YTD", "%"),
            ("level", None, ""), ("spread", "YTD", "pp")} <= rut  # fmt: skip
    assert all(f.source == 0 for f in facts)


def test_true_claims_pass_with_the_rounding_their_precision_allows() -> None:
    facts = tool_facts(ytd(), 0)
    for sentence in (
        "罗素2000指数年初至今上涨7.54%[0]。", "罗素2000年初至今涨7.5%[0]。",
        "罗素2000年初至今上涨约8%[0]。", "标普500指数2026年上涨1.02%[0]。",
        "The S&P 500 lagged the Russell 2000 by 6.5 percentage points this year[0].",
        "罗素2000年初至今最大回撤1.82%[0]。", "The Russell 2000 closed at 2,669.16[0].",
    ):  # fmt: skip
        assert verdict(sentence, facts) == ("verified", None), sentence


def test_a_wrong_value_for_the_same_thing_is_contradicted_with_the_sources_value() -> None:
    facts = tool_facts(ytd(), 0)
    assert verdict("罗素2000指数年初至今下跌7.54%[0]。", facts) == ("contradicted", "+7.54%")
    assert verdict("标普500指数年初至今上涨7.54%[0]。", facts) == ("contradicted", "+1.02%")
    assert verdict("罗素2000年初至今上涨7.55%[0]。", facts) == ("contradicted", "+7.54%")
    assert verdict("The Russell 2000 gained 754% YTD[0].", facts) == ("contradicted", "+7.54%")


def test_a_month_the_tools_computed_is_the_month_a_sentence_names() -> None:
    """A computed July ("2026-07") is what "in July 2026" and "2026年7月" claim; the "2026" of
    "July 2026" is no figure, and a name meeting the month ("ETF2026年") is still the name."""
    end = dt.date(2026, 7, 31)
    facts = one_return("IWM", "2026-07", end, 291.2, -3.08)
    assert verdict("IWM was down 3.08% in July 2026[0].", facts)[0] == "verified"
    assert verdict("罗素2000 ETF2026年7月下跌3.08%[0]。", facts)[0] == "verified"
    assert verdict("IWM was down 3.08% in June 2026[0].", facts)[0] == "unsupported"


def test_months_the_tools_computed_are_what_a_sentence_naming_them_claims() -> None:
    """Computed from March to June ("2026-03..2026-06"): "from March to June 2026" and
    "2026年3月至6月" claim it; "in May" does not."""
    facts = one_return("^GSPC", "2026-03..2026-06", dt.date(2026, 6, 30), 7499.36, 9.02)
    said = "The S&P 500 was up 9.02% from March to June 2026[0]."
    assert verdict(said, facts)[0] == "verified"
    assert verdict("标普500指数2026年3月至6月上涨9.02%[0]。", facts)[0] == "verified"
    assert verdict("The S&P 500 was up 9.02% in May 2026[0].", facts)[0] == "unsupported"


def test_a_move_from_a_months_low_is_what_a_sentence_naming_that_month_claims() -> None:
    """Computed from April 2026's lowest close ("low:2026-04"), as the answer words it."""
    facts = one_return("IWM", "low:2026-04", dt.date(2026, 8, 21), 299.96, 20.48)
    said = "As of the close on August 21, 2026, IWM was up 20.48% from its closing low of April"
    assert verdict(f"{said} 2026[0].", facts)[0] == "verified"
    assert verdict("罗素2000 ETF较2026年4月收盘低点上涨20.48%[0]。", facts)[0] == "verified"
    assert verdict("IWM was up 20.48% in May 2026[0].", facts)[0] == "unsupported"


def test_a_quarter_or_half_the_tools_computed_is_the_one_a_sentence_names() -> None:
    """A computed first half ("2026-H1") is what "2026年上半年" and "in the first half of 2026"
    claim; the second half is not."""
    end = dt.date(2026, 6, 30)
    facts = one_return("^GSPC", "2026-H1", end, 7499.36, 9.55)
    assert verdict("标普500指数2026年上半年上涨9.55%[0]。", facts)[0] == "verified"
    assert verdict("The S&P 500 was up 9.55% in the first half of 2026[0].", facts)[0] == (
        "verified"
    )
    assert verdict("标普500指数2026年下半年上涨9.55%[0]。", facts)[0] == "unsupported"


def test_a_span_since_a_close_is_what_a_sentence_naming_its_day_or_month_claims() -> None:
    """Computed from the June 30 close ("2026-06-30.."): "since June 30, 2026" and "7月以来"
    claim it; "in May" does not."""
    end = dt.date(2026, 8, 21)
    facts = one_return("^IXIC", "2026-06-30..", end, 26180.46, -0.13)
    said = "As of the close on August 21, 2026, the Nasdaq Composite was down 0.13% since June"
    assert verdict(f"{said} 30, 2026[0].", facts)[0] == "verified"
    assert verdict("纳斯达克综合指数7月以来下跌0.13%[0]。", facts)[0] == "verified"
    assert verdict("The Nasdaq Composite was down 0.13% in May 2026[0].", facts)[0] == "unsupported"


def test_another_period_is_unsupported_and_says_what_the_source_gives() -> None:
    facts = tool_facts(ytd(), 0)
    assert verdict("标普500指数2024年全年上涨1.02%[0]。", facts) == ("unsupported", "+1.02%")


def test_an_article_is_held_to_its_own_sentences_and_precision() -> None:
    facts = text_facts("罗素2000指数年初至今已录得可观的8.2%回报率。", 1, VOCABULARY)
    assert verdict("文章称罗素2000年初至今上涨8.2%[1]。", facts)[0] == "verified"
    assert verdict("罗素2000年初至今上涨8.24%[1]。", facts) == ("contradicted", "+8.2%")
    assert verdict("罗素2000年初至今下跌8.2%[1]。", facts) == ("contradicted", "+8.2%")
    assert verdict("纳斯达克年初至今上涨8.2%[1]。", facts)[0] == "unsupported"


def test_bought_for_sold_and_inflow_for_outflow_are_not_verified() -> None:
    facts = text_facts(
        "董事长计划减持不超过33.58万股。上周北向资金净流出52.3亿元。Berkshire sold 5.5 million "
        "shares of the bank.",
        1,
        VOCABULARY,
    )
    assert verdict("董事长计划减持不超过33.58万股[1]。", facts)[0] == "verified"
    assert verdict("董事长计划增持不超过33.58万股[1]。", facts)[0] != "verified"
    assert verdict("上周北向资金净流入52.3亿元[1]。", facts)[0] != "verified"
    assert verdict("Berkshire bought 5.5 million shares of the bank[1].", facts)[0] != "verified"
    assert verdict("Berkshire sold 5.5 million shares of the bank[1].", facts)[0] == "verified"


def test_a_name_the_vocabulary_does_not_know_is_checked_against_its_own_figure() -> None:
    facts = text_facts(
        "盘面上，科网股涨跌不一，腾讯涨超2%，网易、小米、快手、百度涨超1%，美团跌超1%。能源板块下跌2%。",
        1,
        VOCABULARY,
    )
    assert verdict("腾讯涨超2%[1]。", facts)[0] == "verified"
    assert verdict("腾讯控股股价涨超2%[1]。", facts)[0] == "verified"  # one name inside the other
    assert verdict("小米涨超1%[1]。", facts)[0] == "verified"  # one of a list
    assert verdict("美团跌超1%[1]。", facts)[0] == "verified"
    assert verdict("腾讯跌超2%[1]。", facts)[0] != "verified"  # not the energy sector's -2%
    assert verdict("美团涨超1%[1]。", facts)[0] != "verified"  # not the list's +1%


def test_a_sign_written_on_the_figure_is_part_of_the_claim() -> None:
    facts = text_facts(
        "Activity, est. +1.6, prior -1.8. Bloomberg Dollar Index +0.2%.", 1, VOCABULARY
    )
    assert verdict("The Bloomberg Dollar Index was +0.2%[1].", facts)[0] == "verified"
    assert verdict("The Bloomberg Dollar Index was -0.2%[1].", facts)[0] != "verified"
    assert verdict("Activity came in at -1.8 before[1].", facts)[0] == "verified"


def test_the_sources_statement_of_the_very_metric_decides_its_sign() -> None:
    facts = text_facts("股东拟减持不超3%公司股份。公司持股比例为3.5%。", 1, VOCABULARY)
    assert verdict("股东拟减持不超3%公司股份[1]。", facts)[0] == "verified"
    assert verdict("股东拟增持不超3%公司股份[1]。", facts)[0] != "verified"  # not saved by 3.5%


def test_a_best_and_a_worst_day_are_checked_as_one_days_moves() -> None:
    """The narrated best and worst day verify against the cells they come from, not against
    the period's return; another value for either is contradicted."""
    from assistant.offline.narrate_measures import extreme_day_sentences
    from tests.unit.tools.conftest import make_frame
    from tools.periods import parse_period

    frames = {"^IXIC": make_frame([100, 104, 101, 99, 103], start="2025-12-31")}
    result = returns.index_returns(frames, parse_period("YTD"), as_of=dt.date(2026, 1, 6))
    facts = tool_facts(result, 0)
    for language in ("en", "zh"):
        [told] = extreme_day_sentences(result, None, lambda s, _: "Nasdaq", language, "days_lead")
        claims = read_claims(told, VOCABULARY)
        assert len(claims) == 2 and all(check(c, facts).verdict == "verified" for c in claims)
    wrong = "The Nasdaq's best day year to date was up 3.5% on January 6, 2026[0]."
    assert verdict(wrong, facts)[0] == "contradicted"
