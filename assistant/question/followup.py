"""Does a follow-up refer back to the earlier question?

In a conversation about the Russell 2000, "那纳斯达克呢?", "and over the same period?" or "why
did it fall?" lean on the earlier turn; "What did the Fed minutes say?" starts a topic of its
own. `parse._carry_over` keeps the earlier topic only for a question that names none of its own
or that uses a referring word: a pronoun (它, it, those), an elliptical 那…呢 / "what about",
a leading "and", or "the same period" (同期). An elliptical one ("那黄金呢？", "What about
gold?") asks the earlier question again of what it names (`elliptical_subject`).
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.question.period import without_time_words
from ingest.dates import MONTH_NAMES
from ingest.framing import ASPECT_WORDS, NOT_TERMS, SPAN_WORDS
from ingest.named_periods import QUARTER_ORDINALS, named_period, quarter_spans, without_spans
from ingest.tokens import tokenize

_ZH = re.compile(
    r"^\s*(?:那|那么|还有|再|那如果)"  # 那纳斯达克呢? 那么美联储的影响呢?
    r"|^\s*.{1,10}呢\s*[?？!！。]*\s*$"  # 上个月呢? (a long question may end in 呢 too)
    r"|它|它们|其表现|该(?:指数|板块|股|公司|基金|ETF)"
    r"|这个(?!月|季|星期|周|年)|那个|这些|那些|这只|这支|上述|同期|同一时期|同样的时间"
)
_EN = re.compile(
    r"^\s*(?:and|but|so|also|then|or)\b"  # "And this month?"
    r"|\b(?:what|how)\s+about\b"
    r"|\b(?:it|its|it's|itself|they|them|their|those|these)\b"
    r"|\b(?:that|this|the same)\s+(?:one|ones|index|sector|stock|stocks|company|fund|etf|move)\b"
    r"|\bthat\s*[?.!]*\s*$"  # "Why that?"
    r"|\b(?:same|that)\s+(?:period|time|timeframe|window|stretch)\b"
    r"|\b(?:too|as well|instead)\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def refers_back(text: str) -> bool:
    """Does the question lean on an earlier one through a referring word?"""
    return bool(_ZH.search(text) or _EN.search(text))


_ZH_ELLIPSIS = re.compile(
    r"^\s*(?:那么?|还有)?\s*(?P<said>[^，,。？?！!]{1,16}?)\s*呢\s*[?？!！。]*\s*$"
)
_EN_ELLIPSIS = re.compile(
    r"^\s*(?:and\s+|so\s+)?(?:what|how)\s+about\s+(?:the\s+)?(?P<said>[^?.!,]{1,40}?)\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def elliptical_subject(text: str) -> str | None:
    """What an elliptical follow-up names, as written ("那黄金呢？": 黄金; "What about the
    Nasdaq?": Nasdaq); None for any other question."""
    found = _ZH_ELLIPSIS.match(text) or _EN_ELLIPSIS.match(text)
    return found["said"].strip() if found else None


# The sides of a topic an elliptical follow-up may ask of the earlier one ("What about the
# risks?", "那估值呢？", "And the drivers?"), beyond the aspect words (`ingest.framing`).
_SIDES = frozenset(
    """risk valuation catalyst earning return volatility drawdown momentum flow fundamental
    technical upside downside why opportunity target
    风险 估值 催化剂 催化 业绩 回报 波动 波动率 回撤 资金 资金流 基本面 技术面 机会 机遇 为什么 看法
    目标价""".split()  # noqa: SIM905
)


# …and the words of a time it may ask of instead: "What about August?", "And Q2?", "What about
# the same period last year?" (the rest of a time, "last week", `without_time_words` takes).
_TIMES = frozenset(
    [m.lower() for m in MONTH_NAMES]
    + [m[:3].lower() for m in MONTH_NAMES]
    + list(QUARTER_ORDINALS)
    + "quarter half q1 q2 q3 q4 h1 h2 same period time 季度 上半年 下半年 同期".split()  # noqa: SIM905
)


def names_another_topic(subject: str) -> bool:
    """Does what an elliptical follow-up names (`elliptical_subject`) make a topic of its own
    ("What about housing?", "那房价呢？"), rather than a side of the earlier one ("What about the
    risks?", "那估值呢？") or a time ("What about August?", "那上个月呢？")?"""
    named = named_period(subject, dt.date.today())
    rest = without_time_words(named.rest if named else subject)
    rest = without_spans(rest, [(start, end) for start, end, _ in quarter_spans(rest)])  # 二季度
    kept = NOT_TERMS | ASPECT_WORDS | SPAN_WORDS | _SIDES | _TIMES
    return any(word not in kept and not word.isdigit() for word in tokenize(rest))
