"""The library the questions are asked of: built from ../shared, and the articles' ids in it.

Built the way a person would build theirs (`prices import`, then `library add` of the seeds and
both news files), through the same service factories the product uses, into a data directory
the caller gives (a temp directory by default, so nothing is left behind).
"""

from __future__ import annotations

import time
from pathlib import Path

from assistant import services
from assistant.settings import Settings, load_settings
from benchmarks.eval.questions import ArticleRef, Question
from benchmarks.harness.paths import SHARED
from ingest.index import Index
from ingest.models import article_id
from ingest.pipeline import ingest_sources

SEEDS = SHARED / "seeds"
NEWS = SHARED / "data" / "news"
PRICES = SHARED / "data" / "prices"


def missing_data() -> str | None:
    """Why the benchmark cannot run here (None: ../shared has what it needs)."""
    for path in (SEEDS, NEWS, PRICES):
        if not path.is_dir():
            return f"needs ../shared with seeds/, data/news/ and data/prices/ ({path} is absent)"
    return None


def settings_for(home: Path, **overrides: object) -> Settings:
    """Settings over `home` (and `overrides`, e.g. a shared deployment's). Prices are never
    refreshed from the network: the figures must not depend on what yfinance says today (nor
    wait on it)."""
    return load_settings(
        **{"home": home, "price_refresh_after_hours": 1e6, "network_timeout_s": 2.0, **overrides}
    )


def build(home: Path, **overrides: object) -> tuple[Settings, float]:
    """Import the prices and ingest the seeds and the news into `home` (or the shared
    deployment `overrides` name), unless a library is already there (then it is reused as it
    is). Returns the settings and the seconds spent."""
    settings = settings_for(home, **overrides)
    started = time.perf_counter()
    index = services.commentary_index(settings)
    try:
        if not index.count():
            services.market_data(settings).import_csv([PRICES])
            news = sorted(str(p) for p in NEWS.glob("*.jsonl"))  # not the folder's README
            report = ingest_sources([str(SEEDS), *news], index)
            if report.errors:
                raise RuntimeError(f"ingest failed: {report.errors[:3]}")
    finally:
        index.close()
    return settings, time.perf_counter() - started


class ArticleIds:
    """Catalog ids for the question file's article handles."""

    def __init__(self, index: Index) -> None:
        self._known = {s.id for s in index.list_articles()}
        self._by_url = {s.url: s.id for s in index.list_articles() if s.url}
        self._by_title = {s.title: s.id for s in index.list_articles() if not s.url}

    def __call__(self, ref: ArticleRef) -> str:
        """The id of the article `ref` names; KeyError (saying which) if the library lacks it."""
        if ref.url:
            if ref.url not in self._by_url:
                raise KeyError(f"no article with url {ref.url} in the library")
            return self._by_url[ref.url]
        assert ref.seed is not None
        path = SEEDS / ref.seed
        # A seed has no url: ingest names it by its resolved path. If that ever changes, its
        # title (the file's first line) still finds it.
        by_path = article_id(path=str(path.resolve()))
        if by_path in self._known:
            return by_path
        title = path.read_text(encoding="utf-8").strip().splitlines()[0].strip()
        if title not in self._by_title:
            raise KeyError(f"seed {ref.seed} is not in the library")
        return self._by_title[title]

    def of(self, question: Question) -> list[str]:
        return [self(ref) for ref in question.articles]
