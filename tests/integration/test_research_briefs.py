"""Research briefs over real commentary (the seeds and a slice of ../shared/data/news) and the
real prices, offline, scored with the briefs benchmark's checks (benchmarks/eval/briefs.py):
every step of the small-cap plan answers its own sub-question, the takeaways draw on every step
that found something, and no sentence of the other language stands as prose."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

import pytest

from assistant.answer.model import Language
from assistant.engine import Assistant
from assistant.research.run import run_plan
from assistant.research.template import template_plan
from assistant.settings import load_settings
from benchmarks.eval.briefs import load_spec, other_language_lines, score
from benchmarks.harness.paths import SHARED
from ingest.index import Index
from ingest.pipeline import ingest_sources
from tests.unit.ingest.conftest import open_index
from tools.market import MarketData

pytestmark = pytest.mark.integration
NEWS = SHARED / "data" / "news"
NEWS_SLICE = 800  # lines of the RSS set, as test_retrieval: enough to compete, quick to index
AS_OF = dt.date(2026, 2, 2)  # the day after the later seed (2026-02-01), which holds the valuations


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    if not (SHARED / "seeds").is_dir() or not NEWS.is_dir():
        pytest.skip(f"needs ../shared/seeds and ../shared/data/news ({SHARED} is absent)")
    root = tmp_path_factory.mktemp("research")
    sample = root / "news_sample.jsonl"
    with (NEWS / "financialreport_rss_articles.jsonl").open("rb") as source:
        sample.write_bytes(b"".join(itertools.islice(source, NEWS_SLICE)))
    index = open_index(root / "library")
    report = ingest_sources([str(SHARED / "seeds"), str(sample)], index)
    assert report.ok
    yield index
    index.close()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_small_cap_brief_covers_its_plan(
    library: Index, shared_market: MarketData, language: Language
) -> None:
    assistant = Assistant(load_settings(), market=shared_market, index=library, model=None)
    _, topics = load_spec()
    topic = next(t for t in topics if t.id == "small_caps")
    plan = template_plan(topic.topics[language], assistant.vocabulary, as_of=AS_OF)
    brief = run_plan(assistant, plan, offline=True)
    result, steps = score(brief, topic)
    assert result.empty == 0, "\n".join(steps)
    assert result.addressed >= result.steps - 1, "\n".join(steps)  # the library is a slice
    assert result.covered == result.found
    assert other_language_lines(brief) == []
    valuation = next(s for s in steps if "估值" in s or "valuation" in s)
    assert "[ok]" in valuation, "\n".join(steps)
