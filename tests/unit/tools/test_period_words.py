"""Period words in questions and sentences (tools.period_words)."""

from __future__ import annotations

import pytest

from tools.period_words import parse_period_text, period_mentions


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("罗素2000指数年初至今是否跑赢标普500?", "YTD"),
        ("本月能源板块表现如何", "MTD"),
        ("本季度以来", "QTD"),
        ("过去一年纳指涨了多少", "1Y"),
        ("近三个月科技股", "3M"),
        ("2024年全年标普500", "2024"),
        ("How has tech done year to date?", "YTD"),
        ("Did energy beat tech this month?", "MTD"),
        ("performance over the past 6 months", "6M"),
        ("What is the outlook for small caps?", None),
    ],
)
def test_period_words_in_questions(text: str, period: str | None) -> None:
    assert parse_period_text(text) == period


def test_a_sentence_names_years_and_windows_but_never_inside_an_index_name() -> None:
    def named(text: str) -> list[str]:
        return [period for _, _, period in period_mentions(text, in_sentence=True)]

    assert named("罗素2000年初至今上涨，2025年全年上涨，3个月相对强度") == ["YTD", "2025", "3M"]
    assert named("In 2025 the index rose; 3-month return; so far in 2026") == ["2025", "3M", "YTD"]
    assert named("截至2026年1月23日，10年期美债") == []
    assert [p for _, _, p in period_mentions("2025年标普上涨，3个月期美债")] == []
