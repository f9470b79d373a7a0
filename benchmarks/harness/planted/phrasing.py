"""Sentences a writer (a person or a model) would write about a tool's figure, zh and en.

A `Stated` is what one sentence says: its shape (a return, a spread, a close...), which of the
shape's phrasings, the entity's name as written, the period words, the number as written and
the signed value it claims. Mutations change a `Stated` and render it again with the same
phrasing, so the planted error is the only difference from the true sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.harness.planted.model import Cell
from ingest.language import Language


@dataclass(frozen=True)
class Companion:
    """A second, true figure of the sentence (never mutated): another name's return, the
    close after a change, the return before a spread."""

    symbol: str
    name: str
    number: str
    positive: bool


@dataclass(frozen=True)
class Stated:
    shape: str
    form: int
    language: Language
    cell: Cell  # the true cell the sentence was written from
    claimed: Cell  # what the sentence claims: symbol, metric, period, against, signed value
    name: str
    words: str  # the period as written, "" for none
    number: str  # the number as written, unsigned
    decimals: int
    other: str = ""  # the other side of a spread, as written
    companion: Companion | None = None
    when: str = ""  # date words ("截至2026年1月23日", "as of Jan 23, 2026")
    usd: bool = False  # a price in dollars, not index points
    marker: str = "[0]"

    def sentence(self) -> str:
        body = TEMPLATES[self.shape][self.language][self.form](_Words(self))
        for name in (self.name, self.other, self.companion.name if self.companion else ""):
            if name[-1:].isascii() and name[-1:].isalnum():  # "罗素2000 2025年", "跑输IWM 8.11"
                body = re.sub(re.escape(name) + r"(?=[\d+\-])", name + " ", body)
        body = body[0].upper() + body[1:]
        return body + self.marker + ("。" if self.language == "zh" else ".")


class _Words:
    """What a template fills in: names, period, number, and direction words by sign."""

    def __init__(self, s: Stated) -> None:
        self.name, self.other, self.period, self.num, self.when = (
            s.name, s.other, s.words, s.number, s.when,
        )  # fmt: skip
        self.Period, self.When = _cap(s.words), _cap(s.when)
        self._positive = s.claimed.value >= 0
        sign = "-" if s.shape == "dd" or not self._positive else "+"
        self.signed = sign + s.number
        self.pt = ("美元" if s.usd else "点") if s.language == "zh" else ""
        self.usd = "$" if s.usd else ""
        self.be = "is" if s.claimed.period == "YTD" else "was"
        c = s.companion or Companion("", "", "", True)
        self.cname, self.cnum, self._cpositive = c.name, c.number, c.positive

    def up(self, rise: str, fall: str) -> str:
        return rise if self._positive else fall

    def cup(self, rise: str, fall: str) -> str:
        return rise if self._cpositive else fall


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


Template = Callable[[_Words], str]
_RET_ZH: tuple[Template, ...] = (
    lambda t: f"{t.name}{t.period}{t.up('上涨', '下跌')}{t.num}%",
    lambda t: f"{t.period}，{t.name}{t.up('累计上涨', '累计下跌')}{t.num}%",
    lambda t: f"{t.name}{t.period}的{t.up('涨幅', '跌幅')}为{t.num}%",
    lambda t: f"{t.name}{t.period}回报率为{t.signed}%",
    lambda t: f"{t.name}{t.period}录得{t.num}%的{t.up('涨幅', '跌幅')}",
    lambda t: f"{t.name}{t.period}{t.up('涨', '跌')}了{t.num}%",
)
_RET_EN: tuple[Template, ...] = (
    lambda t: f"{t.name} {t.up('rose', 'fell')} {t.num}% {t.period}",
    lambda t: f"{t.Period}, {t.name} {t.up('gained', 'lost')} {t.num}%",
    lambda t: f"{t.name} {t.be} {t.up('up', 'down')} {t.num}% {t.period}",
    lambda t: f"{t.name} returned {t.signed}% {t.period}",
    lambda t: f"{t.name} posted a {t.num}% {t.up('gain', 'loss')} {t.period}",
    lambda t: f"{t.Period}, {t.name} {t.up('climbed', 'dropped')} {t.num}%",
)
TEMPLATES: dict[str, dict[str, tuple[Template, ...]]] = {
    "ret": {"zh": _RET_ZH, "en": _RET_EN},
    "ret_pair": {
        "zh": (
            lambda t: f"{t.name}和{t.cname}{t.period}分别{t.up('上涨', '下跌')}{t.num}%和{t.cnum}%",
            lambda t: (
                f"{t.period}，{t.name}{t.up('上涨', '下跌')}{t.num}%，"
                f"{t.cname}{t.cup('上涨', '下跌')}{t.cnum}%"
            ),
            lambda t: (
                f"{t.name}{t.period}{t.up('涨', '跌')}{t.num}%，"
                f"同期{t.cname}{t.cup('涨', '跌')}{t.cnum}%"
            ),
        ),
        "en": (
            lambda t: (
                f"{t.name} and {t.cname} {t.up('rose', 'fell')} {t.num}% and {t.cnum}%, "
                f"respectively, {t.period}"
            ),
            lambda t: (
                f"{t.name} {t.up('gained', 'lost')} {t.num}% {t.period}, while {t.cname} "
                f"{t.cup('rose', 'fell')} {t.cnum}%"
            ),
            lambda t: (
                f"{t.Period}, {t.name} was {t.up('up', 'down')} {t.num}% and {t.cname} was "
                f"{t.cup('up', 'down')} {t.cnum}%"
            ),
        ),
    },
    "vol": {
        "zh": (
            lambda t: f"{t.name}{t.period}的年化波动率为{t.num}%",
            lambda t: f"{t.name}{t.period}波动率{t.num}%",
            lambda t: f"{t.period}，{t.name}的波动率达到{t.num}%",
        ),
        "en": (
            lambda t: f"{t.name}'s annualized volatility {t.period} is {t.num}%",
            lambda t: f"{t.Period}, {t.name} had an annualized volatility of {t.num}%",
            lambda t: f"Volatility in {t.name} ran at {t.num}% {t.period}",
        ),
    },
    "dd": {
        "zh": (
            lambda t: f"{t.name}{t.period}最大回撤为{t.num}%",
            lambda t: f"{t.name}{t.period}的最大回撤为{t.signed}%",
            lambda t: f"{t.period}，{t.name}最大回撤{t.num}%",
        ),
        "en": (
            lambda t: f"{t.name}'s maximum drawdown {t.period} was {t.num}%",
            lambda t: f"{t.Period}, {t.name} suffered a max drawdown of {t.num}%",
            lambda t: f"{t.name} saw a peak-to-trough decline of {t.num}% {t.period}",
        ),
    },
    "close": {
        "zh": (
            lambda t: f"{t.name}收于{t.num}{t.pt}",
            lambda t: f"{t.when}，{t.name}报收{t.num}{t.pt}",
            lambda t: f"{t.when}，{t.name}最新收盘价为{t.num}{t.pt}",
            lambda t: f"{t.name}收报{t.num}{t.pt}",
        ),
        "en": (
            lambda t: f"{t.name} closed at {t.usd}{t.num}",
            lambda t: f"{t.When}, {t.name} stood at {t.usd}{t.num}",
            lambda t: f"{t.When}, {t.name} ended the session at {t.usd}{t.num}",
            lambda t: f"{t.name} finished at {t.usd}{t.num}",
        ),
    },
    "spread": {
        "zh": (
            lambda t: f"{t.name}{t.period}{t.up('跑赢', '跑输')}{t.other}{t.num}个百分点",
            lambda t: f"{t.period}，{t.name}{t.up('领先', '落后')}{t.other}{t.num}个百分点",
            lambda t: f"{t.name}{t.period}{t.up('跑赢', '跑输')}{t.other}{t.num}%",
            lambda t: f"{t.name}{t.period}相对{t.other}的超额收益为{t.signed}个百分点",
        ),
        "en": (
            lambda t: (
                f"{t.name} {t.up('outperformed', 'underperformed')} {t.other} by {t.num} "
                f"percentage points {t.period}"
            ),
            lambda t: (
                f"{t.Period}, {t.name} {t.up('beat', 'lagged')} {t.other} by {t.num} "
                "percentage points"
            ),
            lambda t: f"{t.name} {t.up('outpaced', 'trailed')} {t.other} by {t.num} pp {t.period}",
            lambda t: (
                f"{t.Period}, {t.name} was {t.up('ahead of', 'behind')} {t.other} by "
                f"{t.num} percentage points"
            ),
        ),
    },
    "spread_ret": {
        "zh": (
            lambda t: (
                f"{t.name}{t.period}{t.cup('上涨', '下跌')}{t.cnum}%，"
                f"{t.up('跑赢', '跑输')}{t.other}{t.num}个百分点"
            ),
            lambda t: (
                f"{t.period}，{t.name}{t.cup('涨', '跌')}{t.cnum}%，"
                f"{t.up('领先', '落后')}{t.other}{t.num}个百分点"
            ),
        ),
        "en": (
            lambda t: (
                f"{t.name} {t.cup('rose', 'fell')} {t.cnum}% {t.period}, "
                f"{t.up('outperforming', 'underperforming')} {t.other} by {t.num} percentage points"
            ),
            lambda t: (
                f"{t.Period}, {t.name} {t.cup('gained', 'lost')} {t.cnum}%, "
                f"{t.up('beating', 'lagging')} {t.other} by {t.num} pp"
            ),
        ),
    },
    "score": {
        "zh": (
            lambda t: f"{t.name}综合得分{t.num}",
            lambda t: f"{t.name}的得分为{t.num}分",
            lambda t: f"{t.when}，{t.name}评分{t.num}",
        ),
        "en": (
            lambda t: f"{t.name} scored {t.num}",
            lambda t: f"{t.name} has a composite score of {t.num}",
            lambda t: f"{t.When}, {t.name} had a score of {t.num}",
        ),
    },
    "quote_close": {
        "zh": (
            lambda t: f"{t.name}{t.period}{t.up('上涨', '下跌')}{t.num}%，收于{t.cnum}{t.pt}",
            lambda t: f"{t.name}{t.period}收于{t.cnum}{t.pt}，{t.up('涨', '跌')}{t.num}%",
        ),
        "en": (
            lambda t: (
                f"{t.name} {t.up('rose', 'fell')} {t.num}% {t.period} to close at {t.usd}{t.cnum}"
            ),
            lambda t: (
                f"{t.name} closed at {t.usd}{t.cnum} {t.period}, {t.up('up', 'down')} {t.num}%"
            ),
        ),
    },
    "quote_pt": {
        "zh": (
            lambda t: f"{t.name}{t.period}{t.up('上涨', '下跌')}{t.num}{t.pt}",
            lambda t: f"{t.name}{t.period}收{t.up('涨', '跌')}{t.num}{t.pt}，报{t.cnum}{t.pt}",
        ),
        "en": (
            lambda t: (
                f"{t.name} {t.up('rose', 'fell')} {t.usd}{t.num}{'' if t.usd else ' points'}"
                f" {t.period}"
            ),
            lambda t: (
                f"{t.name} {t.up('gained', 'shed')} {t.usd}{t.num}"
                f"{' a share' if t.usd else ' points'} {t.period} to {t.usd}{t.cnum}"
            ),
        ),
    },
    "yield": {
        "zh": (
            lambda t: f"{t.name}为{t.num}%",
            lambda t: f"{t.when}，{t.name}报{t.num}%",
            lambda t: f"{t.name}收于{t.num}%",
        ),
        "en": (
            lambda t: f"{t.name} stood at {t.num}%",
            lambda t: f"{t.When}, {t.name} was {t.num}%",
            lambda t: f"{t.name} closed at {t.num}%",
        ),
    },
    "yield_chg": {
        "zh": (
            lambda t: f"{t.name}{t.period}{t.up('上升', '下降')}{t.num}个基点",
            lambda t: f"{t.period}，{t.name}{t.up('上行', '下行')}{t.num}bp",
            lambda t: f"{t.name}{t.period}{t.up('上升', '下降')}{t.num}个基点至{t.cnum}%",
        ),
        "en": (
            lambda t: f"{t.name} {t.up('rose', 'fell')} {t.num} basis points {t.period}",
            lambda t: f"{t.name} is {t.up('up', 'down')} {t.num} bp {t.period}",
            lambda t: f"{t.Period}, {t.name} {t.up('climbed', 'dropped')} {t.num} bps to {t.cnum}%",
        ),
    },
    "vix": {
        "zh": (
            lambda t: f"{t.name}收于{t.num}点",
            lambda t: f"{t.name}报{t.num}",
            lambda t: f"{t.when}，{t.name}为{t.num}",
        ),
        "en": (
            lambda t: f"{t.name} closed at {t.num}",
            lambda t: f"{t.name} stood at {t.num}",
            lambda t: f"{t.When}, {t.name} was at {t.num}",
        ),
    },
    "vix_chg": {
        "zh": (
            lambda t: f"{t.name}{t.period}{t.up('上升', '下降')}{t.num}点",
            lambda t: f"{t.period}，{t.name}{t.up('上涨', '回落')}{t.num}个点",
        ),
        "en": (
            lambda t: f"{t.name} {t.up('rose', 'fell')} {t.num} points {t.period}",
            lambda t: f"{t.Period}, {t.name} {t.up('climbed', 'eased')} {t.num} points",
        ),
    },
}
# Phrasings that need a companion, or a companion of the same sign ("分别上涨 a% 和 b%").
NEEDS_COMPANION = frozenset({"ret_pair", "spread_ret", "quote_close"})
SAME_SIGN = frozenset({("ret_pair", 0)})
DATED = frozenset({("close", 1), ("close", 2)})  # phrasings that say which day's close
