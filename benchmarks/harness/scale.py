"""A large generated library, grown and searched one process per step, for
benchmarks/bench_shared.py: embedded (a data directory with its own Chroma store) or shared (the
catalog in PostgreSQL, the vectors on a Chroma server; the data directory holds only this
process's lexical cache).

    python -m benchmarks.harness.scale ingest HOME FILE...        [--database-url U
    python -m benchmarks.harness.scale extend HOME --batch B --count N   --chroma-host H
    python -m benchmarks.harness.scale probe HOME                         --chroma-port P]

Each step prints one JSON object. One process per step: an embedded Chroma store is never open
in two processes at once, every step starts as a new process would, and the probe's memory
(RSS) is the searching process's own.

- ingest: each file through `ingest_sources` (one ingest per file, as a person runs them),
  timed; the lexical refresh at the end of each is timed apart.
- extend: N generated articles of two short sections each (two chunks each: a chunk never
  crosses a section) through `Index.upsert_many`, then the lexical refresh, timed apart.
- probe: open; the first search (a fresh process); warm searches; a change (one article added)
  and the first search after it (the lexical rebuild from the catalog, then the search); a
  second change (the article removed) and `refresh()` alone (the rebuild alone); peak and
  present RSS.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.harness import processes
from benchmarks.harness.corpus import article_text, url_of
from benchmarks.harness.load import QUESTIONS
from benchmarks.harness.paths import ROOT

STEP_TIMEOUT_S = 1800
WARM_ROUNDS = 2  # every query this many times, after the first search


@dataclass(frozen=True)
class Target:
    """Where a library is: a data directory, and the shared engines when it is shared."""

    home: Path
    database_url: str | None = None
    chroma_host: str | None = None
    chroma_port: int = 8000

    @property
    def shared(self) -> bool:
        return self.database_url is not None

    def options(self) -> list[str]:
        if not self.shared:
            return []
        assert self.database_url and self.chroma_host
        return [
            "--database-url",
            self.database_url,
            "--chroma-host",
            self.chroma_host,
            "--chroma-port",
            str(self.chroma_port),
        ]

    def machine(self, home: Path) -> Target:
        """The same library from another machine (shared) with its own empty data directory."""
        assert self.shared, "an embedded library lives in its one data directory"
        return Target(home, self.database_url, self.chroma_host, self.chroma_port)


def run_step(step: str, target: Target, *args: str) -> dict[str, Any]:
    """Run one step in a new process; its JSON (RuntimeError with its stderr if it failed)."""
    target.home.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.harness.scale", step, str(target.home), *args,
         *target.options()],
        cwd=ROOT, env=processes.environment(target.home), capture_output=True, text=True,
        timeout=STEP_TIMEOUT_S, check=False,
    )  # fmt: skip
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"scale {step} failed ({done.returncode}): {done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def queries(count: int = 40) -> list[str]:
    """The load harness's questions, then generated ones: two to four words of the corpus's
    vocabulary, and now and then an article's own phrase ("article 17 of batch bulk3")."""
    vocabulary = sorted(set(article_text("vocabulary", 0, 400).split()) - {"This", "is"})
    rng = random.Random(7)
    found = list(QUESTIONS)
    while len(found) < count:
        words = rng.sample(vocabulary, rng.randint(2, 4))
        if len(found) % 5 == 0:
            words.append(f"article {rng.randrange(10_000)} of batch bulk{rng.randrange(5)}")
        found.append(" ".join(words))
    return found


# -- the steps (in the child process) ---------------------------------------------------------


def _open(args: argparse.Namespace) -> Any:
    from ingest.database.url import check_database_url
    from ingest.embeddings import LocalHashEmbedder
    from ingest.index import Index

    if args.database_url:
        return Index.open(
            args.home,
            embedder=LocalHashEmbedder(),
            chroma_host=args.chroma_host,
            chroma_port=args.chroma_port,
            database_url=check_database_url(args.database_url),
        )
    return Index.open(
        args.home / "library", embedder=LocalHashEmbedder(), chroma_path=args.home / "chroma"
    )


