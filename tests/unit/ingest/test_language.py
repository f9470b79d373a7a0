"""Which language a text is in, and where its Chinese is: the one definition every layer uses."""

from __future__ import annotations

import pytest

from ingest.language import CJK_RUN, chinese_runs, cjk_count, detect_language, has_cjk


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("罗素2000指数年初至今是否跑赢标普500?", "zh"),
        ("Did the Russell 2000 outperform the S&P 500 this year?", "en"),
        ("IWM和SPY今年表现如何", "zh"),  # tickers in a Chinese question
        ("What does 华尔街见闻 say about IWM and SPY today?", "en"),  # a Chinese name in English
        ("Circle涨8.27%。", "zh"),  # one Latin word, two characters
        ("2026-01-23 +1.05%", "en"),  # no words at all
        ("", "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_only_the_opening_of_a_long_text_is_read() -> None:
    assert detect_language("Small caps rallied. " * 300 + "小盘股" * 2000) == "en"


def test_chinese_characters_and_cjk_punctuation() -> None:
    assert has_cjk("Russell 2000 罗素") and not has_cjk("Russell 2000")
    assert has_cjk("\u3400 extension A") and has_cjk("豈")  # beyond the unified block
    assert not has_cjk("yields rose，（8 bp）") and has_cjk("yields rose，", punctuation=True)
    assert cjk_count("IWM和SPY今年") == 3
    assert CJK_RUN.findall("小盘股outperform大盘") == ["小盘股", "大盘"]


def test_a_share_class_is_chinese_with_its_letter() -> None:
    """A股 and H股 are Chinese words whose first letter is Latin: a run of Chinese holds it, in
    capitals, and not the letters of an English word before 股 ("AH股" is no share class)."""
    assert chinese_runs("A股与港股、h股；AH股") == ["A股与港股", "H股", "股"]
    assert chinese_runs("小盘股outperform大盘") == ["小盘股", "大盘"]
    assert chinese_runs("Chinese A-Shares fell, non-A-shares rose") == ["A股"]
