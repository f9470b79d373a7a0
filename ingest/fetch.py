"""Fetching URLs (pages, PDFs, feeds) over HTTP, under one deadline for the whole download.

httpx's timeouts apply per read, so a server that trickles bytes could hold a download for
ever; the loop below also stops at the overall deadline and at the size limit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

import httpx

from ingest.errors import FetchError

USER_AGENT = "marketbrief/0.1 (+https://github.com/marketbrief; research assistant)"


@dataclass(frozen=True)
class Fetched:
    """A downloaded document: its bytes, where it ended up, and what the server said it is."""

    url: str
    data: bytes
    content_type: str = ""
    charset: str | None = None


class Fetcher(Protocol):
    def __call__(self, url: str, *, max_bytes: int) -> Fetched: ...


class HttpFetcher:
    """GET with redirects, a total deadline and a size cap; every failure is a FetchError
    with a one-line reason (refused, unreachable, timed out, HTTP status)."""

    def __init__(self, timeout_s: float = 10.0) -> None:
        self.timeout_s = timeout_s

    def __call__(self, url: str, *, max_bytes: int) -> Fetched:
        deadline = time.monotonic() + self.timeout_s
        try:
            with (
                httpx.Client(
                    timeout=self.timeout_s,
                    follow_redirects=True,
                    headers={"User-Agent": USER_AGENT},
                ) as client,
                client.stream("GET", url) as response,
            ):
                response.raise_for_status()
                data = self._read(response, deadline, max_bytes)
                content_type = response.headers.get("content-type", "")
                return Fetched(str(response.url), data, content_type, response.charset_encoding)
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
