"""A scripted OpenAI-compatible chat server on 127.0.0.1: a test double of an LLM endpoint.

Like pydantic-ai's TestModel, it ships with the product so the tests and the benchmarks (and
anyone trying LLM mode without a model) drive LLM mode end to end without a network. The real
`openai` client (inside `ChatOpenAI`) talks to it over HTTP, so retries, timeouts, streaming
(SSE) and tool calls are exercised exactly as against OpenAI, Ollama, vLLM or llama.cpp. It
needs only the standard library and our token estimate. Each request takes the next
scripted reply:

    with LoopbackOpenAI([tool_calls(...), text("## 综合分析 ...")]) as server:
        settings = load_settings(openai_base_url=server.base_url)

Replies: `text` (plain or streamed, as the request asks; optionally with reasoning sent apart
as `reasoning_content`, as reasoning models do), `tool_calls` (`raw_tool_calls` sends
the arguments string verbatim, e.g. malformed JSON), `status` (an HTTP error such as 401, 429 or
500, with a retry-after-ms header so client retries are immediate; its message may echo the
caller's key, as some endpoints do) and `hang` (the handler waits on an Event the server sets
when it shuts down: a timeout without sleeps).
Structured output (`with_structured_output`) needs nothing more: a request with a
`response_format` of type `json_schema` is answered by a `text` reply holding the JSON, and one
forcing a function call (`tool_choice`) by a `tool_calls` reply naming that function.
Every request body is kept in `requests`. Usage is reported as the script says, or estimated
from the request (a CJK character ~ 1 token, 4 other characters ~ 1 token).
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from assistant.llm.call import estimate_tokens


@dataclass(frozen=True)
class Reply:
    kind: str  # "text", "tool_calls", "status", "hang"
    content: str = ""
    calls: tuple[tuple[str, dict[str, Any]], ...] = ()
    status: int = 200
    prompt_tokens: int | None = None  # None: estimated from the request
    message: str = ""  # a status reply's error message; "{key}" becomes the caller's API key
    raw_calls: tuple[tuple[str, str], ...] = ()  # tool calls whose arguments are sent as is
    headers: dict[str, str] | None = None  # a status reply's headers (default: retry-after-ms 1)
    reasoning: str = ""  # sent first as `reasoning_content`, as DeepSeek, vLLM and Ollama do


def text(content: str, prompt_tokens: int | None = None, reasoning: str = "") -> Reply:
    return Reply("text", content=content, prompt_tokens=prompt_tokens, reasoning=reasoning)


def tool_calls(*calls: tuple[str, dict[str, Any]], prompt_tokens: int | None = None) -> Reply:
    return Reply("tool_calls", calls=tuple(calls), prompt_tokens=prompt_tokens)


def status(code: int, message: str = "") -> Reply:
    return Reply("status", status=code, message=message)


def raw_tool_calls(*calls: tuple[str, str]) -> Reply:
    """Tool calls with the arguments string sent verbatim (e.g. malformed JSON)."""
    return Reply("tool_calls", raw_calls=tuple(calls))


def hang() -> Reply:
    return Reply("hang")


@dataclass
class LoopbackOpenAI:
    script: Sequence[Reply]
    requests: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._replies = iter(self.script)
        self._lock = threading.Lock()
        self.release = threading.Event()
        self._ids = itertools.count(1)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def __enter__(self) -> LoopbackOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()  # let hanging handlers finish
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def next_reply(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            self.requests.append(body)
            return next(self._replies, text("## Comprehensive analysis\nThe script ran out."))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if not self.path.endswith("/chat/completions"):
                    self._json(404, {"error": {"message": "not found"}})
                    return
                reply = server.next_reply(body)
                if reply.kind == "hang":
                    server.release.wait()
                    return
                if reply.kind == "status":
                    key = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
                    message = reply.message.replace("{key}", key) or f"scripted {reply.status}"
                    self._json(
                        reply.status,
                        {"error": {"message": message, "type": "server_error"}},
                        {"retry-after-ms": "1"} if reply.headers is None else reply.headers,
                    )
                    return
                if body.get("stream"):
                    self._stream(reply, body)
                else:
                    self._json(200, server.completion(reply, body))

            def _json(
                self, code: int, payload: dict[str, Any], headers: dict[str, str] | None = None
            ) -> None:
                data = json.dumps(payload).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, reply: Reply, body: dict[str, Any]) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                for chunk in server.chunks(reply, body):
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

        return Handler

    # -- payloads -------------------------------------------------------------------------------

    def _usage(self, reply: Reply, body: dict[str, Any]) -> dict[str, int]:
        prompt = reply.prompt_tokens
        if prompt is None:
            prompt = estimate_tokens(json.dumps([body.get("messages"), body.get("tools")],
                                                ensure_ascii=False))  # fmt: skip
        completion = max(1, estimate_tokens(reply.content))
        return {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        }

    def _calls(self, reply: Reply) -> list[dict[str, Any]]:
        calls = [(name, json.dumps(args, ensure_ascii=False)) for name, args in reply.calls]
        return [
            {
                "id": f"call_{next(self._ids)}",
                "type": "function",
                "function": {"name": name, "arguments": arguments},
            }
            for name, arguments in [*calls, *reply.raw_calls]
        ]

    def completion(self, reply: Reply, body: dict[str, Any]) -> dict[str, Any]:
        message: dict[str, Any] = {"role": "assistant", "content": reply.content or None}
        if reply.reasoning:
            message["reasoning_content"] = reply.reasoning
        if reply.calls or reply.raw_calls:
            message["tool_calls"] = self._calls(reply)
        return {
            "id": f"chatcmpl-{next(self._ids)}",
            "object": "chat.completion",
            "created": 0,
            "model": "loopback",
            "choices": [
                {
                    "index": 0,
                    "message": message,
                    "finish_reason": "tool_calls" if reply.calls or reply.raw_calls else "stop",
                }
            ],
            "usage": self._usage(reply, body),
        }

    def chunks(self, reply: Reply, body: dict[str, Any]) -> list[dict[str, Any]]:
        base = {"id": f"chatcmpl-{next(self._ids)}", "object": "chat.completion.chunk",
                "created": 0, "model": "loopback"}  # fmt: skip

        def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
            return {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

        out = [chunk({"role": "assistant", "content": ""})]
        thoughts = [reply.reasoning[i : i + 12] for i in range(0, len(reply.reasoning), 12)]
        out += [chunk({"reasoning_content": piece}) for piece in thoughts]
        pieces = [reply.content[i : i + 12] for i in range(0, len(reply.content), 12)]
        out += [chunk({"content": piece}) for piece in pieces]
        for i, call in enumerate(self._calls(reply)):
            out.append(chunk({"tool_calls": [{"index": i, **call}]}))
        out.append(chunk({}, "tool_calls" if reply.calls or reply.raw_calls else "stop"))
        if (body.get("stream_options") or {}).get("include_usage"):
            out.append({**base, "choices": [], "usage": self._usage(reply, body)})
        return out


class Servers:
    """Loopback servers started by one test, all shut down at its end (the `serve` fixture)."""

    def __init__(self) -> None:
        self.started: list[LoopbackOpenAI] = []

    def start(self, script: Sequence[Reply]) -> LoopbackOpenAI:
        server = LoopbackOpenAI(script).__enter__()
        self.started.append(server)
        return server

    def close(self) -> None:
        for server in self.started:
            server.__exit__()
