"""A real Chroma server (`chroma run`) on a free loopback port, for the integration tests and
the scale-out benchmark.

    with chroma_server(tmp_path / "chroma") as server:
        Index.open(..., chroma_host="127.0.0.1", chroma_port=server.port)
        server.stop()        # a server that goes away mid-session

Start-up is polled on the heartbeat (waiting on the process is the pause between polls).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness.loopback import HOST, free_port, stop, wait_until_ready

CHROMA = Path(sys.executable).parent / "chroma"
STARTUP_S = 60.0


@dataclass
class ChromaServer:
    process: subprocess.Popen[bytes]
    port: int
    host: str = HOST

    def env(self) -> dict[str, str]:
        """The settings that point marketbrief at this server."""
        return {"MARKETBRIEF_CHROMA_HOST": self.host, "MARKETBRIEF_CHROMA_PORT": str(self.port)}

    def stop(self) -> None:
        stop(self.process)


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
        heartbeat = f"http://{HOST}:{port}/api/v2/heartbeat"
        wait_until_ready(process, heartbeat, "chroma run", STARTUP_S)
        yield server
    finally:
        server.stop()
