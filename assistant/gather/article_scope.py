"""A question about one chosen article ("ask about this article"): what the article brings.

The reader picked the article, so the answer stands on it whatever the question's wording: the
market data comes for the symbols the article names (those with stored prices), on the
article's own day unless the reader set a date, and retrieval keeps to the article's passages
(`assistant.offline.gathering`). A question that names its own symbols keeps them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from assistant.llm.failures import EXPECTED_ERRORS
from assistant.ports import MarketDataPort, SearchPort
from assistant.question.parse import ParsedQuestion
from assistant.question.vocabulary import Vocabulary
from tools.proxies import answerable

MAX_SYMBOLS = 4
TEXT_CHARS = 4_000  # the names an article is about are in its headline and opening


def article_day(
    article_id: str, index: SearchPort | None, market: MarketDataPort | None
) -> dt.date | None:
    """The day a question about the article is asked of: its own, or the last close before it
    (None without one of them). "上周" asked of an August 3 article is the week before it, not
    the week before the price store's last close."""
    if index is None or market is None:
        return None
    try:
        return _own_day(index.get_article(article_id).published, market)
    except EXPECTED_ERRORS:
        return None  # the search that follows says what is wrong with the library


def _own_day(published: dt.date | None, market: MarketDataPort | None) -> dt.date | None:
    last_close = market.last_date() if market is not None else None
    return min(published, last_close) if published and last_close else None


def scope_to_article(
    parsed: ParsedQuestion,
    vocabulary: Vocabulary,
    index: SearchPort | None,
    market: MarketDataPort | None,
) -> ParsedQuestion:
    """The question with the article's symbols and day where the question gives none."""
    if parsed.article_id is None or index is None:
        return parsed
    try:
        article = index.get_article(parsed.article_id)
        stored = answerable(market.available_symbols()) if market is not None else set()
        day = _own_day(article.published, market)
    except EXPECTED_ERRORS:
        return parsed  # the search that follows says what is wrong with the library
    changes: dict[str, Any] = {}
    if parsed.as_of is None and day is not None:
        changes["as_of"] = day
    if not parsed.symbols and not parsed.sectors:
        # a sector word in running text (科技, energy) is too loose to make the article about
        # that sector; indices, funds and companies it names, and its own tickers, count
        found = vocabulary.find_symbols(f"{article.title}\n{article.text[:TEXT_CHARS]}")
        named = [s for s in found if not vocabulary.is_sector(s)]
        symbols = [s for s in dict.fromkeys([*named, *article.tickers]) if s in stored]
        if symbols:
            changes["symbols"] = tuple(symbols[:MAX_SYMBOLS])
            changes["intents"] = parsed.intents | {"today"}
            changes["period"] = parsed.period or "1D"
    return replace(parsed, **changes) if changes else parsed