def _ingest(args: argparse.Namespace) -> dict[str, Any]:
    from ingest.pipeline import Progress, ingest_sources

    index = _open(args)
    files = []
    try:
        for path in args.files:
            landed = [time.perf_counter()]

            def progress(state: Progress, landed: list[float] = landed) -> None:
                landed[0] = time.perf_counter()

            began = time.perf_counter()
            report = ingest_sources([str(path)], index, progress=progress)
            ended = time.perf_counter()
            files.append(
                {
                    "file": Path(path).name,
                    "added": report.added,
                    "errors": len(report.errors) + len(report.skipped),
                    "wall_s": ended - began,
                    "refresh_s": ended - landed[0],  # the lexical rebuild after the last write
                }
            )
        return {"files": files, "articles": index.count(), "chunks": index.chunk_count()}
    finally:
        index.close()


def two_section_articles(batch: str, count: int, words: int) -> Iterator[Any]:
    """Generated articles of two sections of `words` words each (two chunks each)."""
    from ingest.models import Article, Section, article_id

    for n in range(count):
        url = url_of(batch, n)
        yield Article(
            id=article_id(url=url),
            title=f"Market wrap {batch}-{n}",
            published=dt.date(2026, 1, 1 + n % 28),
            source="Generated Wire",
            url=url,
            sections=(
                Section(heading="Markets", text=article_text(batch, n, words)),
                Section(heading="Outlook", text=article_text(batch, n, words, seed=1)),
            ),
        )


def _extend(args: argparse.Namespace) -> dict[str, Any]:
    index = _open(args)
    try:
        began = time.perf_counter()
        results = index.upsert_many(two_section_articles(args.batch, args.count, args.words))
        written = time.perf_counter()
        index.refresh()
        ended = time.perf_counter()
        return {
            "added": sum(1 for status in results.values() if status == "added"),
            "write_s": written - began,
            "refresh_s": ended - written,
            "wall_s": ended - began,
            "articles": index.count(),
            "chunks": index.chunk_count(),
        }
    finally:
        index.close()


def _rss_mb() -> tuple[float, float]:
    """(peak, present) resident memory of this process in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    present = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            present = int(line.split()[1]) / 1024
    return peak, present


def _timed_search(index: Any, query: str) -> float:
    began = time.perf_counter()
    hits = index.search(query, k=5)
    elapsed = time.perf_counter() - began
    if not hits:
        raise AssertionError(f"no hits for {query!r}")
    return elapsed


def _probe(args: argparse.Namespace) -> dict[str, Any]:
    began = time.perf_counter()
    index = _open(args)
    opened = time.perf_counter() - began
    try:
        asked = queries(args.queries)
        chunks = index.chunk_count()
        first = _timed_search(index, asked[0])
        warm = [_timed_search(index, q) for _ in range(WARM_ROUNDS) for q in asked]
        peak_warm, rss_warm = _rss_mb()
        probe = next(two_section_articles("probe", 1, 60))
        index.upsert(probe)  # a change: the catalog's generation moves on
        after_change = _timed_search(index, asked[1])
        index.remove(probe.id)  # another change (and the library as it was)
        began = time.perf_counter()
        index.refresh()
        rebuild = time.perf_counter() - began
        peak, rss = _rss_mb()
        return {
            "chunks": chunks,
            "open_s": opened,
            "first_s": first,
            "warm_s": warm,
            "p50_s": statistics.median(warm),
            "p95_s": statistics.quantiles(warm, n=20, method="inclusive")[18],
            "after_change_s": after_change,
            "rebuild_s": rebuild,
            "rss_warm_mb": rss_warm,
            "peak_warm_mb": peak_warm,
            "rss_mb": rss,
            "peak_mb": peak,
        }
    finally:
        index.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.harness.scale")
    parser.add_argument("step", choices=["ingest", "extend", "probe"])
    parser.add_argument("home", type=Path)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--database-url")
    parser.add_argument("--chroma-host")
    parser.add_argument("--chroma-port", type=int, default=8000)
    parser.add_argument("--batch", default="long")
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--words", type=int, default=60)
    parser.add_argument("--queries", type=int, default=40)
    args = parser.parse_args()
    step = {"ingest": _ingest, "extend": _extend, "probe": _probe}[args.step]
    print(json.dumps(step(args)), flush=True)


if __name__ == "__main__":  # the ingest's worker processes import this module too
    main()
