"""An article's year-to-date figure is checked against the closes of its own day: a July
article saying the S&P 500 is "up 8.9% year-to-date" was once flagged as disagreeing with the
12.11% of the August closes the answer was written at, although the closes of its day said 8.94%.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from assistant.answer.discrepancy import Computed, Disagreements, find_discrepancies
from assistant.gather.passages import candidates
from assistant.gather.sources import SourceRegistry
from assistant.question.vocabulary import default_vocabulary
from ingest.models import Chunk, Hit
from tools.result import Provenance, ToolResult

VOCABULARY = default_vocabulary()
END = dt.date(2026, 8, 21)
JULY = dt.date(2026, 7, 17)
SENTENCE = "The S&P 500 is currently up 8.9% year-to-date, after a choppy week for stocks."


def _result(value: float, day: dt.date) -> ToolResult:
    frame = pd.DataFrame([{"symbol": "^GSPC", "period": "YTD", "return_pct": value}])
    provenance = Provenance("index_returns", ("^GSPC",), "test closes", day, "YTD")
    return ToolResult(frame, provenance, summary="")


def _pool(published: dt.date) -> list:  # type: ignore[type-arg]
    chunk = Chunk(id="c1", article_id="a1", section="", text=SENTENCE)
    hit = Hit(chunk=chunk, score=1.0, title="S&P 500 Snapshot", published=published, source="T")
    return candidates([hit], "How has the S&P 500 done this year?", (), "en", END)


def _closes(values: dict[dt.date, float]):  # type: ignore[no-untyped-def]
    asked: list[dt.date] = []

    def ytd_at(symbol: str, day: dt.date) -> Computed | None:
        asked.append(day)
        value = values.get(day)
        return None if value is None else Computed(value, day, _result(value, day))

    return ytd_at, asked


def test_an_older_figure_right_for_its_day_is_no_disagreement() -> None:
    ytd_at, asked = _closes({JULY: 8.94, JULY - dt.timedelta(days=1): 10.05})
    assert find_discrepancies(_result(12.11, END), _pool(JULY), VOCABULARY, ytd_at) == []
    assert JULY in asked
    # without the closes of its day it is compared with the answer's: the old false alarm
    assert len(find_discrepancies(_result(12.11, END), _pool(JULY), VOCABULARY)) == 1


def test_an_older_figure_wrong_for_its_day_is_shown_beside_that_days_closes() -> None:
    ytd_at, _ = _closes({JULY: 7.0, JULY - dt.timedelta(days=1): 7.2})
    [found] = find_discrepancies(_result(12.11, END), _pool(JULY), VOCABULARY, ytd_at)
    assert (found.computed, found.day) == (7.0, JULY)
    registry = SourceRegistry()
    [sentence] = Disagreements([found], registry, VOCABULARY, "en").sentences()
    assert "8.9%" in sentence and "7.00%" in sentence and "July 17, 2026" in sentence
    assert found.result in registry.tool_results  # its figure is cited as [0]
    # the takeaway dates it: it is July's check in an answer as of August
    registry = SourceRegistry()
    registry.add_tool_result(_result(12.11, END))
    summary = Disagreements([found], registry, VOCABULARY, "en").summary()
    assert "the S&P 500 as of July 17, 2026, 8.9%" in summary, summary


def test_a_figure_of_the_answers_own_days_is_compared_as_it_is() -> None:
    ytd_at, asked = _closes({})
    [found] = find_discrepancies(_result(12.11, END), _pool(END), VOCABULARY, ytd_at)
    assert (found.computed, found.day, asked) == (12.11, END, [])
    registry = SourceRegistry()
    registry.add_tool_result(_result(12.11, END))
    summary = Disagreements([found], registry, VOCABULARY, "zh").summary()
    assert "标普500指数文章为8.9%" in summary, summary  # the answer's own day goes unsaid
