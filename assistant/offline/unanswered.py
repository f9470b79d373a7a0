"""Whether the answer holds the figure asked: when no tool measured it and no sentence quoted
can be it, the answer says so, rather than let the nearest figures pass for it.

"日经指数今年涨了多少？" asked of a library whose Nikkei news is last October's day moves, or
"How many vehicles did Tesla deliver in the second quarter?" of one without the delivery
report, is still answered with what the library has; a notice says that none of it is the
figure asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from assistant.answer.numbers import states_amount
from assistant.gather.passages import Candidate
from assistant.question.intents import asks_amount, asks_person
from assistant.question.parse import ParsedQuestion
from tools.period_labels import before_period, first_day


def figure_missing(question: ParsedQuestion, quoted: Sequence[Candidate], day: dt.date) -> bool:
    """Does the question ask an amount over a period it names that no sentence `quoted` (in
    an answer without tool figures) can be? Any sentence stating a figure can, whatever period
    it names ("24 feet below this time last year" answers "how far below last year's level…
    in late April 2026"), or whenever it was written after the period began (a 2026 article
    gives the votes of the 2024 race), but not one written before: its figure is of an
    earlier time. `day`: what a span to date runs to."""
    q = question
    if not q.period or q.period_carried or q.period_default or not asks_amount(q.text):
        return False
    if asks_person(q.text):  # "…撤销几个学区的协议，负责的助理部长是谁？" asks who
        return False
    if first_day(q.period, day) is None:  # a trailing span ("近两个月") starts where the data say
        return False
    return not any(
        states_amount(c.text)
        and not (c.hit.published and before_period(c.hit.published, q.period, day))
        for c in quoted
    )
