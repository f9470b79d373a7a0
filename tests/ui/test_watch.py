"""The Watch page and the first-run feeds in AppTest: add, list and remove watch items (bad
input a notice), "Run now" with a loopback feed and a dead one (the failure reported), the
brief opened and marked read, a second run with nothing new in one line, a scheduled brief
listed unread until opened; on a new data directory the Chat and Library pages offer feeds,
subscribing runs the first brief (offline: feeds need the network) and the offer is gone.

No network: the feeds are served on loopback (private addresses allowed) or dead loopback
ports; every wait is on the run's own event, never a sleep."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from assistant import services
from assistant.engine import Assistant
from assistant.settings import load_settings
from assistant.watch.schedule import Scheduler, scheduler_for
from assistant.watch.store import WatchStore
from benchmarks.harness.loopback import free_port
from tests.ui.conftest import TIMEOUT_S, all_text, ingest_fixtures_served, start_app
from ui import watch_runs
from ui.feed_suggestions import PICK

PAGE = "views/watch.py"


@pytest.fixture
def feed_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The RSS fixture on a loopback server (private addresses allowed for the test)."""
    monkeypatch.setenv("MARKETBRIEF_ALLOW_PRIVATE_URLS", "true")
    with ingest_fixtures_served() as base:
        yield f"{base}/feed.rss"


def dead_feed() -> str:
    """A loopback port nothing listens on: the feed cannot be reached, like one offline."""
    return f"http://127.0.0.1:{free_port()}/feed.xml"


def checked(app: AppTest) -> AppTest:
    assert not app.exception, [e.value for e in app.exception]
    return app


def watch_page() -> AppTest:
    app = start_app()
    return checked(app.switch_page(PAGE).run())


def store() -> WatchStore:
    return WatchStore(services.product_store(load_settings()))


def add(app: AppTest, text: str) -> AppTest:
    app.text_input(key="watch_add_text").set_value(text)
    next(b for b in app.button if b.label == "Add").click()
    return checked(app.run())


def finish(app: AppTest) -> AppTest:
    """Wait (on the run's own event) for the run started from the page, then rerun it."""
    job = watch_runs.jobs(load_settings()).latest("")
    assert job is not None and job.done.wait(TIMEOUT_S)
    return checked(app.run())


def toasts(app: AppTest) -> list[str]:
    return [t.value for t in app.toast]


def test_add_list_and_remove_items() -> None:
    app = add(watch_page(), "aapl")
    assert toasts(app) == ["Watching AAPL (symbol)."]
    app = add(app, "AI chips")
    app = add(app, "https://example.com/feed.xml")
    assert [(i.kind, i.value) for i in store().items()] == [
        ("symbol", "AAPL"), ("topic", "AI chips"), ("feed", "https://example.com/feed.xml"),
    ]  # fmt: skip
    assert "**Watched (3)**" in all_text(app)
    assert toasts(add(app, "AAPL")) == ["AAPL is watched already."]

    remove = next(b for b in app.button if b.key and b.key.startswith("watch_remove_"))
    checked(remove.click().run())  # the first row's: AAPL
    assert [i.value for i in store().items()] == ["AI chips", "https://example.com/feed.xml"]
    assert "**Watched (2)**" in all_text(app)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("ftp://example.com/feed.xml", "a feed is an http or https URL"),
        ("   ", "nothing to watch"),
        ("x" * 130, "a topic is at most 120 characters"),
    ],
)
def test_what_cannot_be_watched_is_a_readable_notice(typed: str, said: str) -> None:
    app = add(watch_page(), typed)
    warnings = [w.value for w in app.warning]
    assert len(warnings) == 1 and said in warnings[0].replace("\\", "")
    assert store().items() == []


def test_run_now_reads_the_feeds_reports_a_dead_one_and_opens_the_brief(feed_url: str) -> None:
    dead = dead_feed()
    app = add(add(watch_page(), feed_url), dead)
    app.button(key="watch_run_now").click().run()
    app = finish(app)
    (brief,) = store().briefs()
    assert app.query_params["watch"] in (brief.id, [brief.id])
    assert not brief.unread  # shown as soon as it was written: read
    assert [f.ok for f in brief.feeds] == [True, False]
    text = all_text(app)
    assert "Treasury yields climb after jobs report" in text  # the new articles, cited
    assert any("could not be read" in i.value and "127" in i.value for i in app.info)
    assert [b.proto.label for b in app.get("download_button")][:1] == ["Download Markdown"]
    assert "**Briefs (1, 0 unread)**" in text

    # nothing new since: the second brief is one line
    app.button(key="watch_run_now").click().run()
    app = finish(app)
    latest = store().briefs()[0]
    assert latest.nothing_new and latest.id != brief.id
    assert any(i.value.startswith("Nothing new since the last brief") for i in app.info)
    assert len(app.get("download_button")) == 0


