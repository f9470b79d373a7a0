"""A reader's standing filters on the library (date range, source, ticker, tag).

The browser's sidebar lets a person limit what answers may quote ("only Reuters", "only since
January"). `ScopedIndex` wraps the index so every search the assistant makes, in either mode,
carries those filters on top of its own: date windows intersect (the answer's as-of window and
the reader's range both hold), and the reader's source, ticker and tag apply where the search
names none. A search about one chosen article ignores the standing filters: the reader picked
that article explicitly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # typing only: the browser imports this before pandas is needed
    from assistant.ports import SearchPort
    from ingest.models import Article, Hit


@dataclass(frozen=True)
class SearchScope:
    since: dt.date | None = None
    until: dt.date | None = None
    source: str | None = None
    ticker: str | None = None
    tag: str | None = None

    @property
    def active(self) -> bool:
        return any((self.since, self.until, self.source, self.ticker, self.tag))


def _later(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return max(a, b) if a and b else a or b


def _earlier(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return min(a, b) if a and b else a or b


class ScopedIndex:
    """A SearchPort that applies a SearchScope to every search of the wrapped index."""

    def __init__(self, index: SearchPort, scope: SearchScope) -> None:
        self.index = index
        self.scope = scope

    def search(
        self,
        query: str,
        k: int = 5,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        ticker: str | None = None,
        tag: str | None = None,
        source: str | None = None,
        article_id: str | None = None,
    ) -> list[Hit]:
        if article_id:
            return self.index.search(
                query, k, since=since, until=until, ticker=ticker, tag=tag, source=source,
                article_id=article_id,
            )  # fmt: skip
        since, until = _later(since, self.scope.since), _earlier(until, self.scope.until)
        if since and until and since > until:
            return []  # the two windows do not overlap: nothing can match
        return self.index.search(
            query,
            k,
            since=since,
            until=until,
            ticker=ticker or self.scope.ticker,
            tag=tag or self.scope.tag,
            source=source or self.scope.source,
        )

    def get_article(self, id: str) -> Article:
        return self.index.get_article(id)

    def count(self) -> int:
        return self.index.count()
