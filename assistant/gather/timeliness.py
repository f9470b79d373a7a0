"""How timely a passage is for a question: commentary from the time asked speaks about it.

A question names a day or a month ("6月", "July 3"), asks of a recent span ("最近一周", "this
month") or of a span from a day ("7月以来"), or of what is still to come; an article's date
says whether it speaks of that time. Used to score sentences (`passages.candidates`) and to
search the span asked first (`offline.gathering`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from assistant.question.intents import asks_cause
from assistant.question.period import without_time_words
from ingest.models import Hit
from ingest.named_periods import (
    NamedPeriod,
    half_spans,
    named_period,
    quarter_spans,
    without_spans,
)
from ingest.time_asked import asks_now, looks_ahead, names_event_day
from tools.period_labels import calendar_days, since_of, span_of, to_date_start
from tools.period_words import period_mentions


def asked_when(
    question: str, as_of: dt.date | None, period: str | None, span: str | None = None
) -> tuple[NamedPeriod | None, str]:
    """The days the question names and its words without them: a period asked is scored by
    date (`timeliness`), not as words (6月 leaves 月: any month). "2026年7月以来" names July
    but asks of the span from it to date, which `timeliness` judges by `period`. A month its
    sentences are judged by (`span`, from `timely_span`) that it does not write is named too:
    "Why?" after "How did the Nasdaq do in July?" asks why it fell in July."""
    named = named_period(question, today=as_of or dt.date.today())
    rest = without_time_words(named.rest if named else question)
    if period and since_of(period):
        return None, rest
    if named is None and span and span_of(span):  # "二季度", "the first half", as a month is
        spans = [*quarter_spans(rest), *half_spans(rest)]
        rest = without_spans(rest, [(start, end) for start, end, _ in spans])
    return named or calendar_named(span, rest), rest


def calendar_named(label: str | None, rest: str = "") -> NamedPeriod | None:
    """The month or months a period's label is ("2026-07", "2026-03..2026-06", a quarter
    "2026-Q2" or a half "2026-H1"), as a question naming them would."""
    days = calendar_days(label) if label else None
    return NamedPeriod(*days, rest) if days else None


def timely_span(question: str, period: str | None, carried: bool = False) -> str | None:
    """The span a sentence's timeliness is judged by: the period asked; but for a question on
    what is still to come ("下次会议会降息吗？", "黄金前景如何？"), on why a market moves
    ("黄金价格为什么上涨？", "What is driving the small-cap rotation?") or on how something
    stands now ("美国就业市场表现如何？"), the past month, whose views are live, unless it names
    a shorter or a past period. The year to date a return is measured over by default is no
    reason to quote last January's reasons for this rally."""
    now = asks_now(question) and not _names_a_period(question)  # "今年表现如何": the year's
    if looks_ahead(question) or asks_cause(question) or now:
        return period if period not in _TO_DATE else AHEAD_SPAN
    return None if carried else period


def _names_a_period(question: str) -> bool:
    """Does the question say when, in any words: "今年", "年初至今", "最近一周", "7月", "首日"?"""
    return bool(
        period_mentions(question)
        or without_time_words(question) != question
        or named_period(question, dt.date.today())
        or names_event_day(question)
    )


def timeliness(
    published: dt.date | None,
    as_of: dt.date | None,
    named: NamedPeriod | None,
    period: str | None = None,
) -> float:
    """Commentary from when the question is about speaks about it: the day or month it names
    (and as long again after, when that period's news is reported), else the as-of date; old
    commentary less so, and commentary from before a recent span or a span to date asked
    ("最近一周", "this month", 今年以来) least: it speaks of another time, and is quoted only
    when nothing newer is."""
    if published is None:
        return 0.0
    if named is not None and named.begun(as_of):
        return 0.3 if named.reported(published) else -0.2
    today = as_of or dt.date.today()
    days = abs((today - published).days)
    began = to_date_start(period, today) if period else None
    if began and published < began:
        return -0.8  # last year's "今年以来" is not this year's
    if days > RECENT_SPAN_DAYS.get(period or "", days):
        return -0.3
    if days <= 14:
        return 0.3
    if days <= 60:
        return 0.15
    return 0.0 if days <= 365 else -0.2


# How far back a recent span reaches, in calendar days with a few to spare (a one-day
# question's search looks this far back too: `offline.gathering.published_window`).
RECENT_SPAN_DAYS = {"1D": 3, "5D": 10, "1W": 10, "WTD": 10, "MTD": 35, "21D": 35, "1M": 35}
AHEAD_SPAN = "1M"  # what is still to come: views older than a month are superseded
_TO_DATE = (None, "YTD", "QTD")  # the default year to date says nothing of a view's age


def span_began(
    period: str | None, newest: dt.date | None, as_of: dt.date | None = None
) -> dt.date | None:
    """The first day whose commentary speaks of a recent span (before `newest`, the library's
    newest on the question), a span from a day asked ("2026-06-30.."), or a month or quarter
    asked ("What happened to Nvidia last month?": its news from when it began, its figures
    coming out weeks or months after, before last year's on the same words); None for any
    other period: the year to date every return defaults to says nothing of which news is
    live."""
    if period in RECENT_SPAN_DAYS:
        return newest - dt.timedelta(days=RECENT_SPAN_DAYS[period]) if newest else None
    if (named := calendar_named(period)) and named.begun(as_of):
        return named.start
    return since_of(period) if period else None


def newest_published(hits: Sequence[Hit]) -> dt.date | None:
    """The day of the newest article among the hits."""
    return max((h.published for h in hits if h.published), default=None)