def test_run_now_never_overlaps_a_run_under_way() -> None:
    app = add(watch_page(), "AI chips")
    now = dt.datetime.now(dt.UTC)
    assert store().claim("the scheduler elsewhere", now, dt.timedelta(hours=1))
    app.button(key="watch_run_now").click().run()
    # The refusal is shown once, in the run that sees the job end: the click's own run when
    # the thread is quicker than the page, else the next one.
    shown = [w.value for w in app.warning]
    app = finish(app)
    (warning,) = shown + [w.value for w in app.warning]
    assert warning.startswith("No brief was written: a watch brief is being written right now")
    assert store().briefs() == []


def test_a_scheduled_brief_is_listed_unread_until_opened(feed_url: str) -> None:
    watched = store()
    app = add(watch_page(), feed_url)
    started = watched.started()
    assert started is not None
    settings = load_settings(watch_times="07:30")
    later = started.astimezone() + dt.timedelta(days=1, hours=1)
    scheduler = scheduler_for(settings, assistant=Assistant(settings), clock=lambda: later)
    (result,) = scheduler.tick()
    app = checked(app.run())
    text = all_text(app)
    assert "**Briefs (1, 1 unread)**" in text
    assert "New since you last read: 2 article(s) in 1 brief(s)" in text
    assert any(":blue-badge[new]" in m.value for m in app.markdown)

    app.button(key=f"watch_open_{result.watch.id}").click().run()
    checked(app)
    assert not store().get(result.watch.id).unread
    assert "**Briefs (1, 0 unread)**" in all_text(app)
    assert not any(":blue-badge[new]" in m.value for m in app.markdown)


def test_the_scheduler_starts_once_per_process_when_times_are_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[Scheduler] = []
    monkeypatch.setattr(Scheduler, "start", lambda self, every_s=30.0: started.append(self))
    watch_page()
    assert started == []  # no times (the conftest's): no scheduler under AppTest

    monkeypatch.setenv("MARKETBRIEF_WATCH_TIMES", "18:00,07:30")
    app = watch_page()
    start_app()  # another session of the same process
    assert len(started) == 1
    assert "(daily at 07:30, 18:00)" in all_text(app)


def test_the_page_speaks_the_browsers_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ui.locale_choice.browser_locale", lambda: "zh-CN")
    app = watch_page()
    assert [t.value for t in app.title] == ["关注列表 · Watchlist"]
    assert "**关注中（0）**" in all_text(app)


# -- the first run ------------------------------------------------------------------------------


def feeds_yaml(urls: list[str]) -> None:
    """The data directory's own suggested feeds (it replaces the packaged list)."""
    lines = ["feeds:"]
    for n, url in enumerate(urls):
        lines += [f"  - name: Feed {n}", f"    url: {url}", "    language: en", "    kind: news"]
    (load_settings().home / "feeds.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def offered(app: AppTest) -> bool:
    return any(m.key == PICK for m in app.multiselect)


def test_a_new_data_directory_offers_the_suggested_feeds_on_chat_and_library() -> None:
    app = start_app()
    assert offered(app)
    (pick,) = [m for m in app.multiselect if m.key == PICK]
    names = [pick.format_func(url) for url in pick.value]
    assert len(names) >= 8
    assert any(n.endswith("· zh") for n in names) and any(n.endswith("· en") for n in names)
    assert offered(checked(app.switch_page("views/library.py").run()))

    app.button(key="feeds_offer_dismiss").click().run()
    assert not offered(checked(app))


def test_subscribing_runs_the_first_brief_and_the_offer_is_gone(feed_url: str) -> None:
    dead, unwanted = dead_feed(), dead_feed()
    feeds_yaml([feed_url, dead, unwanted])
    app = start_app()
    app.multiselect(key=PICK).unselect(unwanted)  # the list is editable
    app.button(key="feeds_offer_subscribe").click().run()
    assert [i.value for i in store().items()] == [feed_url, dead]
    app = finish(app)
    text = all_text(app)
    assert "1 of 2 feed(s) read" in text and "2 new article(s)" in text
    assert [e.label for e in app.expander if "could not be read" in e.label] == [
        "1 of 2 feed(s) could not be read"
    ]
    app.button(key="feeds_offer_close").click().run()
    assert not offered(checked(app))
    assert not offered(checked(app.switch_page("views/library.py").run()))


def test_offline_subscribing_says_feeds_need_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARKETBRIEF_ALLOW_PRIVATE_URLS", "true")
    feeds_yaml([dead_feed(), dead_feed()])
    app = start_app()
    app.multiselect(key=PICK).select("not a feed")  # typed by hand: refused, the rest go on
    app.button(key="feeds_offer_subscribe").click().run()
    app = finish(app)
    warnings = " ".join(w.value for w in app.warning)
    assert "reading feeds needs the network" in warnings
    assert "not a feed" in warnings.replace("\\", "")
    assert len(store().items()) == 2
    assert store().briefs()[0].feeds_failed == 2
