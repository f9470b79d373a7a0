"""Shared test fixtures.

Two guards run for every test: no connection leaves this machine, and no test sees the
developer's own settings or data directory. The network guard is pytest-socket's: only the
loopback addresses and Unix sockets may be connected to. The code under test meets a blocked
connection as an offline machine's, an OSError (NetworkRefused), so its fallbacks run as they
would there. Like any in-process guard it does not reach a subprocess a test starts
(`marketbrief ui`, `chroma run`, the reliability workers): those talk to loopback servers by
construction.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import pytest_socket

from assistant.llm.scripted_server import Servers
from benchmarks.harness import llm_server
from benchmarks.harness.paths import SHARED
from tests.machine import lacking

if TYPE_CHECKING:
    from benchmarks.harness.shared_stack import SharedStack

LOOPBACK = ["127.0.0.1", "::1", "localhost"]
_RESOLVED: dict[str, set[str]] = {}  # "localhost" is looked up once, not before every test


class NetworkRefused(OSError):
    """A connection to a non-loopback address, blocked by the test guard."""


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Guard the whole test, its fixtures included; pytest-socket lifts it after the test."""
    pytest_socket.socket_allow_hosts(LOOPBACK, allow_unix_socket=True, resolution_cache=_RESOLVED)
    blocking_connect = socket.socket.connect

    def connect(sock: socket.socket, address: object) -> None:
        try:
            blocking_connect(sock, address)  # type: ignore[arg-type]
        except pytest_socket.SocketConnectBlockedError as blocked:  # a RuntimeError: as an
            raise NetworkRefused(str(blocked)) from None  # OSError, the network is just down

    socket.socket.connect = connect  # type: ignore[method-assign]


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


@pytest.fixture(scope="session")
def real_llm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[llm_server.LlamaServer]:
    """llama.cpp's OpenAI-compatible server with SmolLM2-135M-Instruct, one for the session
    (start-up loads the model: a few seconds). Its log is in the session's tmp directory. A
    test that needs it skips without it, but fails under CI=true (CI installs it first)."""
    reason = llm_server.missing()
    if reason:
        lacking(reason)
    with llm_server.llm_server(tmp_path_factory.mktemp("llm-server")) as server:
        yield server


@pytest.fixture
def serve() -> Iterator[Servers]:
    """Start scripted OpenAI-compatible loopback servers: `serve.start([text(...), ...])`."""
    servers = Servers()
    yield servers
    servers.close()


@pytest.fixture
def shared_stack(tmp_path: Path) -> Iterator[SharedStack]:
    """A throwaway PostgreSQL and a real `chroma run`: the shared deployment, for one test.
    Skips without Debian's postgresql package or the chroma CLI (fails under CI=true)."""
    from benchmarks.harness import chroma_server, postgres
    from benchmarks.harness.shared_stack import shared_stack as start

    ready, reason = postgres.available()
    if not ready:
        lacking(reason)
    if not chroma_server.available():
        lacking(f"needs the chroma CLI at {chroma_server.CHROMA}")
    with start(tmp_path / "stack") as stack:
        yield stack
