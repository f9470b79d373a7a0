"""Which step of a brief says which sentence, so that each step answers its own sub-question.

Steps find the same sentences (the same few articles rank well for every query about a topic),
and a brief says each once. Which step says it matters: the one it answers, and among those the
one with the least else to say. So the steps with the fewest sentences answering them choose
first, each its best few not chosen yet: a sentence answering both the valuation step and
the performance step goes to valuation, which has little else, and performance takes its next
best. A step left with nothing while another holds a sentence that answers it takes that one
over; only when that would leave the other step with nothing do both say it.
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.research.units import Unit, same


def allot(
    pools: dict[int, list[Unit]], limits: dict[int, int], said: Iterable[str] = ()
) -> dict[int, list[Unit]]:
    """Step number -> the units it says, best first. `pools` holds, per step, the units that
    answer it, best first; `limits` how many each says at most; `said` the keys the brief
    says elsewhere (not chosen again)."""
    keys = list(said)
    chosen: dict[int, list[Unit]] = {n: [] for n in pools}
    for n in sorted(pools, key=lambda step: (len(pools[step]), step)):
        for unit in pools[n]:
            if len(chosen[n]) >= limits.get(n, 0):
                break
            if not any(same(unit.key, key) for key in keys):
                chosen[n].append(unit)
                keys.append(unit.key)
    for n, pool in pools.items():
        if chosen[n] or not pool:
            continue
        best = pool[0]
        holder = next((m for m, units in chosen.items() if _holds(units, best)), None)
        if holder is not None and len(chosen[holder]) > 1:
            chosen[holder] = [u for u in chosen[holder] if not same(u.key, best.key)]
        chosen[n].append(best)
    return chosen


def _holds(units: list[Unit], unit: Unit) -> bool:
    return any(same(u.key, unit.key) for u in units)
