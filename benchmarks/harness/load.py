"""Many askers against one index while an ingest writes to it: the load scenario.

The browser app shares one Index and one MarketData between every session of a process (a
Streamlit resource) and ingests through the same Index; this does the same with threads: each
asker has its own Assistant (as each session does) over the shared services, all start
together, and one more thread ingests a separate batch of new articles meanwhile. Offline mode,
so the figures are our code's, not a model's. Used by tests (modest numbers) and by
benchmarks/bench_reliability.py (the full numbers).
"""

from __future__ import annotations

import datetime as dt
import statistics
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant import services
from assistant.engine import Assistant
from assistant.settings import Settings, load_settings
from benchmarks.harness.corpus import url_of, write_jsonl
from benchmarks.harness.library_state import doubled, read_state
from ingest.models import article_id
from ingest.pipeline import ingest_sources

AS_OF = dt.date(2026, 1, 23)
QUESTIONS = (
    "罗素2000指数年初至今是否跑赢标普500?",
    "Did the Russell 2000 outperform the S&P 500 year to date?",
    "最近板块轮动如何?哪些板块领涨?",
    "What do yields, credit spreads and the VIX say about risk appetite?",
    "小盘股为什么跑赢大盘?",
    "How do rate cuts affect small caps?",
    "纳斯达克近3个月表现如何?",
    "Which sectors lead the rotation right now?",
)


def timed_answer(helper: Assistant, question: str) -> float | str:
    """One offline answer: its seconds, or what went wrong (every failure is counted, none
    stops a load run; an answer with an empty first section is a failure too)."""
    began = time.perf_counter()
    try:
        answer = helper.ask(question, as_of=AS_OF, offline=True)
        if not answer.sections[0].text:
            raise AssertionError(f"empty answer to {question!r}")
    except Exception as error:  # a harness edge: the report names it by type
        return f"{type(error).__name__}: {error}"
    return time.perf_counter() - began


@dataclass
class LoadResult:
    askers: int
    answers: int
    errors: list[str]
    latencies_s: list[float]
    wall_s: float
    ingested: int  # new articles the ingest reported added
    expected: int  # new articles it was given
    lost: int  # new articles missing from the library afterwards
    doubled: int  # extra copies of new articles (or their chunks) in the library afterwards
    problems: list[str] = field(default_factory=list)  # index inconsistencies

    @property
    def throughput(self) -> float:
        return self.answers / self.wall_s if self.wall_s else 0.0

    @property
    def p50_s(self) -> float:
        return statistics.median(self.latencies_s) if self.latencies_s else 0.0

    @property
    def p95_s(self) -> float:
        if len(self.latencies_s) < 2:
            return max(self.latencies_s, default=0.0)
        return statistics.quantiles(self.latencies_s, n=20, method="inclusive")[18]


def prepare(home: Path, prices: Path, seeds: Sequence[Path]) -> Settings:
    """A data directory with prices imported and the seed articles plus a base batch indexed."""
    settings = load_settings(home=home)
    services.market_data(settings).import_csv([prices])
    base = home.parent / "base.jsonl"
    write_jsonl(base, "base", 100)
    index = services.commentary_index(settings)
    try:
        report = ingest_sources([*map(str, seeds), str(base)], index)
        assert report.ok, report.errors
    finally:
        index.close()
    return settings


def run_load(
    settings: Settings, *, askers: int, questions_each: int, new_articles: int
) -> LoadResult:
    """`askers` threads, each asking `questions_each` questions, while one thread ingests
    `new_articles` new articles into the same index."""
    market = services.market_data(settings)
    index = services.commentary_index(settings)
    batch = settings.home.parent / f"new-{new_articles}.jsonl"
    write_jsonl(batch, "new", new_articles)
    start = threading.Barrier(askers + 1)
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    report: dict[str, int] = {}

    def ask(number: int) -> None:
        helper = Assistant(settings, market=market, index=index)
        start.wait()
        for i in range(questions_each):
            took = timed_answer(helper, QUESTIONS[(number + i) % len(QUESTIONS)])
            with lock:
                if isinstance(took, str):
                    errors.append(f"asker {number}: {took}")
                else:
                    latencies.append(took)

    def ingest() -> None:
        start.wait()
        try:
            done = ingest_sources([str(batch)], index)
            report.update(added=done.added, errors=len(done.errors))
        except Exception as error:
            with lock:
                errors.append(f"ingest: {type(error).__name__}: {error}")

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(askers)]
    threads.append(threading.Thread(target=ingest))
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    try:
        state = read_state(index)
    finally:
        index.close()
    expected = {article_id(url=url_of("new", n)) for n in range(new_articles)}
    return LoadResult(
        askers=askers,
        answers=len(latencies),
        errors=errors,
        latencies_s=latencies,
        wall_s=wall,
        ingested=report.get("added", 0),
        expected=new_articles,
        lost=len(expected - set(state.articles)),
        doubled=doubled(state, expected),
        problems=state.problems(strict=True),
    )
