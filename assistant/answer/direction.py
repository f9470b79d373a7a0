"""Which way a text says something moved: the up and down words of both languages, and the
words for money or shares moving in or out.

One home for them: the claims checker reads the word next to a figure ("7.5%的涨幅", "fell
2%"), the offline composer which way a sentence says its subject moved against which way the
question asks ("Why did SoftBank shares sink?" is not answered by "SoftBank shares soar")."""

from __future__ import annotations

import re

UP = re.compile(
    r"上涨|上升|上行|上调|走高|攀升|反弹|回升|增长|增加|扩大|拉升|大涨|飙升|涨|升|"
    r"激增|大增|猛增|骤增|暴增|剧增|锐增|预增|增产|扩产|提高|提升|增(?=[约超逾近达]?\s*(?:[\d.]|$))|"
    r"走强|"  # a currency's (and 升值 is 升)
    r"\b(?:rose|rise[sn]?|rising|gain\w*|up|climb\w*|rall\w*|advanc\w*|added|jump\w*|surg\w*|"
    r"soar\w*|increas\w*|widen\w*|higher|grow|grew|grown|growing|strengthen\w*)\b",
    re.I,
)
DOWN = re.compile(
    r"下跌|下降|下行|下调|减少|走低|回落|下滑|下挫|重挫|暴跌|收窄|跌|降|挫|"
    r"预减|减产|削减|缩减|锐减|骤减|大减|减(?=[约超逾近达]?\s*(?:[\d.]|$))|"
    r"走弱|走软|贬值|"  # a currency's
    r"\b(?:fell|fall\w*|drop\w*|eas(?:ed|ing)|declin\w*|down|slid|slump\w*|lost|los(?:e|es|ing|s|ses)\b|tumbl\w*|"
    r"plung\w*|shed|decreas\w*|narrow\w*|lower|sank|sink\w*|weaken\w*)\b",
    re.I,
)
# Money or shares moving in or out, bought or sold ("净流入105.6亿", "减持不超过33.58万股",
# "$2 billion of outflows", "sold 5 million shares"): a buyer's figure and a seller's are
# opposite claims, as a rise and a fall are. English "bought" and "sold" count only for
# securities ("sold 5 million iPhones" is a sale, not a holding).
_FLOW_IN = re.compile(
    r"净流入|流入|净买入|买入|增持|加仓|净申购"
    r"|\binflows?\b|\bnet (?:buying|buyers?|purchases)\b"
    r"|\b(?:bought|purchased|acquired|buying)\b(?=\s.{0,40}?\b(?:shares|stock|stakes?|holdings?"
    r"|bonds|Treasur))",
    re.I,
)
_FLOW_OUT = re.compile(
    r"净流出|流出|净卖出|卖出|减持|减仓|抛售|净赎回"
    r"|\boutflows?\b|\bnet (?:selling|sellers?)\b"
    r"|\b(?:sold|dumped|offloaded|unloaded|selling)\b(?=\s.{0,40}?\b(?:shares|stock|stakes?"
    r"|holdings?|bonds|Treasur))",
    re.I,
)
NEUTRAL = re.compile(r"涨跌幅|涨跌")
# A central bank's move is a policy, not a price's: "降息" says nothing of which way stocks went.
_POLICY = re.compile(r"降息|加息|升息|降准|\brate (?:cut|hike|increase)s?\b", re.I)


def _moving(text: str) -> str:
    """The text without words that hold a move's word but say no move (涨跌, 降息)."""
    return _POLICY.sub(" ", NEUTRAL.sub(" ", text))


def moves(text: str) -> frozenset[int]:
    """The ways the text says things moved: +1 up, -1 down (both, one, or none)."""
    plain = _moving(text)
    found = {1} if UP.search(plain) else set()
    return frozenset(found | ({-1} if DOWN.search(plain) else set()))


def direction_of(word: str) -> int | None:
    """The way a word on its own says something moved ("grow" and "涨" up, "fell" down); none
    for one that only holds such a word (涨跌, 降息)."""
    return 1 if UP.fullmatch(word) else -1 if DOWN.fullmatch(word) else None


def chinese_moves(text: str) -> list[tuple[str, int]]:
    """The Chinese words for a move the text writes, each with its way ("走弱", -1): jieba may
    cut one apart (走 + 弱), and its pieces still say the move."""
    plain = _moving(text)
    return [
        (m[0], way)
        for pattern, way in ((UP, 1), (DOWN, -1))
        for m in pattern.finditer(plain)
        if not m[0].isascii()
    ]


def asked_direction(question: str) -> int | None:
    """The one way the question asks about ("为什么大跌", "Why did AMD stock soar?"), if any."""
    found = moves(question)
    return next(iter(found)) if len(found) == 1 else None


def flow_direction(clause: str, after: str) -> int:
    """+1 for money or shares flowing in or bought, -1 out or sold (`_FLOW_IN`, `_FLOW_OUT`):
    a word right after the figure and its scale ("105.6亿净流出", "$2.5 billion of outflows"),
    else the last one before it in its clause ("其中证券净流出105.6亿"). `after` is the rest of
    the figure's clause, so "sold" sees the shares after "5.5 million"."""
    text, at = clause + after, len(clause)
    found = [
        (m.start(), way)
        for pattern, way in ((_FLOW_IN, 1), (_FLOW_OUT, -1))
        for m in pattern.finditer(text)
    ]
    scale = _SCALE.match(after)  # always matches: each of its parts may be absent
    next_to = at + (scale.end() if scale else 0)
    right_after = [f for f in found if f[0] == next_to]
    if right_after:
        return right_after[0][1]
    before = [f for f in found if f[0] < at]
    return max(before)[1] if before else 0


# What may stand between a figure and the flow it is: its scale, its currency or its shares,
# and a link ("万美元净买入", "$2.5 billion of outflows").
_SCALE = re.compile(
    r"\s*(?:(?:million|billion|trillion|bn|mn)\b|[万亿]?(?:美元|港元|韩元|日元|欧元|元|股|手))?"
    r"\s*(?:(?:of|in)\s+)?",
    re.I,
)
