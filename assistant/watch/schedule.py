"""When a watch brief is due, and the scheduler that writes it: once per due time, never two
at once, a missed one once on start.

    scheduler = scheduler_for(settings)      # the times of settings.watch_times ("07:30,18:00")
    scheduler.start()                        # a daemon thread ticking every 30 s (the browser
    ...                                      # app, `marketbrief watch serve`)
    scheduler.tick()                         # or driven by hand, with a clock a test controls

Why not APScheduler: the run must be claimed in the product's database, so the processes of
a shared deployment (every replica of the browser app, a `watch serve`) and the threads of one
agree on who runs it; it must remember across restarts what last ran (a missed time runs once
on start, several missed times coalesce into one run); and tests drive it with a clock they
set, not by sleeping. With the database doing the coordinating, what is left is `due()` and a
loop, smaller than any scheduler's job-store and executor configuration.

`due(times, last_run, now)`: true when one of the day's times (local, in `now`'s zone) passed
after `last_run`. The baseline of a watchlist that never ran is when it was begun, so adding
the first item at 10:00 does not run the 07:30 brief of the morning that had no watchlist.
A run whose brief fails is counted as run (and logged), so a broken feed or a bug never loops
a run every tick; the next time it is due, it runs again.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Sequence

from assistant.answer.model import Language
from assistant.engine import Assistant
from assistant.errors import ConfigError, InputError
from assistant.llm.failures import EXPECTED_ERRORS
from assistant.settings import Settings
from assistant.watch.run import WatchResult, run_watch
from assistant.watch.store import WatchStore

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]
Runner = Callable[[WatchStore], WatchResult]  # one owner's watch run (store: as that owner)
TICK_S = 30.0
LEASE = dt.timedelta(hours=1)  # a run longer than this may be taken over (its holder died)


def local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def parse_times(text: str) -> tuple[dt.time, ...]:
    """ "07:30,18:00" -> the times of day, sorted; empty text: none (cron runs the watch)."""
    times = set()
    for part in text.replace(";", ",").split(","):
        if not part.strip():
            continue
        try:
            times.add(dt.time.fromisoformat(part.strip()).replace(second=0, microsecond=0))
        except ValueError:
            raise ConfigError(
                f"bad MARKETBRIEF_WATCH_TIMES entry {part.strip()!r}: use HH:MM, e.g. 07:30,18:00"
            ) from None
    return tuple(sorted(times))


def last_slot(times: Sequence[dt.time], now: dt.datetime) -> dt.datetime | None:
    """The latest scheduled moment at or before `now` (today's or yesterday's), in `now`'s
    zone; None without times."""
    if not times:
        return None
    zone = now.tzinfo
    today = [dt.datetime.combine(now.date(), t, zone) for t in times]
    passed = [moment for moment in today if moment <= now]
    if passed:
        return max(passed)
    return dt.datetime.combine(now.date() - dt.timedelta(days=1), max(times), zone)


def next_run(times: Sequence[dt.time], now: dt.datetime) -> dt.datetime | None:
    """The first scheduled moment after `now` (today's or tomorrow's), in `now`'s zone."""
    for day in (now.date(), now.date() + dt.timedelta(days=1)):
        for moment in sorted(dt.datetime.combine(day, t, now.tzinfo) for t in times):
            if moment > now:
                return moment
    return None


def due(times: Sequence[dt.time], last_run: dt.datetime | None, now: dt.datetime) -> bool:
    """Has a scheduled time passed since `last_run` (None: never ran)? However many passed,
    the answer is one run."""
    slot = last_slot(times, now)
    return slot is not None and (last_run is None or slot > last_run)


class Scheduler:
    """Writes each watcher's brief when it is due. `tick()` does one round; `start()` ticks
    in a daemon thread until `stop()`."""

    def __init__(
        self,
        store: WatchStore,
        run: Runner,
        times: Sequence[dt.time] | str,
        *,
        clock: Clock = local_now,
        lease: dt.timedelta = LEASE,
        holder: str | None = None,
    ) -> None:
        self.store = store
        self.run = run
        self.times = parse_times(times) if isinstance(times, str) else tuple(times)
        self.clock = clock
        self.lease = lease
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.failures: list[str] = []  # what the runs that failed said, newest last
        self._ticking = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def due_owners(self) -> list[str]:
        """Whose brief is due now."""
        now = self.clock()
        return [o for o in self.store.owners() if due(self.times, self._since(o), now)]

    def _since(self, owner: str) -> dt.datetime | None:
        view = self.store.for_owner(owner)
        return view.last_run() or view.started()

    def tick(self) -> list[WatchResult]:
        """Run every brief that is due and that this scheduler could claim (none while another
        tick of it is under way)."""
        if not self.times or not self._ticking.acquire(blocking=False):
            return []
        try:
            return [r for o in self.due_owners() if (r := self._run_one(o)) is not None]
        finally:
            self._ticking.release()

    def _run_one(self, owner: str) -> WatchResult | None:
        store = self.store.for_owner(owner)
        now = self.clock()
        baseline = store.started()

        def still_due(last_run: dt.datetime | None) -> bool:
            return due(self.times, last_run or baseline, now)

        if not store.claim(self.holder, now, self.lease, still_due):
            return None
        try:
            return self.run(store)
        except EXPECTED_ERRORS as error:
            self.failures.append(f"{owner or 'watch'}: {error}")
            log.warning("the watch brief of %r failed: %s", owner, error)
            return None
        finally:
            store.finish(self.holder, now)

    def start(self, every_s: float = TICK_S) -> None:
        """Tick now and then every `every_s` seconds in a daemon thread (once per Scheduler)."""
        if self._thread is not None or not self.times:
            return
        self._thread = threading.Thread(
            target=self._loop, args=(every_s,), name="watch-scheduler", daemon=True
        )
        self._thread.start()

    def _loop(self, every_s: float) -> None:
        while not self._stop.is_set():
            try:
                self.tick()
            except Exception:  # the thread's edge: a bug is logged, the next tick still runs
                log.exception("the watch scheduler's tick failed")
            self._stop.wait(every_s)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)


def run_now(store: WatchStore, run: Runner, *, clock: Clock = local_now) -> WatchResult:
    """A brief now, for a person who asked (CLI, Watch page): claimed like a scheduled run,
    so it never overlaps one, and counted as the last run. InputError while one is running."""
    now = clock()
    holder = f"now:{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    if not store.claim(holder, now, LEASE):
        raise InputError("a watch brief is being written right now; try again in a minute")
    try:
        result = run(store)
    except BaseException:
        store.release(holder)
        raise
    store.finish(holder, now)
    return result


def runner_for(
    assistant: Assistant,
    *,
    offline: bool = False,
    clock: Clock = local_now,
    language: Language | None = None,
) -> Runner:
    """The run the scheduler and `run_now` make: `run_watch` with this assistant (and, asked
    for, the brief's language)."""

    def run(store: WatchStore) -> WatchResult:
        return run_watch(assistant, store, offline=offline, now=clock(), language=language)

    return run


def scheduler_for(
    settings: Settings,
    *,
    assistant: Assistant | None = None,
    offline: bool = False,
    clock: Clock = local_now,
) -> Scheduler:
    """The scheduler of this deployment: every watcher's brief at `settings.watch_times`, in
    the product's database (an assistant of its own unless given one)."""
    from assistant import services

    store = WatchStore(services.product_store(settings))
    runner = runner_for(assistant or Assistant(settings), offline=offline, clock=clock)
    return Scheduler(store, runner, settings.watch_times, clock=clock)
