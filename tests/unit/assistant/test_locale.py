"""The message catalogs: both languages say the same things, and code asks only for what exists."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from assistant.answer.model import Language
from assistant.locale import as_of_line, heading_skeleton, hint, message, notice, period_label
from assistant.locale.catalog import LANGUAGES, catalog, placeholders
from tests.unit.tools.conftest import make_frame
from tools.errors import DataRangeError
from tools.periods import parse_period
from tools.returns import index_returns

ROOT = Path(__file__).resolve().parents[3]


def test_both_languages_have_the_same_messages() -> None:
    assert sorted(catalog("zh")) == sorted(catalog("en"))


def test_a_message_has_the_same_placeholders_in_both_languages() -> None:
    zh, en = catalog("zh"), catalog("en")
    assert [name for name in en if placeholders(zh[name]) != placeholders(en[name])] == []


def test_a_latin_name_meeting_a_figure_is_spaced_from_it() -> None:
    """ "纳指100 ETF" then "2026年7月" or "1.04" read as one token unspaced (ETF2026年, ETF1.04);
    a name ending in a figure, or a Chinese one, meets the next value as written."""
    period = message(
        "narrate.symbol_return",
        "zh",
        name="纳指100 ETF",
        period="2026年7月",
        move="下跌6.57%",
        closes="",
    )
    assert period == "纳指100 ETF 2026年7月下跌6.57%"
    spread = message("narrate.outperformed", "zh", name="道指ETF", other="标普500 ETF",
                     spread="0.51", cite="[0]")  # fmt: skip
    assert spread == "道指ETF跑赢标普500 ETF 0.51个百分点[0]。"
    plain = message("narrate.outperformed", "zh", name="罗素2000指数", other="标普500指数",
                    spread="1.20", cite="[0]")  # fmt: skip
    assert plain == "罗素2000指数跑赢标普500指数1.20个百分点[0]。"
    assert message("narrate.up", "zh", change="1.5%") == "上涨1.5%"


def _named_messages() -> list[tuple[str, str]]:
    """(where, name) for every message(...) whose name is written out in the code."""
    found = []
    for package in ("assistant", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == "message"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    found.append((where, node.args[0].value))
    return found


def test_every_message_the_code_names_is_in_the_catalog() -> None:
    named = _named_messages()
    assert len(named) > 50  # the scan sees the calls
    assert [f"{where}: {name}" for where, name in named if name not in catalog("en")] == []


def test_a_message_is_filled_in() -> None:
    assert notice("tool_failed", "en", tool="macro indicators", reason="no prices") == (
        "The market-data tool for macro indicators failed: no prices"
    )
    assert message("research.title", "zh", topic="小盘股") == "小盘股：深度研究"
    with pytest.raises(KeyError, match=r"no message 'notice\.nonsense'"):
        message("notice.nonsense", "en")


@pytest.mark.parametrize(
    ("period", "zh", "en"),
    [
        ("YTD", "年初至今", "year to date"),
        ("1d", "当日", "on the day"),
        ("2024", "2024年全年", "in 2024"),
        ("1M", "近1个月", "over the past month"),
        ("3M", "近3个月", "over the past 3 months"),
        ("5D", "近5个交易日", "over the past 5 trading days"),
        ("1Y", "近1年", "over the past year"),
        ("2026-Q2", "2026年二季度", "in the second quarter of 2026"),
        ("2026-H1", "2026年上半年", "in the first half of 2026"),
        ("2026-07", "2026年7月", "in July 2026"),
        ("2026-03..2026-06", "2026年3月至6月", "from March to June 2026"),
        ("2025-11..2026-02", "2025年11月至2026年2月", "from November 2025 to February 2026"),
        ("low:2026-04", "较2026年4月收盘低点", "from its closing low of April 2026"),
        ("high:2026", "较2026年收盘高点", "from its closing high of 2026"),
        ("odd", "odd", "odd"),
        (None, "", ""),
    ],
)
def test_period_labels(period: str | None, zh: str, en: str) -> None:
    assert (period_label(period, "zh"), period_label(period, "en")) == (zh, en)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_answer_format_words(language: Language) -> None:
    day = dt.date(2026, 1, 23)
    expected = {
        "zh": "截至2026年1月23日 | 市场分析",
        "en": "As of January 23, 2026 | Market analysis",
    }
    assert as_of_line(day, language) == expected[language]
    skeleton = heading_skeleton(language).splitlines()
    assert len(skeleton) == 6 and skeleton[0].startswith("## ") and skeleton[3].startswith("### ")


def test_hints_are_worded_for_their_edge() -> None:
    assert "--allow-private" in hint("allow_private", "cli")
    assert "--" not in hint("allow_private", "browser")
    assert "MARKETBRIEF_ALLOW_PRIVATE_URLS=true" in hint("allow_private", "browser")


def test_a_missing_close_is_said_once_however_many_tools_it_stops() -> None:
    """The returns and the quotes stopped by one close the store lacks say it once, as the
    data's condition in the reader's words; an error no catalog words names its tool."""
    from assistant.locale import tool_failure
    from tools.errors import ProviderError

    last = dt.date(2026, 8, 21)
    error = DataRangeError("after the last close", key="after_last_close", symbol="IWM", day=last)
    said = {tool_failure(tool, error, "zh") for tool in ("index_returns", "quotes")}
    assert said == {
        "本回答缺少这部分行情数据:IWM的收盘数据止于2026年8月21日，所选日期之后的数据尚未导入。"
    }
    other = tool_failure("quotes", ProviderError("Yahoo said 502"), "en")
    assert other == "The market-data tool for quotes failed: Yahoo said 502"


def test_a_series_that_ended_before_the_span_asked_is_told_in_the_readers_words() -> None:
    """ "美债收益率本月走势如何？" of a yield series that stopped in February: the month to
    date named as the reader names it, the days in the reader's format."""
    february = make_frame([4.0] * 40, start="2026-01-01")  # to 2026-02-25
    with pytest.raises(DataRangeError) as raised:
        index_returns({"^TNX": february}, parse_period("MTD"), current=dt.date(2026, 8, 21))
    from assistant.locale import tool_failure

    said = tool_failure("index_returns", raised.value, "zh")
    assert said.endswith("^TNX的收盘数据止于2026年2月25日，早于月初至今的起点（2026年8月1日）。")
    assert "before the period asked (month to date) began on August 1, 2026" in tool_failure(
        "index_returns", raised.value, "en"
    )


