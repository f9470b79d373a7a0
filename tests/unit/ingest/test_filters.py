"""Search filters: one value, normalised once, merged with a reader's standing filters."""

from __future__ import annotations

import datetime as dt

from ingest.filters import NO_FILTERS, Filters
from ingest.models import ArticleSummary

JAN = dt.date(2026, 1, 1)
FEB = dt.date(2026, 2, 1)
MAR = dt.date(2026, 3, 1)


def test_values_are_kept_in_the_form_they_are_compared_in() -> None:
    filters = Filters(ticker=" iwm ", tag="#Energy", source=" CNBC", article_id=" a1 ")
    assert (filters.ticker, filters.tag, filters.source, filters.article_id) == (
        "IWM", "energy", "cnbc", "a1"
    )  # fmt: skip
    assert filters == Filters(ticker="IWM", tag="energy", source="cnbc", article_id="a1")
    assert Filters(ticker="  ", source="") == NO_FILTERS
    assert not NO_FILTERS.active and Filters(tag="rates").active


def test_standing_filters_narrow_a_search() -> None:
    standing = Filters(since=JAN, until=MAR, source="Reuters", ticker="IWM")
    narrowed = Filters(since=FEB, ticker="SPY").within(standing)
    assert narrowed == Filters(since=FEB, until=MAR, ticker="SPY", source="Reuters")
    assert NO_FILTERS.within(NO_FILTERS) == NO_FILTERS


def test_windows_that_do_not_overlap_leave_nothing() -> None:
    assert Filters(until=JAN).within(Filters(since=FEB)) is None
    assert Filters(since=FEB, until=JAN).empty_window


def test_a_search_within_one_article_keeps_its_own_filters() -> None:
    own = Filters(article_id="a1")
    assert own.within(Filters(source="Reuters", since=FEB)) == own


def test_chroma_where_and_admits_apply_the_same_rules() -> None:
    filters = Filters(since=JAN, until=FEB, ticker="iwm", source="cnbc")
    assert filters.chroma_where() == {
        "$and": [
            {"published": {"$gte": 20260101}},
            {"published": {"$lte": 20260201}},
            {"tickers": {"$contains": "IWM"}},
            {"source_key": "cnbc"},
        ]
    }
    assert NO_FILTERS.chroma_where() is None
    article = ArticleSummary(id="x", title="t", published=JAN, source="CNBC", tickers=("IWM",))
    assert filters.admits(article)
    assert not filters.admits(article.model_copy(update={"published": None}))  # undated
    assert not filters.admits(article.model_copy(update={"source": "Reuters"}))
    assert not Filters(tag="energy").admits(article)
