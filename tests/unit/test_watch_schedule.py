"""When a watch brief is due, and the scheduler's promises: one run per due time however many
were missed, none before the watchlist existed, never two at once (threads or processes
sharing the database), a person's "run now" refused while one runs. Runs are fakes here."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from assistant.errors import ConfigError, InputError
from assistant.watch.model import WatchItem
from assistant.watch.run import WatchResult
from assistant.watch.schedule import Scheduler, due, last_slot, next_run, parse_times, run_now
from assistant.watch.store import WatchStore

UTC = dt.UTC
TIMES = parse_times("18:00, 07:30")
BEGUN = dt.datetime(2026, 1, 26, 6, 0, tzinfo=UTC)


def at(day: int, hh_mm: str) -> dt.datetime:
    return dt.datetime.combine(dt.date(2026, 1, day), dt.time.fromisoformat(hh_mm), UTC)


def test_times_are_read_sorted_and_bad_ones_are_one_line() -> None:
    assert parse_times("18:00, 07:30") == (dt.time(7, 30), dt.time(18, 0))
    assert parse_times("") == ()
    with pytest.raises(ConfigError, match="bad MARKETBRIEF_WATCH_TIMES entry '7h30'"):
        parse_times("07:30,7h30")


def test_due_when_a_time_passed_since_the_last_run() -> None:
    assert last_slot(TIMES, at(26, "07:00")) == at(25, "18:00")
    assert not due(TIMES, at(26, "06:00"), at(26, "07:29"))
    assert due(TIMES, at(26, "06:00"), at(26, "07:30"))
    assert not due(TIMES, at(26, "07:30"), at(26, "17:59"))
    assert due(TIMES, None, at(26, "00:01"))
    assert not due((), None, at(26, "12:00"))  # no times: cron runs `watch run` instead


def test_the_next_run_is_the_first_time_after_now() -> None:
    assert next_run(TIMES, at(26, "07:00")) == at(26, "07:30")
    assert next_run(TIMES, at(26, "07:30")) == at(26, "18:00")
    assert next_run(TIMES, at(26, "18:01")) == at(27, "07:30")
    assert next_run((), at(26, "12:00")) is None


class Clock:
    """The time a test sets (UTC)."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def at(self, day: dt.date, hh_mm: str) -> None:
        self.now = dt.datetime.combine(day, dt.time.fromisoformat(hh_mm), UTC)


class FakeRun:
    """Counts runs; can hold a run open until released (to run two schedulers at once)."""

    def __init__(self, hold: bool = False) -> None:
        self.owners: list[str] = []
        self.started = threading.Event()
        self.release = threading.Event()
        if not hold:
            self.release.set()

    def __call__(self, store: WatchStore) -> WatchResult:
        self.owners.append(store.owner)
        self.started.set()
        assert self.release.wait(10)
        return WatchResult(watch=None, brief=None)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> WatchStore:
    watch = WatchStore(tmp_path / "marketbrief.sqlite3")
    watch.add(WatchItem(kind="symbol", value="^RUT", added=BEGUN))
    return watch


def test_missed_times_coalesce_into_one_run_on_start(store: WatchStore) -> None:
    clock, run = Clock(at(26, "07:31")), FakeRun()
    assert len(Scheduler(store, run, TIMES, clock=clock).tick()) == 1
    clock.now = at(29, "19:00")  # six times missed while nothing ran
    restarted = Scheduler(store, run, TIMES, clock=clock)
    assert len(restarted.tick()) == 1
    assert restarted.tick() == []
    assert len(run.owners) == 2 and store.last_run() == at(29, "19:00")


def test_nothing_runs_for_times_before_the_watchlist_was_begun(store: WatchStore) -> None:
    run = FakeRun()
    assert Scheduler(store, run, TIMES, clock=Clock(at(26, "07:00"))).tick() == []
    assert run.owners == []


def test_each_owner_gets_a_brief(store: WatchStore) -> None:
    store.for_owner("ann@example.com").add(WatchItem(kind="topic", value="AI", added=BEGUN))
    run = FakeRun()
    Scheduler(store, run, TIMES, clock=Clock(at(26, "08:00"))).tick()
    assert sorted(run.owners) == ["", "ann@example.com"]


def test_two_schedulers_ticking_at_once_run_once(store: WatchStore, tmp_path: Path) -> None:
    clock, run = Clock(at(26, "07:31")), FakeRun(hold=True)
    # two processes: two stores over the same file, two holders
    other = WatchStore(tmp_path / "marketbrief.sqlite3")
    first = Scheduler(store, run, TIMES, clock=clock)
    second = Scheduler(other, run, TIMES, clock=clock)
    ticking = threading.Thread(target=first.tick)
    ticking.start()
    assert run.started.wait(10)
    assert second.tick() == []  # the first holds the lease
    with pytest.raises(InputError, match="being written right now"):
        run_now(other, run, clock=clock)
    run.release.set()
    ticking.join(10)
    assert second.tick() == []  # done: no longer due
    assert run.owners == [""]


def test_a_lapsed_lease_is_taken_over(store: WatchStore) -> None:
    clock = Clock(at(26, "07:31"))
    assert store.claim("dead", clock.now, dt.timedelta(minutes=5))
    run = FakeRun()
    assert Scheduler(store, run, TIMES, clock=clock).tick() == []
    clock.now = at(26, "07:40")
    assert len(Scheduler(store, run, TIMES, clock=clock).tick()) == 1
    store.finish("dead", at(26, "07:31"))  # the old holder's late finish changes nothing
    assert store.last_run() == at(26, "07:40")


def test_one_scheduler_ticking_from_two_threads_runs_once(store: WatchStore) -> None:
    run = FakeRun(hold=True)
    scheduler = Scheduler(store, run, TIMES, clock=Clock(at(26, "07:31")))
    ticking = threading.Thread(target=scheduler.tick)
    ticking.start()
    assert run.started.wait(10)
    assert scheduler.tick() == []
    run.release.set()
    ticking.join(10)
    assert run.owners == [""]


def test_a_failed_person_run_leaves_the_schedule_as_it_was(store: WatchStore) -> None:
    def failing(_store: WatchStore) -> WatchResult:
        raise InputError("no")

    with pytest.raises(InputError):
        run_now(store, failing, clock=Clock(at(26, "07:31")))
    assert store.last_run() is None
    assert store.claim("next", at(26, "07:32"), dt.timedelta(minutes=5))  # not left held
