"""One watch run: read the subscribed feeds into the library, then write the brief.

    result = run_watch(assistant, WatchStore(services.product_store(settings)))
    print(result.markdown())

The brief is a research brief run on the watchlist's plan (`outline.watch_plan`), with LLM
mode when a model is configured and offline otherwise (as `marketbrief research`), plus the
new articles and the feeds that failed (`brief`). It is saved with the research briefs (so it
is listed, shown and exported like them) and recorded in the watch store with what the run
found; the articles it names are remembered, so the next brief names only newer ones. With no
new article and no close since the last brief, the brief is one line saying so.

The run itself takes no lease: the scheduler (`schedule.Scheduler`) claims one around it;
`marketbrief watch run` is a person asking for a brief now.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

from assistant.answer.model import Language
from assistant.engine import Assistant
from assistant.errors import InputError
from assistant.llm.failures import EXPECTED_ERRORS
from assistant.locale import notice
from assistant.locale.catalog import message
from assistant.research.brief import Brief
from assistant.research.plan import Plan
from assistant.research.progress import ResearchEvent
from assistant.research.run import run_plan
from assistant.research.store import ResearchStore
from assistant.watch.brief import (
    feed_notices,
    new_articles,
    nothing_new_line,
    one_line_answer,
    titled,
    with_articles,
    with_notices,
)
from assistant.watch.fetching import FeedsRead, read_feeds
from assistant.watch.model import WatchItem
from assistant.watch.outline import brief_language, watch_plan
from assistant.watch.store import FeedOutcome, WatchBrief, WatchStore
from ingest.fetch import Fetcher, HttpFetcher
from ingest.pipeline import Writer

EMPTY_WATCHLIST = (
    "the watchlist is empty: add a symbol, a topic or a feed first "
    "(marketbrief watch add AAPL | 'AI chips' | https://.../feed.xml)"
)


@dataclass(frozen=True)
class WatchResult:
    """A finished watch run: the saved brief, and what the watch store keeps of it."""

    watch: WatchBrief  # id = brief.id
    brief: Brief
    priced: tuple[str, ...] = ()  # watched symbols with closes in the price store

    @property
    def nothing_new(self) -> bool:
        return self.watch.nothing_new

    def markdown(self) -> str:
        """The brief as Markdown; with nothing new, its one line (and any feed that failed)."""
        if not self.nothing_new:
            return self.brief.markdown()
        notices = [f.message for f in self.brief.answer.flags if f.kind == "notice"]
        return "\n".join([self.brief.answer.sections[0].text, *notices]) + "\n"


def run_watch(
    assistant: Assistant,
    store: WatchStore,
    *,
    offline: bool = False,
    fetch: Fetcher | None = None,
    research: ResearchStore | None = None,
    language: Language | None = None,
    reader: Language | None = None,
    now: dt.datetime | None = None,
    on_event: Callable[[ResearchEvent], None] | None = None,
) -> WatchResult:
    """Run the watch of `store`'s owner now: ingest its feeds, write, save and record the
    brief. `fetch` (default: HTTP behind the URL guard, private addresses as the settings
    allow), `research` (default: the research briefs of the same database and owner),
    `language` (the brief's, when asked for), `reader` (the language of whoever asked, for a
    watchlist whose topics do not decide it), `now` (the run's clock). Without either, the
    topics' language, else the previous brief's (a scheduled run has no reader), else English."""
    items = store.items()
    if not items:
        raise InputError(EMPTY_WATCHLIST)
    now = now or dt.datetime.now(dt.UTC)
    previous = next(iter(store.briefs(limit=1)), None)
    lang = language or brief_language(items, default=reader or _language_of(previous))
    read = _read_feeds(assistant, items, fetch)
    fresh = new_articles(
        read.articles.values(), items, assistant.vocabulary, store.reported(read.articles)
    )
    symbols = [i.value for i in items if i.kind == "symbol"]
    latest, priced = _closes(assistant, symbols)
    since = previous.as_of if previous is not None else None
    moved = previous is None or (latest is not None and (since is None or latest > since))
    plan = watch_plan(items, language=lang, since=since, latest=latest)
    quiet = not fresh and not moved and previous is not None
    brief = _short_brief(assistant, plan, now.date(), latest, since, quiet=quiet)
    short = brief is not None
    if brief is None:
        brief = run_plan(assistant, plan, offline=offline, on_event=on_event)
        brief = with_articles(brief, fresh, first=previous is None)
        brief = titled(brief, brief.answer.as_of)
    brief = with_notices(brief, feed_notices(read.feeds, lang))
    (research or ResearchStore(store.db, store.owner)).save_brief(brief)
    watch = WatchBrief(
        id=brief.id,
        created=now,
        title=brief.title,
        language=lang,
        as_of=brief.answer.as_of,
        nothing_new=short,
        articles=tuple(fresh),
        feeds=tuple(read.feeds),
    )
    store.record(watch)
    return WatchResult(watch=watch, brief=brief, priced=priced)


def _language_of(previous: WatchBrief | None) -> Language:
    """The previous brief's language (a scheduled run has no reader to ask), else English."""
    return cast(Language, previous.language) if previous is not None else "en"


def _short_brief(
    assistant: Assistant,
    plan: Plan,
    today: dt.date,
    latest: dt.date | None,
    since: dt.date | None,
    *,
    quiet: bool,
) -> Brief | None:
    """A brief of a line or two instead of the plan's: nothing to stand on (no price and no
    article: what to add), or nothing new since the last brief (`quiet`); None to run the plan."""
    lang = plan.language
    if latest is None and (missing := _missing(assistant, lang)):
        line = message("watch.nothing_to_stand_on", lang)
        answer = one_line_answer(line, as_of=today, language=lang, question=plan.topic)
        return with_notices(Brief(plan=plan, answer=answer, steps=()), missing)
    if quiet:
        day = since or latest or today
        line = nothing_new_line(day, lang)
        answer = one_line_answer(line, as_of=day, language=lang, question=plan.topic)
        return Brief(plan=plan, answer=answer, steps=())
    return None


def _read_feeds(
    assistant: Assistant, items: Sequence[WatchItem], fetch: Fetcher | None
) -> FeedsRead:
    urls = [i.value for i in items if i.kind == "feed"]
    if not urls:
        return FeedsRead()
    index = assistant.index
    if index is None or not hasattr(index, "upsert_many"):
        reason = assistant.unavailable.get("index", "the library is unavailable")
        return FeedsRead(feeds=[FeedOutcome(url=u, ok=False, error=reason) for u in urls])
    settings = assistant.settings
    fetch = fetch or HttpFetcher(
        settings.network_timeout_s, allow_private=settings.allow_private_urls
    )
    return read_feeds(urls, cast(Writer, index), fetch)


def _missing(assistant: Assistant, language: Language) -> list[str]:
    """With no close stored at all: the notices saying what to add when the library is empty
    too (nothing to stand on), else none (the articles alone make a brief)."""
    index = assistant.index
    try:
        empty = index is None or index.count() == 0
    except EXPECTED_ERRORS:
        empty = True
    if not empty:
        return []
    no_prices = notice("no_prices", language, reason=message("reason.price_store_empty", language))
    return [no_prices, notice("empty_library", language)]


def _closes(assistant: Assistant, symbols: Sequence[str]) -> tuple[dt.date | None, tuple[str, ...]]:
    """The latest close of the watched symbols (of any stored symbol when none is watched),
    after the prices were refreshed where that is due; and which watched symbols have closes."""
    market = assistant.market
    if market is None:
        return None, ()
    if symbols:  # refreshes stale or missing prices when online; a symbol without prices
        with contextlib.suppress(*EXPECTED_ERRORS):  # is for the brief's first step to report
            market.quotes(symbols)
    lasts = {s: market.last_date(s) for s in symbols}
    priced = tuple(s for s, last in lasts.items() if last is not None)
    dates = [d for d in lasts.values() if d is not None] or [d for d in [market.last_date()] if d]
    return (max(dates) if dates else None), priced
