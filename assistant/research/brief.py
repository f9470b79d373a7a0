"""A research brief: an Answer in the seeds' format, plus the plan and what each step did.

The answer part is an ordinary `Answer` (title, as-of date, sections, one references list,
flags, charts), so everything that shows or exports an answer shows a brief too; the plan and
the step reports say how it was made, including the steps that failed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from pydantic import Field

from assistant.answer.model import Answer, Frozen, Reference
from assistant.answer.render import answer_json, render_markdown
from assistant.research.plan import Plan, Step

StepStatus = Literal["ok", "partial", "failed"]


class Finding(Frozen):
    """A library sentence that answers a step's sub-question, with the article it is from (the
    passage holding it): more than the step's answer quotes, for the brief to draw on."""

    text: str  # as quoted, without a marker
    reference: Reference  # numbered 1


class StepReport(Frozen):
    """One step as it ran: its own answer (own numbering), or the reason it failed."""

    n: int  # 1-based
    step: Step
    status: StepStatus
    error: str | None = None
    tools_called: tuple[str, ...] = ()
    failed_tools: tuple[str, ...] = ()  # "macro: no prices for ^TNX"
    seconds: float = 0.0
    answer: Answer | None = None
    # Read once, when the brief is folded; what the brief quotes of it is in its answer, so it
    # is not stored with the brief.
    reserve: tuple[Finding, ...] = Field(default=(), exclude=True)

    def searched(self) -> bool:
        """Did the step's library search run (it was asked for and did not fail)?"""
        failed = any(t.startswith("search_commentary:") for t in self.failed_tools)
        return self.step.searches() and self.answer is not None and not failed


def new_id() -> str:
    return uuid.uuid4().hex[:12]


class Brief(Frozen):
    id: str = Field(default_factory=new_id)
    created: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))
    plan: Plan
    answer: Answer
    steps: tuple[StepReport, ...]

    @property
    def title(self) -> str:
        return self.answer.title

    def markdown(self) -> str:
        return render_markdown(self.answer)

    def summary_json(self) -> dict[str, Any]:
        """The CLI's `--json` shape: the answer's, plus the id, the plan and the steps."""
        return {
            "id": self.id,
            **answer_json(self.answer),
            "topic": self.plan.topic,
            "plan": self.plan.to_json(),
            "steps": [
                {
                    "n": r.n,
                    "question": r.step.question,
                    "tools": list(r.step.tools),
                    "status": r.status,
                    "error": r.error,
                    "tools_called": list(r.tools_called),
                    "failed_tools": list(r.failed_tools),
                    "seconds": round(r.seconds, 3),
                }
                for r in self.steps
            ],
        }
