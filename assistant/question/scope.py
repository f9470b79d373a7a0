"""A reader's standing filters on the library (date range, source, ticker, tag).

The browser's sidebar lets a person limit what answers may quote ("only Reuters", "only since
January"). `ScopedIndex` wraps the index so every search the assistant makes, in either mode,
carries those filters on top of its own (`Filters.within`): date windows intersect (the
answer's as-of window and the reader's range both hold), and the reader's source, ticker and
tag apply where the search names none. A search about one chosen article ignores the standing
filters: the reader picked that article explicitly.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ingest.filters import NO_FILTERS, Filters

if TYPE_CHECKING:  # typing only: the browser imports this before pandas is needed
    from assistant.ports import SearchPort
    from ingest.models import Article, Hit


class ScopedIndex:
    """A SearchPort that applies a reader's standing filters to every search of the index."""

    def __init__(self, index: SearchPort, scope: Filters) -> None:
        self.index = index
        self.scope = scope

    def search(self, query: str, k: int = 5, *, filters: Filters = NO_FILTERS) -> list[Hit]:
        narrowed = filters.within(self.scope)
        if narrowed is None:
            return []  # the two windows do not overlap: nothing can match
        return self.index.search(query, k, filters=narrowed)

    def get_article(self, id: str) -> Article:
        return self.index.get_article(id)

    def count(self, published_after: dt.date | None = None) -> int:
        return self.index.count(published_after)
