"""What a sentence is, for the section it goes in: a risk, an opportunity, an insight or
general, by the cue words it says more of in Chinese or English, or by its section's own
heading where the author filed it under one ("风险因素", "Key risks")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

Kind = Literal["risk", "opportunity", "insight", "general"]

_RISK = (
    "风险", "下跌", "回调", "担忧", "不确定", "承压", "放缓", "疲软", "衰退", "抛售", "警示",
    "下行", "反转", "拖累", "收紧", "恶化", "泡沫", "高估", "冲击", "波动加剧", "失望", "盘整",
    "走弱", "领跌", "大跌", "暴跌", "重挫", "跌超", "谨慎",
    "risk", "downside", "decline", "drop", "concern", "worr", "uncertain", "pressure",
    "slowdown", "weak", "recession", "selloff", "sell-off", "headwind", "warning", "reversal",
    "bubble", "overvalued", "tighten", "threat", "fear", "volatil", "slump", "plunge",
)  # fmt: skip
_OPPORTUNITY = (
    "机遇", "机会", "受益", "利好", "支撑", "催化", "上涨空间", "布局", "复苏", "改善", "走强",
    "反弹", "低估", "折价", "宽松", "降息", "提振", "吸引力", "超额",
    "opportunit", "benefit", "upside", "tailwind", "catalyst", "support", "rebound", "recover",
    "improv", "undervalued", "discount", "attractive", "easing", "rate cut", "boost",
    "outperform",
)  # fmt: skip
_INSIGHT = (
    "表明", "意味着", "显示", "反映", "历史", "预示", "信号", "说明", "关键",
    "suggest", "indicat", "signal", "reflect", "historically", "means", "implies", "shows",
)  # fmt: skip


def _cues(text: str, cues: Sequence[str]) -> int:
    lowered = text.lower()
    return sum(1 for cue in cues if cue in lowered)


# A risk said to be easing is good news: "as macroeconomic headwinds moderate", "much of the
# worry about tariffs has faded away", "担忧有所缓解".
_EASING = re.compile(
    r"(?:headwind|risk|concern|worr|fear|pressure|uncertaint|风险|担忧|压力|不确定性)"
    r"[^.;。；!?！？]{0,40}?(?:moderat|\beas(?:e|ed|es|ing)\b|fad(?:e|ed|es|ing)|reced|diminish|"
    r"abat|subsid|缓解|消退|减弱|消除)",
    re.I,
)


# Good news said to be lacking is bad news: "求职者面临的机会寥寥无几", "上涨空间有限", "a lack of
# catalysts", "little upside left", "Lack of valuation support".
_LACKING = re.compile(
    r"(?:缺乏|缺少|没有|鲜有|难有|\black of|\blacks?|\bfew|\blittle|\blimited)\s*(?:[\w-]+\s+)?"
    r"(?:机会|机遇|催化|利好|上涨空间|支撑|upside|opportunit|catalyst|tailwind|support)"
    r"|(?:机会|机遇|催化剂?|利好|上涨空间|支撑)[^。；，,]{0,4}?(?:寥寥|很少|有限|不多|匮乏|稀少|不足)",
    re.I,
)


# A risk guarded against is what a holding is for, not a risk ahead ("from helping to ride out
# market volatility to capitalizing on gold miner momentum", "对冲波动风险"): no risk, nor good
# news either ("investors are hedging against a decline").
_WARDED = re.compile(
    r"(?:ride out|riding out|hedg\w*|protect\w*|weather(?:s|ed|ing| the)|cushion\w*|buffer\w*|"
    r"shield\w*|guard\w*|insulat\w*|mitigat\w*|对冲|抵御|规避|防范|抵抗)"
    r"[^.;。；!?！？]{0,20}?"
    r"(?:risk|volatil|downside|drawdown|decline|selloff|sell-off|uncertaint|风险|波动|下跌|回调)",
    re.I,
)


# A fall reported with its size is a record of the market, not a risk ahead: "道指下跌85.42点",
# "特斯拉跌超4%", "the index declined 0.5%", "a 13% drop", "创下1997年以来的最大跌幅" (whose
# 大跌 is no plunge). Its word counts for no risk (the sentence's other cues still do); a
# fall said without a size ("科技股重挫") still does.
_MEASURED_FALL = re.compile(
    r"(?:下跌|大跌|暴跌|重挫|跌超|跌逾|领跌)[^\d。；，,]{0,3}?\d|最大跌幅"
    r"|\b(?:declin|drop|plung|slump)\w*\s+(?:by\s+)?(?:(?:about|nearly|almost|roughly|over|"
    r"more than)\s+)?[$€£]?\d"
    r"|\d\s?%\s+(?:declin|drop|plung|slump)",
    re.I,
)


def classify(text: str) -> Kind:
    """Risk, opportunity, insight or general, by which cues the sentence says more of."""
    eased, lacking = len(_EASING.findall(text)), len(_LACKING.findall(text))
    warded = len(_WARDED.findall(text))
    risk = _cues(_MEASURED_FALL.sub(" ", text), _RISK) - eased - warded + lacking
    opportunity = _cues(text, _OPPORTUNITY) + eased - lacking
    if risk > opportunity:
        return "risk"
    if opportunity > risk:
        return "opportunity"
    return "insight" if _cues(text, _INSIGHT) else "general"


MAX_HEADING_CHARS = 40  # longer is a sentence, not a heading


def section_kind(heading: str) -> Kind | None:
    """Risk or opportunity when the section's own heading says so ("风险因素", "Key risks",
    "Opportunities"; of "风险与机遇 / 风险因素" its last part): the author filed every sentence
    under it, including those that say no cue word ("“强硬的鹰派暂停”或意外的利率变动可能扰乱…")."""
    last = heading.rsplit(" / ", 1)[-1].strip()
    if not last or len(last) > MAX_HEADING_CHARS:
        return None
    kind = classify(last)
    return kind if kind in ("risk", "opportunity") else None
