"""The shared deployment (catalog, conversations and prices in PostgreSQL, vectors on a Chroma
server) against the embedded one, measured on this machine. Opt-in: `python -m benchmarks
shared`. PostgreSQL runs durable (fsync on), as a deployment would.

- Answers per second: offline `Assistant.ask` over the load harness's questions, from 1, 2 and 4
  asking processes on the shared stack at once (each with its own empty data directory, as
  separate machines), and from 1 embedded process; answers/s in total and p50/p95 latency.
  Library: a few thousand generated articles, plus ../shared/data/prices when it is there
  (imported with `marketbrief prices import`), through the CLI.
- Ingest: 50,000 generated articles of 60 words (one chunk each) in 5 files of 10,000, one
  ingest process per file, into a new shared stack and into a new embedded library: wall time
  and articles/s per file (file 1 is a 10,000-article ingest into an empty library, file 5 the
  same with 40,000 already in) and in all.
- Search: the same libraries grown past 100,000 chunks (26,000 more articles of two sections,
  two chunks each), `Index.search` k=5 over 40 queries (the load harness's questions and
  generated ones), each from a new process: the first search in that process, warm p50/p95,
  the first search after a change (the lexical index rebuilt from the catalog at that size),
  the rebuild alone, and the searching process's RSS. A shared process is a new machine each
  time (an empty data directory: its first search builds the lexical index from the catalog).
- Growth: the same figures at 10,000, 50,000 and 100,000+ chunks.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.harness import processes
from benchmarks.harness.paths import ROOT, SHARED

PRICES = SHARED / "data" / "prices"
LIBRARY_ARTICLES = 3_000  # the answers' library (80 words each)
QUESTIONS_EACH = 24  # per asking process, after one warm-up answer
PROCESS_COUNTS = (1, 2, 4)
BULK_FILES, BULK_EACH, BULK_WORDS = 5, 10_000, 60
EXTEND_ARTICLES = 26_000  # two chunks each: 50,000 + 52,000 chunks
NO_NETWORK = {  # the figures must not wait on yfinance
    "MARKETBRIEF_PRICE_REFRESH_AFTER_HOURS": "1000000",
    "MARKETBRIEF_NETWORK_TIMEOUT_S": "2",
}
ASK_TIMEOUT_S = 900


def _timed(what: str, run: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = run()
    print(f"    ({what}: {time.perf_counter() - started:.0f} s)", flush=True)
    return result


def _p95(samples: list[float]) -> float:
    if len(samples) < 2:
        return max(samples, default=0.0)
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def _check(done: subprocess.CompletedProcess[str], what: str) -> str:
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def _ingested(stdout: str) -> int:
    """Articles added, from `marketbrief ingest --json`."""
    report = json.loads(stdout)
    return int(report.get("added", 0))


# -- 1. answers per second --------------------------------------------------------------------


@dataclass
class AskRun:
    label: str
    processes: int
    answers: int
    errors: list[str]
    latencies: list[float]
    wall_s: float

    @property
    def throughput(self) -> float:
        return self.answers / self.wall_s if self.wall_s else 0.0


def _ask(label: str, envs: list[dict[str, str]], logs: Path) -> AskRun:
    """Start one asking process per environment, wait until each is warm, start them
    together, and gather their answers."""
    logs.mkdir(parents=True, exist_ok=True)
    workers = []
    for number, env in enumerate(envs):
        command = [sys.executable, "-m", "benchmarks.harness.asker",
                   "--questions", str(QUESTIONS_EACH), "--offset", str(number)]  # fmt: skip
        with (logs / f"asker-{number}.err").open("w") as stderr:  # the child keeps its copy
            worker = subprocess.Popen(
                command,
                cwd=ROOT,
                env={**env, **NO_NETWORK},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            )
        workers.append(worker)
    try:
        for number, worker in enumerate(workers):
            assert worker.stdout is not None
            line = worker.stdout.readline()  # blocks until the process is warm (or gone)
            while line and line.strip() != "ready":
                line = worker.stdout.readline()
            if not line:
                error = (logs / f"asker-{number}.err").read_text()[-2000:]
                raise RuntimeError(f"asker {number} ended before it was ready: {error}")
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        results = []
        for worker in workers:
            out, _ = worker.communicate(timeout=ASK_TIMEOUT_S)
            results.append(json.loads(out.strip().splitlines()[-1]))
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    return AskRun(
        label=label,
        processes=len(envs),
        answers=sum(r["answers"] for r in results),
        errors=[e for r in results for e in r["errors"]],
        latencies=[s for r in results for s in r["latencies"]],
        wall_s=max(r["ended"] for r in results) - min(r["began"] for r in results),
    )


def _set_up_library(env: dict[str, str], articles: Path, prices: bool) -> int:
    """Prices (when there are) and the generated articles, through the CLI."""
    if prices:
        _check(processes.run(["prices", "import", str(PRICES)], env), "prices import")
    done = _check(processes.run(["ingest", str(articles), "--json"], env), "ingest")
    return _ingested(done)


def _answers(root: Path) -> list[AskRun]:
    from benchmarks.harness.corpus import write_jsonl
    from benchmarks.harness.shared_stack import shared_stack

    prices = PRICES.is_dir()
    articles = root / "library.jsonl"
    write_jsonl(articles, "library", LIBRARY_ARTICLES)
    what = "plus the prices of ../shared/data/prices" if prices else "no prices"
    if not prices:
        print(f"  prices: {PRICES} is absent, so the price part is skipped (articles only)")
    runs = []
    with shared_stack(root / "stack", durable=True) as stack:
        started = time.perf_counter()
        added = _set_up_library(stack.env(root / "setup"), articles, prices)
        print(
            f"  set-up (not timed below): shared library of {added:,} generated articles, "
            f"{what}, in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
        for count in PROCESS_COUNTS:
            homes = [root / f"machine-{count}-{n}" for n in range(count)]
            envs = [stack.env(home) for home in homes]
            runs.append(_ask(f"shared, {count} process(es)", envs, root / "logs" / str(count)))
    home = root / "embedded"
    home.mkdir()
    env = processes.environment(home)
    started = time.perf_counter()
    added = _set_up_library(env, articles, prices)
    print(
        f"  set-up (not timed below): embedded library of {added:,} generated articles, "
        f"{what}, in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    runs.append(_ask("embedded, 1 process", [env], root / "logs" / "embedded"))
    return runs


def _print_answers(runs: list[AskRun]) -> None:
    print(
        f"\nanswers per second (offline Assistant.ask, {QUESTIONS_EACH} questions per process "
        "after a warm-up answer)"
    )
    print(f"  {'':<28} {'processes':>9} {'answers':>8} {'errors':>7} {'answers/s':>10} "
          f"{'p50 s':>8} {'p95 s':>8}")  # fmt: skip
    for run in runs:
        print(
            f"  {run.label:<28} {run.processes:9d} {run.answers:8d} {len(run.errors):7d} "
            f"{run.throughput:10.2f} {statistics.median(run.latencies or [0.0]):8.3f} "
            f"{_p95(run.latencies):8.3f}"
        )
    for error in [e for run in runs for e in run.errors][:5]:
        print(f"      error: {error[:120]}")


# -- 2-4. ingest, search, growth ---------------------------------------------------------------


@dataclass
class Growth:
    """One library (embedded or shared) grown in steps, with a search probe after some."""

    label: str
    files: list[dict[str, Any]]  # per bulk file: added, wall_s, refresh_s
    extend: dict[str, Any]
    probes: dict[str, dict[str, Any]]  # size label -> the probe's figures
    chroma_rss_mb: float | None = None


def _grow(label: str, target: Any, files: list[Path], probe_target: Callable[[int], Any]) -> Growth:
    from benchmarks.harness.scale import run_step

    probes: dict[str, dict[str, Any]] = {}
    first = run_step("ingest", target, str(files[0]))
    probes["10k"] = run_step("probe", probe_target(1))
    rest = [run_step("ingest", target, str(path))["files"][0] for path in files[1:]]
    probes["50k"] = run_step("probe", probe_target(2))
    extend = run_step(
        "extend", target, "--batch", "long", "--count", str(EXTEND_ARTICLES), "--words", "60"
    )
    probes["100k"] = run_step("probe", probe_target(3))
    print(f"  {label}: {extend['articles']:,} articles, {extend['chunks']:,} chunks", flush=True)
    return Growth(label, first["files"] + rest, extend, probes)


def _rss_of(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _libraries(root: Path) -> list[Growth]:
    from benchmarks.harness.corpus import write_jsonl
    from benchmarks.harness.scale import Target
    from benchmarks.harness.shared_stack import shared_stack

    files = []
    for n in range(BULK_FILES):
        path = root / f"bulk{n}.jsonl"
        write_jsonl(path, f"bulk{n}", BULK_EACH, words=BULK_WORDS)
        files.append(path)
    embedded = Target(root / "embedded")
    grown = [_timed("embedded", lambda: _grow("embedded", embedded, files, lambda _: embedded))]
    with shared_stack(root / "stack", durable=True) as stack:
        writer = Target(root / "writer", stack.database_url, stack.chroma.host, stack.chroma.port)

        def machine(n: int) -> Target:
            return writer.machine(root / f"searcher-{n}")  # a new machine, an empty data dir

        shared = _timed("shared", lambda: _grow("shared", writer, files, machine))
        shared.chroma_rss_mb = _rss_of(stack.chroma.process.pid)
        grown.append(shared)
    return grown


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def _rate(file: dict[str, Any]) -> float:
    return float(file["added"] / file["wall_s"])


def _slowdown(grown: Growth) -> float:
    """The last file's ingest rate over the first's (1.0: size costs nothing)."""
    return _rate(grown.files[-1]) / _rate(grown.files[0])


def _print_ingest(grown: list[Growth]) -> None:
    print(
        f"\ningest: {BULK_FILES * BULK_EACH:,} generated articles ({BULK_WORDS} words, one chunk "
        f"each) in {BULK_FILES} files of {BULK_EACH:,}, one ingest process per file"
    )
    header = "".join(f" {g.label + ' s':>12} {'art/s':>7}" for g in grown)
    print(f"  {'':<50}{header}")
    rows: list[tuple[str, list[tuple[float, int]]]] = []
    for n in range(BULK_FILES):
        before, after = n * BULK_EACH, (n + 1) * BULK_EACH
        label = f"file {n + 1}: library {before:,} -> {after:,} articles"
        rows.append((label, [(g.files[n]["wall_s"], g.files[n]["added"]) for g in grown]))
    rows.append(
        (
            f"all {BULK_FILES * BULK_EACH:,} (the {BULK_FILES} ingests)",
            [(sum(f["wall_s"] for f in g.files), sum(f["added"] for f in g.files)) for g in grown],
        )
    )
    for label, cells in rows:
        print(f"  {label:<50}" + "".join(f" {s:12.1f} {a / s:7.0f}" for s, a in cells))
    refresh = "".join(f" {g.files[-1]['refresh_s']:12.1f} {'':>7}" for g in grown)
    label = f"of file {BULK_FILES}: lexical refresh at {BULK_FILES * BULK_EACH:,} chunks"
    print(f"  {label:<50}{refresh}")
    errors = sum(f["errors"] for g in grown for f in g.files)
    growth = "; ".join(
        f"{g.label} file {BULK_FILES} at {_rate(g.files[-1]):.0f}/s is {_slowdown(g):.2f}x "
        "file 1's rate"
        for g in grown
    )
    print(f"  errors or skipped lines: {errors}; {growth}")
    print(
        f"  then {EXTEND_ARTICLES:,} two-section articles (two chunks each) via upsert_many:"
        + "".join(
            f"  {g.label} {g.extend['wall_s']:.0f} s ({g.extend['added'] / g.extend['wall_s']:.0f}"
            f" art/s, {2 * g.extend['added'] / g.extend['wall_s']:.0f} chunks/s)"
            for g in grown
        )
    )


def _print_search(grown: list[Growth]) -> None:
    probes = [g.probes["100k"] for g in grown]
    count = len(probes[0]["warm_s"])
    print(
        f"\nsearch at {probes[0]['chunks']:,} chunks (Index.search k=5, {count} warm searches "
        "over 40 queries, each library searched from a new process)"
    )
    print(f"  {'':<70}" + "".join(f" {g.label:>10}" for g in grown))
    rows = [
        ("chunks in the library", [f"{p['chunks']:,}" for p in probes]),
        ("open the index, s", [f"{p['open_s']:.2f}" for p in probes]),
        ("first search in the new process, ms (1)", [_ms(p["first_s"]) for p in probes]),
        ("warm search p50, ms", [_ms(p["p50_s"]) for p in probes]),
        ("warm search p95, ms", [_ms(p["p95_s"]) for p in probes]),
        ("first search after a change, ms (lexical rebuild + search)",
         [_ms(p["after_change_s"]) for p in probes]),
        ("lexical rebuild from the catalog alone (refresh), ms",
         [_ms(p["rebuild_s"]) for p in probes]),
        ("searching process RSS after warm searches, MB",
         [f"{p['rss_warm_mb']:.0f}" for p in probes]),
        ("searching process peak RSS (rebuilds included), MB",
         [f"{p['peak_mb']:.0f}" for p in probes]),
    ]  # fmt: skip
    for label, cells in rows:
        print(f"  {label:<70}" + "".join(f" {c:>10}" for c in cells))
    for g in grown:
        if g.chroma_rss_mb is not None:
            print(
                f"  {g.label}: the Chroma server process's RSS at the end "
                f"{g.chroma_rss_mb:.0f} MB (outside the searching process)"
            )
    print(
        "  (1) embedded: the lexical index loaded from the data directory and Chroma's index "
        "from disk; shared: a new machine, so the lexical index is built from the catalog"
    )


def _print_growth(grown: list[Growth]) -> None:
    print("\ngrowth with the library's size (each from a new process)")
    labels = [g.label for g in grown]
    print(
        f"  {'chunks':>9} "
        + " ".join(f"{label + ' p50 ms':>18} {label + ' p95 ms':>18}" for label in labels)
        + " "
        + " ".join(f"{label + ' rebuild ms':>20}" for label in labels)
    )
    for size in ("10k", "50k", "100k"):
        probes = [g.probes[size] for g in grown]
        print(
            f"  {probes[0]['chunks']:9,} "
            + " ".join(f"{_ms(p['p50_s']):>18} {_ms(p['p95_s']):>18}" for p in probes)
            + " "
            + " ".join(f"{_ms(p['rebuild_s']):>20}" for p in probes)
        )
    for g in grown:
        small, large = g.probes["10k"], g.probes["100k"]
        ratio = large["chunks"] / small["chunks"]
        print(
            f"  {g.label}: {ratio:.1f}x the chunks -> search p50 "
            f"{large['p50_s'] / small['p50_s']:.1f}x, lexical rebuild "
            f"{large['rebuild_s'] / small['rebuild_s']:.1f}x, ingest rate file {BULK_FILES} / "
            f"file 1 {_slowdown(g):.2f}x"
        )


def main() -> None:
    from benchmarks.harness import chroma_server, postgres

    ready, why = postgres.available()
    if not ready or not chroma_server.available():
        print(f"skipped: {why or 'no chroma command in the virtualenv'}")
        return
    with tempfile.TemporaryDirectory(prefix="bench-shared-") as temporary:
        root = Path(temporary)
        (root / "answers").mkdir()
        (root / "scale").mkdir()
        print("answers per second: setting up", flush=True)
        runs = _timed("answers", lambda: _answers(root / "answers"))
        _print_answers(runs)
        print("\ningest and search: growing an embedded and a shared library", flush=True)
        grown = _timed("ingest and search", lambda: _libraries(root / "scale"))
    _print_ingest(grown)
    _print_search(grown)
    _print_growth(grown)


if __name__ == "__main__":  # the ingest's worker processes import this module too
    main()
