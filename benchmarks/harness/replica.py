"""One "machine" of the shared-deployment test: a process with its own empty data directory
that, against the shared database and Chroma server, queues a research run, ingests a file,
asks questions, and keeps its research worker claiming runs until told to stop.

    python -m benchmarks.harness.replica FILE --stop STOPFILE [--questions N]

Prints lines as it goes ("queued RUN_ID"; "committed" once its first batch of articles is in
the library, so a test can kill it mid-ingest; "ingested"), then one JSON object: its research
run, the questions it answered and the errors it met, and how many chunks its own lexical
index holds once the others are done (every machine must see the same library).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

from assistant import services
from assistant.engine import Assistant
from assistant.research.planner import draft_plan
from assistant.research.runner import ResearchRunner
from assistant.research.store import ResearchStore
from assistant.settings import load_settings
from benchmarks.harness.load import AS_OF, QUESTIONS
from ingest.pipeline import Progress, ingest_sources

DEADLINE_S = 300.0


def say(line: str) -> None:
    print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("source", type=Path)
    parser.add_argument("--stop", type=Path, required=True)
    parser.add_argument("--questions", type=int, default=3)
    args = parser.parse_args()

    settings = load_settings()
    index = services.commentary_index(settings)
    assistant = Assistant(settings, market=services.market_data(settings), index=index)
    store = ResearchStore(services.product_store(settings))
    lease = dt.timedelta(seconds=settings.research_lease_s)
    runner = ResearchRunner(store, lambda: assistant, lease=lease)
    plan = draft_plan(assistant, "2026年小盘股投资逻辑", offline=True).plan
    run_id = runner.start(plan, offline=True)
    say(f"queued {run_id}")

    committed = False

    def progress(state: Progress) -> None:
        nonlocal committed
        if not committed and state.articles > 0:  # a first batch is in the library
            committed = True
            say("committed")

    report = ingest_sources([str(args.source)], index, progress=progress)
    say("ingested")
    errors: list[str] = []
    for question in QUESTIONS[: args.questions]:
        try:
            assistant.ask(question, as_of=AS_OF, offline=True)
        except Exception as error:  # the test reports whatever went wrong, by type
            errors.append(f"{type(error).__name__}: {error}")
    deadline = time.monotonic() + DEADLINE_S
    runner.wait(run_id, timeout=DEADLINE_S)
    while not args.stop.exists() and time.monotonic() < deadline:
        time.sleep(0.2)  # the runner's worker claims abandoned runs meanwhile
    runner.shutdown()
    run = store.get_run(run_id)
    print(
        json.dumps(
            {
                "run": run_id,
                "run_state": run.state if run else None,
                "ingest": report.as_dict(),
                "asked": args.questions,
                "errors": errors,
                "lexical_chunks": len(index.lexical.current().ids),
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
