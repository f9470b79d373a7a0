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

from assistant.answer.model import Answer, Frozen
from assistant.answer.render import answer_json, render_markdown
from assistant.research.plan import Plan, Step

StepStatus = Literal["ok", "partial", "failed"]


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
