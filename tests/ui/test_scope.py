"""Standing library filters: intersected with each search's own window, never loosened."""

from __future__ import annotations

import datetime as dt

from assistant.question.scope import ScopedIndex
from ingest.filters import NO_FILTERS, Filters
from ingest.models import Article, Hit

JAN = dt.date(2026, 1, 1)
FEB = dt.date(2026, 2, 1)
MAR = dt.date(2026, 3, 1)


class Recorder:
    def __init__(self) -> None:
        self.calls: list[Filters] = []

    def search(self, query: str, k: int = 5, *, filters: Filters = NO_FILTERS) -> list[Hit]:
        self.calls.append(filters)
        return []

    def get_article(self, id: str) -> Article:
        return Article(id=id, title="t")

    def count(self, published_after: dt.date | None = None) -> int:
        return 7


def test_date_windows_intersect_and_missing_filters_are_filled_in() -> None:
    index = Recorder()
    scoped = ScopedIndex(index, Filters(since=JAN, until=MAR, source="Reuters", ticker="IWM"))
    scoped.search("q", filters=Filters(since=FEB, until=None, ticker="SPY"))
    assert index.calls == [Filters(since=FEB, until=MAR, ticker="SPY", tag=None, source="Reuters")]


def test_windows_that_do_not_overlap_find_nothing_without_asking() -> None:
    index = Recorder()
    assert ScopedIndex(index, Filters(since=FEB)).search("q", filters=Filters(until=JAN)) == []
    assert index.calls == []


def test_a_chosen_article_ignores_the_standing_filters() -> None:
    index = Recorder()
    scoped = ScopedIndex(index, Filters(source="Reuters", since=FEB))
    scoped.search("q", filters=Filters(article_id="a1"))
    assert index.calls[0].article_id == "a1" and index.calls[0].source is None
    assert index.calls[0].since is None


def test_the_rest_of_the_door_passes_through() -> None:
    scoped = ScopedIndex(Recorder(), Filters(tag="rates"))
    assert scoped.count() == 7 and scoped.get_article("x").id == "x"
    assert Filters(tag="rates").active and not Filters().active
