"""The watch briefs a person asks for now ("Run now", the first-run feeds), each run in a
thread of its own, so a click elsewhere, a rerun or a closed tab does not cut it off half-way.

It is claimed like a scheduled run (`schedule.run_now`), so the two never overlap; whoever
asked follows it through its `WatchJob` (the feeds being read, then the brief's steps, then
the result or why there is none). One `WatchJobs` per process keeps the latest run of each
person.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.llm.failures import EXPECTED_ERRORS
from assistant.research.progress import Progress, ResearchEvent, StepStarted, starting

if TYPE_CHECKING:  # the run loads the answer engine: on first use, not with every page
    from assistant.watch.run import WatchResult
    from assistant.watch.schedule import Runner
    from assistant.watch.store import WatchStore

log = logging.getLogger("marketbrief.watch")


@dataclass
class WatchJob:
    """One run a person asked for: where it is, and how it ended."""

    owner: str
    feeds: int  # the subscribed feeds it reads before writing
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    progress: Progress | None = None  # None while the feeds are read
    result: WatchResult | None = None
    error: str | None = None  # what stopped it, for the person to act on
    bug: str | None = None  # an unexpected error's type (the traceback is in the server log)
    done: threading.Event = field(default_factory=threading.Event)

    def on_event(self, event: ResearchEvent) -> None:
        """The brief's research steps as they run (the plan is known from the first one)."""
        progress = self.progress
        if isinstance(event, StepStarted):
            progress = progress or starting([""] * event.total)
            steps = list(progress.steps)
            steps[event.n - 1] = steps[event.n - 1].model_copy(update={"question": event.question})
            progress = progress.model_copy(update={"steps": tuple(steps)})
        if progress is not None:
            self.progress = progress.apply(event)


class WatchJobs:
    """The runs people asked for in this process, the latest one per owner."""

    def __init__(self, store: WatchStore) -> None:
        self.store = store
        self._jobs: dict[str, WatchJob] = {}
        self._lock = threading.Lock()

    def latest(self, owner: str) -> WatchJob | None:
        with self._lock:
            return self._jobs.get(owner)

    def start(self, owner: str, write: Callable[[WatchJob], Runner]) -> WatchJob:
        """A brief for `owner` now, in a thread of its own (the one under way, if there is
        one): `write(job)` makes the run, reporting its steps to `job.on_event`."""
        store = self.store.for_owner(owner)
        with self._lock:
            job = self._jobs.get(owner)
            if job is not None and not job.done.is_set():
                return job
            job = WatchJob(owner=owner, feeds=len(store.items("feed")))
            self._jobs[owner] = job
        threading.Thread(
            target=_run, args=(job, store, write(job)), name="watch-now", daemon=True
        ).start()
        return job


def _run(job: WatchJob, store: WatchStore, write: Runner) -> None:
    from assistant.watch.schedule import run_now

    try:
        job.result = run_now(store, write)
    except EXPECTED_ERRORS as error:
        job.error = str(error) or type(error).__name__
    except Exception as error:  # the thread's edge: no caller to raise to; the page says what
        log.exception("the watch brief of %r failed", job.owner)  # happened, the log shows where
        job.bug = type(error).__name__
    finally:
        job.done.set()
