"""Does a question compare one thing with another, or rank it among all, and does it ask yes or
no?

"罗素2000年初至今跑赢标普500了吗？" and "Did the Dow beat the Nasdaq?" ask whether one beat
the other: the answer starts "Yes" or "No". "纳指和道指谁表现更好？", "Which did better, small
caps or the S&P 500?" and "Compare the Nasdaq and the Dow" ask which did better: the answer
names the one that did, and a "Yes" would answer nothing asked.
"""

from __future__ import annotations

import re
from typing import Literal

from assistant.question.cues import has_cue

Comparison = Literal["whether", "which"]

_COMPARISON = (
    "跑赢", "跑输", "相比", "对比", "比较", "强于", "弱于", "outperform", "underperform", "beat",
    " vs", "versus", "compared", "compare", "relative to", "than",
    # which of the two: "XLK和XLE谁表现更好", "哪个涨得更多", "which did better"
    "谁表现", "谁涨", "谁跌", "谁更", "哪个更", "哪只更", "哪个涨得更", "did better", "did worse",
    "do better", "do worse", "does better", "does worse", "done better", "done worse",
    "performed better", "performed worse", "比呢", "比起来",  # "和纳指比呢？"
)  # fmt: skip

# Asks for one of the two, whatever else it says: "Did small caps or large caps do better?"
# ("A还是B" needs no cue: a comparison that asks no yes or no asks which.)
_WHICH = ("which", "who ", "谁", "哪", " or ")
_EITHER_WAY = (" or not", "还是没有", "还是不")  # "…or not?", "跑赢了还是没有？" ask yes or no
# Asks yes or no: a Chinese question particle, an A-not-A form or 没有 at the end; "whether".
_WHETHER = ("是否", "是不是", "有没有", "了没", "能否", "可否", "whether")
_PARTICLE = re.compile(r"(?:[吗么嘛]|没有?)[\s?？!！。.]*$")  # "…了吗？", "…跑赢道指没有？"
# An English question opening with an auxiliary verb: "Did…?", "Has…?", "So, is…?"
_AUXILIARY = re.compile(
    r"^(?:(?:so|and|but|then|ok|okay|well|now)\b[\s,]*)?"
    r"(?:did|does|do|has|have|had|is|are|was|were|will|would|can|could|should)\b",
    re.IGNORECASE,
)


# "纳指和罗素2000哪个7月涨得更多？": which one, and "more", with words between
_WHICH_MORE = re.compile(r"(?:哪(?:个|只|一个|家)|谁)[^，,。？?]{0,12}?更")


def asks_comparison(text: str) -> bool:
    """Does the question ask whether one beat another, or which did better (跑赢, vs, 谁)?"""
    return has_cue(text, _COMPARISON) or _WHICH_MORE.search(text) is not None


def comparison_asked(text: str) -> Comparison | None:
    """How the question compares: "whether" one beat the other (a yes or no), "which" did
    better (it names no answer to agree with: "Compare A and B", "A vs B"), or None."""
    if not asks_comparison(text):
        return None
    either_way = has_cue(text, _EITHER_WAY)
    if has_cue(text, _WHICH) and not either_way:
        return "which"
    polar = (
        either_way
        or has_cue(text, _WHETHER)
        or _PARTICLE.search(text) is not None
        or _AUXILIARY.match(text.strip()) is not None
    )
    return "whether" if polar else "which"


# Which ranks first or last among all ("能源板块今年表现最好吗？", "Was tech the worst sector in
# July?", "哪个板块领涨"): the answer ranks them all, not only the one named.
_RANK = re.compile(
    r"最(?:好|强|佳|差|弱|多|少)|领涨|领跌|排名第一|第一名"
    r"|\b(?:best|worst|strongest|weakest|top|leading|led|leader|laggard)\b",
    re.I,
)


def asks_rank(text: str) -> bool:
    """Does the question ask which ranks first or last among all (最好, "the best", 领涨)?"""
    return _RANK.search(text) is not None


# Which ranks last ("哪个板块表现最差？", "Which sector did worst?", "领跌"): the ranking's bottom.
_LAST = re.compile(r"最(?:差|弱)|领跌|\b(?:worst|weakest|laggards?)\b", re.I)


def ranks_last(text: str) -> bool:
    """Does the question ask which ranks last (最差, "the worst", 领跌)?"""
    return _LAST.search(text) is not None
