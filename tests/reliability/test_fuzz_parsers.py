"""Fuzzed malformed inputs never crash a parser: each is parsed or refused with our own error.

A few dozen examples per format (deterministic: derandomized), so the suite stays fast;
benchmarks/bench_reliability.py runs hundreds. See benchmarks/harness/fuzz.py.
"""

from __future__ import annotations

import pytest

from benchmarks.harness import fuzz as fuzz_module
from benchmarks.harness.fuzz import fuzz

EXAMPLES = {"pdf": 40, "html": 40, "jsonl": 60, "feed": 40, "text": 40, "csv": 60}


@pytest.mark.parametrize("fmt", list(EXAMPLES))
def test_malformed_input_is_parsed_or_refused_never_a_crash(fmt: str) -> None:
    result = fuzz(fmt, EXAMPLES[fmt])
    assert result.crashes == []
    assert result.tried >= EXAMPLES[fmt] // 2  # hypothesis may stop early on duplicates
    assert result.handled == result.tried


def test_a_crash_carries_the_shrunk_input_that_caused_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The benchmark prints it, so a rare crash found by random fuzzing can be reproduced."""

    def crash(data: bytes) -> int:
        raise RuntimeError("a bug in the parser")

    monkeypatch.setattr(fuzz_module, "parse_price_csv", crash)
    with pytest.raises(RuntimeError) as raised:
        fuzz("csv", 5)
    assert any(n.startswith(fuzz_module.INPUT_NOTE) for n in raised.value.__notes__)
