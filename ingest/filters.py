"""Search filters, one value applied the same way to both legs of a hybrid search.

Matching rules (the same in Chroma's `where` and in the lexical index's mask): dates are an
inclusive range on the published day, and an article without a date never matches a date
filter; tickers compare upper-case, tags and sources case-insensitively, article ids exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ingest.dates import date_key
from ingest.errors import IngestError


def source_key(source: str) -> str:
    return source.strip().casefold()


def tag_key(tag: str) -> str:
    return tag.strip().lstrip("#").casefold()


def ticker_key(ticker: str) -> str:
    return ticker.strip().upper()


@dataclass(frozen=True)
class Filters:
    since: int | None = None  # YYYYMMDD, inclusive
    until: int | None = None
    ticker: str | None = None
    tag: str | None = None
    source: str | None = None
    article_id: str | None = None

    @classmethod
    def of(
        cls,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        ticker: str | None = None,
        tag: str | None = None,
        source: str | None = None,
        article_id: str | None = None,
    ) -> Filters:
        """Normalised filters; an empty range (since after until) is a clear error."""
        if since and until and since > until:
            raise IngestError(f"--since {since} is after --until {until}: nothing can match")
        return cls(
            since=date_key(since),
            until=date_key(until),
            ticker=ticker_key(ticker) if ticker else None,
            tag=tag_key(tag) if tag else None,
            source=source_key(source) if source else None,
            article_id=article_id.strip() if article_id else None,
        )

    @property
    def dated(self) -> bool:
        return self.since is not None or self.until is not None

    def chroma_where(self) -> dict[str, Any] | None:
        """The same conditions as a Chroma `where` clause (None when there are none)."""
        clauses: list[dict[str, Any]] = []
        if self.since is not None:
            clauses.append({"published": {"$gte": self.since}})
        if self.until is not None:
            clauses.append({"published": {"$lte": self.until}})
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
