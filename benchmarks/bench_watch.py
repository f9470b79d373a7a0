"""Watch: one watch run over 20 subscribed feeds and a 12-symbol watchlist, timed, with what it
fetched.

Set-up (not timed): a temp data directory with the shared prices imported (the 12 symbols are
all in them, so no price is fetched from the internet), and 20 RSS feeds of 25 items each,
generated and served on loopback (every fourth item names a watched symbol or topic).

- Run 1 (first, cold): every feed read and indexed (500 articles), the brief written offline.
- Run 2: five feeds gained two items each; only the new articles are named.
- Run 3: nothing changed and no close since: the one-line brief.

For each: the time, feeds ok / failed, articles added to the library, new articles named,
symbols priced, HTTP requests made.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from assistant import services
from assistant.engine import Assistant
from assistant.settings import Settings, load_settings
from assistant.watch.model import read_item
from assistant.watch.run import WatchResult, run_watch
from assistant.watch.store import WatchStore
from benchmarks.harness.feeds import FeedItem, FeedServer, rss

SHARED = Path(__file__).resolve().parents[2] / "shared"
SYMBOLS = ("^GSPC", "^RUT", "^IXIC", "^DJI", "SPY", "QQQ", "IWM", "XLK", "XLE", "XLF", "XLV", "TLT")
TOPICS = ("small caps", "rate cuts")
MENTIONS = ("Russell 2000", "Nasdaq", "small caps", "rate cuts", "energy stocks", "Treasuries")
FEEDS, ITEMS, CHANGED = 20, 25, 5


def _items(feed: int, count: int, start: int = 0) -> list[FeedItem]:
    items = []
    for n in range(start, start + count):
        named = MENTIONS[n % len(MENTIONS)] if n % 4 == 0 else "the harbour"
        items.append(
            FeedItem(
                slug=f"feed{feed}-item{n}",
                title=f"Market note {feed}.{n}: {named}",
                text=f"Analysts discussed {named} on day {n}. " * 6,
                published=dt.date(2026, 1, 1) + dt.timedelta(days=n % 28),
            )
        )
    return items


def _set_up(home: Path) -> Settings:
    settings = load_settings(home=home, embedding="local", allow_private_urls=True)
    if (SHARED / "data" / "prices").is_dir():
        services.market_data(settings).import_csv([SHARED / "data" / "prices"])
    else:
        print(f"no {SHARED / 'data' / 'prices'}: the symbols go unpriced")
    return settings


def _report(name: str, seconds: float, result: WatchResult, requests: int) -> None:
    feeds = result.watch.feeds
    ok = sum(f.ok for f in feeds)
    added = sum(f.added + f.updated for f in feeds)
    print(
        f"{name}: {seconds:6.2f} s | feeds {ok} ok, {len(feeds) - ok} failed | "
        f"articles added {added} | new articles named {len(result.watch.articles)} | "
        f"symbols priced {len(result.priced)}/{len(SYMBOLS)} | HTTP requests {requests}"
        + (" | nothing new (one line)" if result.nothing_new else "")
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, FeedServer() as server:
        settings = _set_up(Path(tmp) / "home")
        for feed in range(FEEDS):
            server.feeds[f"/feed{feed}.xml"] = rss(f"Feed {feed}", _items(feed, ITEMS))
        store = WatchStore(services.product_store(settings))
        for text in (*SYMBOLS, *TOPICS, *(server.url(f"/feed{f}.xml") for f in range(FEEDS))):
            store.add(read_item(text, "topic" if text in TOPICS else None))
        assistant = Assistant(settings, model=None)
        try:
            for name in ("run 1 (first)", "run 2 (5 feeds changed)", "run 3 (unchanged)"):
                if name.startswith("run 2"):
                    for feed in range(CHANGED):
                        items = _items(feed, 2, start=ITEMS + 3) + _items(feed, ITEMS)  # one named
                        server.feeds[f"/feed{feed}.xml"] = rss(f"Feed {feed}", items)
                before = server.requests
                started = time.perf_counter()
                result = run_watch(assistant, store, offline=True)
                _report(name, time.perf_counter() - started, result, server.requests - before)
        finally:
            index = assistant.index
            if index is not None and hasattr(index, "close"):
                index.close()


if __name__ == "__main__":
    main()
