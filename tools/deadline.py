"""Run blocking work under our own deadline.

yfinance (and the HTTP stack below it) can hang for minutes on a stalled network: its cookie and
crumb requests carry a 30 s timeout each and are retried, and a read timeout restarts with every
byte that trickles in; an LLM call with its retries can outlast an answer's time limit the same
way. We cannot fix that inside the libraries, so the work runs in a daemon thread and we stop
waiting at the deadline. The abandoned thread finishes (or dies with the process) on its own;
being a daemon it never delays exit.

`call_with_deadline` waits for one call, `iterate_with_deadline` for each item of an iterator
(the LLM agent's stream). Whatever the worker raises is raised in the caller's thread, as if the
work had run there.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Callable, Iterator
from queue import Empty, Queue
from typing import Any, TypeVar

from tools.errors import ProviderTimeout

T = TypeVar("T")


def call_with_deadline(call: Callable[[], T], timeout_s: float, what: str) -> T:
    """Return `call()`'s result, re-raise its exception, or raise ProviderTimeout at the deadline.

    `what` names the service in the message, e.g. "yfinance did not answer within 10 s".
    """
    seconds = f"{timeout_s:g}"
    late = ProviderTimeout(
        f"{what} did not answer within {seconds} s", key="timed_out", service=what, seconds=seconds
    )
    once = (call() for _ in (None,))  # called in the worker thread
    for value in iterate_with_deadline(
        once, time.monotonic() + timeout_s, late, name=f"deadline: {what}"
    ):
        return value
    raise AssertionError("a call under a deadline gave no result")  # pragma: no cover


def iterate_with_deadline(
    items: Iterator[T],
    deadline: float,
    late: Exception,
    *,
    clock: Callable[[], float] = time.monotonic,
    name: str = "deadline",
    first: tuple[float, Exception] | None = None,
    started: Callable[[T], bool] = lambda item: True,
    cancel: Callable[[], None] | None = None,
) -> Iterator[T]:
    """`items`, produced in a daemon worker thread (with the caller's context variables), until
    `deadline` on `clock`: then `late` is raised and the worker is left to stop at its next
    item. `first`, (an earlier deadline, its error), bounds the wait for the first item for
    which `started` is true (a model's first token, not the bookkeeping before it): a model
    that has not started answering by then is not going to answer in time. `cancel`
    is called when the caller stops before the items end (a deadline, an error, or the caller
    closing this generator): it should make the worker's blocking call return, e.g. close
    the HTTP client the worker is reading from, so the worker ends instead of lingering."""
    queue: Queue[tuple[bool, Any]] = Queue()
    stop = threading.Event()
    done = object()

    def pump() -> None:
        try:
            for item in items:
                if stop.is_set():
                    break
                queue.put((True, item))
            queue.put((True, done))
        except BaseException as error:  # a thread's error is the caller's: raised there below
            queue.put((False, error))

    context = contextvars.copy_context()
    threading.Thread(target=context.run, args=(pump,), name=name, daemon=True).start()
    waiting_for, too_slow = first if first is not None else (deadline, late)
    finished = False
    try:
        while True:
            try:
                ok, value = queue.get(timeout=max(0.0, min(waiting_for, deadline) - clock()))
            except Empty:
                raise (too_slow if clock() < deadline else late) from None
            if ok and value is not done and started(value):
                waiting_for, too_slow = deadline, late
            if not ok:
                finished = True
                raise value
            if value is done:
                finished = True
                return
            yield value
    finally:
        stop.set()
        if cancel is not None and not finished:
            cancel()
