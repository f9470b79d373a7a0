"""Shared test fixtures.

Two guards run for every test: no connection leaves this machine (only loopback and Unix
sockets are allowed), and no test sees the developer's own settings or data directory.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.loopback_openai import Servers

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


class NetworkRefused(OSError):
    """Raised when a test tries to reach a non-loopback address."""


def _is_loopback(address: object) -> bool:
    if not isinstance(address, tuple) or not address:
        return True  # Unix sockets and other non-IP families stay on the machine
    host = str(address[0])
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded_connect(self: socket.socket, address: object) -> None:
        if not _is_loopback(address):
            raise NetworkRefused(f"tests may not reach the network (tried {address!r})")
        real_connect(self, address)  # type: ignore[arg-type]

    def guarded_connect_ex(self: socket.socket, address: object) -> int:
        if not _is_loopback(address):
            raise NetworkRefused(f"tests may not reach the network (tried {address!r})")
        return real_connect_ex(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)


@pytest.fixture(autouse=True)
def _isolated_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Every test gets an empty data directory and no LLM endpoint, whatever the shell has."""
    import os

    for name in list(os.environ):
        if name.startswith("MARKETBRIEF_") or name in {"OPENAI_API_KEY", "OPENAI_BASE_URL"}:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MARKETBRIEF_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))  # so no developer .env is read
    yield


@pytest.fixture
def shared_dir() -> Path:
    """../shared beside the project; tests that need it skip with a reason when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"needs ../shared beside the project ({SHARED} is absent)")
    return SHARED


@pytest.fixture
def shared_prices(shared_dir: Path) -> Path:
    path = shared_dir / "data" / "prices"
    if not path.is_dir():
        pytest.skip(f"needs {path}")
    return path


@pytest.fixture
def serve() -> Iterator[Servers]:
    """Start scripted OpenAI-compatible loopback servers: `serve.start([text(...), ...])`."""
    servers = Servers()
    yield servers
    servers.close()
