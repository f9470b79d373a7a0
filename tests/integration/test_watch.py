"""Watch briefs end to end: a feed served on loopback, the real library (Chroma and BM25), the
real prices of ../shared, and the scheduler driven by a clock the test sets (no sleeping).

The feed changes between two scheduled runs: the second brief names only the new article. A
missed run runs once on start; a failing feed is reported in the brief and the run completes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.engine import Assistant
from assistant.settings import load_settings
from assistant.watch.model import WatchItem, read_item
from assistant.watch.run import WatchResult
from assistant.watch.schedule import Scheduler, runner_for
from assistant.watch.store import WatchStore
from benchmarks.harness.feeds import FeedItem, FeedServer, rss
from benchmarks.harness.loopback import free_port
from ingest.index import Index
from tests.cli_runner import run_cli
from tests.unit.ingest.conftest import open_index
from tests.unit.test_watch_schedule import Clock
from tools.market import MarketData

pytestmark = pytest.mark.integration
DAY = dt.date(2026, 2, 24)  # the day after the prices' last close (2026-02-23)
BEGUN = dt.datetime(2026, 2, 24, 6, 0, tzinfo=dt.UTC)

SMALL_CAPS = FeedItem(
    "small-caps-rally", "Small caps rally", "The Russell 2000 led as small caps rallied."
)
CHIPS = FeedItem("chip-rules", "Chip export rules", "New AI chip export rules weigh on Nvidia.")
WEATHER = FeedItem("weather", "Snow in the north", "Heavy snow closes mountain roads.")
RATES = FeedItem(
    "russell-rates", "Russell 2000 and rate cuts", "Rate cuts help the Russell 2000 borrowers."
)


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Index]:
    index = open_index(tmp_path / "library")
    yield index
    index.close()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as serving:
        serving.feeds["/markets.xml"] = rss("Markets Daily", [SMALL_CAPS, CHIPS, WEATHER])
        yield serving


@pytest.fixture
def store(tmp_path: Path, server: FeedServer) -> WatchStore:
    watch = WatchStore(tmp_path / "marketbrief.sqlite3")
    for text in ("罗素2000", "Nvidia", server.url("/markets.xml")):
        watch.add(read_item(text).model_copy(update={"added": BEGUN}))
    return watch


@pytest.fixture
def assistant(library: Index, shared_market: MarketData) -> Assistant:
    settings = load_settings(allow_private_urls=True)  # the feeds are on loopback
    return Assistant(settings, market=shared_market, index=library, model=None)


def scheduler(store: WatchStore, assistant: Assistant, clock: Clock) -> Scheduler:
    run = runner_for(assistant, offline=True, clock=clock)
    return Scheduler(store, run, "07:30,18:00", clock=clock)


def listed(result: WatchResult) -> set[str]:
    return {a.title for a in result.watch.articles}


def new_section(result: WatchResult) -> str:
    section = next(s for s in result.brief.answer.sections if s.key == "other")
    return section.text


def test_the_second_scheduled_brief_names_only_the_new_articles(
    store: WatchStore, assistant: Assistant, server: FeedServer
) -> None:
    clock = Clock(BEGUN)
    watch = scheduler(store, assistant, clock)
    clock.at(DAY, "07:00")
    assert watch.tick() == []  # the watchlist was begun at 06:00: nothing due before 07:30

    clock.at(DAY, "07:31")
    [first] = watch.tick()
    assert listed(first) == {"Small caps rally", "Chip export rules"}  # not the weather
    assert "Small caps rally" in new_section(first)
    assert not first.nothing_new and first.watch.feeds_failed == 0
    assert first.watch.as_of == assistant.market.last_date("^RUT")  # type: ignore[union-attr]
    assert first.priced == ("^RUT",)  # ../shared has no Nvidia prices: its step says so
    refs = {r.title for r in first.brief.answer.references if r.kind == "article"}
    assert {"Small caps rally", "Chip export rules"} <= refs

    server.feeds["/markets.xml"] = rss("Markets Daily", [RATES, SMALL_CAPS, CHIPS, WEATHER])
    clock.at(DAY, "12:00")
    assert watch.tick() == []  # changed, but not due

    clock.at(DAY, "18:01")
    [second] = watch.tick()
    assert listed(second) == {"Russell 2000 and rate cuts"}
    assert "Russell 2000 and rate cuts" in new_section(second)
    assert "Small caps rally" not in new_section(second)

    clock.at(DAY + dt.timedelta(days=1), "07:31")
    [third] = watch.tick()  # no new article, no new close: one line
    assert third.nothing_new and third.watch.articles == ()
    assert third.markdown().count("\n") == 1 and "Nothing new" in third.markdown()

    assert [b.id for b in store.briefs()] == [third.watch.id, second.watch.id, first.watch.id]
    assert store.unread() == 3


def test_a_missed_run_runs_once_on_start(store: WatchStore, assistant: Assistant) -> None:
    clock = Clock(BEGUN)
    clock.at(DAY, "07:31")
    assert len(scheduler(store, assistant, clock).tick()) == 1
    clock.at(DAY + dt.timedelta(days=3), "19:00")  # down for three days: six times missed
    restarted = scheduler(store, assistant, clock)
    assert len(restarted.tick()) == 1
    assert restarted.tick() == []
    assert store.last_run() == clock.now


def test_a_failing_feed_is_reported_and_the_run_completes(
    store: WatchStore, assistant: Assistant, server: FeedServer
) -> None:
    missing, refused = server.url("/gone.xml"), f"http://127.0.0.1:{free_port()}/feed.xml"
    for url in (missing, refused):
        store.add(WatchItem(kind="feed", value=url, added=BEGUN))
    clock = Clock(BEGUN)
    clock.at(DAY, "07:31")
    [result] = scheduler(store, assistant, clock).tick()
    assert listed(result) == {"Small caps rally", "Chip export rules"}
    failed = {f.url: f for f in result.watch.feeds if not f.ok}
    assert set(failed) == {missing, refused}
    assert failed[refused].unreachable and not failed[missing].unreachable
    markdown = result.markdown()
    assert f"The feed {missing} could not be read (answered HTTP 404)" in markdown
    assert refused in markdown
    assert "needs the network" not in markdown  # one feed was read


def test_offline_the_brief_says_feeds_need_the_network(
    tmp_path: Path, assistant: Assistant
) -> None:
    store = WatchStore(tmp_path / "offline.sqlite3")
    store.add(read_item("AI 芯片"))
    store.add(read_item(f"http://127.0.0.1:{free_port()}/feed.xml"))  # nothing listens there
    result = runner_for(assistant, offline=True)(store)
    assert result.watch.language == "zh"
    assert "读取订阅源需要网络" in result.markdown()


def test_watch_run_prints_the_brief_and_exports_it(
    server: FeedServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("MARKETBRIEF_ALLOW_PRIVATE_URLS", "true")
    feed = server.url("/markets.xml")
    assert run_cli(capsys, "watch", "add", "small caps", "--as", "topic").exit_code == 0
    assert run_cli(capsys, "watch", "add", feed).exit_code == 0
    first = run_cli(capsys, "watch", "run", "--offline")
    assert first.exit_code == 0, first.stderr
    assert first.stdout.startswith("# Watchlist brief, ")
    assert "## New articles on the watchlist" in first.stdout
    assert "- Small caps rally — Markets Daily, 2026-01-22 [" in first.stdout
    assert "Snow in the north" not in first.stdout
    out = tmp_path / "brief.md"
    again = run_cli(capsys, "watch", "run", "--offline", "--json", "--out", str(out))
    assert again.json()["articles"] == [] and out.is_file()
    briefs = run_cli(capsys, "watch", "briefs", "--json").json()
    assert len(briefs) == 2 and all(b["unread"] for b in briefs)
    shown = run_cli(capsys, "watch", "show", briefs[1]["id"])
    assert "Small caps rally" in shown.stdout
    assert [b["unread"] for b in run_cli(capsys, "watch", "briefs", "--json").json()] == [
        True,
        False,
    ]


def test_with_nothing_to_stand_on_the_brief_is_one_card_saying_what_to_add(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new data directory (no prices, no articles) whose feed cannot be reached: a few lines
    saying what is missing and what to add, not a brief's headings over nothing."""
    monkeypatch.setenv("MARKETBRIEF_HOME", str(tmp_path / "new-home"))
    monkeypatch.setenv("MARKETBRIEF_ALLOW_PRIVATE_URLS", "true")
    assert run_cli(capsys, "watch", "add", "NVDA").exit_code == 0
    feed = f"http://127.0.0.1:{free_port()}/feed.xml"  # nothing listens there
    assert run_cli(capsys, "watch", "add", feed).exit_code == 0
    ran = run_cli(capsys, "watch", "run", "--offline")
    assert ran.exit_code == 0, ran.stderr
    lines = ran.stdout.splitlines()
    assert lines[0].startswith("There is nothing yet to write this brief from")
    assert "##" not in ran.stdout and len(lines) <= 6
    assert any("reading feeds needs the network" in line for line in lines)
    assert any(f"{feed} could not be read (no connection)" in line for line in lines)
    assert any("marketbrief prices" in line for line in lines)
    assert any("marketbrief ingest" in line for line in lines)


def test_the_brief_is_in_the_readers_language_when_the_topics_do_not_say(
    tmp_path: Path, assistant: Assistant
) -> None:
    """Symbols alone do not say which language: the brief is in the language of who asked,
    and a later scheduled run (nobody asking) keeps it; topics decide when there are some."""
    from assistant.watch.run import run_watch

    store = WatchStore(tmp_path / "symbols.sqlite3")
    store.add(read_item("罗素2000"))
    asked = run_watch(assistant, store, offline=True, reader="zh")
    assert asked.watch.language == "zh" and asked.brief.title.startswith("关注列表简报")
    scheduled = runner_for(assistant, offline=True)(store)
    assert scheduled.watch.language == "zh"
    assert runner_for(assistant, offline=True, language="en")(store).watch.language == "en"
    store.add(read_item("small caps", "topic"))
    assert run_watch(assistant, store, offline=True, reader="zh").watch.language == "en"
