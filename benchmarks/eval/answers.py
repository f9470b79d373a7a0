"""Ask every question offline through the public engine API and score its answer.

Only `Assistant.ask` / `conversation_from` and the Answer model are used, so the figures follow
whatever the composer, the question parser and retrieval do today. A question that raises is
scored as failing everything (with the error as its reason), and the run goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from benchmarks.eval import metrics
from benchmarks.eval.questions import Question, missing_facts
from ingest.language import detect_language

if TYPE_CHECKING:  # the engine's import is slow; the metric tests do not need it
    from assistant.answer.model import Answer
    from assistant.engine import Assistant


@dataclass
class Scored:
    """One question's outcome: what a row of the table counts, and what failed."""

    question: Question
    seconds: float = 0.0
    missing: list[str] = field(default_factory=list)  # facts not in the answer
    cited: bool = False
    cited_ids: list[str] = field(default_factory=list)
    off_language: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    near_duplicates: list[tuple[str, str]] = field(default_factory=list)
    fragments: list[tuple[str, str]] = field(default_factory=list)
    title_echo: bool = False  # the title is the question's own words (`metrics.echoes`)
    error: str | None = None

    @property
    def facts_ok(self) -> bool:
        return self.error is None and not self.missing

    @property
    def language_ok(self) -> bool:
        return self.error is None and not self.off_language

    @property
    def titled(self) -> bool:
        return self.error is None and not self.title_echo


def score(question: Question, answer: Answer, expected: list[str], seconds: float) -> Scored:
    """Score one answer against its question's facts and articles."""
    texts = list(metrics.iter_texts(answer.sections))
    found = metrics.answer_sentences(texts)
    cited = [r.article_id for r in answer.references if r.kind == "article" and r.article_id]
    return Scored(
        question=question,
        seconds=seconds,
        missing=missing_facts("\n".join(metrics.without_sources_line(texts)), question.facts),
        cited=any(a in cited for a in expected),
        cited_ids=cited,
        off_language=metrics.off_language(found, detect_language(question.question)),
        duplicates=metrics.duplicates(found),
        near_duplicates=metrics.near_duplicates(found),
        fragments=metrics.fragments(found),
        title_echo=metrics.echoes(answer.title, question.question),
    )


def ask(assistant: Assistant, question: Question, article: str | None) -> tuple[Answer, float]:
    """The answer to the scored turn, and its seconds (earlier turns are asked first, untimed)."""
    conversation = assistant.conversation_from([]) if question.before else None
    for earlier in question.before:
        assistant.ask(earlier, as_of=question.as_of, offline=True, conversation=conversation)
    started = time.perf_counter()
    answer = assistant.ask(
        question.question,
        as_of=question.as_of,
        offline=True,
        conversation=conversation,
        article_id=article,
    )
    return answer, time.perf_counter() - started


def run_all(
    assistant: Assistant,
    questions: list[Question],
    ids_of: Callable[[Question], list[str]],
    progress: Callable[[int, int], None] | None = None,
) -> list[Scored]:
    """Ask and score every question, in file order."""
    results = []
    for n, question in enumerate(questions, start=1):
        expected = ids_of(question)
        scope = expected[0] if question.scoped else None
        try:
            answer, seconds = ask(assistant, question, scope)
        except Exception as error:  # a bug in the product: report it, keep measuring the rest
            results.append(Scored(question, error=f"{type(error).__name__}: {error}"))
        else:
            results.append(score(question, answer, expected, seconds))
        if progress:
            progress(n, len(questions))
    return results
