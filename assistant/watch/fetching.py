"""Reading the subscribed feeds into the library, one feed at a time.

Each feed is its own ingest (`ingest.pipeline.ingest_sources`, behind the same URL guard as
`marketbrief ingest`), so a feed that fails (refused, unreachable, HTTP 404, not a feed) is
recorded with its reason and the next one is read: a failing feed is reported in the brief,
never fatal. The articles each feed gave are kept as they pass into the index, with no second
read of the library, so the brief can tell which of them are new.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import httpx

from assistant.watch.store import FeedOutcome
from ingest.errors import FetchError, IngestError
from ingest.fetch import Fetched, Fetcher
from ingest.models import Article
from ingest.pipeline import Writer, ingest_sources


@dataclass
class FeedsRead:
    """What a run's feeds gave: each feed's outcome, and every article they carried."""

    feeds: list[FeedOutcome] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)  # by id, in feed order

    @property
    def failed(self) -> list[FeedOutcome]:
        return [f for f in self.feeds if not f.ok]

    @property
    def added(self) -> int:
        return sum(f.added + f.updated for f in self.feeds)


class _Recording:
    """The index, seen through the articles that pass into it."""

    def __init__(self, index: Writer, seen: dict[str, Article]) -> None:
        self.index = index
        self.seen = seen

    def upsert_many(
        self, articles: Iterable[Article], *, on_result: Callable[[str, str], None] | None = None
    ) -> dict[str, str]:
        return self.index.upsert_many(self._keep(articles), on_result=on_result)

    def _keep(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            self.seen.setdefault(article.id, article)
            yield article

    def refresh(self) -> None:
        self.index.refresh()


class _Watching:
    """The fetcher, noting whether a failure was the network's (no connection, no answer in
    time) rather than the feed's (HTTP 404, refused by the URL guard)."""

    def __init__(self, fetch: Fetcher) -> None:
        self.fetch = fetch
        self.unreachable = False

    def __call__(self, url: str, *, max_bytes: int) -> Fetched:
        try:
            return self.fetch(url, max_bytes=max_bytes)
        except FetchError as error:
            cause = error.__cause__ or error.__context__
            self.unreachable = isinstance(cause, httpx.TransportError | OSError)
            raise


def read_feeds(urls: Sequence[str], index: Writer, fetch: Fetcher) -> FeedsRead:
    """Ingest every feed of `urls` into `index`; none of their failures stops the others."""
    found = FeedsRead()
    recording = _Recording(index, found.articles)
    for url in urls:
        watching = _Watching(fetch)
        try:
            report = ingest_sources([url], recording, fetch=watching)
        except IngestError as error:  # the library itself failed (no room, read-only)
            found.feeds.append(FeedOutcome(url=url, ok=False, error=str(error)))
            continue
        errors = [e.get("reason") or "failed" for e in report.errors]
        found.feeds.append(
            FeedOutcome(
                url=url,
                ok=not errors,
                added=report.added,
                updated=report.updated,
                unchanged=report.unchanged,
                error="; ".join(errors) or None,
                unreachable=bool(errors) and watching.unreachable,
            )
        )
    return found
