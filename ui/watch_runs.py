"""Watch briefs written in the app's own process: the scheduler, and the runs a person asks for.

- The scheduler (`assistant.watch.schedule`) is started once per process, by `ui/app.py` on
  whatever page is opened first, so the briefs due at MARKETBRIEF_WATCH_TIMES are written while
  the app runs (a time missed while it was down runs once, on start; the database's claim keeps
  the replicas of a shared deployment and `marketbrief watch run` from writing one twice). With
  no times set, none starts: cron runs `marketbrief watch run` there. The UI tests set no
  times (their conftest), so no scheduler starts under AppTest unless a test asks for one.
- "Run now" (the Watch page, the first-run Subscribe) is a `assistant.watch.jobs` run, in a
  thread of its own; here it gets the sidebar's endpoint and the reader's language, and the
  page polls its progress (`WatchJob`).
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

import streamlit as st

from assistant.errors import ConfigError
from assistant.settings import Settings
from assistant.watch.jobs import WatchJob, WatchJobs
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


def start_now(ctx: Context, *, offline: bool) -> WatchJob:
    """A brief for the signed-in person now, with the sidebar's endpoint, over the whole
    library (the filters are for questions), in the reader's language where the topics do not
    decide it."""
    from assistant.watch.run import run_watch

    reader = page_language()
    chosen = dataclasses.replace(prefs.current(), scope=Filters())
    assistant = ctx.assistant(chosen)

    def write(job: WatchJob) -> Runner:
        def run(view: WatchStore) -> WatchResult:
            return run_watch(assistant, view, offline=offline, reader=reader, on_event=job.on_event)

        return run

    return jobs(ctx.settings).start(ctx.owner, write)


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
