"""The run registry: a run outlives its page; a new page finds it running, then its brief.

In-process, with Events instead of sleeps: the market data blocks inside step 3 until the test
lets it go, so the test sees the run mid-way deterministically.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.engine import Assistant
from assistant.research import runner as runner_module
from assistant.research.progress import starting
from assistant.research.runner import ResearchRunner
from assistant.research.store import ResearchStore, RunRecord
from assistant.settings import load_settings
from tests.unit.assistant.fakes import SEED, FakeIndex, FakeMarket

from .conftest import FED, STEPS, make_plan

WAIT_S = 30.0  # an upper bound for the Events, never a sleep


class GatedMarket(FakeMarket):
    """macro (step 3) waits for the test's go-ahead (and says when it is waiting)."""

    def __init__(self) -> None:
        super().__init__()
        self.entered, self.release = threading.Event(), threading.Event()

    def macro(self, as_of: dt.date | None = None, period: str | None = None) -> Any:
        self.entered.set()
        assert self.release.wait(WAIT_S), "the test never released the run"
        return super().macro(as_of)


@pytest.fixture
def store(tmp_path: Path) -> ResearchStore:
    return ResearchStore(tmp_path / "marketbrief.sqlite3")


@pytest.fixture
def gated() -> GatedMarket:
    return GatedMarket()


@pytest.fixture
def runner(store: ResearchStore, gated: GatedMarket) -> Iterator[ResearchRunner]:
    def make() -> Assistant:
        index = FakeIndex([SEED, FED])
        return Assistant(load_settings(), market=gated, index=index, model=None)

    registry = ResearchRunner(store, make)
    yield registry
    gated.release.set()
    registry.shutdown()


def test_a_page_that_lost_its_run_finds_it_running_then_finished(
    runner: ResearchRunner, store: ResearchStore, gated: GatedMarket
) -> None:
    run_id = runner.start(make_plan(*STEPS))
    assert gated.entered.wait(WAIT_S)
    # the page is gone (refreshed, closed); a new one asks the registry for the latest run
    found = runner.latest()
    assert found is not None and found.id == run_id and runner.is_live(run_id)
    progress = found.progress
    assert progress.status == "running" and progress.current == 3 and progress.total == 4
    assert [s.status for s in progress.steps] == ["ok", "ok", "running", "waiting"]
    assert progress.steps[0].tools == ("index_returns", "search_commentary")
    # what another process (or a restarted page) reads from the data directory agrees
    stored = ResearchStore(store.db).get_run(run_id)
    assert stored is not None and stored.progress.status == "running"
    assert runner.brief(run_id) is None

    gated.release.set()
    assert runner.wait(run_id, timeout=WAIT_S)
    done = runner.get(run_id)
    assert done is not None and done.progress.status == "done" and done.progress.finished == 4
    assert not runner.is_live(run_id)
    brief = runner.brief(run_id)
    assert brief is not None and brief.id == run_id and brief.plan == make_plan(*STEPS)
    assert [s.id for s in store.list_briefs()] == [run_id]
    assert store.get_brief(run_id).answer.references == brief.answer.references


def test_a_second_run_waits_its_turn(runner: ResearchRunner, gated: GatedMarket) -> None:
    first = runner.start(make_plan(*STEPS))
    second = runner.start(make_plan(*STEPS, topic="第二个课题"))
    assert gated.entered.wait(WAIT_S)
    waiting = runner.get(second)
    assert waiting is not None and waiting.progress.current == 0
    assert runner.latest().id == second  # type: ignore[union-attr]
    gated.release.set()
    assert runner.wait(first, WAIT_S) and runner.wait(second, WAIT_S)
    assert runner.brief(second).plan.topic == "第二个课题"  # type: ignore[union-attr]


def _abandoned(store: ResearchStore, attempts: int) -> RunRecord:
    """A run a worker claimed and then died running (its heartbeat is left to go stale)."""
    plan = make_plan(*STEPS)
    run = store.enqueue(RunRecord(plan=plan, progress=starting([s.question for s in plan.steps])))
    for _ in range(attempts):
        claimed = store.claim("dead-worker", dt.timedelta(0), max_attempts=99)
        assert claimed is not None and claimed.id == run.id
    return run


