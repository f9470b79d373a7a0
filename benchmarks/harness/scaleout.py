"""Several marketbrief processes sharing one Chroma server and one data directory.

One process re-imports the prices and ingests a new batch (the `marketbrief` commands), while
long-lived reader processes (harness/worker.py) keep asking and
searching through their own open Index. Afterwards: the readers saw no error and found the new
articles (the lexical index noticed another process's writes), a process started afterwards
finds them too, and the three stores agree. Used by the test and by the benchmark.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.harness import processes
from benchmarks.harness.chroma_server import ChromaServer
from benchmarks.harness.corpus import url_of, write_jsonl
from benchmarks.harness.library_state import doubled, library_state
from benchmarks.harness.paths import ROOT
from ingest.models import article_id

READER_PAUSE_S = 0.05  # a reader is a person's session, not a CPU-bound loop
# The writer process: re-imports the prices (rewriting every file the readers are reading),
# then ingests the new batch, both through the CLI's entry point; prints the ingest's JSON.
WRITER = """
import contextlib, io, sys
from assistant.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["prices", "import", sys.argv[1]])
main(["ingest", sys.argv[2], "--json"])
"""


@dataclass
class ScaleOutResult:
    processes: int
    reader_rounds: int
    errors: list[str]
    latencies_s: list[float]
    ingested: int
    expected: int
    lost: int
    doubled: int
    readers_saw_new: bool
    late_process_saw_new: bool
    problems: list[str] = field(default_factory=list)
    wall_s: float = 0.0


def _reader(
    mode: str, env: dict[str, str], ready: Path, stop: Path, probe: str
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "benchmarks.harness.worker", mode, "--ready", str(ready),
         "--stop", str(stop), "--probe", probe, "--pause", str(READER_PAUSE_S)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _wait_until_ready(workers: list[subprocess.Popen[str]], marks: list[Path]) -> None:
    """Until every reader has done its first round (bounded; waiting on a reader doubles as
    the pause between polls). A reader that exits early is reported by the caller."""
    deadline = time.monotonic() + processes.PROCESS_TIMEOUT_S
    while time.monotonic() < deadline and not all(m.exists() for m in marks):
        if any(w.poll() is not None for w in workers):
            return
        with contextlib.suppress(subprocess.TimeoutExpired):
            workers[0].wait(timeout=0.05)


def _seed(env: dict[str, str], prices: Path, seed: Path) -> None:
    """Prices and a first batch of articles, from one process (one start-up)."""
    script = (
        "from assistant.cli import main\n"
        f"main(['prices', 'import', {str(prices)!r}])\n"
        f"main(['ingest', {str(seed)!r}])\n"
    )
    done = processes.python(script, env)
    assert done.returncode == 0, done.stderr


def run_scale_out(
    server: ChromaServer, home: Path, prices: Path, *, readers: int, new_articles: int
) -> ScaleOutResult:
    env = processes.environment(home, **server.env())
    seed = home.parent / "seed.jsonl"
    write_jsonl(seed, "seed", 50)
    _seed(env, prices, seed)
    batch = home.parent / "late.jsonl"
    write_jsonl(batch, "late", new_articles)
    probe = f"article {new_articles - 1} of batch late"
    stop = home.parent / "stop"

    began = time.perf_counter()
    modes = ["ask" if n % 2 == 0 else "search" for n in range(readers)]
    marks = [home.parent / f"ready-{n}" for n in range(readers)]
    workers = [_reader(m, env, mark, stop, probe) for m, mark in zip(modes, marks, strict=True)]
    _wait_until_ready(workers, marks)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(prices), str(batch)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    written, complaint = writer.communicate(timeout=processes.PROCESS_TIMEOUT_S)
    stop.touch()
    outcomes = [w.communicate(timeout=processes.PROCESS_TIMEOUT_S) for w in workers]
    wall = time.perf_counter() - began

    errors: list[str] = []
    if writer.returncode:
        errors.append(f"writer exited {writer.returncode}: {complaint.strip()[-300:]}")
    rounds, latencies, saw = 0, [], True
    for worker, (out, err) in zip(workers, outcomes, strict=True):
        if worker.returncode:
            errors.append(f"reader exited {worker.returncode}: {err.strip()[-300:]}")
            saw = False
            continue
        summary = json.loads(out)
        rounds += summary["rounds"]
        latencies += summary["latencies"]
        errors += summary["errors"]
        saw = saw and summary["found"]
    late = processes.run(["search", probe, "--k", "3", "--json"], env)
    late_saw = late.returncode == 0 and any(probe in hit["text"] for hit in json.loads(late.stdout))
    state = library_state(home, chroma_host=server.host, chroma_port=server.port)
    expected = {article_id(url=url_of("late", n)) for n in range(new_articles)}
    report = json.loads(written) if writer.returncode == 0 else {}
    return ScaleOutResult(
        processes=readers + 1,
        reader_rounds=rounds,
        errors=errors,
        latencies_s=latencies,
        ingested=int(report.get("added", 0)),
        expected=new_articles,
        lost=len(expected - set(state.articles)),
        doubled=doubled(state, expected),
        readers_saw_new=saw,
        late_process_saw_new=late_saw,
        problems=state.problems(strict=True),
        wall_s=wall,
    )
