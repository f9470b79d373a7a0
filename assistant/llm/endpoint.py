"""The HTTP client under the chat model: when a failed call is retried, and when it is not.

The openai client retries timeouts, connection errors, 408, 409, 429 and 5xx answers up to
`MARKETBRIEF_LLM_MAX_RETRIES` times with exponential backoff (0.5 s doubling, at most 8 s, with
jitter), but it also obeys a server's `Retry-After` of up to two minutes. A rate-limited
endpoint asking us to come back in 90 s would hold the answer that long, when an offline
answer now is more use. So a response whose Retry-After is longer than the call timeout is
marked not-to-retry (the client obeys `x-should-retry: false`) and the question falls back to
the offline composer at once; shorter waits are honoured as the server asks.

Servers that are not OpenAI's get the output limit under both its names (`compatible_body`).
"""

from __future__ import annotations

import email.utils
import socket
import time
from collections.abc import Mapping
from contextlib import suppress
from typing import Any
from urllib.parse import urlsplit

# OpenAI's own hosts (and Azure's), whose reasoning models refuse the old `max_tokens`.
_OPENAI_HOSTS = ("openai.com", "openai.azure.com")


def compatible_body(base_url: str | None, max_output_tokens: int) -> dict[str, Any] | None:
    """Fields a server that only speaks OpenAI's API in part needs in every request body.

    LangChain sends the output limit as `max_completion_tokens`, OpenAI's current name.
    llama-cpp-python's server and other OpenAI-compatible servers read only the older
    `max_tokens` and ignore the new one, so a small model caught repeating itself writes until
    the run's deadline instead of stopping at the limit. Such servers get both names; OpenAI
    (no base URL, or its own host) gets only the new one.
    """
    host = (urlsplit(base_url).hostname or "") if base_url else "api.openai.com"
    if any(host == h or host.endswith("." + h) for h in _OPENAI_HOSTS):
        return None
    return {"max_tokens": max_output_tokens}


def retry_after_s(headers: Mapping[str, str]) -> float | None:
    """The wait a response asks for, in seconds (retry-after-ms, retry-after seconds or date)."""
    try:
        if "retry-after-ms" in headers:
            return float(headers["retry-after-ms"]) / 1000
        value = headers.get("retry-after")
        if value is None:
            return None
        try:
            return float(value)
        except ValueError:
            when = email.utils.parsedate_to_datetime(value)
            return when.timestamp() - time.time()
    except (TypeError, ValueError, OverflowError):
        return None


def no_long_waits(longest_s: float) -> Any:
    """The openai client's own HTTP client (its defaults kept), except that it refuses to
    retry when the server asks to wait longer than `longest_s`."""
    from openai import DefaultHttpxClient

    def check(response: Any) -> None:
        wait = retry_after_s(response.headers)
        if wait is not None and wait > longest_s:
            response.headers["x-should-retry"] = "false"

    return DefaultHttpxClient(event_hooks={"response": [check]})


def close_now(client: Any) -> None:
    """Close an HTTP client at once, its open connections included.

    Closing alone is not enough for a call given up while it waits: a thread blocked reading a
    socket keeps waiting (up to the call's timeout) when another thread closes that socket, the
    connection stays open, and a model server keeps generating for nobody; at exit, Python even
    waits for that thread (LangGraph runs the model in an executor it joins). Shutting the
    sockets down first sends the server a FIN and wakes the reader with an error now. httpx
    exposes no way to do it, so this walks its pool (`_transport._pool.connections`); a test
    holds it to that (tests/integration/test_llm_ladder.py).
    """
    pool = getattr(getattr(client, "_transport", None), "_pool", None)
    for connection in list(getattr(pool, "connections", ())):
        stream = getattr(getattr(connection, "_connection", None), "_network_stream", None)
        sock = stream.get_extra_info("socket") if stream is not None else None
        if isinstance(sock, socket.socket):
            with suppress(OSError):  # already closed by the other side
                sock.shutdown(socket.SHUT_RDWR)
    client.close()
