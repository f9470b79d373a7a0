"""The time a question asks about, as the sentences quoted are judged by it."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.gather.timeliness import asked_when

Q2, JUNE_30 = dt.date(2026, 4, 1), dt.date(2026, 6, 30)


@pytest.mark.parametrize(
    ("question", "period", "start", "end", "rest"),
    [
        ("纳指二季度涨了多少？", "2026-Q2", Q2, JUNE_30, "纳指 涨了多少？"),
        ("How did the Nasdaq do in Q2?", "2026-Q2", Q2, JUNE_30, "How did the Nasdaq do in  ?"),
        ("苹果上半年营收多少？", "2026-H1", dt.date(2026, 1, 1), JUNE_30, "苹果 营收多少？"),
    ],
)
def test_a_quarter_or_a_half_asked_is_named_as_a_month_is(
    question: str, period: str, start: dt.date, end: dt.date, rest: str
) -> None:
    """Its days, by which an article's date is judged, and no word a sentence must say: "二季度"
    is of any company's quarter."""
    named, words = asked_when(question, dt.date(2026, 8, 21), period, period)
    assert named is not None and (named.start, named.end) == (start, end)
    assert words == rest
