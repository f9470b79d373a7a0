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

    def macro(self, as_of: dt.date | None = None) -> Any:
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
    stored = ResearchStore(store.path).get_run(run_id)
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


def test_a_run_that_died_with_its_process_shows_as_interrupted(
    store: ResearchStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = store.save_run(RunRecord(plan=make_plan(*STEPS)))
    fresh = ResearchRunner(store, lambda: pytest.fail("no run should start"))
    assert fresh.get(run.id).progress.status == "running"  # type: ignore[union-attr]
    monkeypatch.setattr(runner_module, "STALE_AFTER", dt.timedelta(0))
    assert fresh.get(run.id).progress.status == "interrupted"  # type: ignore[union-attr]
    assert fresh.latest().progress.status == "interrupted"  # type: ignore[union-attr]
    fresh.shutdown()


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
