"""A long-lived reader process for the scale-out test: it keeps one Index open (as a browser
app process does) and asks or searches in a loop until told to stop, then looks for a phrase
another process has written meanwhile.

    python -m benchmarks.harness.worker ask|search --ready FILE --stop FILE --probe PHRASE

It creates the ready file after its first round, so the writers can be started only once
every reader is up and reading (the overlap is then certain, not left to start-up timing).

Prints one JSON object: rounds, errors, latencies (s), and whether the probe was found.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from assistant import services
from assistant.engine import Assistant
from assistant.settings import load_settings
from benchmarks.harness.load import AS_OF, QUESTIONS

DEADLINE_S = 240.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["ask", "search"])
    parser.add_argument("--ready", type=Path, required=True)
    parser.add_argument("--stop", type=Path, required=True)
    parser.add_argument("--probe", required=True)
    parser.add_argument("--pause", type=float, default=0.0, help="seconds between rounds")
    args = parser.parse_args()

    settings = load_settings()
    index = services.commentary_index(settings)
    helper = Assistant(settings, market=services.market_data(settings), index=index)
    rounds, errors, latencies = 0, [], []
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        stopping = args.stop.exists()  # read before the round: one more after the writer ends
        question = QUESTIONS[rounds % len(QUESTIONS)]
        began = time.perf_counter()
        try:
            if args.mode == "ask":
                helper.ask(question, as_of=AS_OF, offline=True)
            else:
                index.search(question, k=5)
            latencies.append(time.perf_counter() - began)
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
        rounds += 1
        if rounds == 1:
            args.ready.touch()
        if stopping:
            break
        time.sleep(args.pause)  # load shaping (a person's pace), not synchronisation
    hits = index.search(args.probe, k=3)
    found = any(args.probe in hit.chunk.text for hit in hits)
    index.close()
    print(json.dumps({"rounds": rounds, "errors": errors, "latencies": latencies,
                      "found": found}))  # fmt: skip


if __name__ == "__main__":
    main()
