"""Referring words: does a follow-up lean on the earlier question?"""

from __future__ import annotations

import pytest

from assistant.question.followup import refers_back


@pytest.mark.parametrize(
    "text",
    [
        "那纳斯达克呢?", "上个月呢?", "它为什么跌了?", "这个指数呢", "同期纳指表现",
        "该板块的估值?",
        "And this month?", "What about the Nasdaq?", "How about Micron?", "Why did it fall?",
        "Over the same period?", "Why those?", "And the 10-year too?",
    ],
)  # fmt: skip
def test_referring_words(text: str) -> None:
    assert refers_back(text)


@pytest.mark.parametrize(
    "text",
    [
        "What did the Fed minutes say?",
        "美联储最近的会议纪要说了什么?",
        "美联储最近的会议纪要说了什么呢?",  # a long question may end in 呢 and refer to nothing
        "这个月能源板块表现如何?",  # 这个月 is this month, not "this one"
        "What happened this month?",
        "Did Nvidia beat earnings estimates?",
    ],
)
def test_questions_of_their_own(text: str) -> None:
    assert not refers_back(text)
