"""A server process on a free loopback port: finding the port, waiting until it answers, and
stopping it. The Chroma server and the llama.cpp server of the tests and benchmarks share it.
"""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable

import httpx

HOST = "127.0.0.1"
STOP_S = 15.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def wait_until_ready(
    process: subprocess.Popen[bytes],
    url: str,
    what: str,
    startup_s: float,
    log_tail: Callable[[], str] = lambda: "",
) -> None:
    """Poll `url` until it answers 200, the process exits, or `startup_s` passes (a
    RuntimeError naming `what`, with the log's tail when there is one)."""
    deadline = time.monotonic() + startup_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        try:  # waiting on the process doubles as the pause between polls
            process.wait(timeout=0.25)
        except subprocess.TimeoutExpired:
            continue
        raise RuntimeError(f"{what} exited with code {process.returncode}\n{log_tail()}".strip())
    raise RuntimeError(f"{what} did not answer within {startup_s:g} s\n{log_tail()}".strip())


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate, then kill what does not stop in STOP_S."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_S)
