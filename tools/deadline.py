"""Run a blocking call under our own deadline.

yfinance (and the HTTP stack below it) can hang for minutes on a stalled network: its cookie and
crumb requests carry a 30 s timeout each and are retried, and a read timeout restarts with every
byte that trickles in. We cannot fix that inside the library, so the call runs in a daemon thread
and we stop waiting at the deadline. The abandoned thread finishes (or dies with the process) on
its own; being a daemon it never delays exit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from tools.errors import ProviderTimeout

T = TypeVar("T")


def call_with_deadline(call: Callable[[], T], timeout_s: float, what: str) -> T:
    """Return `call()`'s result, re-raise its exception, or raise ProviderTimeout at the deadline.

    `what` names the service in the message, e.g. "yfinance did not answer within 10 s".
    """
    outcome: dict[str, object] = {}
    finished = threading.Event()

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed to the caller's thread below
            outcome["error"] = error
        finally:
            finished.set()

    threading.Thread(target=run, name=f"deadline: {what}", daemon=True).start()
    if not finished.wait(timeout_s):
        raise ProviderTimeout(f"{what} did not answer within {timeout_s:g} s")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
