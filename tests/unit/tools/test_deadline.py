"""Work under a deadline: a blocked call or a stalled iterator is abandoned at the deadline;
results, items and errors pass."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from tools.deadline import call_with_deadline, iterate_with_deadline
from tools.errors import ProviderTimeout


def test_a_blocked_call_is_abandoned_at_the_deadline() -> None:
    release = threading.Event()
    started = time.monotonic()
    with pytest.raises(ProviderTimeout, match=r"stub did not answer within 0\.2 s"):
        call_with_deadline(lambda: release.wait(60), 0.2, "stub")
    assert time.monotonic() - started < 2.0
    release.set()  # let the abandoned worker finish


def test_results_and_errors_come_back() -> None:
    assert call_with_deadline(lambda: 42, 5, "stub") == 42

    def boom() -> None:
        raise ValueError("bad answer")

    with pytest.raises(ValueError, match="bad answer"):
        call_with_deadline(boom, 5, "stub")


def test_an_iterator_under_a_deadline_passes_its_items_and_its_error() -> None:
    def items() -> Iterator[int]:
        yield 1
        yield 2
        raise KeyError("third")

    got: list[int] = []
    with pytest.raises(KeyError, match="third"):
        got.extend(iterate_with_deadline(items(), time.monotonic() + 5, TimeoutError("late")))
    assert got == [1, 2]


def test_an_iterator_that_stalls_is_abandoned_at_the_deadline() -> None:
    release = threading.Event()

    def items() -> Iterator[int]:
        yield 1
        release.wait(60)
        yield 2

    got: list[int] = []
    with pytest.raises(TimeoutError, match="late"):
        got.extend(iterate_with_deadline(items(), time.monotonic() + 0.3, TimeoutError("late")))
    assert got == [1]
    release.set()


def test_the_first_item_has_its_own_earlier_deadline_and_bookkeeping_does_not_count() -> None:
    """A model that has not started answering is given up early; once it has, the run's
    deadline alone holds. Items before the start (bookkeeping) do not disarm the first one."""
    release = threading.Event()

    def stalls_after(first: list[str]) -> Iterator[str]:
        yield from first
        release.wait(60)
        yield "late"

    slow = RuntimeError("no first token")
    with pytest.raises(RuntimeError, match="no first token"):
        list(iterate_with_deadline(
            stalls_after(["setup"]), time.monotonic() + 60, ProviderTimeout("late"),
            first=(time.monotonic() + 0.2, slow), started=lambda item: item != "setup",
        ))  # fmt: skip
    release.set()


def test_a_caller_that_stops_early_cancels_the_work() -> None:
    cancelled = threading.Event()
    release = threading.Event()

    def endless() -> Iterator[int]:
        yield 1
        release.wait(60)
        yield 2

    items = iterate_with_deadline(
        endless(), time.monotonic() + 60, ProviderTimeout("late"), cancel=cancelled.set
    )
    assert next(items) == 1
    items.close()  # the reader left
    assert cancelled.is_set()
    release.set()
    done = iterate_with_deadline(iter([1]), time.monotonic() + 5, ProviderTimeout("late"),
                                 cancel=cancelled.clear)  # fmt: skip
    assert list(done) == [1] and cancelled.is_set()  # work that ended is not cancelled
