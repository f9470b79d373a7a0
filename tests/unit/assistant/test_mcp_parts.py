"""The MCP server's parts that need no process: where it may listen, the bearer check, the
tools' words and limits (the whole server is tested in tests/integration/test_mcp.py)."""

from __future__ import annotations

from typing import Any

import anyio
import pytest
from mcp import Client

from assistant.errors import ConfigError
from assistant.llm.tools import MAX_K
from assistant.mcp import args, describe
from assistant.mcp.auth import BearerAuth, check_binding, is_loopback
from assistant.mcp.backend import Backend
from assistant.mcp.server import build_server
from assistant.prompts import tool_descriptions
from assistant.settings import load_settings


def test_the_passage_limit_is_the_agents_own() -> None:
    assert args.MAX_K == MAX_K


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True),
     ("localhost", True), ("0.0.0.0", False), ("::", False), ("192.168.1.5", False),
     ("example.com", False), ("", False)],
)  # fmt: skip
def test_loopback_is_this_machine_only(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_beyond_loopback_a_token_is_required() -> None:
    check_binding("127.0.0.1", None)
    check_binding("0.0.0.0", "a-token-of-some-length")
    with pytest.raises(ConfigError, match="MARKETBRIEF_MCP_TOKEN"):
        check_binding("0.0.0.0", None)
    with pytest.raises(ConfigError, match="too short \\(6 characters\\): use at least 16"):
        check_binding("127.0.0.1", "s3cret")


@pytest.mark.parametrize(
    ("headers", "allowed"),
    [([(b"authorization", b"Bearer s3cret-token")], True),
     ([(b"Authorization", b"bearer s3cret-token ")], True),
     ([(b"authorization", b"Bearer s3cret-tokem")], False),
     ([(b"authorization", b"Bearer s3cret-token-and-more")], False),
     ([(b"authorization", b"Basic s3cret-token")], False),
     ([(b"authorization", b"s3cret-token")], False),
     ([], False)],
)  # fmt: skip
def test_the_bearer_check(headers: list[tuple[bytes, bytes]], allowed: bool) -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:  # pragma: no cover
        raise AssertionError("not reached")

    assert BearerAuth(app, "s3cret-token").allows({"type": "http", "headers": headers}) is allowed


def test_the_shared_tools_read_the_words_our_agent_reads() -> None:
    server = build_server(Backend(load_settings()))

    async def listed() -> dict[str, Any]:
        async with Client(server) as client:
            return {tool.name: tool for tool in (await client.list_tools()).tools}

    tools = anyio.run(listed)
    for shared in tool_descriptions():
        tool = tools[shared.name]
        assert tool.description == shared.description
        for name, words in shared.args.items():
            assert tool.input_schema["properties"][name]["description"] == words
        assert "as_of" in tool.input_schema["properties"]
    for name in ("ask", "research_plan", "research_run", "library_add"):
        assert tools[name].description == describe.tool(name).description
