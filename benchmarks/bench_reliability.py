"""Reliability, security and scale-out, measured now by running the scenarios.

- Faults: the fault tests run through pytest and are counted per area (injected = cases run,
  survived = cases passed): the LLM endpoint (refused, slow, 429/500, long Retry-After,
  malformed or unknown tool calls, tool loops), a stalled yfinance, the Chroma server down or
  gone, a read-only or full disk (a real tmpfs when this runs as root), kill -9 mid-ingest.
- Bad input: the parser fuzzers (hypothesis, random this time, EXAMPLES per format), the SSRF
  refusals, the prompt-injection corpus, oversized input.
- Load: 20 askers (offline, threads, one shared index as in the browser app) x 5 questions while
  1,000 new articles are ingested into the same index: errors, throughput, p50/p95 latency.
- Scale-out: a writer process (price re-import + ingest) and 4 long-lived reader processes on one
  `chroma run` server and one data directory.
- Items: every article given to the load, scale-out and kill -9 runs, and how many were lost or
  doubled afterwards.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = 500
AREAS: list[tuple[str, list[str]]] = [
    ("LLM endpoint: refused, slow, 429/500, Retry-After, bad tool calls, tool loop", [
        "tests/reliability/test_faults_llm.py",
        "tests/integration/test_ask_llm.py::test_a_429_is_retried",
        "tests/integration/test_ask_llm.py::test_a_500_after_retries_falls_back_to_offline",
        "tests/integration/test_ask_llm.py::test_a_hang_past_the_timeout_falls_back_with_a_notice",
        "tests/integration/test_ask_llm.py::test_a_refused_connection_falls_back",
    ]),
    ("yfinance stalls (deadline, stored prices with their age)", [
        "tests/reliability/test_faults_yahoo.py",
        "tests/unit/tools/test_yahoo.py::test_the_deadline_fires_when_yahoo_never_answers",
    ]),
    ("Chroma server down / gone mid-session", ["tests/reliability/test_faults_chroma.py"]),
    ("read-only data directory / disk full", ["tests/reliability/test_faults_disk.py"]),
    ("kill -9 during an ingest (2 kills, then re-run)", [
        "tests/reliability/test_kill_ingest.py",
    ]),
    ("secrets in errors, logs, answers, data directory", ["tests/reliability/test_secrets.py"]),
]  # fmt: skip
INPUTS: list[tuple[str, list[str]]] = [
    ("URLs refused (file://, loopback, link-local, private, redirects, rebinding)", [
        "tests/reliability/test_url_guard.py",
    ]),
    ("prompt-injection corpus (24 zh/en articles): tools, keys, quotes", [
        "tests/reliability/test_injection.py",
    ]),
    ("oversized question / file / price CSV / download", [
        "tests/reliability/test_oversized.py",
        "tests/unit/assistant/test_cli_ask.py::test_empty_or_oversized_questions_are_one_clear_line",
        "tests/unit/ingest/test_cli.py::test_ingest_max_size_option",
        "tests/unit/ingest/test_pipeline.py::test_oversized_download_is_refused",
    ]),
]  # fmt: skip


@dataclass
class Outcomes:
    run: int = 0
    passed: int = 0
    skipped: int = 0
    failed: list[str] | None = None


class _Collector:
    """A pytest plugin that counts each test case's outcome."""

    def __init__(self) -> None:
        self.outcomes = Outcomes(failed=[])

    def pytest_runtest_logreport(self, report: Any) -> None:
        assert self.outcomes.failed is not None
        if report.when == "call" or (report.when == "setup" and not report.passed):
            if report.skipped:
                self.outcomes.skipped += 1
                return
            self.outcomes.run += 1
            if report.passed:
                self.outcomes.passed += 1
            else:
                self.outcomes.failed.append(report.nodeid)


def _pytest(targets: list[str]) -> Outcomes:
    import pytest

    collector = _Collector()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        pytest.main(["-q", "-p", "no:cacheprovider", "--rootdir", str(ROOT), *targets],
                    plugins=[collector])  # fmt: skip
    return collector.outcomes


def _row(label: str, *cells: object) -> None:
    print(f"  {label:<86} " + "  ".join(f"{c!s:>8}" for c in cells))


