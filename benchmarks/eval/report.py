"""The printed report: the answers table, the retrieval table, and the failures.

Columns of the answers table, per group and overall:
  facts  questions whose answer holds every expected fact
  cited  questions whose answer lists an expected article among its references
  lang   answers whose prose (block quotes aside) is all in the question's language
  dup    sentences appearing twice or more in one answer, summed over the answers
  near   near-duplicate sentence pairs in one answer, summed
  frag   fragment sentences, summed
  title  answers titled by what they found or measured, not by the question's own words
  p50 s  median seconds of the scored `ask` (earlier turns of a follow-up not included)
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from benchmarks.eval.answers import Scored
from benchmarks.eval.questions import GROUPS
from benchmarks.eval.retrieval import Hits

GOAL_RATE = 0.9
GOAL_RATIO = 1.2
_SNIPPET = 48


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def _row(name: str, rows: Sequence[Scored]) -> str:
    n = len(rows)
    seconds = [r.seconds for r in rows if r.error is None]
    p50 = f"{statistics.median(seconds):.2f}" if seconds else "-"
    return (
        f"{name:<10} {n:>3} {_pct(sum(r.facts_ok for r in rows), n):>6} "
        f"{_pct(sum(r.cited for r in rows), n):>6} {_pct(sum(r.language_ok for r in rows), n):>6} "
        f"{sum(len(r.duplicates) for r in rows):>5} {sum(len(r.near_duplicates) for r in rows):>5} "
        f"{sum(len(r.fragments) for r in rows):>5} {_pct(sum(r.titled for r in rows), n):>6} "
        f"{p50:>6}"
    )


def answers_table(results: Sequence[Scored]) -> str:
    header = f"{'group':<10} {'n':>3} {'facts':>6} {'cited':>6} {'lang':>6} {'dup':>5} "
    header += f"{'near':>5} {'frag':>5} {'title':>6} {'p50 s':>6}"
    lines = [header]
    for group in GROUPS:
        rows = [r for r in results if r.question.group == group]
        if rows:
            lines.append(_row(group, rows))
    lines.append(_row("all", results))
    held_out = [r for r in results if r.question.held_out]
    if held_out:  # of "all": the questions written before the product saw them
        lines.append(_row("held-out", held_out))
    goal = f"{GOAL_RATE:.0%}"
    lines.append(
        f"{'goal':<10} {'':>3} {'>=' + goal:>6} {'>=' + goal:>6} {'100%':>6} {0:>5} {0:>5} "
        f"{0:>5} {'':>6} {'':>6}"
    )
    return "\n".join(lines)


def retrieval_table(groups: Sequence[Hits], scored: Hits, info: Sequence[Hits]) -> str:
    """hit@5 per group; `scored` (en + zh) carries the ratio the goal is about; `info` rows
    are shown for reference only."""
    lines = [f"{'group':<11} {'n':>3} {'product':>8} {'bm25':>6} {'ratio':>7}"]
    for hits in [*groups, scored, *info]:
        ratio = f"{hits.ratio:.2f}x" if hits.ratio is not None else "-"
        note = ""
        if hits is scored:
            note = f"  (goal >= {GOAL_RATIO:.1f}x{_ceiling(hits)})"
        elif hits in info:
            note = "  (for reference)"
        lines.append(
            f"{hits.group:<11} {hits.total:>3} {_pct(hits.product, hits.total):>8} "
            f"{_pct(hits.baseline, hits.total):>6} {ratio:>7}{note}"
        )
    return "\n".join(lines)


def _ceiling(hits: Hits) -> str:
    """Say so when the baseline already finds so much that the goal cannot be met."""
    if not hits.baseline or hits.total / hits.baseline >= GOAL_RATIO:
        return ""
    found, most = _pct(hits.baseline, hits.total), hits.total / hits.baseline
    return f"; bm25 finds {found}, so at most {most:.2f}x here"


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"


def failure_line(r: Scored) -> str | None:
    """What failed for one question, on one line (None: nothing failed)."""
    if r.error:
        return f"{r.question.id}: error {_snippet(r.error)}"
    parts = []
    if r.missing:
        parts.append("missing " + ", ".join(repr(m) for m in r.missing))
    if not r.cited:
        parts.append(f"article not cited ({len(r.cited_ids)} others)")
    if r.off_language:
        parts.append(f"{len(r.off_language)} off-language: {_snippet(r.off_language[0])!r}")
    if r.duplicates:
        parts.append(f"{len(r.duplicates)} dup: {_snippet(r.duplicates[0])!r}")
    if r.near_duplicates:
        parts.append(f"{len(r.near_duplicates)} near: {_snippet(r.near_duplicates[0][0])!r}")
    if r.fragments:
        text, reason = r.fragments[0]
        parts.append(f"{len(r.fragments)} frag ({reason}): {_snippet(text)!r}")
    return f"{r.question.id}: " + "; ".join(parts) if parts else None


def failures(results: Sequence[Scored], misses: Sequence[str]) -> str:
    lines = [line for line in map(failure_line, results) if line]
    if misses:
        lines.append("retrieval, product missed at 5: " + ", ".join(misses))
    return "\n".join(lines) if lines else "none"
