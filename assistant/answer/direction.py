"""Which way a text says something moved: the up and down words of both languages.

One home for them: the claims checker reads the word next to a figure ("7.5%的涨幅", "fell
2%"), the offline composer which way a sentence says its subject moved against which way the
question asks ("Why did SoftBank shares sink?" is not answered by "SoftBank shares soar")."""

from __future__ import annotations

import re

UP = re.compile(
    r"上涨|上升|上行|上调|走高|攀升|反弹|回升|增长|增加|扩大|拉升|大涨|飙升|涨|升|"
    r"激增|大增|猛增|骤增|暴增|剧增|锐增|"
    r"\b(?:rose|rise[sn]?|rising|gain\w*|up|climb\w*|rall\w*|advanc\w*|added|jump\w*|surg\w*|"
    r"soar\w*|increas\w*|widen\w*|higher|grow|grew|grown|growing)\b",
    re.I,
)
DOWN = re.compile(
    r"下跌|下降|下行|下调|减少|走低|回落|下滑|下挫|重挫|暴跌|收窄|跌|降|挫|"
    r"\b(?:fell|fall\w*|drop\w*|eas(?:ed|ing)|declin\w*|down|slid|slump\w*|lost|los(?:e|es|ing|s|ses)\b|tumbl\w*|"
    r"plung\w*|shed|decreas\w*|narrow\w*|lower|sank|sink\w*)\b",
    re.I,
)
NEUTRAL = re.compile(r"涨跌幅|涨跌")
# A central bank's move is a policy, not a price's: "降息" says nothing of which way stocks went.
_POLICY = re.compile(r"降息|加息|升息|降准|\brate (?:cut|hike|increase)s?\b", re.I)


def moves(text: str) -> frozenset[int]:
    """The ways the text says things moved: +1 up, -1 down (both, one, or none)."""
    plain = _POLICY.sub(" ", NEUTRAL.sub(" ", text))
    found = {1} if UP.search(plain) else set()
    return frozenset(found | ({-1} if DOWN.search(plain) else set()))


def direction_of(word: str) -> int | None:
    """The way a word on its own says something moved ("grow" and "涨" up, "fell" down); none
    for one that only holds such a word (涨跌, 降息)."""
    return 1 if UP.fullmatch(word) else -1 if DOWN.fullmatch(word) else None


def asked_direction(question: str) -> int | None:
    """The one way the question asks about ("为什么大跌", "Why did AMD stock soar?"), if any."""
    found = moves(question)
    return next(iter(found)) if len(found) == 1 else None