def _timed(what: str, run: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = run()
    print(f"    ({what}: {time.perf_counter() - started:.0f} s)", flush=True)
    return result


def _faults() -> tuple[int, int]:
    print(f"\n{'faults':<88} injected  survived")
    total = survived = 0
    for label, targets in AREAS:
        outcome = _pytest(targets)
        total, survived = total + outcome.run, survived + outcome.passed
        _row(label, outcome.run, outcome.passed)
        if outcome.skipped:
            print(f"      ({outcome.skipped} skipped here: see the test for the reason)")
        for failed in outcome.failed or []:
            print(f"      FAILED {failed}")
    return total, survived


def _bad_input() -> tuple[int, int]:
    from benchmarks.harness.fuzz import INPUT_NOTE, fuzz

    print(f"\n{'bad input':<88}    tried   handled")
    total = handled = 0
    for fmt in ("pdf", "html", "jsonl", "feed", "text", "csv"):
        try:
            result = fuzz(fmt, EXAMPLES, derandomize=False)
            tried, ok = result.tried, result.handled
            detail = f"{result.parsed} parsed, {result.refused} refused"
        except Exception as error:  # a crash: hypothesis re-raises the shrunk input
            tried, ok, detail = EXAMPLES, 0, f"CRASH {type(error).__name__}: {error}"[:80]
            crashed = [n for n in getattr(error, "__notes__", []) if n.startswith(INPUT_NOTE)]
        else:
            crashed = []
        total, handled = total + tried, handled + ok
        _row(f"fuzzed {fmt} ({detail})", tried, ok)
        for note in crashed:  # what to reproduce it with
            print(f"      {note}")
    for label, targets in INPUTS:
        outcome = _pytest(targets)
        total, handled = total + outcome.run, handled + outcome.passed
        _row(f"{label} [cases]", outcome.run, outcome.passed)
    return total, handled


def _load(work: Path) -> Any:
    from benchmarks.harness.load import prepare, run_load

    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    settings = prepare(work / "home", SHARED / "data" / "prices", seeds)
    return run_load(settings, askers=20, questions_each=5, new_articles=1000)


def _scale_out(work: Path) -> Any:
    from benchmarks.harness.chroma_server import chroma_server
    from benchmarks.harness.scaleout import run_scale_out

    with chroma_server(work / "chroma") as server:
        return run_scale_out(
            server, work / "home", SHARED / "data" / "prices", readers=4, new_articles=500
        )


def _crash(work: Path) -> Any:
    from benchmarks.harness.crash import run_kill_ingest

    return run_kill_ingest(work, articles=1600, batch=100, kills=3)


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def main() -> None:
    if not (SHARED / "seeds").is_dir() or not (SHARED / "data" / "prices").is_dir():
        print(f"skipped: needs ../shared/seeds and ../shared/data/prices ({SHARED} is absent)")
        return
    faults = _timed("faults", _faults)
    inputs = _timed("bad input", _bad_input)
    with tempfile.TemporaryDirectory(prefix="bench-reliability-") as temporary:
        root = Path(temporary)
        for name in ("load", "scale", "crash"):
            (root / name).mkdir()
        load = _timed("load", lambda: _load(root / "load"))
        scale = _timed("scale-out", lambda: _scale_out(root / "scale"))
        crash = _timed("kill -9", lambda: _crash(root / "crash"))

    print("\nconcurrent sessions                        sessions  answers   errors  answers/s"
          "    p50 s    p95 s")  # fmt: skip
    print(
        f"  20 askers x 5, one index, ingest running  {load.askers:8d} {load.answers:8d} "
        f"{len(load.errors):8d} {load.throughput:10.1f} {load.p50_s:8.2f} {load.p95_s:8.2f}"
    )
    reads = scale.latencies_s
    print(
        f"  scale-out: processes on one Chroma server {scale.processes:8d} "
        f"{scale.reader_rounds:8d} {len(scale.errors):8d} {'':>10} "
        f"{_percentile(reads, 0.5):8.2f} {_percentile(reads, 0.95):8.2f}"
    )
    for error in [*load.errors, *scale.errors][:5]:
        print(f"      error: {error[:120]}")
    print(
        f"  scale-out: readers saw the new articles: {scale.readers_saw_new}; "
        f"a process started afterwards: {scale.late_process_saw_new}"
    )

    print("\nitems                                                    ingested     lost  doubled"
          "  consistent")  # fmt: skip
    killed = ", ".join(map(str, crash.killed_at))
    rows = [
        ("load: new articles while 20 askers ran", load.ingested, load.lost, load.doubled,
         load.problems),
        ("scale-out: new articles from a writer process", scale.ingested, scale.lost,
         scale.doubled, scale.problems),
        (f"kill -9 x{len(crash.killed_at)} (at {killed} committed), re-run", crash.articles
         - crash.missing, crash.missing, crash.doubled,
         crash.problems + crash.problems_after_kills),
    ]  # fmt: skip
    for label, ingested, lost, doubled, problems in rows:
        consistent = "yes" if not problems else f"NO: {problems[0]}"
        print(f"  {label:<55} {ingested:8d} {lost:8d} {doubled:8d}  {consistent}")
    items = load.ingested + scale.ingested + crash.articles - crash.missing
    lost = load.lost + scale.lost + crash.missing

    print("\nsummary")
    print(f"  faults injected / survived        {faults[0]:6d} / {faults[1]}")
    print(f"  bad inputs tried / handled        {inputs[0]:6d} / {inputs[1]}")
    sessions = load.askers + scale.processes
    errors = len(load.errors) + len(scale.errors)
    print(
        f"  concurrent sessions / errors      {sessions:6d} / {errors}"
        f"   ({load.throughput:.1f} answers/s, p95 {load.p95_s:.2f} s)"
    )
    print(f"  items ingested / lost             {items:6d} / {lost}")


if __name__ == "__main__":
    main()
