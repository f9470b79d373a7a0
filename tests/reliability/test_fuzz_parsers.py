"""Fuzzed malformed inputs never crash a parser: each is parsed or refused with our own error.

A few dozen examples per format (deterministic: derandomized), so the suite stays fast;
benchmarks/bench_reliability.py runs hundreds. See benchmarks/harness/fuzz.py.
"""

from __future__ import annotations

import pytest

from benchmarks.harness.fuzz import fuzz

EXAMPLES = {"pdf": 40, "html": 40, "jsonl": 60, "feed": 40, "text": 40, "csv": 60}


@pytest.mark.parametrize("fmt", list(EXAMPLES))
def test_malformed_input_is_parsed_or_refused_never_a_crash(fmt: str) -> None:
    result = fuzz(fmt, EXAMPLES[fmt])
    assert result.crashes == []
    assert result.tried >= EXAMPLES[fmt] // 2  # hypothesis may stop early on duplicates
    assert result.handled == result.tried
