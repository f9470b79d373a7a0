"""One asking process of the answers-per-second benchmark (benchmarks/bench_shared.py): it opens
the services from its environment (embedded, or one "machine" of the shared deployment with its
own data directory), answers one question to warm up (not timed: start-up, the lexical index
built or loaded), says `ready`, waits for a line on stdin (so every process starts together),
then answers `--questions` questions offline, one after another.

    python -m benchmarks.harness.asker --questions N --offset K

Prints one JSON object: answers, errors, latencies (s), and when it began and ended
(time.monotonic, one clock for every process of the machine).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from assistant import services
from assistant.engine import Assistant
from assistant.settings import load_settings
from benchmarks.harness.load import AS_OF, QUESTIONS, timed_answer


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.harness.asker")
    parser.add_argument("--questions", type=int, required=True)
    parser.add_argument("--offset", type=int, default=0)
    args = parser.parse_args()

    settings = load_settings()
    index = services.commentary_index(settings)
    helper = Assistant(settings, market=services.market_data(settings), index=index)
    helper.ask(QUESTIONS[args.offset % len(QUESTIONS)], as_of=AS_OF, offline=True)
    print("ready", flush=True)
    sys.stdin.readline()  # the go: every process is ready
    latencies: list[float] = []
    errors: list[str] = []
    began = time.monotonic()
    for i in range(args.questions):
        took = timed_answer(helper, QUESTIONS[(args.offset + i) % len(QUESTIONS)])
        if isinstance(took, str):
            errors.append(took)
        else:
            latencies.append(took)
    ended = time.monotonic()
    index.close()
    print(json.dumps({"answers": len(latencies), "errors": errors, "latencies": latencies,
                      "began": began, "ended": ended}))  # fmt: skip


if __name__ == "__main__":
    main()
