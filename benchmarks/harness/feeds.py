"""RSS feeds served on loopback, changeable while served: what the watch tests and the watch
benchmark subscribe to (no feed on the internet is ever reached).

    with FeedServer() as server:
        server.feeds["/markets.xml"] = rss("Markets", [FeedItem("a", "Small caps rally", "...")])
        url = server.url("/markets.xml")     # any other path answers 404
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from xml.sax.saxutils import escape

HOST = "127.0.0.1"


@dataclass(frozen=True)
class FeedItem:
    slug: str  # the item's link is https://news.example/<slug>: its article id
    title: str
    text: str
    published: dt.date = dt.date(2026, 1, 22)


def rss(channel: str, items: list[FeedItem]) -> bytes:
    """An RSS 2.0 document of the items."""
    entries = "".join(
        f"<item><title>{escape(i.title)}</title>"
        f"<link>https://news.example/{escape(i.slug)}</link>"
        f"<guid>https://news.example/{escape(i.slug)}</guid>"
        f"<pubDate>{format_datetime(dt.datetime.combine(i.published, dt.time(12), dt.UTC))}"
        f"</pubDate><description>{escape(i.text)}</description></item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(channel)}</title><link>https://news.example/</link>"
        f"<description>{escape(channel)}</description>{entries}</channel></rss>"
    ).encode()


class FeedServer:
    """A loopback HTTP server of `feeds` ({path: RSS bytes}); it counts the requests."""

    def __init__(self) -> None:
        self.feeds: dict[str, bytes] = {}
        self.requests = 0
        feeds, server = self.feeds, self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests += 1
                body = feeds.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("content-type", "application/rss+xml" if body else "text/plain")
                content = body if body is not None else b"not found"
                self.send_header("content-length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, *args: object) -> None:
                pass

        self._http = ThreadingHTTPServer((HOST, 0), Handler)
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self._http.server_address[1]}{path}"

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._http.shutdown()
        self._http.server_close()
