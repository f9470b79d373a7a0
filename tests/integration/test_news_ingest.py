"""Ingest of the real news set (../shared/data/news: ~6,300 messy zh/en items) end to end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest.embeddings import LocalHashEmbedder
from ingest.filters import Filters
from ingest.index import Index
from ingest.pipeline import ingest_sources
from tests.integration.test_retrieval import QUESTIONS

pytestmark = pytest.mark.integration


def test_whole_news_set_ingests_searches_and_is_idempotent(
    shared_dir: Path, tmp_path: Path
) -> None:
    news = shared_dir / "data" / "news"
    if not news.is_dir():
        pytest.skip(f"needs {news}")
    index = Index.open(tmp_path / "library", embedder=LocalHashEmbedder())
    try:
        report = ingest_sources([str(news), str(shared_dir / "seeds")], index)
        assert report.ok, report.errors
        assert report.added == index.count() > 6000  # every JSONL line is an article
        assert index.store.count() == index.chunk_count()
        assert not any(s["path"].endswith(".jsonl") for s in report.skipped)  # README.md is text
        zh = index.search("美联储降息", k=5)  # the glossary also finds English coverage
        relevant = ("美联储", "降息", "Federal Reserve", "rate cut", "Fed ")
        assert zh and all(any(w in h.chunk.text for w in relevant) for h in zh)
        en = index.search(
            "Treasury yields", k=5, filters=Filters(source="CNBC", since=dt.date(2025, 10, 1))
        )
        assert en and all(h.source == "CNBC" and h.published >= dt.date(2025, 10, 1) for h in en)  # type: ignore[operator]
        # The seed questions still find their passage first among 6,000 real distractors.
        for question, title, section in QUESTIONS:
            top = index.search(question, k=5)[0]
            assert (top.title, top.chunk.section) == (title, section), question
        again = ingest_sources([str(news), str(shared_dir / "seeds")], index)
        assert (again.added, again.updated) == (0, 0) and again.unchanged == report.added
    finally:
        index.close()
