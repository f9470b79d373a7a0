"""Does a follow-up refer back to the earlier question?

In a conversation about the Russell 2000, "那纳斯达克呢?", "and over the same period?" or "why
did it fall?" lean on the earlier turn; "What did the Fed minutes say?" starts a topic of its
own. `parse._carry_over` keeps the earlier topic only for a question that names none of its own
or that uses a referring word: a pronoun (它, it, those), an elliptical 那…呢 / "what about",
a leading "and", or "the same period" (同期). An elliptical one ("那黄金呢？", "What about
gold?") asks the earlier question again of what it names (`elliptical_subject`).
"""

from __future__ import annotations

import re

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
