"""Ingest of the real news set (../shared/data/news: ~6,300 messy zh/en items) end to end, and
searches over it: filters, the seed questions among 6,000 real distractors, and questions
whose answer is only in the other language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from benchmarks.harness.paths import SHARED
from ingest.embeddings import LocalHashEmbedder
from ingest.filters import Filters
from ingest.index import Index
from ingest.pipeline import IngestReport, ingest_sources
from tests.integration.cross_language import CROSS_LANGUAGE
from tests.integration.test_retrieval import QUESTIONS

pytestmark = pytest.mark.integration
NEWS = SHARED / "data" / "news"
SOURCES = [str(NEWS), str(SHARED / "seeds")]


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Index, IngestReport]]:
    """The whole news set and the seeds, ingested once for this module's tests."""
    if not NEWS.is_dir():
        pytest.skip(f"needs {NEWS}")
    index = Index.open(tmp_path_factory.mktemp("news") / "library", embedder=LocalHashEmbedder())
    try:
        yield index, ingest_sources(SOURCES, index)
    finally:
        index.close()


def test_whole_news_set_ingests_and_is_idempotent(news: tuple[Index, IngestReport]) -> None:
    index, report = news
    assert report.ok, report.errors
    assert report.added == index.count() > 6000  # every JSONL line is an article
    assert index.store.count() == index.chunk_count()
    assert not any(s["path"].endswith(".jsonl") for s in report.skipped)  # README.md is text
    again = ingest_sources(SOURCES, index)
    assert (again.added, again.updated) == (0, 0) and again.unchanged == report.added


def test_searches_respect_filters_and_stay_on_topic(news: tuple[Index, IngestReport]) -> None:
    index, _ = news
    zh = index.search("美联储降息", k=5)  # the translation also finds English coverage
    relevant = ("美联储", "降息", "Federal Reserve", "rate cut", "Fed ", "Fed's", "Fed’s")
    assert zh and all(any(w in h.chunk.text for w in relevant) for h in zh)
    en = index.search(
        "Treasury yields", k=5, filters=Filters(source="CNBC", since=dt.date(2025, 10, 1))
    )
    assert en and all(h.source == "CNBC" and h.published >= dt.date(2025, 10, 1) for h in en)  # type: ignore[operator]


def test_seed_questions_find_their_passage_first(news: tuple[Index, IngestReport]) -> None:
    index, _ = news
    for question, title, section in QUESTIONS:
        top = index.search(question, k=5)[0]
        assert (top.title, top.chunk.section) == (title, section), question


def test_questions_find_articles_in_the_other_language(news: tuple[Index, IngestReport]) -> None:
    """Among 6,000 articles, most questions find their answer in the other language within
    the first five hits, in both directions (without translation: none of them does)."""
    index, _ = news
    found = {"en": 0, "zh": 0}
    missed = []
    for question, titles in CROSS_LANGUAGE:
        hits = index.search(question, k=5)
        language = "en" if question.isascii() else "zh"
        if any(h.title in titles for h in hits):
            found[language] += 1
        else:
            missed.append((question, [h.title[:30] for h in hits]))
    assert found["en"] >= 6 and found["zh"] >= 7, (found, missed)
