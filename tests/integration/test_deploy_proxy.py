"""deploy/: the proxy config under a real nginx, and the shape of the compose file.

nginx is Debian's package (CI installs `nginx` with .ci/apt-packages). The test changes only
the two lines deploy/nginx.conf marks `# test:`: nginx listens on a free loopback port (with
its temporary files in its own folder rather than /var/lib/nginx), and two loopback servers
stand in for the `app` replicas, since compose's DNS name exists only inside compose (and
Debian's nginx predates `resolve`). A stand-in answers with its name and the headers it was
given, and sets nothing itself: any cookie comes from nginx.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.metadata import version
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from assistant.settings import Settings
from benchmarks.harness.loopback import HOST, free_port, stop, wait_until_ready
from benchmarks.harness.paths import ROOT
from ingest.database.url import check_database_url
from tests.machine import lacking

pytestmark = pytest.mark.integration

DEPLOY = ROOT / "deploy"
ROUTE_COOKIE = "mb_route"
SEEN = ("Host", "Upgrade", "Connection", "X-Forwarded-Email")  # headers a stand-in reports
TEMP_PATHS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")  # nginx creates all five
STARTUP_S = 15.0
DEPLOYMENT_SETTINGS = {
    *(f"MARKETBRIEF_{name}" for name in ("DATABASE_URL", "CHROMA_HOST", "CHROMA_PORT", "HOME")),
    *(f"MARKETBRIEF_{name}" for name in ("AUTH", "AUTH_HEADER", "MODEL")),
    *(f"MARKETBRIEF_OIDC_{name}" for name in ("CLIENT_ID", "CLIENT_SECRET", "COOKIE_SECRET")),
    *(f"MARKETBRIEF_OIDC_{name}" for name in ("SERVER_METADATA_URL", "REDIRECT_URI")),
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
}


# -- the stand-in replicas ------------------------------------------------------------------


class Replica(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, name: str) -> None:
        super().__init__((HOST, 0), ReplicaHandler)
        self.name = name
        self.port = int(self.server_address[1])


class ReplicaHandler(BaseHTTPRequestHandler):
    """Answers with JSON: its replica's name and the SEEN headers. An Upgrade request gets 101,
    and the JSON (with the first line the client sent through the tunnel) after it."""

    protocol_version = "HTTP/1.1"
    server: Replica

    def seen(self) -> dict[str, object]:
        return {"replica": self.server.name} | {name: self.headers.get(name) for name in SEEN}

    def do_GET(self) -> None:
        if not self.headers.get("Upgrade"):
            self.answer(self.seen())
            return
        self.send_response(101)
        self.send_header("Upgrade", self.headers["Upgrade"])
        self.send_header("Connection", "Upgrade")
        self.end_headers()
        echo = self.rfile.readline().decode().strip()
        self.wfile.write(json.dumps(self.seen() | {"echo": echo}).encode() + b"\n")
        self.close_connection = True

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        self.answer(self.seen() | {"received": len(self.rfile.read(length))})

    def answer(self, seen: dict[str, object]) -> None:
        body = json.dumps(seen).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def replicas() -> Iterator[list[Replica]]:
    started = [Replica("replica-a"), Replica("replica-b")]
    for replica in started:
        threading.Thread(target=replica.serve_forever, daemon=True).start()
    yield started
    for replica in started:
        replica.shutdown()
        replica.server_close()


# -- nginx ----------------------------------------------------------------------------------


def nginx_binary() -> str:
    found = shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
    )
    if not found:
        lacking("needs nginx (Debian package `nginx`) to check deploy/nginx.conf")
    return found


def render(config: str, listen: int, replicas: list[int]) -> str:
    """deploy/nginx.conf with each line marked `# test:` (there must be exactly one of each)
    replaced, at its indentation."""
    replacements = {
        "# test: listen": [
            f"listen {HOST}:{listen};",
            *(f"{kind}_temp_path {kind}_temp;" for kind in TEMP_PATHS),
        ],
        "# test: replicas": [f"server {HOST}:{port};" for port in replicas],
    }
    lines = config.splitlines()
    for marker, new in replacements.items():
        found = [i for i, line in enumerate(lines) if line.rstrip().endswith(marker)]
        assert len(found) == 1, f"deploy/nginx.conf needs one line marked {marker!r}"
        line = lines[found[0]]
        indent = line[: len(line) - len(line.lstrip())]
        lines[found[0]] = "\n".join(indent + text for text in new)
    return "\n".join(lines) + "\n"


def nginx_command(nginx: str, prefix: Path, config: Path, *flags: str) -> list[str]:
    settings = f"daemon off; pid {prefix / 'nginx.pid'};"
    if os.geteuid() == 0:  # else its workers would run as nobody, shut out of the 0700 tmp folder
        settings += " user root;"
    return [
        nginx, *flags, "-p", f"{prefix}/", "-c", str(config),
        "-e", str(prefix / "startup.log"), "-g", settings,
    ]  # fmt: skip


def rendered(prefix: Path, listen: int, replicas: list[int]) -> Path:
    path = prefix / "nginx.conf"
    path.write_text(render((DEPLOY / "nginx.conf").read_text(), listen, replicas))
    return path


@dataclass
class Proxy:
    port: int

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"


@pytest.fixture(scope="module")
def proxy(tmp_path_factory: pytest.TempPathFactory, replicas: list[Replica]) -> Iterator[Proxy]:
    nginx = nginx_binary()
    prefix = tmp_path_factory.mktemp("nginx")
    port = free_port()
    config = rendered(prefix, port, [replica.port for replica in replicas])
    log = prefix / "nginx.log"  # the config logs to stdout and stderr, as a container does
    with log.open("wb") as out:
        process = subprocess.Popen(
            nginx_command(nginx, prefix, config), stdout=out, stderr=subprocess.STDOUT
        )
    try:
        wait_until_ready(
            process, f"{Proxy(port).url}/", "nginx", STARTUP_S, lambda: log.read_text()[-3000:]
        )
        yield Proxy(port)
    finally:
        stop(process)


def test_nginx_accepts_the_config(tmp_path: Path) -> None:
    nginx = nginx_binary()
    config = rendered(tmp_path, free_port(), [free_port(), free_port()])
    result = subprocess.run(
        nginx_command(nginx, tmp_path, config, "-t"), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_nginx_accepts_the_shipped_config_where_it_can_resolve(tmp_path: Path) -> None:
    """The file as compose mounts it, `server app:8501 resolve` included, where nginx is new
    enough to know `resolve` (names are resolved at run time, so `app` need not exist)."""
    nginx = nginx_binary()
    shown = subprocess.run([nginx, "-v"], capture_output=True, text=True, timeout=30).stderr
    found = re.search(r"nginx/(\d+)\.(\d+)\.(\d+)", shown)
    assert found, shown
    if tuple(map(int, found.groups())) < (1, 27, 3):
        pytest.skip(f"nginx {'.'.join(found.groups())} predates `resolve` (1.27.3)")
    result = subprocess.run(
        nginx_command(nginx, tmp_path, DEPLOY / "nginx.conf", "-t"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


# -- what the config claims -----------------------------------------------------------------


def test_each_browser_keeps_reaching_one_replica(proxy: Proxy) -> None:
    """From its first request on: ten browsers, so a first request routed apart from the rest
    (half the time, when it is not hashed on the cookie it is given) cannot pass by luck."""
    with httpx.Client(base_url=proxy.url) as browser:
        for _ in range(10):
            browser.cookies.clear()  # a new browser
            first = browser.get("/")
            assert f"{ROUTE_COOKIE}=" in first.headers["set-cookie"]
            later = [browser.get("/") for _ in range(19)]
            assert {r.json()["replica"] for r in later} == {first.json()["replica"]}
            assert all("set-cookie" not in r.headers for r in later)  # set once only


def test_browsers_are_spread_over_the_replicas(proxy: Proxy, replicas: list[Replica]) -> None:
    hits: Counter[str] = Counter()
    with httpx.Client(base_url=proxy.url) as browser:
        for _ in range(40):
            browser.cookies.clear()  # a new browser: no route cookie yet
            hits[browser.get("/").json()["replica"]] += 1
    assert set(hits) == {replica.name for replica in replicas}, hits


def test_a_websocket_is_passed_through_to_the_browsers_replica(proxy: Proxy) -> None:
    with httpx.Client(base_url=proxy.url) as browser:
        home = browser.get("/").json()["replica"]
        route = browser.cookies[ROUTE_COOKIE]
    host = f"{HOST}:{proxy.port}"
    handshake = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        f"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nCookie: {ROUTE_COOKIE}={route}\r\n\r\n"
    )
    with socket.create_connection((HOST, proxy.port), timeout=10) as client:
        client.sendall(handshake.encode())
        reader = client.makefile("rb")
        status = reader.readline()
        assert status.split()[1] == b"101", status
        while reader.readline() not in (b"\r\n", b""):  # the rest of the response head
            pass
        client.sendall(b"through the tunnel\n")
        seen = json.loads(reader.readline())
    assert seen["replica"] == home
    assert seen["Upgrade"] == "websocket"
    assert str(seen["Connection"]).lower() == "upgrade"
    assert seen["echo"] == "through the tunnel"
    assert seen["Host"] == host  # with its port: Streamlit matches it against the Origin


def test_a_browser_cannot_claim_a_signed_in_address(proxy: Proxy) -> None:
    seen = httpx.get(f"{proxy.url}/", headers={"X-Forwarded-Email": "boss@example.com"}).json()
    assert seen["X-Forwarded-Email"] is None


def test_uploads_up_to_200_mb_are_let_through(proxy: Proxy) -> None:
    body = b"x" * (5 * 1024 * 1024)  # past nginx's own 1 MB default
    seen = httpx.post(f"{proxy.url}/_stcore/upload_file", content=body, timeout=30).json()
    assert seen["received"] == len(body)
    too_big = 201 * 1024 * 1024  # refused on its Content-Length, before any of it is sent
    with socket.create_connection((HOST, proxy.port), timeout=10) as client:
        client.sendall(
            f"POST /_stcore/upload_file HTTP/1.1\r\nHost: {HOST}\r\n"
            f"Content-Length: {too_big}\r\n\r\n".encode()
        )
        assert client.makefile("rb").readline().split()[1] == b"413"


# -- compose.yaml and .env.example ------------------------------------------------------------


def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    assert isinstance(loaded, dict)
    return loaded


def interpolate(text: str, values: dict[str, str]) -> str:
    """Compose's ${NAME}, ${NAME:-default} and ${NAME:?error}, enough for the file's URLs."""

    def value(found: re.Match[str]) -> str:
        name, kind, fallback = found.groups()
        return values.get(name) or (fallback if kind == ":-" else "")

    return re.sub(r"\$\{(\w+)(?:(:[-?])([^}]*))?\}", value, text)


def test_compose_runs_the_shared_stack() -> None:
    services = compose()["services"]
    assert {"postgres", "chroma", "app", "proxy"} <= set(services)
    app = services["app"]
    assert app["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
    assert (DEPLOY / "Dockerfile").is_file()
    assert app["deploy"] == {"replicas": "${REPLICAS:-3}"}
    assert "ports" not in app  # replicas cannot share a published port
    assert app["env_file"] == ".env"
    environment = app["environment"]
    assert isinstance(environment, dict)
    assert environment["MARKETBRIEF_CHROMA_HOST"] == "chroma"
    url = interpolate(str(environment["MARKETBRIEF_DATABASE_URL"]), {"POSTGRES_PASSWORD": "pw"})
    assert url == "postgresql://marketbrief:pw@postgres:5432/marketbrief"
    check_database_url(url)  # the product accepts it
    assert app["depends_on"] == {
        "postgres": {"condition": "service_healthy"},
        "chroma": {"condition": "service_healthy"},
    }
    assert "./nginx.conf:/etc/nginx/nginx.conf:ro" in services["proxy"]["volumes"]
    # one API version between the chromadb client uv.lock installs and the server image
    assert services["chroma"]["image"] == f"chromadb/chroma:{version('chromadb')}"


def test_env_example_lists_the_deployment_settings() -> None:
    text = (DEPLOY / ".env.example").read_text()
    named = set(re.findall(r"^#? ?((?:MARKETBRIEF|OPENAI)_\w+)=", text, flags=re.MULTILINE))
    settings = {f"MARKETBRIEF_{name.upper()}" for name in Settings.model_fields}
    assert named - settings == {"OPENAI_API_KEY", "OPENAI_BASE_URL"}  # the standard names
    assert not DEPLOYMENT_SETTINGS - named, DEPLOYMENT_SETTINGS - named


def test_docker_compose_reads_the_file(tmp_path: Path) -> None:
    """`docker compose config` (no engine needed) where the compose plugin is installed."""
    docker = shutil.which("docker")
    if not docker or subprocess.run([docker, "compose", "version"], capture_output=True).returncode:
        pytest.skip("needs the docker compose plugin")
    for name in ("compose.yaml", "nginx.conf", "Dockerfile"):
        shutil.copy(DEPLOY / name, tmp_path / name)
    example = (DEPLOY / ".env.example").read_text()
    filled = example.replace("\nPOSTGRES_PASSWORD=\n", "\nPOSTGRES_PASSWORD=pw\n")
    (tmp_path / ".env").write_text(filled)
    result = subprocess.run(
        [docker, "compose", "-f", str(tmp_path / "compose.yaml"), "config", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    app = json.loads(result.stdout)["services"]["app"]
    assert app["deploy"]["replicas"] == 3
    assert app["environment"]["MARKETBRIEF_AUTH"] == "oidc"  # from .env
    assert app["environment"]["MARKETBRIEF_DATABASE_URL"] == (
        "postgresql://marketbrief:pw@postgres:5432/marketbrief"
    )
