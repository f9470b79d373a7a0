"""A real Chroma server (`chroma run`) on a free loopback port, for the integration tests and
the scale-out benchmark.

    with chroma_server(tmp_path / "chroma") as server:
        Index.open(..., chroma_host="127.0.0.1", chroma_port=server.port)
        server.stop()        # a server that goes away mid-session

Start-up is polled on the heartbeat (waiting on the process is the pause between polls).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

CHROMA = Path(sys.executable).parent / "chroma"
STARTUP_S = 60.0
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _wait_for_heartbeat(process: subprocess.Popen[bytes], port: int) -> None:
    """Poll the heartbeat until it answers, the server exits, or the deadline passes."""
    deadline = time.monotonic() + STARTUP_S
    url = f"http://{HOST}:{port}/api/v2/heartbeat"
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        try:  # waiting on the process doubles as the pause between polls
            process.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            continue
        raise RuntimeError(f"chroma run exited with code {process.returncode}")
    raise RuntimeError(f"chroma run did not answer on port {port} within {STARTUP_S:g}s")


@dataclass
class ChromaServer:
    process: subprocess.Popen[bytes]
    port: int
    host: str = HOST

    def env(self) -> dict[str, str]:
        """The settings that point marketbrief at this server."""
        return {"MARKETBRIEF_CHROMA_HOST": self.host, "MARKETBRIEF_CHROMA_PORT": str(self.port)}

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)


def available() -> bool:
    return CHROMA.exists()


@contextmanager
def chroma_server(data: Path) -> Iterator[ChromaServer]:
    """`chroma run --path data` on a free loopback port, stopped afterwards."""
    port = free_port()
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "CHROMA_ANONYMIZED_TELEMETRY": "False"}
    process = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(data), "--host", HOST, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    server = ChromaServer(process, port)
    try:
        _wait_for_heartbeat(process, port)
        yield server
    finally:
        server.stop()
