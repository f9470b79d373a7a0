"""What a research run reports while it runs, and the snapshot of its progress.

`run_plan` yields these events in order: for each step `StepStarted`, a `ToolCalled` as each of
its tools starts and ends, `StepFinished`; at the end one `BriefReady` carrying the Brief. The
runner folds them into a `Progress` snapshot, stored with the run, so a page that was closed or
refreshed can show where the run is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.answer.model import Frozen
from assistant.research.brief import Brief, StepStatus


@dataclass(frozen=True)
class _StepEvent:
    n: int  # the step, from 1
    total: int  # steps in the plan


@dataclass(frozen=True)
class StepStarted(_StepEvent):
    question: str
    kind: Literal["step_started"] = "step_started"


@dataclass(frozen=True)
class ToolCalled(_StepEvent):
    name: str
    done: bool = False
    ok: bool = True
    summary: str = ""
    kind: Literal["tool"] = "tool"


@dataclass(frozen=True)
class StepFinished(_StepEvent):
    status: StepStatus
    error: str | None = None
    kind: Literal["step_finished"] = "step_finished"


@dataclass(frozen=True)
class BriefReady:
    brief: Brief
    kind: Literal["brief_ready"] = "brief_ready"


ResearchEvent = StepStarted | ToolCalled | StepFinished | BriefReady
RunStatus = Literal["running", "done", "failed", "interrupted"]


class StepProgress(Frozen):
    n: int
    question: str
    status: Literal["waiting", "running", "ok", "partial", "failed"] = "waiting"
    tools: tuple[str, ...] = ()  # called so far
    error: str | None = None


class Progress(Frozen):
    """Where a run is: each step's state, the tool running now, the brief when done."""

    status: RunStatus = "running"
    steps: tuple[StepProgress, ...] = ()
    current: int = 0  # the step running now (1-based), 0 before the first
    tool: str | None = None  # the tool running now
    brief_id: str | None = None
    error: str | None = None

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def finished(self) -> int:
        return sum(1 for s in self.steps if s.status in {"ok", "partial", "failed"})

    def apply(self, event: ResearchEvent) -> Progress:
        """The snapshot after one more event."""
        if isinstance(event, StepStarted):
            return self._step(event.n, status="running").model_copy(
                update={"current": event.n, "tool": None}
            )
        if isinstance(event, ToolCalled):
            step = self.steps[event.n - 1]
            if event.done:
                return self.model_copy(update={"tool": None})
            moved = self._step(event.n, tools=(*step.tools, event.name))
            return moved.model_copy(update={"tool": event.name})
        if isinstance(event, StepFinished):
            moved = self._step(event.n, status=event.status, error=event.error)
            return moved.model_copy(update={"tool": None})
        return self.model_copy(update={"status": "done", "brief_id": event.brief.id, "tool": None})

    def _step(self, n: int, **changes: object) -> Progress:
        steps = list(self.steps)
        steps[n - 1] = steps[n - 1].model_copy(update=changes)
        return self.model_copy(update={"steps": tuple(steps)})


def starting(questions: list[str]) -> Progress:
    return Progress(steps=tuple(StepProgress(n=i, question=q) for i, q in enumerate(questions, 1)))
