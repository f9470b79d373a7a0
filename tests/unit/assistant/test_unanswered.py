"""The notice that the figure asked is not in the answer (`offline.unanswered`)."""

from __future__ import annotations

import datetime as dt

from assistant.gather.passages import Candidate, candidates
from assistant.offline.unanswered import figure_missing
from assistant.question.parse import parse_question
from assistant.question.vocabulary import default_vocabulary
from ingest.models import Chunk, Hit

AS_OF = dt.date(2026, 8, 1)
DELIVERIES = "How many vehicles did Tesla deliver in the second quarter?"


def quoted(question: str, *written: tuple[str, dt.date]) -> list[Candidate]:
    """The sentences an answer would quote from articles with these texts and days."""
    hits = [
        Hit(
            chunk=Chunk(id=f"c{n}", article_id=f"a{n}", text=text),
            score=1.0,
            title="Tesla news",
            published=day,
        )
        for n, (text, day) in enumerate(written)
    ]
    return candidates(hits, question, [("tesla",)], "en", AS_OF, period="2026-Q2")


def missing(question: str, *written: tuple[str, dt.date]) -> bool:
    parsed = parse_question(question, default_vocabulary(), as_of=AS_OF)
    return figure_missing(parsed, quoted(question, *written), AS_OF)


def test_figures_from_before_the_period_asked_are_not_the_figure_asked() -> None:
    """Last October's Model Y price and June's crash report (no figure) leave the second
    quarter's deliveries unstated: the answer must say so."""
    earlier = ("Tesla's Model Y standard is priced just under $40,000.", dt.date(2025, 10, 7))
    figureless = ("A Tesla driver said his vehicle sped into a Texas home.", dt.date(2026, 6, 22))
    assert missing(DELIVERIES, earlier, figureless)


def test_a_figure_written_since_the_period_began_may_be_the_one_asked() -> None:
    """The delivery report, which names "the quarter" and not the second, may be the answer:
    no notice, as for any figure written since the period began, whatever it names."""
    report = ("Tesla delivered 480,126 vehicles in the quarter, up 25%.", dt.date(2026, 7, 2))
    assert not missing(DELIVERIES, report)
    last_year = ("Tesla delivered 384,122 vehicles, below last year's level.", dt.date(2026, 7, 2))
    assert not missing(DELIVERIES, last_year)


def test_a_question_naming_no_period_or_asking_who_gets_no_notice() -> None:
    """Without a period asked, when a figure was written says nothing; nor does a question
    asking who, which counts something only on the way."""
    earlier = ("Tesla's Model Y standard is priced just under $40,000.", dt.date(2025, 10, 7))
    assert not missing("How many vehicles did Tesla deliver?", earlier)
    assert not missing(
        "Who ran Tesla when it delivered 400,000 cars in the second quarter?", earlier
    )
