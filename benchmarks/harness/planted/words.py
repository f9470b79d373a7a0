"""Direction words and their opposites, to flip what a sentence says a figure did.

The word flipped is the last one before the figure in its clause (after the previous figure),
else the first one just after it ("9%的涨幅", "a 5% drop"). A word that makes the figure a level
("降至0.07元", "跌破103美元", "rose to 4.2%", "up to 50%") is not flipped: the figure would still
be right, or a threshold rather than a change.
"""

from __future__ import annotations

import re

from ingest.language import Language

_ZH_PAIRS = (
    ("上涨", "下跌"), ("上升", "下降"), ("增长", "下降"), ("增加", "减少"), ("提高", "降低"),
    ("走高", "走低"), ("攀升", "回落"), ("回升", "回落"), ("大涨", "大跌"), ("涨幅", "跌幅"),
    ("收涨", "收跌"), ("涨超", "跌超"), ("涨逾", "跌逾"), ("涨近", "跌近"), ("上行", "下行"),
    ("扩大", "收窄"), ("飙升", "暴跌"), ("暴涨", "暴跌"), ("重挫", "大涨"), ("提升", "下降"),
    ("上调", "下调"), ("走强", "走弱"), ("增长率", "降幅"), ("增速", "降幅"), ("增", "减"),
    ("涨", "跌"), ("升", "降"), ("净流入", "净流出"), ("流入", "流出"), ("净买入", "净卖出"),
    ("买入", "卖出"), ("加仓", "减仓"),
)  # fmt: skip
_EN_PAIRS = (
    ("rose", "fell"), ("rise", "fall"), ("rises", "falls"), ("rising", "falling"),
    ("risen", "fallen"), ("gained", "lost"), ("gain", "loss"), ("gains", "losses"),
    ("gaining", "losing"), ("up", "down"), ("increased", "decreased"), ("increase", "decrease"),
    ("increases", "decreases"), ("increasing", "decreasing"), ("climbed", "dropped"),
    ("climb", "drop"), ("jumped", "slumped"), ("surged", "plunged"), ("soared", "tumbled"),
    ("higher", "lower"), ("advanced", "declined"), ("advance", "decline"), ("grew", "shrank"),
    ("growth", "contraction"), ("added", "shed"), ("rallied", "slid"), ("widened", "narrowed"),
    ("jump", "slump"), ("surge", "plunge"), ("inflows", "outflows"), ("inflow", "outflow"),
    ("bought", "sold"), ("buying", "selling"),
)  # fmt: skip
_STOPS = ("涨跌幅", "涨跌", "升降")  # neither way


def _opposites(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for a, b in pairs:
        table.setdefault(a, b)
        table.setdefault(b, a)
    return table


_ZH = _opposites(_ZH_PAIRS)
_EN = _opposites(_EN_PAIRS)
_ZH_WORDS = re.compile("|".join(sorted([*_ZH, *_STOPS], key=len, reverse=True)))
_EN_WORDS = re.compile(r"\b(?:" + "|".join(sorted(_EN, key=len, reverse=True)) + r")\b", re.I)
_ZH_LEVEL = re.compile(r"^\s*(?:至|到|破|穿)")
_EN_LEVEL = re.compile(r"^\s+(?:to|from|at)\b", re.I)
_CLAUSE = re.compile(r"[，；。,;:：]")
_TAIL = 8
_IDIOM = re.compile(r"\b(?:make|makes|made|making|end|ended|ends|set|sets)\s+$", re.I)
_NEAR = {"zh": 8, "en": 24}  # at most this many characters between the word and the figure


def flipped_direction(
    body: str, window_start: int, start: int, end: int, language: Language
) -> tuple[str, str] | None:
    """The body with the direction word of the figure at [start, end) flipped, and a note."""
    words, opposites, level = (
        (_ZH_WORDS, _ZH, _ZH_LEVEL) if language == "zh" else (_EN_WORDS, _EN, _EN_LEVEL)
    )
    clause = max((m.end() for m in _CLAUSE.finditer(body, window_start, start)), default=None)
    before = list(words.finditer(body, clause or window_start, start))
    stop = _CLAUSE.search(body, end)
    tail_end = min(end + _TAIL, stop.start() if stop else len(body))
    after = list(words.finditer(body, end, tail_end))
    found = before[-1] if before else after[0] if after else None
    if found is None or found[0] in _STOPS or level.match(body[found.end() :]):
        return None
    if found[0].lower() in {"up", "down"} and _IDIOM.search(body[: found.start()]):
        return None  # "make up about 47%" says nothing of a direction
    if found.end() <= start and start - found.end() > _NEAR[language]:
        return None  # too far to be said of this figure ("sleep loss can reduce ... by 15%")
    word = found[0]
    opposite = opposites[word.lower()]
    if word[:1].isupper():
        opposite = opposite[:1].upper() + opposite[1:]
    new = body[: found.start()] + opposite + body[found.end() :]
    return new, f"{word} -> {opposite}"
