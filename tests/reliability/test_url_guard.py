"""URL ingest refuses file://, loopback, link-local and private addresses unless allowed (SSRF).

Every refusal happens before a byte is sent: the loopback server below counts its requests.
Host names are resolved through a stub resolver where the test needs a name to point at a
given address; DNS rebinding is simulated by a resolver whose second answer differs from its
first (the check sees a public address, the connection lands on loopback).
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.locale import hint
from ingest.errors import URLRefused
from ingest.fetch import HttpFetcher
from ingest.pipeline import ingest_sources
from tests.cli_runner import run_cli
from tests.unit.ingest.conftest import open_index
from tests.unit.ingest.servers import serve, static_site

PUBLIC = "93.184.216.34"  # example.com's old address: global, never actually contacted
PAGE = (
    b"<html><head><title>Outlook</title></head><body><article><h1>Outlook</h1>"
    + (b"<p>Small caps led the market this week as yields fell and breadth improved.</p>" * 8)
    + b"</article></body></html>"
)


def resolver(table: dict[str, list[str]]) -> Callable[..., list[tuple[Any, ...]]]:
    def resolve(host: str, port: int, **_: object) -> list[tuple[Any, ...]]:
        if host not in table:
            raise socket.gaierror(f"unknown host {host}")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in table[host]]

    return resolve


@pytest.fixture
def counted() -> Iterator[tuple[str, list[str]]]:
    """A loopback site that records every path it is asked for."""
    seen: list[str] = []
    site = static_site({"/page": ("text/html", PAGE)})

    def handle(method: str, path: str, body: bytes) -> tuple[int, str, bytes]:
        seen.append(path)
        return site(method, path, body)

    with serve(handle) as base:
        yield base, seen


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://127.0.0.1/x", "127.0.0.1 is a loopback address"),
        ("http://127.1.2.3/x", "127.1.2.3 is a loopback address"),
        ("http://localhost/x", "localhost is a loopback address"),
        ("http://api.localhost/x", "api.localhost is a loopback address"),
        ("http://[::1]/x", "::1 is a loopback address"),
        ("http://[::ffff:127.0.0.1]/x", "is a loopback address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://[fe80::1]/x", "fe80::1 is a link-local address"),
        ("http://10.1.2.3/x", "10.1.2.3 is a private address"),
        ("http://172.16.0.9/x", "172.16.0.9 is a private address"),
        ("http://172.31.255.1/x", "172.31.255.1 is a private address"),
        ("http://192.168.1.1/x", "192.168.1.1 is a private address"),
        ("http://[fc00::1]/x", "fc00::1 is a private address"),
        ("http://[fd12:3456::1]/x", "fd12:3456::1 is a private address"),
        ("http://0.0.0.0/x", "0.0.0.0 is a private address"),
        ("http://100.64.0.1/x", "100.64.0.1 is not a public address"),
        ("file:///etc/passwd", "file:// URLs are not fetched"),
        ("ftp://example.com/a.txt", "ftp:// URLs are not fetched"),
    ],
)
def test_refused_before_anything_is_sent(url: str, why: str) -> None:
    fetch = HttpFetcher(2, resolve=resolver({}))
    with pytest.raises(URLRefused, match="refused") as refused:
        fetch(url, max_bytes=10_000)
    assert why in str(refused.value)
    # the library states the facts and names the remedy; each edge words it for its reader
    assert "--allow-private" not in str(refused.value)
    remedy = {"http": "allow_private", "file": "add_file"}.get(url.split(":")[0])
    assert refused.value.remedy == remedy


def test_a_name_is_refused_when_any_of_its_addresses_is_private() -> None:
    fetch = HttpFetcher(2, resolve=resolver({"intranet.example": [PUBLIC, "10.0.0.5"]}))
    with pytest.raises(URLRefused, match=r"intranet.example \(10.0.0.5\) is a private address"):
        fetch("https://intranet.example/report", max_bytes=10_000)


def test_a_public_name_is_fetched() -> None:
    seen: list[str] = []

    def app(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, content=PAGE, headers={"content-type": "text/html"})

    fetch = HttpFetcher(
        2, resolve=resolver({"news.example": [PUBLIC]}), transport=httpx.MockTransport(app)
    )
    assert fetch("https://news.example/a", max_bytes=100_000).data == PAGE
    assert seen == ["https://news.example/a"]


def test_every_redirect_hop_is_checked_before_it_is_followed() -> None:
    seen: list[str] = []

    def app(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.host == "news.example":
            return httpx.Response(302, headers={"location": "http://169.254.169.254/latest/"})
        return httpx.Response(200, content=b"secret")

    fetch = HttpFetcher(
        2, resolve=resolver({"news.example": [PUBLIC]}), transport=httpx.MockTransport(app)
    )
    with pytest.raises(URLRefused, match=r"link-local address.*a redirect to http://169.254") as e:
        fetch("https://news.example/story", max_bytes=100_000)
    assert e.value.remedy == "allow_private"
    assert seen == ["https://news.example/story"]  # the metadata endpoint was never asked


def test_dns_rebinding_is_caught_at_the_connected_address(
    counted: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    base, seen = counted
    port = int(base.rsplit(":", 1)[1])
    real = socket.getaddrinfo
    answers = iter([[PUBLIC], ["127.0.0.1"]])  # the check sees a public address, then not

    def rebinding(host: str, *args: Any, **kwargs: Any) -> Any:
        if host == "rebind.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in next(answers)]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(URLRefused, match=r"rebind.example \(127.0.0.1\) is a loopback address"):
        HttpFetcher(2)(f"http://rebind.example:{port}/page", max_bytes=100_000)
    assert seen == []  # refused once connected, before the request was sent


def test_allowed_private_urls_are_fetched(counted: tuple[str, list[str]]) -> None:
    base, seen = counted
    fetched = HttpFetcher(2, allow_private=True)(f"{base}/page", max_bytes=100_000)
    assert fetched.data == PAGE and seen == ["/page"]


def test_the_pipeline_reports_a_refusal_and_ingests_the_rest(
    counted: tuple[str, list[str]], tmp_path: Path
) -> None:
    base, seen = counted
    good = tmp_path / "note.md"
    good.write_text("# Note\n\nSmall caps rallied 3% this week as yields fell.\n")
    index = open_index(tmp_path / "library")
    try:
        report = ingest_sources(
            [f"{base}/page", "file:///etc/passwd", str(good)], index, fetch=HttpFetcher(2)
        )
    finally:
        index.close()
    assert report.added == 1 and seen == []
    reasons = {e["path"]: e["reason"] for e in report.errors}
    assert "127.0.0.1 is a loopback address" in reasons[f"{base}/page"]
    assert "file:// URLs are not fetched" in reasons["file:///etc/passwd"]
    assert sorted(report.remedies) == ["add_file", "allow_private"]  # each named once


def test_cli_refuses_with_one_line_and_exit_2(
    counted: tuple[str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    base, seen = counted
    result = run_cli(capsys, "ingest", f"{base}/page")
    assert result.exit_code == 2 and seen == []
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: could not ingest {base}/page: refused: 127.0.0.1 is")
    assert result.stderr.endswith(f"({hint('allow_private', 'cli')})\n")
    assert "--allow-private" in result.stderr


def test_cli_words_each_remedy_once(
    counted: tuple[str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    base, seen = counted
    result = run_cli(
        capsys, "ingest", f"{base}/page", f"{base}/other", "file:///etc/passwd", "--json"
    )
    assert result.exit_code == 2 and seen == []
    assert result.stderr.count("\n") == 1
    for remedy in ("allow_private", "add_file"):
        assert result.stderr.count(hint(remedy, "cli")) == 1
    assert "MARKETBRIEF_ALLOW_PRIVATE_URLS" in result.stderr  # the setting works too


@pytest.mark.parametrize("how", ["flag", "setting"])
def test_cli_allows_private_urls_when_asked(
    how: str,
    counted: tuple[str, list[str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    base, seen = counted
    args = ["ingest", f"{base}/page", "--json"]
    if how == "flag":
        args.append("--allow-private")
    else:
        monkeypatch.setenv("MARKETBRIEF_ALLOW_PRIVATE_URLS", "true")
    result = run_cli(capsys, *args)
    assert result.exit_code == 0, result.stderr
    assert result.json()["added"] == 1 and seen == ["/page"]
