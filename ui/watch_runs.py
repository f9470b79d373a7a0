"""Watch briefs written in the app's own process: the scheduler, and the runs a person asks for.

- The scheduler (`assistant.watch.schedule`) is started once per process, by `ui/app.py` on
  whatever page is opened first, so the briefs due at MARKETBRIEF_WATCH_TIMES are written while
  the app runs (a time missed while it was down runs once, on start; the database's claim keeps
  the replicas of a shared deployment and `marketbrief watch run` from writing one twice). With
  no times set, none starts: cron runs `marketbrief watch run` there. The UI tests set no
  times (their conftest), so no scheduler starts under AppTest unless a test asks for one.
- "Run now" (the Watch page, the first-run Subscribe) runs in a thread of its own, not in the
  page's script: a click elsewhere, a rerun or a closed tab does not cut the brief off half-way.
  It is claimed like a scheduled run (`run_now`), so the two never overlap; the page polls its
  progress (`WatchJob`).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import streamlit as st

from assistant.errors import ConfigError
from assistant.llm.failures import EXPECTED_ERRORS
from assistant.research.progress import Progress, ResearchEvent, StepStarted, starting
from assistant.settings import Settings
from ingest.filters import Filters
from ui import preferences as prefs
from ui import resources
from ui.context import Context
from ui.locale_choice import page_language

if TYPE_CHECKING:  # the run and the scheduler load the answer engine: on first use, not with
    # every page (the chat page shows its box before anything heavy is imported)
    from assistant.watch.run import WatchResult
    from assistant.watch.schedule import Runner, Scheduler
    from assistant.watch.store import WatchStore

log = logging.getLogger("marketbrief.ui")


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

    def start(self, ctx: Context, *, offline: bool) -> WatchJob:
        """A brief for the signed-in person now (the one under way, if there is one), with
        the sidebar's endpoint, over the whole library (the filters are for questions)."""
        store = self.store.for_owner(ctx.owner)
        with self._lock:
            job = self._jobs.get(ctx.owner)
            if job is not None and not job.done.is_set():
                return job
            job = WatchJob(owner=ctx.owner, feeds=len(store.items("feed")))
            self._jobs[ctx.owner] = job
        from assistant.watch.run import run_watch

        reader = page_language()  # the brief's language when the topics do not decide it
        chosen = dataclasses.replace(prefs.current(), scope=Filters())
        assistant = ctx.assistant(chosen)

        def write(view: WatchStore) -> WatchResult:
            return run_watch(assistant, view, offline=offline, reader=reader, on_event=job.on_event)

        threading.Thread(
            target=_run, args=(job, store, write), name="watch-now", daemon=True
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


def jobs(settings: Settings) -> WatchJobs:
    """The process's runs-on-request (the same object for every session and tab)."""
    return _jobs(resources.database_key(settings), settings)


@st.cache_resource(show_spinner=False)
def _jobs(key: str, _settings: Settings) -> WatchJobs:
    return WatchJobs(resources.watch_store(_settings))


def start_scheduler(ctx: Context) -> Scheduler | None:
    """The process's scheduler, started by the first page run that can open the library and
    the price store (it writes into both); None without times (or with times that cannot be
    read: the Watch page says why)."""
    settings = ctx.settings
    if not settings.watch_times.strip() or ctx.index is None:
        return None
    key = (resources.database_key(settings), str(settings.home), settings.watch_times)
    try:
        return _scheduler(key, settings, ctx)
    except ConfigError as error:
        log.warning("no watch schedule: %s", error)
        return None


@st.cache_resource(show_spinner=False)
def _scheduler(key: tuple[str, ...], _settings: Settings, _ctx: Context) -> Scheduler:
    from assistant.engine import Assistant
    from assistant.watch.schedule import scheduler_for

    assistant = Assistant(_settings, market=_ctx.market, index=_ctx.index)
    scheduler = scheduler_for(_settings, assistant=assistant, offline=not _settings.llm_configured)
    scheduler.start()
    return scheduler
