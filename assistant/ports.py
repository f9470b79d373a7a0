"""The two doors the assistant reaches the world through: market data and the commentary index.

They are Protocols so the answer engine depends on the shape of `tools.market.MarketData` and
`ingest.index.Index`, not on their construction: tests pass small fakes through the same door,
and the real classes (built by `assistant.services`) satisfy them structurally.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from ingest.filters import NO_FILTERS, Filters
from ingest.models import Article, Hit
from tools.result import ToolResult


class MarketDataPort(Protocol):
    """What the assistant needs from `tools.market.MarketData`."""

    def index_returns(
        self,
        symbols: Sequence[str],
        *,
        period: str | None = None,
        year: int | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        as_of: dt.date | None = None,
        benchmark: str | None = None,
    ) -> ToolResult: ...

    def sector_scores(self, as_of: dt.date | None = None) -> ToolResult: ...

    def quotes(self, symbols: Sequence[str], as_of: dt.date | None = None) -> ToolResult: ...

    def macro(self, as_of: dt.date | None = None, period: str | None = None) -> ToolResult: ...

    def available_symbols(self) -> list[str]: ...

    def last_date(self, symbol: str | None = None) -> dt.date | None: ...

    def current_day(self, today: dt.date) -> dt.date: ...


class SearchPort(Protocol):
    """What the assistant needs from `ingest.index.Index`."""

    def search(self, query: str, k: int = 5, *, filters: Filters = NO_FILTERS) -> list[Hit]: ...

    def get_article(self, id: str) -> Article: ...

    def count(self, published_after: dt.date | None = None) -> int: ...
