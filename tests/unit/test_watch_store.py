"""The watchlist: what a person types read as a symbol, a topic or a feed; the store keeping
items, briefs, reported articles per owner; the suggested feeds; the `watch` commands' input
errors (one line, exit 2); and a database from before watchlists migrated to have them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import inspect

from assistant.errors import InputError
from assistant.watch.feeds import subscribe, suggested_feeds
from assistant.watch.model import WatchItem, read_item
from assistant.watch.store import FeedOutcome, NewArticle, WatchBrief, WatchStore
from ingest.database.engine import Database, sqlite_url
from ingest.database.migrate import _FOLDER, HEADS, product_database
from tests.cli_runner import run_cli

NOW = dt.datetime(2026, 1, 26, 7, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("typed", "kind", "value"),
    [
        ("罗素2000", "symbol", "^RUT"),
        ("Nvidia", "symbol", "NVDA"),
        ("aapl", "symbol", "AAPL"),
        ("ACMR", "symbol", "ACMR"),  # typed as a ticker: the price store decides
        ("标普500", "symbol", "^GSPC"),
        ("AI 芯片", "topic", "AI 芯片"),
        ("  rate   cuts ", "topic", "rate cuts"),
        ("https://example.com/feed.xml", "feed", "https://example.com/feed.xml"),
    ],
)
def test_what_a_person_types_is_read_as_a_symbol_topic_or_feed(
    typed: str, kind: str, value: str
) -> None:
    item = read_item(typed)
    assert (item.kind, item.value) == (kind, value)


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("  ", "nothing to watch"),
        ("ftp://example.com/feed", "a feed is an http or https URL, not ftp://"),
        ("file:///etc/passwd", "not file://"),
        ("x" * 121, "a topic is at most 120 characters"),
        ("https://", "not a usable feed URL"),
    ],
)
def test_what_cannot_be_watched_is_one_clear_line(typed: str, error: str) -> None:
    with pytest.raises(InputError, match=error):
        read_item(typed)


def test_a_forced_symbol_must_be_one() -> None:
    with pytest.raises(InputError, match="unknown symbol"):
        read_item("small cap value stocks", "symbol")


def test_the_store_keeps_each_owners_own(tmp_path: Path) -> None:
    mine = WatchStore(tmp_path / "marketbrief.sqlite3")
    theirs = mine.for_owner("ann@example.com")
    assert mine.add(read_item("Nvidia")) and not mine.add(read_item("NVDA"))
    theirs.add(read_item("AI"))
    assert [i.value for i in mine.items()] == ["NVDA"]
    assert [i.value for i in theirs.items()] == ["AI"]
    assert mine.owners() == ["", "ann@example.com"]
    with pytest.raises(InputError, match="'AI' is not on the watchlist"):
        mine.remove("AI")
    assert [i.value for i in theirs.remove("ai")] == ["AI"]


def test_briefs_and_reported_articles(tmp_path: Path) -> None:
    store = WatchStore(tmp_path / "marketbrief.sqlite3")
    article = NewArticle(article_id="a1", title="Small caps rally", date=dt.date(2026, 1, 22))
    feeds = (FeedOutcome(url="https://x.example/f", ok=False, error="HTTP 404"),)
    brief = WatchBrief(
        id="b1", created=NOW, title="t", language="en", as_of=dt.date(2026, 1, 23),
        articles=(article,), feeds=feeds,
    )  # fmt: skip
    store.record(brief)
    assert store.briefs() == [brief] and store.get("b1").feeds_failed == 1
    assert store.reported(["a1", "a2"]) == {"a1"}
    assert store.for_owner("ann").reported(["a1"]) == set()
    assert store.unread() == 1
    store.mark_read("b1", NOW)
    assert store.unread() == 0 and store.get("b1").read == NOW
    store.delete("b1")
    with pytest.raises(InputError, match="no watch brief 'b1'"):
        store.get("b1")


def test_the_suggested_feeds_are_both_languages_and_subscribe_in_one_go(tmp_path: Path) -> None:
    feeds = suggested_feeds()
    assert 8 <= len(feeds) <= 12
    assert {f.language for f in feeds} == {"zh", "en"}
    assert {f.kind for f in feeds} == {"central_bank", "regulator", "exchange", "news"}
    assert suggested_feeds(language="zh")[0].language == "zh"
    store = WatchStore(tmp_path / "marketbrief.sqlite3")
    assert len(subscribe(store, [f.url for f in feeds])) == len(feeds)
    assert subscribe(store, [feeds[0].url]) == []
    (tmp_path / "feeds.yaml").write_text(
        "feeds:\n  - {name: Mine, url: 'https://mine.example/rss', language: en, kind: news}\n"
    )
    assert [f.name for f in suggested_feeds(tmp_path)] == ["Mine"]


def test_a_database_from_before_watchlists_is_migrated(tmp_path: Path) -> None:
    old = Database(sqlite_url(tmp_path / "old.sqlite3"), "old")
    with old.write() as connection:
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(_FOLDER / "app"))
        config.set_main_option("version_table", "alembic_version_app")
        config.attributes["connection"] = connection
        command.upgrade(config, "a0002")
    product_database(old)
    with old.read() as connection:
        assert {"watch_items", "watch_briefs", "watch_reported", "watch_state"} <= set(
            inspect(connection).get_table_names()
        )
    assert HEADS["app"] == "a0003"
    WatchStore(old).add(WatchItem(kind="topic", value="AI"))


def test_watch_commands_say_what_is_wrong_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    added = run_cli(capsys, "watch", "add", "罗素2000", "AI 芯片", "--json")
    assert added.exit_code == 0
    assert [(r["kind"], r["value"], r["added"]) for r in added.json()] == [
        ("symbol", "^RUT", True),
        ("topic", "AI 芯片", True),
    ]
    listed = run_cli(capsys, "watch", "ls", "--json")
    assert [r["value"] for r in listed.json()] == ["^RUT", "AI 芯片"]
    for args, error in [
        (("add", "ftp://example.com/x"), "error: a feed is an http or https URL, not ftp://"),
        (("add", ""), "error: nothing to watch"),
        (("rm", "gold"), "error: 'GC=F' is not on the watchlist"),
    ]:
        result = run_cli(capsys, "watch", *args)
        assert result.exit_code == 2, result.stderr
        assert result.stderr.startswith(error) and result.stderr.count("\n") == 1
    assert run_cli(capsys, "watch", "rm", "Russell 2000").stdout == "removed symbol ^RUT\n"
    assert run_cli(capsys, "watch", "rm", "AI 芯片").exit_code == 0
    empty = run_cli(capsys, "watch", "run")
    assert empty.exit_code == 2 and "the watchlist is empty" in empty.stderr


def test_on_postgresql(tmp_path: Path) -> None:
    """The shared deployment's database: the same store, and of two machines claiming one run
    at once, one gets it (the claim's lock is PostgreSQL's advisory lock there)."""
    from benchmarks.harness.postgres import available, postgres_server
    from ingest.database.url import check_database_url

    usable, reason = available()
    if not usable:
        pytest.skip(reason)
    with postgres_server(tmp_path / "pg") as server:
        url = check_database_url(server.create_database("watch"))
        one, other = Database(url, "machine one"), Database(url, "machine two")
        try:
            mine = WatchStore(one).for_owner("ann@example.com")
            assert mine.add(read_item("Nvidia")) and mine.add(read_item("AI 芯片"))
            seen_elsewhere = WatchStore(other).for_owner("ann@example.com")
            assert [i.value for i in seen_elsewhere.items()] == ["NVDA", "AI 芯片"]
            lease = dt.timedelta(minutes=10)
            claims = [mine.claim("one", NOW, lease), seen_elsewhere.claim("two", NOW, lease)]
            assert claims == [True, False]
            mine.finish("one", NOW)
            assert seen_elsewhere.last_run() == NOW
            brief = WatchBrief(
                id="b1", created=NOW, title="t", language="zh", as_of=dt.date(2026, 1, 23),
                articles=(NewArticle(article_id="a1", title="小盘股"),),
            )  # fmt: skip
            mine.record(brief)
            assert seen_elsewhere.briefs() == [brief] and seen_elsewhere.reported(["a1"]) == {"a1"}
        finally:
            one.engine.dispose()  # before the server stops
            other.engine.dispose()
