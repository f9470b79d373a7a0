"""call_with_deadline: a blocked call is abandoned at the deadline; results and errors pass."""

from __future__ import annotations

import threading
import time

import pytest

from tools.deadline import call_with_deadline
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
