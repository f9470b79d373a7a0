"""The time a question asks about, as the sentences quoted are judged by it."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.gather.passages import candidates
from assistant.gather.timeliness import asked_when
from ingest.models import Chunk, Hit

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


@pytest.mark.parametrize(
    "question",
    ["How has Bitcoin performed year to date?", "How has Bitcoin done YTD?",
     "How has Bitcoin performed so far this year?", "How has Bitcoin done year-to-date?"],
)  # fmt: skip
def test_a_span_to_date_is_no_words_a_sentence_must_say(question: str) -> None:
    """ "year to date" is when, not what: "Traditional futures have a fixed expiry date" says
    nothing of how Bitcoin did. "How far did gold fall?" keeps its "far"."""
    _, words = asked_when(question, dt.date(2026, 8, 21), "YTD", "YTD")
    assert not {"date", "ytd", "far", "year"} & set(words.lower().replace("-", " ").split())
    assert "far" in asked_when("How far did gold fall?", dt.date(2026, 8, 21), None, None)[1]


def test_commentary_from_before_a_span_to_date_asked_gives_way_to_its_own() -> None:
    """Asked how Bitcoin did this year, last November's sentence on how it performed is of
    another year: a June sentence naming Bitcoin alone answers before it, though it shares
    fewer of the question's words."""
    question = "How has Bitcoin performed year to date?"
    old = Hit(chunk=Chunk(id="c0", article_id="a0", text="Bitcoin has performed badly since "
              "its October peak, and miners performed worse."), score=1.0, title="Crypto wrap",
              published=dt.date(2025, 11, 17))  # fmt: skip
    new = Hit(chunk=Chunk(id="c1", article_id="a1", text="Bitcoin slid to a two-week low this "
              "week as headwinds grew."), score=0.5, title="Crypto wrap",
              published=dt.date(2026, 6, 24))  # fmt: skip
    found = candidates([old, new], question, [], "en", dt.date(2026, 8, 21), period="YTD")
    assert found[0].hit is new
