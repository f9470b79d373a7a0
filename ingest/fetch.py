"""Fetching URLs (pages, PDFs, feeds) over HTTP, under one deadline for the whole download.

httpx's timeouts apply per read, so a server that trickles bytes could hold a download for
ever; the loop below also stops at the overall deadline and at the size limit. Redirects are
followed here, one hop at a time, so each hop passes the URL guard (`ingest.urlguard`) before
a request is sent to it, and the address each connection actually reached is checked before
the request goes out on it.
"""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from ingest.errors import FetchError, URLRefused
from ingest.urlguard import Resolver, check_address, check_url

USER_AGENT = "marketbrief/0.1 (+https://github.com/marketbrief; research assistant)"
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Fetched:
    """A downloaded document: its bytes, where it ended up, and what the server said it is."""

    url: str
    data: bytes
    content_type: str = ""
    charset: str | None = None


class Fetcher(Protocol):
    def __call__(self, url: str, *, max_bytes: int) -> Fetched: ...


def _behind_proxy(url: str) -> bool:
    """True when the environment sends this URL through an HTTP proxy (as httpx will)."""
    host = urlsplit(url).hostname or ""
    scheme = urlsplit(url).scheme
    return scheme in urllib.request.getproxies() and not urllib.request.proxy_bypass(host)


class HttpFetcher:
    """GET with checked redirects, a total deadline and a size cap; every failure is a
    FetchError (or URLRefused) with a one-line reason (refused, unreachable, timed out, HTTP
    status). Private, loopback and link-local addresses are refused unless `allow_private`."""

    def __init__(
        self,
        timeout_s: float = 10.0,
        *,
        allow_private: bool = False,
        resolve: Resolver | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.timeout_s = timeout_s
        self.allow_private = allow_private
        self._resolve = resolve  # None: socket.getaddrinfo at call time
        self._transport = transport  # tests: httpx.MockTransport

    def __call__(self, url: str, *, max_bytes: int) -> Fetched:
        check_url(url, allow_private=self.allow_private, resolve=self._resolve)
        deadline = time.monotonic() + self.timeout_s
        try:
            with httpx.Client(
                timeout=self.timeout_s,
                follow_redirects=False,
                headers={"User-Agent": USER_AGENT},
                transport=self._transport,
            ) as client:
                return self._get(client, url, deadline, max_bytes)
        except httpx.HTTPStatusError as error:
            raise FetchError(f"{url} answered HTTP {error.response.status_code}") from None
        except httpx.TimeoutException:
            raise FetchError(f"{url} did not answer within {self.timeout_s:g}s") from None
        except httpx.ConnectError as error:
            raise FetchError(f"{url} is refused or unreachable ({error})") from None
        except (httpx.HTTPError, OSError) as error:
            raise FetchError(
                f"{url} could not be fetched ({type(error).__name__}: {error})"
            ) from None

    def _get(self, client: httpx.Client, url: str, deadline: float, max_bytes: int) -> Fetched:
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            request = client.build_request(
                "GET", current, extensions={"trace": self._peer_check(current)}
            )
            response = client.send(request, stream=True)
            try:
                if response.is_redirect and response.next_request is not None:
                    current = str(response.next_request.url)
                    self._check_redirect(current)
                    continue
                response.raise_for_status()
                data = self._read(response, deadline, max_bytes)
                content_type = response.headers.get("content-type", "")
                return Fetched(str(response.url), data, content_type, response.charset_encoding)
            finally:
                response.close()
        raise FetchError(f"{url} redirected more than {MAX_REDIRECTS} times")

    def _check_redirect(self, url: str) -> None:
        try:
            check_url(url, allow_private=self.allow_private, resolve=self._resolve)
        except URLRefused as refused:
            raise URLRefused(f"{refused} (a redirect to {url})", remedy=refused.remedy) from None

    def _peer_check(self, url: str) -> Callable[[str, dict[str, Any]], None]:
        """An httpcore trace hook: once the TCP connection is made, and before the request is
        sent on it, the address connected to must pass the guard too (DNS rebinding)."""
        host = urlsplit(url).hostname or ""
        skip = self.allow_private or _behind_proxy(url)

        def trace(event: str, info: dict[str, Any]) -> None:
            if skip or event != "connection.connect_tcp.complete":
                return
            stream = info.get("return_value")
            peer = stream.get_extra_info("server_addr") if stream is not None else None
            if peer:
                check_address(host, str(peer[0]))

        return trace

    def _read(self, response: httpx.Response, deadline: float, max_bytes: int) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{response.url} is larger than {max_bytes:,} bytes")
            if time.monotonic() > deadline:
                raise FetchError(f"{response.url} took longer than {self.timeout_s:g}s to download")
            chunks.append(chunk)
        return b"".join(chunks)
