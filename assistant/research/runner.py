"""Research runs: start one, find it again from any page or replica, wait for it.

A run outlives the page, the process and the machine that started it. `start` stores it in
the queue (`ResearchStore`); every process of the app has one `ResearchRunner` (in
`st.cache_resource`) whose worker thread claims queued runs, one at a time, from the shared
database, runs them, and stores their progress as they go. So a page served by any replica
finds a run by its id and shows where it is, and a worker killed mid-run leaves a run whose
heartbeat goes stale: another worker claims it and runs it again (up to MAX_ATTEMPTS times;
then it is failed, with what it had finished).

    runner = ResearchRunner(store, lambda: Assistant(settings))
    run_id = runner.start(plan)
    runner.get(run_id).progress          # Progress: step i/n, the tool running now, ...
    runner.wait(run_id)                  # True once finished (tests; the UI polls instead)
    runner.brief(run_id)                 # the saved Brief, once done

A run started here with an Assistant of the page's (the reader's endpoint) uses it when this
process claims it; otherwise a worker uses its own, built once on first use.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from assistant.engine import Assistant
from assistant.redact import redact
from assistant.research.brief import Brief
from assistant.research.plan import Plan
from assistant.research.progress import BriefReady, Progress, starting
from assistant.research.run import iter_plan
from assistant.research.store import SETTLED, ResearchStore, RunRecord
from ingest.database.engine import Database, DatabaseUnavailable
from ingest.database.schema import NO_OWNER

# A run whose heartbeat is older than its lease (STALE_AFTER unless the settings say otherwise)
# lost its worker (killed, machine gone) and may be claimed by another; a worker renews the
# heartbeat BEATS_PER_LEASE times a lease, so a slow beat or two never loses a live run.
STALE_AFTER = dt.timedelta(seconds=60)
BEATS_PER_LEASE = 6
MAX_ATTEMPTS = 3
# How often an idle worker looks for runs other processes queued or abandoned (a run started
# in this process wakes it at once).
POLL_S = 5.0
WAIT_POLL_S = 0.2  # `wait` on a run another process runs: how often to look
log = logging.getLogger("marketbrief.research")


class _LeaseLost(Exception):
    """Another worker took the run over (this one was presumed dead): stop quietly."""


class ResearchRunner:
    def __init__(
        self,
        store: ResearchStore,
        make_assistant: Callable[[], Assistant],
        *,
        worker: str | None = None,
        lease: dt.timedelta | None = None,
    ) -> None:
        self.store = store
        self.lease = lease or STALE_AFTER  # a heartbeat older than this: the worker is gone
        self.worker = worker or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._make_assistant = make_assistant
        self._assistant: Assistant | None = None
        self._given: dict[str, Assistant] = {}  # runs started here with the page's Assistant
        self._lock = threading.Lock()
        self._settled = threading.Condition(self._lock)
        self._current: str | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._work, name="research", daemon=True)
        self._thread.start()

    def start(
        self,
        plan: Plan,
        *,
        offline: bool = False,
        assistant: Assistant | None = None,
        owner: str = NO_OWNER,
    ) -> str:
        """Queue the plan for `owner`; returns the run id at once. `assistant` (e.g. the
        page's, with the reader's endpoint) answers its steps if this process runs it."""
        run = RunRecord(
            plan=plan, offline=offline, progress=starting([s.question for s in plan.steps])
        )
        if assistant is not None:
            with self._lock:
                self._given[run.id] = assistant
        run = self.store.for_owner(owner).enqueue(run)
        self._wake.set()
        return run.id

    def get(self, run_id: str, owner: str = NO_OWNER) -> RunRecord | None:
        """The run as it is now (None: no such run of this owner's)."""
        return _settled(self.store.for_owner(owner).get_run(run_id))

    def latest(self, owner: str = NO_OWNER) -> RunRecord | None:
        return _settled(self.store.for_owner(owner).latest_run())

    def is_live(self, run_id: str) -> bool:
        """This process is running it now."""
        with self._lock:
            return self._current == run_id

    def wait(self, run_id: str, timeout: float | None = None) -> bool:
        """Block until the run is done or failed (True), or the timeout passed (False)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            state = self.store.state_of(run_id)
            if state is None or state in SETTLED:
                return True
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return False
            with self._settled:  # woken when a run of this process ends; else look again
                self._settled.wait(WAIT_POLL_S if left is None else min(left, WAIT_POLL_S))

    def brief(self, run_id: str, owner: str = NO_OWNER) -> Brief | None:
        run = self.get(run_id, owner)
        if run is None or run.progress.brief_id is None:
            return None
        return self.store.for_owner(run.owner).get_brief(run.progress.brief_id)

    def shutdown(self) -> None:
        """Stop claiming runs; the run under way finishes first."""
        self._stop.set()
        self._wake.set()
        self._thread.join()

    # -- the worker ---------------------------------------------------------------------------

    def _work(self) -> None:
        while not self._stop.is_set():
            try:
                run = self.store.claim(self.worker, self.lease, MAX_ATTEMPTS)
            except DatabaseUnavailable:  # say so in the log, look again later
                log.exception("research worker %s could not claim a run", self.worker)
                run = None
            if run is not None:
                self._run(run)
                continue
            self._wake.wait(POLL_S)
            self._wake.clear()

    def _run(self, run: RunRecord) -> None:
        with self._lock:
            self._current = run.id
            given = self._given.pop(run.id, None)
        lost = threading.Event()
        beating = threading.Thread(
            target=self._beat, args=(run.id, lost), name="research-heartbeat", daemon=True
        )
        beating.start()
        try:
            # a run claimed again after its worker died starts over: its steps are cheap
            # next to the risk of mixing two attempts' halves in one brief
            run = self._advance(run, starting([s.question for s in run.plan.steps]))
            assistant = given or self._assistant_once()
            for event in iter_plan(assistant, run.plan, offline=run.offline, brief_id=run.id):
                if lost.is_set():
                    raise _LeaseLost
                if isinstance(event, BriefReady):
                    self.store.save_brief(event.brief, owner=run.owner)
                run = self._advance(run, run.progress.apply(event))
        except _LeaseLost:
            log.warning("research run %s was taken over by another worker", run.id)
        except Exception as error:  # an edge: this thread has no caller to raise to, so any
            # failure (a bug too) is stored as the run's, with the traceback in the server log
            log.exception("research run %s failed", run.id)
            failed = run.progress.model_copy(
                update={"status": "failed", "error": redact(f"{type(error).__name__}: {error}")}
            )
            with contextlib.suppress(_LeaseLost):
                self._advance(run, failed)
        finally:
            lost.set()  # also stops the heartbeat
            beating.join()
            with self._settled:
                self._current = None
                self._settled.notify_all()

    def _advance(self, run: RunRecord, progress: Progress) -> RunRecord:
        run = run.model_copy(update={"progress": progress})
        if not self.store.save_progress(run, self.worker):
            raise _LeaseLost
        return run

    def _beat(self, run_id: str, lost: threading.Event) -> None:
        while not lost.wait(self.lease.total_seconds() / BEATS_PER_LEASE):
            try:
                if not self.store.beat(run_id, self.worker):
                    lost.set()
            except DatabaseUnavailable:  # a missed beat is not fatal; the next one may pass
                log.exception("research run %s: heartbeat failed", run_id)

    def _assistant_once(self) -> Assistant:
        if self._assistant is None:
            self._assistant = self._make_assistant()
        return self._assistant


def _settled(run: RunRecord | None) -> RunRecord | None:
    """A run settled in the queue whose progress still says running was stored before the
    queue existed, by a process that died: it is shown as interrupted."""
    if run is None or run.state not in SETTLED or run.progress.status != "running":
        return run
    interrupted = run.progress.model_copy(update={"status": "interrupted"})
    return run.model_copy(update={"progress": interrupted})


_SHARED: dict[str, ResearchRunner] = {}
_SHARED_LOCK = threading.Lock()


def shared_runner(
    where: Path | Database,
    make_assistant: Callable[[], Assistant],
    lease: dt.timedelta | None = None,
) -> ResearchRunner:
    """The process's one runner for a database: every page (and every browser tab) of the app
    finds the same runs in it, and one worker thread claims its runs."""
    store = ResearchStore(where)
    with _SHARED_LOCK:
        if store.db.url not in _SHARED:
            _SHARED[store.db.url] = ResearchRunner(store, make_assistant, lease=lease)
        return _SHARED[store.db.url]