def test_a_run_whose_worker_died_is_claimed_again_and_finished(
    store: ResearchStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _abandoned(store, attempts=1)
    assert store.state_of(run.id) == "running"
    monkeypatch.setattr(runner_module, "STALE_AFTER", dt.timedelta(0))
    index = FakeIndex([SEED, FED])
    survivor = ResearchRunner(
        store, lambda: Assistant(load_settings(), market=FakeMarket(), index=index, model=None)
    )
    assert survivor.wait(run.id, WAIT_S)
    survivor.shutdown()
    done = survivor.get(run.id)
    assert done is not None and done.state == "done" and done.progress.status == "done"
    assert done.worker == survivor.worker and done.attempts == 2
    assert survivor.brief(run.id) is not None


def test_a_run_whose_workers_keep_dying_is_failed_with_its_progress(
    store: ResearchStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _abandoned(store, attempts=runner_module.MAX_ATTEMPTS)
    monkeypatch.setattr(runner_module, "STALE_AFTER", dt.timedelta(0))
    survivor = ResearchRunner(store, lambda: pytest.fail("no run should start"))
    assert survivor.wait(run.id, WAIT_S)
    survivor.shutdown()
    failed = survivor.get(run.id)
    assert failed is not None and failed.state == "failed"
    assert failed.progress.status == "failed" and "stopped 3 times" in (failed.progress.error or "")
    assert [s.question for s in failed.progress.steps] == [s.question for s in run.plan.steps]


def test_a_worker_presumed_dead_stops_without_overwriting_the_new_one(
    store: ResearchStore,
) -> None:
    run = _abandoned(store, attempts=1)
    taken = store.claim("new-worker", dt.timedelta(0), max_attempts=99)
    assert taken is not None and taken.id == run.id
    assert not store.beat(run.id, "dead-worker")  # the old one learns it lost the run
    assert not store.save_progress(run, "dead-worker")
    assert store.beat(run.id, "new-worker")


def test_a_run_is_claimed_by_one_worker_only(store: ResearchStore) -> None:
    run = store.enqueue(RunRecord(plan=make_plan(*STEPS)))
    first = store.claim("a", dt.timedelta(minutes=1), max_attempts=3)
    second = store.claim("b", dt.timedelta(minutes=1), max_attempts=3)
    assert first is not None and first.id == run.id and second is None


def test_runs_and_briefs_are_their_owners_alone(store: ResearchStore) -> None:
    from assistant.research.fold import build_brief

    mine, theirs = store.for_owner("ann@example.com"), store.for_owner("bob@example.com")
    run = mine.enqueue(RunRecord(plan=make_plan(*STEPS)))
    mine.save_brief(build_brief(make_plan(*STEPS), [], brief_id="b1"))
    assert mine.get_run(run.id) is not None and theirs.get_run(run.id) is None
    assert theirs.latest_run() is None and theirs.list_briefs() == []
    with pytest.raises(Exception, match="no saved brief"):
        theirs.get_brief("b1")
    assert [b.id for b in mine.list_briefs()] == ["b1"]


def test_a_crash_outside_the_steps_fails_the_run_visibly(store: ResearchStore) -> None:
    def broken() -> Assistant:
        raise RuntimeError("no assistant today")

    registry = ResearchRunner(store, broken)
    run_id = registry.start(make_plan(*STEPS))
    assert registry.wait(run_id, WAIT_S)
    failed = registry.get(run_id)
    assert failed is not None and failed.progress.status == "failed"
    assert failed.progress.error == "RuntimeError: no assistant today"
    registry.shutdown()


def test_saved_briefs_are_listed_newest_first_and_reopen(store: ResearchStore) -> None:
    from assistant.research.fold import build_brief

    first = build_brief(make_plan(*STEPS), [], brief_id="a1")
    second = build_brief(make_plan(*STEPS, topic="Small caps"), [], brief_id="b2")
    later = second.model_copy(update={"created": first.created + dt.timedelta(seconds=1)})
    store.save_brief(first)
    store.save_brief(later)
    assert [s.id for s in store.list_briefs()] == ["b2", "a1"]
    assert store.get_brief("a1") == first
    store.delete_brief("a1")
    with pytest.raises(Exception, match="no saved brief 'a1'"):
        store.get_brief("a1")


def test_a_run_failure_is_stored_without_the_key(store: ResearchStore, tmp_path: Path) -> None:
    from tests.secrets import FAKE_KEY, assert_no_secret

    def leaky() -> Assistant:
        raise RuntimeError(f"Incorrect API key provided: {FAKE_KEY}")

    registry = ResearchRunner(store, leaky)
    run_id = registry.start(make_plan(*STEPS))
    assert registry.wait(run_id, WAIT_S)
    failed = registry.get(run_id)
    registry.shutdown()
    assert failed is not None and failed.progress.error is not None
    assert failed.progress.error.startswith("RuntimeError: Incorrect API key provided")
    assert_no_secret([failed.progress.error, tmp_path], FAKE_KEY)
