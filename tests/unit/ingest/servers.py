"""Loopback HTTP servers for tests: static documents and an OpenAI-compatible /v1/embeddings."""

from __future__ import annotations

import json
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = tuple[int, str, bytes]  # status, content type, body


@contextmanager
def serve(handler: Callable[[str, str, bytes], Route]) -> Iterator[str]:
    """Serve `handler(method, path, body)` on 127.0.0.1; yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, method: str) -> None:
            length = int(self.headers.get("content-length") or 0)
            status, content_type, body = handler(method, self.path, self.rfile.read(length))
            self.send_response(status)
            self.send_header("content-type", content_type)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._answer("GET")

        def do_POST(self) -> None:
            self._answer("POST")

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def static_site(pages: dict[str, tuple[str, bytes]]) -> Callable[[str, str, bytes], Route]:
    """{path: (content type, body)}; anything else is a 404."""

    def handle(method: str, path: str, body: bytes) -> Route:
        if path in pages:
            content_type, content = pages[path]
            return 200, content_type, content
        return 404, "text/plain", b"not found"

    return handle


def fake_embeddings(
    dim: int = 8, calls: list[list[str]] | None = None
) -> Callable[[str, str, bytes], Route]:
    """An OpenAI-compatible embeddings endpoint returning deterministic vectors."""

    def vector(text: str) -> list[float]:
        seed = zlib.crc32(text.encode("utf-8"))
        return [((seed >> i) % 7) - 3.0 + 0.5 for i in range(dim)]

    def handle(method: str, path: str, body: bytes) -> Route:
        if method != "POST" or not path.endswith("/embeddings"):
            return 404, "application/json", b'{"error": {"message": "not found"}}'
        request = json.loads(body)
        texts = request["input"] if isinstance(request["input"], list) else [request["input"]]
        if calls is not None:
            calls.append(texts)
        data = [
            {"object": "embedding", "index": i, "embedding": vector(t)} for i, t in enumerate(texts)
        ]
        payload = {
            "object": "list",
            "data": data,
            "model": request["model"],
            "usage": {"prompt_tokens": 1, "total_tokens": 1},
        }
        return 200, "application/json", json.dumps(payload).encode()

    return handle