def _range_errors() -> list[tuple[str, str | None]]:
    """(where, key) for every range error the market-data tools raise (but one passing on
    another's key)."""
    found = []
    for path in sorted((ROOT / "tools").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Raise)
                and isinstance(node.exc, ast.Call)
                and isinstance(node.exc.func, ast.Name)
                and node.exc.func.id == "DataRangeError"
            ):
                key = next((k.value for k in node.exc.keywords if k.arg == "key"), None)
                if key is None or isinstance(key, ast.Constant):  # else another error's key
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    found.append((where, key.value if key else None))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_range_error_of_the_tools_is_worded_for_the_reader(language: Language) -> None:
    """A tool stopped by the data it lacks (a close after the last, a year not stored, every
    macro series ended) reaches the reader as a sentence in their language, never the tool's
    English line inside a Chinese answer: each range error has a key both catalogs word."""
    errors = _range_errors()
    assert len(errors) >= 8
    unworded = [(where, key) for where, key in errors if key is None or
                f"tool_error.{key}" not in catalog(language)]  # fmt: skip
    assert unworded == []


def test_the_macro_backdrop_after_every_series_ended_is_told_in_the_readers_words() -> None:
    from assistant.locale import tool_failure
    from tools.macro import macro

    frames = {"^VIX": make_frame([15.0] * 40, start="2026-07-01")}  # to 2026-08-25
    with pytest.raises(DataRangeError) as raised:
        macro(frames, as_of=dt.date(2026, 9, 30))
    said = tool_failure("macro", raised.value, "zh")
    assert said == "本回答缺少这部分行情数据:宏观指标的收盘数据止于2026年8月25日，早于所问日期。"
