"""Search filters: one value that every search takes, from the CLI and the browser down to both
legs of the hybrid search.

Matching rules (the same in Chroma's `where` and in the lexical index's mask): dates are an
inclusive range on the published day, and an article without a date never matches a date
filter; tickers compare upper-case, tags and sources case-insensitively, article ids exactly.
A `Filters` holds its text values already in that compared form, so two filters that match the
same articles are equal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from ingest.dates import date_key

if TYPE_CHECKING:  # typing only: the browser's sidebar imports this module
    from ingest.models import ArticleSummary


def source_key(source: str) -> str:
    return source.strip().casefold()


def tag_key(tag: str) -> str:
    return tag.strip().lstrip("#").casefold()


def ticker_key(ticker: str) -> str:
    return ticker.strip().upper()


def _article_key(article_id: str) -> str:
    return article_id.strip()


_KEYS = {"ticker": ticker_key, "tag": tag_key, "source": source_key, "article_id": _article_key}


@dataclass(frozen=True)
class Filters:
    """What a search may return: published between `since` and `until` (inclusive), about a
    ticker, with a tag, from a source, or within one article. None means any."""

    since: dt.date | None = None
    until: dt.date | None = None
    ticker: str | None = None
    tag: str | None = None
    source: str | None = None
    article_id: str | None = None

    def __post_init__(self) -> None:
        for name, key in _KEYS.items():
            value = getattr(self, name)
            # frozen: the normalised form is set once, here, through object's own setattr
            object.__setattr__(self, name, (key(value) or None) if value else None)

    @property
    def active(self) -> bool:
        """True when any filter is set."""
        return any(getattr(self, f.name) is not None for f in fields(self))

    @property
    def dated(self) -> bool:
        return self.since is not None or self.until is not None

    @property
    def empty_window(self) -> bool:
        """True when `since` is after `until`: no article can match."""
        return self.since is not None and self.until is not None and self.since > self.until

    @property
    def since_key(self) -> int | None:
        """`since` as the YYYYMMDD int the index stores."""
        return date_key(self.since)

    @property
    def until_key(self) -> int | None:
        return date_key(self.until)

    def within(self, standing: Filters) -> Filters | None:
        """These filters narrowed by a reader's standing ones: the date windows intersect, and
        the standing ticker, tag and source apply where these name none. None when the windows
        do not overlap (nothing can match). A search within one article is left as it is: the
        reader chose that article, so the standing filters do not apply to it."""
        if self.article_id:
            return self
        narrowed = replace(
            self,
            since=_later(self.since, standing.since),
            until=_earlier(self.until, standing.until),
            ticker=self.ticker or standing.ticker,
            tag=self.tag or standing.tag,
            source=self.source or standing.source,
        )
        return None if narrowed.empty_window else narrowed

    def admits(self, article: ArticleSummary) -> bool:
        """Whether one article passes, by the same rules (for a list of articles in hand)."""
        published = article.published
        if self.dated and published is None:
            return False
        if published is not None and not (
            (self.since is None or published >= self.since)
            and (self.until is None or published <= self.until)
        ):
            return False
        return (
            (self.source is None or source_key(article.source) == self.source)
            and (self.ticker is None or self.ticker in {ticker_key(t) for t in article.tickers})
            and (self.tag is None or self.tag in {tag_key(t) for t in article.tags})
            and (self.article_id is None or article.id == self.article_id)
        )

    def chroma_where(self) -> dict[str, Any] | None:
        """The same conditions as a Chroma `where` clause (None when there are none)."""
        clauses: list[dict[str, Any]] = []
        if self.since is not None:
            clauses.append({"published": {"$gte": self.since_key}})
        if self.until is not None:
            clauses.append({"published": {"$lte": self.until_key}})
        if self.ticker:
            clauses.append({"tickers": {"$contains": self.ticker}})
        if self.tag:
            clauses.append({"tags": {"$contains": self.tag}})
        if self.source:
            clauses.append({"source_key": self.source})
        if self.article_id:
            clauses.append({"article_id": self.article_id})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


NO_FILTERS = Filters()


def _later(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return max(a, b) if a and b else a or b


def _earlier(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return min(a, b) if a and b else a or b
