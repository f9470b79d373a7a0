"""The process-wide registry of research runs: start a run, find it again, wait for it.

A run outlives the page that started it. The browser app keeps one `ResearchRunner` per
process (in `st.cache_resource`); the run itself happens in the runner's worker thread, and its
progress and its brief are written to the store as it goes, so a page that was closed or
refreshed reattaches by run id (or to the latest run) and shows where it is.

    runner = ResearchRunner(store, lambda: Assistant(settings))
    run_id = runner.start(plan)
    runner.get(run_id).progress          # Progress: step i/n, the tool running now, ...
    runner.wait(run_id)                  # True once finished (tests; the UI polls instead)
    runner.brief(run_id)                 # the saved Brief, once done

Runs go one at a time through a single worker thread; a second run waits its turn. Each run
uses the Assistant it was started with (the page passes its own, over the app's cached
services and the reader's endpoint), or the runner's own, built once on first use.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from assistant.engine import Assistant
from assistant.redact import redact
from assistant.research.brief import Brief
from assistant.research.plan import Plan
from assistant.research.progress import BriefReady, Progress, starting
from assistant.research.run import iter_plan
from assistant.research.store import ResearchStore, RunRecord

# A run stored as running that no thread of this process runs, and that has not moved for this
# long, died with its process (another process may still be running a fresher one).
STALE_AFTER = dt.timedelta(minutes=15)
log = logging.getLogger("marketbrief.research")


class ResearchRunner:
    def __init__(self, store: ResearchStore, make_assistant: Callable[[], Assistant]) -> None:
        self.store = store
        self._make_assistant = make_assistant
        self._assistant: Assistant | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="research")
        self._lock = threading.Lock()
        self._live: dict[str, RunRecord] = {}  # runs this process is running or will run
        self._finished: dict[str, threading.Event] = {}

    def start(
        self, plan: Plan, *, offline: bool = False, assistant: Assistant | None = None
    ) -> str:
        """Queue the plan; returns the run id at once. `assistant` (e.g. the page's, with the
        reader's endpoint) answers its steps; by default the runner's own."""
        run = RunRecord(
            plan=plan, offline=offline, progress=starting([s.question for s in plan.steps])
        )
        run = self.store.save_run(run)
        with self._lock:
            self._live[run.id] = run
            self._finished[run.id] = threading.Event()
        self._executor.submit(self._run, run.id, assistant)
        return run.id

    def get(self, run_id: str) -> RunRecord | None:
        """The run as it is now: live in this process, or as stored."""
        with self._lock:
            live = self._live.get(run_id)
        return live if live is not None else _settled(self.store.get_run(run_id))

    def latest(self) -> RunRecord | None:
        with self._lock:
            live = max(self._live.values(), key=lambda r: r.created, default=None)
        stored = _settled(self.store.latest_run())
        if live is None or (stored is not None and stored.created > live.created):
            return stored
        return live

    def is_live(self, run_id: str) -> bool:
        with self._lock:
            return run_id in self._live

    def wait(self, run_id: str, timeout: float | None = None) -> bool:
        """Block until the run finished (True) or the timeout passed (False)."""
        with self._lock:
            finished = self._finished.get(run_id)
        return True if finished is None else finished.wait(timeout)

    def brief(self, run_id: str) -> Brief | None:
        run = self.get(run_id)
        if run is None or run.progress.brief_id is None:
            return None
        return self.store.get_brief(run.progress.brief_id)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=False)

    # -- the worker ---------------------------------------------------------------------------

    def _run(self, run_id: str, given: Assistant | None) -> None:
        with self._lock:
            run = self._live[run_id]
        try:
            assistant = given or self._assistant_once()
            for event in iter_plan(assistant, run.plan, offline=run.offline, brief_id=run.id):
                if isinstance(event, BriefReady):
                    self.store.save_brief(event.brief)
                run = self._advance(run, run.progress.apply(event))
        except Exception as error:  # an edge: this thread has no caller to raise to, so any
            # failure (a bug too) is stored as the run's, with the traceback in the server log
            log.exception("research run %s failed", run_id)
            failed = run.progress.model_copy(
                update={"status": "failed", "error": redact(f"{type(error).__name__}: {error}")}
            )
            run = self._advance(run, failed)
        finally:
            with self._lock:
                self._live.pop(run_id, None)
                finished = self._finished.pop(run_id, None)
            if finished is not None:
                finished.set()

    def _advance(self, run: RunRecord, progress: Progress) -> RunRecord:
        run = self.store.save_run(run.model_copy(update={"progress": progress}))
        with self._lock:
            if run.id in self._live:
                self._live[run.id] = run
        return run

    def _assistant_once(self) -> Assistant:
        if self._assistant is None:
            self._assistant = self._make_assistant()
        return self._assistant


def _settled(run: RunRecord | None) -> RunRecord | None:
    """A stored run marked running that has not moved for long is shown as interrupted."""
    if run is None or run.progress.status != "running":
        return run
    if dt.datetime.now(dt.UTC) - run.updated < STALE_AFTER:
        return run
    interrupted = run.progress.model_copy(update={"status": "interrupted"})
    return run.model_copy(update={"progress": interrupted})


_SHARED: dict[Path, ResearchRunner] = {}
_SHARED_LOCK = threading.Lock()


def shared_runner(db_path: Path, make_assistant: Callable[[], Assistant]) -> ResearchRunner:
    """The process's one runner for a data directory: every page (and every browser tab) of
    the app finds the same runs in it."""
    key = db_path.resolve()
    with _SHARED_LOCK:
        if key not in _SHARED:
            _SHARED[key] = ResearchRunner(ResearchStore(db_path), make_assistant)
        return _SHARED[key]
