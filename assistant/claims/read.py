"""Reading the figures of a sentence as claims, in Chinese and English.

For each figure: the entity is the nearest name before it (the subject before a comparison word
for a spread, "罗素2000跑赢标普500 6.5个百分点"; unknown when the sentence names none, since
"它" may mean anything); metric and direction come from the words between the previous figure and
this one, or just after it ("7.5%的涨幅", "a 7.5% gain"); the period is the nearest one named
before the figure in the sentence (or just after it). "分别 / respectively" pairs names and
figures in order. A word that says "to" (升至, rose to, 收于) makes the figure a level, not a
change. What the sentence does not say stays unknown, and unknown parts never count against a
claim.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from assistant.answer.direction import DOWN, NEUTRAL, UP, flow_direction
from assistant.answer.numbers import Figure, figures_in
from assistant.claims.model import Claim, normal_unit
from assistant.claims.subject import mover
from assistant.question.vocabulary import Vocabulary
from ingest.dates import MONTH_NAMES, written_dates
from ingest.named_periods import half_spans, quarter_spans
from tools.period_words import period_mentions

RATE_SERIES = frozenset({"^TNX", "^FVX", "^IRX", "^TYX"})

# Nouns naming a metric, most specific first within each alternation.
_NOUNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (metric, re.compile(pattern, re.I))
    for metric, pattern in (
        ("volatility", r"波动率(?!指数)|波动性|volatility(?! index)|\bvol\b"),
        ("drawdown", r"最大回撤|回撤|drawdown|peak[- ]to[- ]trough"),
        ("day_move", r"单日(?:最大)?(?:涨幅|跌幅)|\b(?:best|worst) (?:day|session)\b"),
        (
            "spread",
            r"利差|息差|差距|相差|价差|超额收益|相对强度|\bspread|\bslope|\bgap\b|"
            r"excess return|relative strength|\bRS\b",
        ),
        ("score", r"得分|评分|分数|\bscored?\b"),
        ("rank", r"排名|排第|\branked?\b"),
        ("trend", r"均线|moving average|\bsma\b|\btrend\b"),
        ("eps", r"每股收益|每股盈利|\bEPS\b|earnings per share"),
        ("price_target", r"目标价|price target|target price"),
        ("revenue", r"营收|营业收入|销售额|收入|revenues?\b|\bsales\b"),
        ("profit", r"净利润|利润|净利|盈利|profits?\b|net income|earnings"),
        ("rate", r"基准利率|利率|降息|加息|rate cuts?|rate hikes?|interest rates?|fed funds"),
        ("inflation", r"通胀|CPI|PCE|物价|inflation"),
        ("valuation", r"市盈率|估值|市值|P/E|market cap\w*|valuation|multiple"),
        ("weight", r"占比|权重|比重|份额|weighting|\bweight\b|share of"),
        ("growth", r"同比|环比|增速|增幅|增长率|growth|year[- ]over[- ]year|\byoy\b|y/y"),
        ("yield", r"收益率|\byields?\b"),
        ("return", r"涨跌幅|涨幅|跌幅|回报率?|收益|表现|\breturn(?:s|ed)?\b|\bperformance\b"),
        ("level", r"收盘价|点位|股价|价格|\bprice\b|\blevels?\b"),
    )
)
# Words that make a figure a level ("升至4.2%", "closed at 2,669", "从4.1%"): not a change.
_TO = re.compile(
    r"(?:升至|涨至|跌至|降至|回落至|攀升至|上升至|下降至|走高至|走低至|收于|收报|报收|收在|"
    r"从|由|(?<!回)报)\s*$"
    r"|\b(?:rose|risen|fell|fallen|climbed|dropped|declined|slipped|jumped|rallied|increased|"
    r"decreased|moved|edged (?:up|down)|closed|ended|finished|settled|stood|stands|traded|"
    r"trading|reached|hit|was|is|were|are)\s+(?:at|to)\s*$|\bfrom\s*$",
    re.I,
)
_COMPARE = re.compile(
    r"跑赢|跑输|领先|落后|优于|逊于|相对于?|相较于?|outperform\w*|underperform\w*|(?<!-)\bbeat\w*|"
    r"\boutpac\w*|\boutstrip\w*|"
    r"\blag\w*|ahead of|behind|trail\w*|relative to|\bversus\b|\bvs\b\.?|compared (?:with|to)",
    re.I,
)
_NEUTRAL_COMPARE = re.compile(r"相对|相较|relative|versus|vs|compared", re.I)
_DOWN_COMPARE = re.compile(r"跑输|落后|逊于|underperform|\blag|behind|trail", re.I)
_RESPECTIVELY = re.compile(r"分别|各自|respectively", re.I)
_CLAUSE_START = re.compile(r"[，,；;。！？!?]")
_CLAUSE_END = re.compile(r"[，,；;:：。！？!?（(]")
TAIL = 14  # characters after a figure that may still describe it ("7.5%的涨幅", "7.5% gain")


@dataclass(frozen=True)
class _Context:
    """What the surrounding text gives a figure: names and periods with their positions."""

    names: list[tuple[int, int, str]]
    periods: list[tuple[int, int, str]]
    respectively: bool = False
    dates: tuple[tuple[int, dt.date], ...] = ()  # full dates written in the sentence


def read_claims(text: str, vocabulary: Vocabulary) -> list[Claim]:
    """The claims of one sentence, figures in order. A semicolon starts a new subject
    ("…VIX为16.73；信用代理指标(HYG/LQD)为0.6964"), so each part is read on its own."""
    return [claim for part in _SEMICOLON.split(text) for claim in _read_part(part, vocabulary)]


_SEMICOLON = re.compile(r"(?<=[；;])")


def _read_part(text: str, vocabulary: Vocabulary) -> list[Claim]:
    figures = list(_located(text))
    if not figures:
        return []
    periods = sorted([*period_mentions(text, in_sentence=True), *calendar_periods(text)])
    dates = tuple((w.start, w.date) for w in written_dates(text) if w.date is not None)
    context = _Context(vocabulary.mentions(text), periods, bool(_RESPECTIVELY.search(text)), dates)
    claims: list[Claim] = []
    for i in range(len(figures)):
        claim = _claim(text, figures, i, context)
        if i and _LISTED.match(text[figures[i - 1][1] : figures[i][0]]):
            # "上涨7.54%和1.02%", "rose 1% and 2%": a listed figure says what the first said
            first = claims[-1]
            claim = replace(claim, metric=first.metric, direction=first.direction)
        claims.append(claim)
    return _respectively(text, figures, claims, context)


_LISTED = re.compile(r"^\s*(?:和|与|及|、|,|，|and|&)?\s*$", re.I)


def _located(text: str) -> Iterator[tuple[int, int, Figure]]:
    """Figures with their spans in the text (found in order, each after the previous)."""
    at = 0
    for figure in figures_in(text):
        start = text.find(figure.raw, at)
        if start < 0:
            continue
        at = start + len(figure.raw)
        yield start, at, figure


def _claim(text: str, figures: list[tuple[int, int, Figure]], i: int, context: _Context) -> Claim:
    start, end, figure = figures[i]
    window_start = figures[i - 1][1] if i else 0
    before = text[window_start:start]
    after = _tail(text[end : figures[i + 1][0] if i + 1 < len(figures) else len(text)])
    unit = normal_unit(figure.unit)
    entity = _nearest_name(context, start)
    against = None
    clause = _CLAUSE_START.split(before)[-1]  # this clause's words only
    metric = _noun(clause, after)
    direction = 0
    compare = _last(_COMPARE, before)
    if compare is not None and (
        metric == "spread"
        or not _possessive(text, window_start + compare.end(), start, after, context)
    ):
        subject = _subject(text, window_start + compare.start(), context)
        other = _nearest_name(context, start)
        if subject is not None and subject != other:
            entity, against = subject, other
        if _NEUTRAL_COMPARE.match(compare.group(0)):
            direction = _direction(before[compare.end() :], after)
        else:
            direction = -1 if _DOWN_COMPARE.match(compare.group(0)) else 1
        metric = "return" if metric == "return" and unit != "pp" else "spread"
    elif _TO.search(before):
        metric = metric if metric not in {None, "return", "growth", "profit"} else "level"
    elif flow := flow_direction(clause, text[end : _clause_end(text, end)]):
        metric, direction = "flow", flow
    else:
        direction = _direction(before, after)
        if metric is None and direction:
            metric = "return" if unit in {"%", ""} else "change"
        elif direction and unit in {"bp", "pt", "pp"} and metric in {"yield", "level", "rate"}:
            metric = "change"
        elif direction and unit == "%" and metric in _AMOUNTS:
            metric = "growth"  # "营收增长28%", "profit fell 12%": a change of the amount
    metric = _yield_or_return(metric, entity, unit)
    if _SHARE_BEFORE.search(before) or _SHARE_AFTER.match(after):
        metric, direction = "weight", 0  # "贡献了标普500指数涨幅的逾30%": a share of it
    if (
        metric is None
        and not direction
        and unit not in {"%", "pp", "bp"}
        and _COPULA.search(before)
    ):
        metric = "level"  # "VIX指数为16.28", "the VIX was 16.3": a figure that simply is
    period = _nearest_period(context, window_start, start, _clause_end(text, end))
    day = next((d for d in reversed(context.dates) if d[0] < start), None)
    who = mover(clause) if direction and against is None else None
    return Claim(
        figure, entity, against, metric, period, direction, unit, day[1] if day else None, who
    )


# Metrics that are amounts: a percentage with a word for a move is their change, not them.
_AMOUNTS = frozenset({"revenue", "profit", "eps", "price_target", "valuation", "level"})


# A figure that is a part of a whole ("涨幅的逾30%", "总股本的1%", "30% of the index's gain"), not
# its size.
_SHARE_BEFORE = re.compile(
    r"(?:涨幅|跌幅|涨势|回报|收益|增长|增量|营收|收入|利润|市值|总额|股本|股份)的\s*"
    r"(?:逾|超过?|约|近|将近|大约|至少)?\s*$"
)
_SHARE_AFTER = re.compile(r"\s*(?i:of)\s+(?:the|all|total|[A-Z])")  # not "30% of its value"
_COPULA = re.compile(r"(?:为|是|(?<!回)报|\b(?:was|is|were|are|at|stood))\s*$", re.I)


def _clause_end(text: str, end: int) -> int:
    stop = _CLAUSE_END.search(text, end)
    return stop.start() if stop else len(text)


def _tail(text: str) -> str:
    """The few characters after a figure that still belong to it (up to the clause's end)."""
    return text[: min(TAIL, _clause_end(text, 0))]


def _noun(before: str, after: str) -> str | None:
    """The metric named nearest the figure: just after it first ("7.5%的涨幅"), else before it.
    A level noun counts only right before the figure ("收盘价2,669"): further away it names a
    method ("按收盘价计算，…为1.02%")."""
    best: tuple[int, str] | None = None
    for metric, pattern in _NOUNS:
        if (m := pattern.search(after)) is not None and (best is None or m.start() < best[0]):
            best = (m.start(), metric)
    if best is not None and best[0] < 6:
        return best[1]
    best = None
    for metric, pattern in _NOUNS:
        found = _last(pattern, before)
        near = found is not None and (metric != "level" or _LINK.match(before[found.end() :]))
        if found is not None and near and (best is None or found.end() > best[0]):
            best = (found.end(), metric)
    return best[1] if best else None


_LINK = re.compile(r"\s*(?:为|是|在|:|：|of|at|was|is)?\s*$", re.I)


def _direction(before: str, after: str) -> int:
    """+1 / -1 from an up or down word right after the figure ("1.05%的下跌"), else the nearest
    one before it, else one later in its clause ("7.5% higher")."""
    after = NEUTRAL.sub(" ", after)
    up, down = UP.search(after), DOWN.search(after)
    later = [(m.start(), 1) for m in (up,) if m] + [(m.start(), -1) for m in (down,) if m]
    if later and min(later)[0] <= 2:
        return min(later)[1]
    before = NEUTRAL.sub(" ", before)
    up, down = _last(UP, before), _last(DOWN, before)
    found = [(m.end(), 1) for m in (up,) if m] + [(m.end(), -1) for m in (down,) if m]
    if found:
        return max(found)[1]
    return min(later)[1] if later else 0


def _possessive(text: str, start: int, end: int, after: str, context: _Context) -> bool:
    """True when the figure after a comparison word is the compared name's own ("落后于罗素2000
    的7.5%", "跑赢标普500指数1.2%的涨幅", "beat the S&P 500's 1.2% gain"): a name sits between
    them and either owns the figure (的, 's) or the figure is followed by its own metric."""
    names = [n for n in context.names if start <= n[0] and n[1] <= end]
    if not names:
        return False
    owned = re.match(r"\s*(?:的|'s|’s)", text[names[-1][1] :]) is not None
    return owned or _OWN_METRIC.match(after) is not None


_OWN_METRIC = re.compile(
    r"\s*(?:的)?\s*(?:涨幅|跌幅|涨势|跌势|回报|收益|表现|增长|gain|rise|return|advance|increase"
    r"|decline|drop|loss)",
    re.I,
)


def _yield_or_return(metric: str | None, entity: str | None, unit: str) -> str | None:
    """收益率 / yield is a rate series' level (or its change in bp), elsewhere a return."""
    if metric != "yield":
        return metric
    if entity in RATE_SERIES:
        return "change" if unit in {"bp", "pp"} else "level"
    return "return"


def _subject(text: str, position: int, context: _Context) -> str | None:
    """Who beats or lags: the name just before the comparison word in its clause ("罗素2000
    跑赢…"), else the sentence's subject, its first name ("罗素2000下跌2.47%，标普500上涨5.5%，
    跑输7.97个百分点")."""
    clause = max(text.rfind(mark, 0, position) for mark in "，,")
    own = [n for n in context.names if clause < n[0] and n[1] <= position]
    if own:
        return own[-1][2]
    return context.names[0][2] if context.names and context.names[0][1] <= position else None


def _nearest_name(context: _Context, position: int) -> str | None:
    before = [n for n in context.names if n[1] <= position]
    return before[-1][2] if before else None


def _nearest_period(context: _Context, window: int, start: int, tail_end: int) -> str | None:
    """The period named since the previous figure, else just after this one ("7.5% (YTD)"),
    else the last one named before it in the sentence."""
    own = [p for p in context.periods if window <= p[0] and p[1] <= start]
    if own:
        return own[-1][2]
    later = [p for p in context.periods if start <= p[0] < tail_end]
    if later:
        return later[0][2]
    before = [p for p in context.periods if p[1] <= start]
    if before:
        return before[-1][2]
    if context.respectively:  # "rose 7% and 18%, respectively, over the past three months"
        return next((p[2] for p in context.periods if p[0] >= start), None)
    return None


# When a sentence says "in June", "上周五", "on Friday": the month or weekday a figure is for.
_MONTH = re.compile(
    r"(?<![\d.])(\d{1,2})\s*月(?:份)?(?!\s*\d{1,2}\s*[日号])"
    r"|\b(?:in|during|for|over|since|of|from)\s+(" + "|".join(MONTH_NAMES) + r")\b",
    re.I,
)
_WEEKDAY = re.compile(
    r"(?:周|星期|礼拜)([一二三四五六日天])|\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday)\b",
    re.I,
)
_ZH_WEEKDAYS = "一二三四五六"
_EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_OTHER_PERIODS = (
    (re.compile(r"上周|last week", re.I), "1W"),
    (re.compile(r"去年|last year", re.I), "last_year"),
    (re.compile(r"前三季度|first three quarters|first nine months", re.I), "9M"),
    (re.compile(r"同比|year[- ]over[- ]year|\byoy\b|y/y|from a year (?:ago|earlier)", re.I), "YoY"),
    (re.compile(r"环比|month[- ]over[- ]month|\bmom\b|m/m|sequential", re.I), "MoM"),
)


def calendar_periods(text: str) -> list[tuple[int, int, str]]:
    """Months, weekdays, quarters, halves: periods the tools do not compute but an article may
    state."""
    found = []
    for m in _MONTH.finditer(text):
        month = int(m[1]) if m[1] else [n.lower() for n in MONTH_NAMES].index(m[2].lower()) + 1
        if 1 <= month <= 12:
            found.append((m.start(), m.end(), f"month:{month}"))
    for m in _WEEKDAY.finditer(text):
        zh = m[1]
        day = (_ZH_WEEKDAYS.index(zh) if zh in _ZH_WEEKDAYS else 6) if zh else None
        day = _EN_WEEKDAYS.index(m[2].lower()) if day is None else day
        found.append((m.start(), m.end(), f"weekday:{day}"))
    found += [(start, end, f"quarter:{n}") for start, end, n in quarter_spans(text)]
    found += [(start, end, f"H{n}") for start, end, n in half_spans(text)]
    for pattern, period in _OTHER_PERIODS:
        found += [(m.start(), m.end(), period) for m in pattern.finditer(text)]
    return found


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 (the last one is wanted)
        pass
    return found


def _respectively(
    text: str, figures: list[tuple[int, int, Figure]], claims: list[Claim], context: _Context
) -> list[Claim]:
    """ "A和B分别上涨1%和2%" / "A and B rose 1% and 2%, respectively": the names before the
    figures take them in order."""
    word = _RESPECTIVELY.search(text)
    if word is None:
        return claims
    chosen = [i for i, (start, _, _) in enumerate(figures) if start >= word.end()]
    if not chosen:  # English puts the word last
        chosen = [i for i, (_, end, _) in enumerate(figures) if end <= word.start()]
    if not chosen:
        return claims
    first = figures[chosen[0]][0]
    names = list(dict.fromkeys(n[2] for n in context.names if n[1] <= first))
    if len(names) < 2 or len(chosen) != len(names):
        return claims
    out = list(claims)
    for i, name in zip(chosen, names, strict=True):
        out[i] = replace(claims[i], entity=name)
    return out
