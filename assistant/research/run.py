"""Running a plan: each step answered like `ask`, then the steps folded into the brief.

    for event in iter_plan(assistant, plan):      # StepStarted / ToolCalled / StepFinished ...
        ...                                       # ... and last BriefReady(brief)
    brief = run_plan(assistant, plan)

A step is the Assistant's own answer to its sub-question, with three things fixed by the plan:
the plan's language (so every part of the brief is in one language), the tools the step named
(the others are not called, nor offered to the model), and its library query (scoped to the
plan's article when there is one). Beyond its answer, a step keeps more of the library's
sentences that answer its own sub-question (`reserve`), for the brief to give every step
something of its own to say. A step that fails for a reason the answer path expects
(its question cannot be asked, a service is down) is reported as failed, in the brief too, and
the next step runs; a tool that fails leaves the step "partial" with the tool named. A bug is
not a failed step: it ends the run, which the runner records as failed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import replace

from assistant.engine import Assistant
from assistant.errors import MarketbriefError
from assistant.events import Done, ToolEnd, ToolStart
from assistant.llm.failures import EXPECTED_ERRORS
from assistant.question.intents import Intent
from assistant.question.parse import ParsedQuestion
from assistant.research.brief import Brief, StepReport
from assistant.research.focus import Focus
from assistant.research.fold import build_brief
from assistant.research.plan import Plan, Step
from assistant.research.progress import (
    BriefReady,
    ResearchEvent,
    StepFinished,
    StepStarted,
    ToolCalled,
)
from assistant.research.reserve import find_reserve, topic_names

# Which answer each tool asks the writer for (the offline composer decides by intents).
_INTENTS: dict[str, Intent] = {"sector_scores": "sectors", "macro": "macro"}


def iter_plan(
    assistant: Assistant,
    plan: Plan,
    *,
    offline: bool = False,
    brief_id: str | None = None,
) -> Iterator[ResearchEvent]:
    """Run every step in order; the last event is `BriefReady`."""
    reports: list[StepReport] = []
    total = len(plan.steps)
    names = topic_names(plan, assistant.vocabulary)
    for n, step in enumerate(plan.steps, 1):
        yield StepStarted(n, total, step.question)
        wanted = Focus.of(plan.topic, step, names)
        report = yield from _run_step(assistant, plan, n, step, offline, wanted)
        reports.append(report)
        yield StepFinished(n, total, report.status, report.error)
    yield BriefReady(build_brief(plan, reports, brief_id=brief_id, names=names))


def run_plan(
    assistant: Assistant,
    plan: Plan,
    *,
    offline: bool = False,
    on_event: Callable[[ResearchEvent], None] | None = None,
) -> Brief:
    for event in iter_plan(assistant, plan, offline=offline):
        if on_event is not None:
            on_event(event)
        if isinstance(event, BriefReady):
            return event.brief
    raise AssertionError("a plan run ended without a brief")  # pragma: no cover


def focus(parsed: ParsedQuestion, plan: Plan, step: Step) -> ParsedQuestion:
    """The step's question with the plan's language, the step's tools, its query and (when
    the plan fixes it) its period."""
    intents = set(parsed.intents) | {_INTENTS[t] for t in step.tools if t in _INTENTS}
    if "quotes" in step.tools and "index_returns" not in step.tools:
        intents.add("today")  # the writer then reports the quotes themselves
    return replace(
        parsed,
        language=plan.language,
        tools=frozenset(step.tools),
        search=step.query or None,
        intents=frozenset(intents),
        period=step.period or parsed.period,
    )


def _run_step(
    assistant: Assistant, plan: Plan, n: int, step: Step, offline: bool, wanted: Focus
) -> Generator[ResearchEvent, None, StepReport]:
    """Yield the step's tool events; return its report (a generator's return value)."""
    started = time.perf_counter()
    total = len(plan.steps)
    called: list[str] = []
    failed: list[str] = []
    try:
        parsed = focus(
            assistant.parse(step.question, plan.as_of, None, plan.article_id), plan, step
        )
        answer = None
        for event in assistant.stream_parsed(parsed, offline=offline):
            if isinstance(event, ToolStart):
                called.append(event.name)
                yield ToolCalled(n, total, event.name)
            elif isinstance(event, ToolEnd):
                # A refused call to a tool the step was not given (LLM mode) is not a failure
                # of the step: it still has everything its plan asked for.
                if not event.ok and event.name in step.tools:
                    failed.append(f"{event.name}: {event.summary}")
                yield ToolCalled(n, total, event.name, True, event.ok, event.summary)
            elif isinstance(event, Done):
                answer = event.answer
    except EXPECTED_ERRORS as error:  # one step that cannot be answered must not end the brief
        return StepReport(
            n=n,
            step=step,
            status="failed",
            error=_reason(error),
            tools_called=tuple(dict.fromkeys(called)),
            failed_tools=tuple(failed),
            seconds=time.perf_counter() - started,
        )
    report = StepReport(
        n=n,
        step=step,
        status="partial" if failed else "ok",
        answer=answer,
        tools_called=tuple(dict.fromkeys(called)),
        failed_tools=tuple(failed),
    )
    reserve = find_reserve(assistant, parsed, step, wanted) if report.searched() else ()
    return report.model_copy(update={"reserve": reserve, "seconds": time.perf_counter() - started})


def _reason(error: Exception) -> str:
    if isinstance(error, MarketbriefError):
        return str(error)
    text = str(error).split("\n")[0][:160]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
