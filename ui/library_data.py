"""The library's article list for the browser: fetched once per change, filtered for display.

Listing every article reads the whole catalog (thousands of rows with the news set), so the list
is cached per data directory and article count, and dropped after an ingest from the browser.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

if TYPE_CHECKING:
    from ingest.filters import Filters
    from ingest.index import Index
    from ingest.models import ArticleSummary


@dataclass(frozen=True)
class Facets:
    """What the filters can offer: the sources, tickers and tags present, and the date span."""

    sources: tuple[str, ...] = ()
    tickers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    first: dt.date | None = None
    last: dt.date | None = None


def summaries(index: Index) -> list[ArticleSummary]:
    """Every article, newest first."""
    return _summaries(index.catalog.where, index.catalog.generation(), index)


@st.cache_resource(show_spinner=False, max_entries=8)  # shared, not copied: read-only
def _summaries(where: str, generation: int, _index: Index) -> list[ArticleSummary]:
    return _index.list_articles()


def forget() -> None:
    """Drop the cached lists (after an ingest changed the library)."""
    _summaries.clear()


def facets_of(articles: Sequence[ArticleSummary]) -> Facets:
    dates = [a.published for a in articles if a.published]
    return Facets(
        sources=tuple(sorted({a.source for a in articles if a.source}, key=str.casefold)),
        tickers=tuple(sorted({t for a in articles for t in a.tickers})),
        tags=tuple(sorted({t for a in articles for t in a.tags}, key=str.casefold)),
        first=min(dates) if dates else None,
        last=max(dates) if dates else None,
    )


def matching(
    articles: Sequence[ArticleSummary], filters: Filters, text: str = ""
) -> list[ArticleSummary]:
    """The articles that pass the filters (the library's own matching rules) and whose title
    contains `text` (case-insensitive)."""
    wanted_text = text.strip().casefold()
    return [
        a
        for a in articles
        if filters.admits(a) and (not wanted_text or wanted_text in a.title.casefold())
    ]
