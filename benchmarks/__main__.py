"""Run every `benchmarks/bench_*.py` in turn (or those named on the command line). The opt-in
ones (too slow for `make bench`) run only when named: `python -m benchmarks real_llm`."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

# A real 135M model on two cores: tens of seconds per answer, minutes for the set; the shared
# deployment's PostgreSQL and Chroma server with a library grown to 100,000 chunks: 15 minutes.
OPT_IN = {"bench_real_llm", "bench_shared"}


def main(names: list[str]) -> None:
    here = Path(__file__).parent
    modules = sorted(p.stem for p in here.glob("bench_*.py"))
    chosen = [m for m in modules if any(n in m for n in names) or (not names and m not in OPT_IN)]
    for name in chosen:
        print(f"\n=== {name} ===", flush=True)
        importlib.import_module(f"benchmarks.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
