"""Claims: recall on planted errors and false flags on true claims (issue 12).

The corpus (`benchmarks.harness.planted`) is built from the shared data: true sentences stating
real cells of the market-data tools (cited `[0]`) and real sentences of the seeds and the news
(cited `[1]` to their passage), zh and en, and the same sentences with one planted error each,
labelled with its kind. Every item is verified alone, as a one-sentence section with its
sources, by `assistant.answer.verify.verify`.

- A planted error is caught when verify flags its sentence as contradicted_number or
  unsupported_number ("on target": a flag on the very number the error sits on, or, for a
  changed word, name or period, the number it is about).
- A true claim is falsely flagged when verify returns any flag for it.

Goals (measured, not tuned for): recall >= 95% on every kind, false flags <= 2%.
`--show-misses N` prints up to N missed errors and N false flags with their flags.

The corpus holds 40 sign flips; `--flips N` (default 4,000) also flips every direction word
of the first N quotable news sentences that have one (`benchmarks.harness.planted.flips`),
and counts those caught and the true sentences flagged.

    .venv/bin/python -m benchmarks.bench_claims [--show-misses N] [--seed S] [--flips N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.answer.model import Flag, Section
from assistant.answer.verify import verify
from assistant.question.vocabulary import Vocabulary, default_vocabulary
from benchmarks.harness.paths import SHARED
from benchmarks.harness.planted import KINDS, TRUE, Item, build_corpus
from benchmarks.harness.planted.flips import direction_flips

CAUGHT = frozenset({"contradicted_number", "unsupported_number"})
RECALL_GOAL, FALSE_FLAG_GOAL = 0.95, 0.02


@dataclass(frozen=True)
class Outcome:
    item: Item
    flags: list[Flag]
    seconds: float

    @property
    def caught(self) -> bool:
        return any(f.kind in CAUGHT for f in self.flags)

    @property
    def on_target(self) -> bool:
        return any(f.kind in CAUGHT and self.item.target in (f.number or "") for f in self.flags)


def run(item: Item, vocabulary: Vocabulary) -> Outcome:
    section = Section(key="analysis", heading="A", text=item.sentence)
    started = time.perf_counter()
    flags = verify((section,), item.sources, item.language, vocabulary)
    return Outcome(item, flags, time.perf_counter() - started)


def _share(outcomes: Sequence[Outcome], test: Callable[[Outcome], bool]) -> str:
    if not outcomes:
        return f"{'—':>9}"
    hits = sum(1 for o in outcomes if test(o))
    return f"{hits:>3}/{len(outcomes):<3}{'':1}" + f"{hits / len(outcomes):>6.1%}"[-6:]


def _recall_table(mutated: list[Outcome]) -> None:
    print(f"{'planted error':22} {'planted':>7} {'caught':>6} {'recall':>7} {'on target':>9}  "
          f"{'zh':>15} {'en':>15} {'tool':>15} {'article':>15}")  # fmt: skip
    for kind in (*KINDS, "all"):
        rows = [o for o in mutated if kind in {"all", o.item.kind}]
        if not rows:
            continue
        caught = sum(1 for o in rows if o.caught)
        on_target = sum(1 for o in rows if o.on_target)
        recall = caught / len(rows)
        goal = "" if kind == "all" else ("  ok" if recall >= RECALL_GOAL else "  < goal")
        splits = [
            _share([o for o in rows if getattr(o.item, attr) == value], lambda o: o.caught)
            for attr, value in (("language", "zh"), ("language", "en"), ("origin", "tool"),
                                ("origin", "article"))
        ]  # fmt: skip
        print(
            f"{kind:22} {len(rows):>7} {caught:>6} {recall:>7.1%} {on_target:>9}  "
            + " ".join(f"{s:>15}" for s in splits)
            + goal
        )


def _false_flag_table(true: list[Outcome]) -> None:
    print(f"\n{'true claims':22} {'count':>7} {'false flags':>11} {'rate':>7}")
    groups = (
        ("tool [0]", lambda o: o.item.origin == "tool"),
        ("article [1]", lambda o: o.item.origin == "article"),
        ("zh", lambda o: o.item.language == "zh"),
        ("en", lambda o: o.item.language == "en"),
        ("all", lambda o: True),
    )
    for label, test in groups:
        rows = [o for o in true if test(o)]
        flagged = sum(1 for o in rows if o.flags)
        rate = flagged / len(rows) if rows else 0.0
        goal = ("  ok" if rate <= FALSE_FLAG_GOAL else "  > goal") if label == "all" else ""
        print(f"{label:22} {len(rows):>7} {flagged:>11} {rate:>7.1%}{goal}")


def _timing(outcomes: list[Outcome]) -> None:
    ms = sorted(o.seconds * 1000 for o in outcomes)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    print(f"\ntime per claim (verify): median {statistics.median(ms):.2f} ms, mean "
          f"{statistics.fmean(ms):.2f} ms, p95 {p95:.2f} ms, max {ms[-1]:.2f} ms; "
          f"{len(ms)} claims in {sum(ms) / 1000:.2f} s")  # fmt: skip


def _show(outcomes: list[Outcome], count: int, title: str) -> None:
    print(f"\n--- {title}: {len(outcomes)} (showing up to {count}) ---")
    for o in sorted(outcomes, key=lambda o: (o.item.kind, o.item.origin, o.item.language))[:count]:
        item = o.item
        print(f"[{item.kind} · {item.origin} · {item.language}] {item.sentence}")
        if item.original:
            print(f"    from: {item.original}")
        print(f"    note: {item.note} · target {item.target}")
        for flag in o.flags:
            print(f"    flag: {flag.kind} {flag.number}: {flag.message}")
        if not o.flags:
            print("    flag: (none)")


def _flips(limit: int, vocabulary: Vocabulary, show: int) -> None:
    started = time.perf_counter()
    true, flipped = direction_flips(SHARED, limit)
    outcomes = [run(item, vocabulary) for item in flipped]
    caught = sum(1 for o in outcomes if o.caught)
    flagged = sum(1 for item in true if run(item, vocabulary).flags)
    print(
        f"\nevery direction word flipped in {len(true)} quotable news sentences: "
        f"{caught}/{len(flipped)} caught ({caught / max(len(flipped), 1):.1%}), "
        f"{flagged} of the {len(true)} true sentences flagged "
        f"({time.perf_counter() - started:.0f} s)"
    )
    if show:
        _show([o for o in outcomes if not o.caught], show, "missed flips")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench_claims", description=__doc__.split("\n")[0])
    parser.add_argument("--show-misses", type=int, default=0, metavar="N")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--flips", type=int, default=4000, metavar="N")
    args = parser.parse_args(list(argv or []))
    needed = [SHARED / "data" / "prices", SHARED / "data" / "news", SHARED / "seeds"]
    if not all(path.is_dir() for path in needed):
        print(f"skipped: needs ../shared with data/prices, data/news and seeds ({SHARED})")
        return
    started = time.perf_counter()
    items = build_corpus(SHARED, seed=args.seed)
    print(f"corpus: {len(items)} items built in {time.perf_counter() - started:.1f} s (seed "
          f"{args.seed}); goals: recall >= {RECALL_GOAL:.0%} on every kind, false flags <= "
          f"{FALSE_FLAG_GOAL:.0%}\n")  # fmt: skip
    vocabulary = default_vocabulary()
    outcomes = [run(item, vocabulary) for item in items]
    mutated = [o for o in outcomes if o.item.kind != TRUE]
    true = [o for o in outcomes if o.item.kind == TRUE]
    _recall_table(mutated)
    _false_flag_table(true)
    _timing(outcomes)
    if args.flips:
        _flips(args.flips, vocabulary, args.show_misses)
    if args.show_misses:
        _show([o for o in mutated if not o.caught], args.show_misses, "missed planted errors")
        _show([o for o in true if o.flags], args.show_misses, "false flags on true claims")


if __name__ == "__main__":
    main(sys.argv[1:])
