"""`marketbrief mcp` as another agent meets it: the real command in a subprocess, spoken to with
the official SDK's own client, over stdio and over streamable HTTP.

Every tool is called, bad arguments come back as one-line tool errors (never a crash), a hostile
article added through `library_add` is neither obeyed nor able to pull out a configured key,
the resources are read, and HTTP asks for the bearer token (401 without it, on loopback too).

The servers are separate processes, so the test's network guard does not reach them: their
prices come from the imported CSVs only (no refresh), and every outbound request they could
make goes to a dead loopback proxy. The key they are given is fake, and every answer is asked
offline.
"""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
import httpx
import httpx2
import pytest
from mcp import Client, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError
from mcp.types import CallToolResult

from assistant import services
from assistant.llm.injection import normalise_for_matching
from assistant.settings import load_settings
from benchmarks.harness import processes
from benchmarks.harness.paths import FIXTURES, SHARED
from ingest.pipeline import ingest_sources
from tests.cli_runner import run_cli
from tests.secrets import FAKE_KEY, assert_no_secret

pytestmark = pytest.mark.integration

TOKEN = "mcp-test-token-4b1d9e0c7a52"
TOOLS = {
    "search_commentary", "index_returns", "sector_scores", "quotes", "macro", "ask",
    "research_plan", "research_run", "library_add",
}  # fmt: skip
INJECTION = FIXTURES / "injection"
HOSTILE_FILES = ["en_ignore_previous.md", "en_env_vars.md", "en_system_prompt.md", "zh_ignore.md"]
MANIFEST: dict[str, list[str]] = json.loads((INJECTION / "manifest.json").read_text("utf-8"))
DEAD_PROXY = "http://127.0.0.1:9"  # nothing listens there: any outbound request fails at once
SERVER_ENV = {
    "MARKETBRIEF_PRICE_REFRESH_AFTER_HOURS": "1000000",  # the imported closes only
    "MARKETBRIEF_NETWORK_TIMEOUT_S": "2",
    "MARKETBRIEF_OPENAI_API_KEY": FAKE_KEY,  # a key to keep secret (every answer is offline)
    **{name: DEAD_PROXY for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")},
    "NO_PROXY": "",
}
SHARED_PRICES = SHARED / "data" / "prices"
AS_OF = "2026-01-23" if SHARED_PRICES.is_dir() else "2026-01-09"


def make_home(path: Path) -> Path:
    """A data directory with prices (the shared set, else the test fixtures' few) and one
    article in the library."""
    settings = load_settings(home=path)
    fixtures = FIXTURES / "prices"
    sources = (
        [SHARED_PRICES]
        if SHARED_PRICES.is_dir()
        else [fixtures / "shared_layout", fixtures / "yfinance_layout"]
    )
    assert services.market_data(settings).import_csv(sources).imported
    index = services.commentary_index(settings)
    try:
        assert ingest_sources([str(FIXTURES / "ingest" / "article.md")], index).added == 1
    finally:
        index.close()
    return path


def server_env(home: Path, **extra: str) -> dict[str, str]:
    return processes.environment(home, **SERVER_ENV, **extra)


@dataclass
class HttpServer:
    url: str
    process: subprocess.Popen[str]
    log: list[str] = field(default_factory=list)


def _drain(stream: Any, into: list[str]) -> None:
    for line in iter(stream.readline, ""):
        into.append(line)


@pytest.fixture(scope="module")
def http_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HttpServer]:
    """`marketbrief mcp --port 0` with a token, on loopback; the URL is the line it prints once
    its socket listens (so no waiting and retrying)."""
    home = make_home(tmp_path_factory.mktemp("mcp-http-home"))
    env = server_env(home, MARKETBRIEF_MCP_TOKEN=TOKEN)
    process = processes.start(["mcp", "--port", "0"], env)
    assert process.stderr is not None
    log: list[str] = []
    for line in iter(process.stderr.readline, ""):
        log.append(line)
        if "listening on " in line:
            break
    else:
        pytest.fail(f"the server never said where it listens:\n{''.join(log)}")
    url = log[-1].split("listening on ", 1)[1].strip()
    threading.Thread(target=_drain, args=(process.stderr, log), daemon=True).start()
    yield HttpServer(url, process, log)
    process.terminate()
    process.wait(timeout=30)


def with_http(server: HttpServer, scenario: Callable[[Client], Awaitable[None]]) -> None:
    """Run `scenario` with an SDK client connected over HTTP with the token."""

    async def main() -> None:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        async with (
            httpx2.AsyncClient(headers=headers, timeout=120) as http,
            Client(streamable_http_client(server.url, http_client=http)) as client,
        ):
            await scenario(client)

    anyio.run(main)


def text_of(result: CallToolResult) -> str:
    return "".join(getattr(block, "text", "") for block in result.content)


def assert_one_line_error(result: CallToolResult, *words: str) -> str:
    message = text_of(result)
    assert result.is_error, message
    assert "\n" not in message and "Traceback" not in message, message
    assert "validation error" not in message and "pydantic" not in message, message
    for word in words:
        assert word in message, message
    return message


# -- stdio -----------------------------------------------------------------------------------


def test_over_stdio_every_tool_answers_and_the_resources_read(tmp_path: Path) -> None:
    home = make_home(tmp_path / "home")
    params = StdioServerParameters(
        command=str(processes.MARKETBRIEF), args=["mcp"], env=server_env(home)
    )
    good_calls: list[tuple[str, dict[str, Any]]] = [
        ("search_commentary", {"query": "regional banks small caps", "k": 2}),
        ("index_returns", {"symbols": ["^GSPC"], "period": "YTD", "as_of": AS_OF}),
        ("quotes", {"symbols": ["SPY", "^GSPC"], "as_of": AS_OF}),
        ("ask", {"question": "How did the S&P 500 do this year?", "offline": True}),
        ("research_plan", {"topic": "Small-cap outlook for 2026", "offline": True}),
        ("library_add", {"sources": [str(INJECTION / "en_ignore_previous.md")]}),
    ]
    seen: dict[str, CallToolResult] = {}
    article: list[str] = []

    async def main() -> None:
        with (tmp_path / "server.log").open("w") as errlog:
            async with Client(stdio_client(params, errlog=errlog)) as client:
                listed = await client.list_tools()
                assert {tool.name for tool in listed.tools} == TOOLS
                for name, args in good_calls:
                    seen[name] = await client.call_tool(name, args)
                for name in ("sector_scores", "macro"):
                    seen[name] = await client.call_tool(name, {"as_of": AS_OF})
                articles = await client.read_resource("marketbrief://articles")
                listing = json.loads(articles.contents[0].text)  # type: ignore[union-attr]
                banks = next(a["id"] for a in listing if a["title"].startswith("Regional"))
                one = await client.read_resource(f"marketbrief://articles/{banks[:8]}")
                article.append(one.contents[0].text)  # type: ignore[union-attr]

    anyio.run(main)
    for name, _ in good_calls:
        assert not seen[name].is_error, f"{name}: {text_of(seen[name])}"
    assert "[1]" in text_of(seen["search_commentary"])
    assert seen["index_returns"].structured_content["provenance"]["tool"] == "index_returns"  # type: ignore[index]
    assert {r["symbol"] for r in seen["quotes"].structured_content["rows"]} == {"SPY", "^GSPC"}  # type: ignore[index]
    assert seen["ask"].structured_content["references"][0]["kind"] == "market_data"  # type: ignore[index]
    assert len(seen["research_plan"].structured_content["plan"]["steps"]) >= 4  # type: ignore[index]
    assert seen["library_add"].structured_content["added"] == 1  # type: ignore[index]
    for name in ("sector_scores", "macro"):  # the fixtures' few prices have no sector ETFs
        if SHARED_PRICES.is_dir():
            assert not seen[name].is_error, text_of(seen[name])
        else:
            assert_one_line_error(seen[name])
    assert article[0].startswith("# Regional banks and the small-cap trade\n")
    assert "## Risks" in article[0]


# -- HTTP: the token -------------------------------------------------------------------------

INITIALIZE = {
    "jsonrpc": "2.0", "id": 1, "method": "initialize",
    "params": {"protocolVersion": "2025-06-18", "capabilities": {},
               "clientInfo": {"name": "test", "version": "0"}},
}  # fmt: skip
ACCEPT = {"Accept": "application/json, text/event-stream"}


@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token-123456", f"Basic {TOKEN}"])
def test_over_http_a_request_without_the_token_gets_401(
    http_server: HttpServer, authorization: str | None
) -> None:
    headers = {**ACCEPT, **({"Authorization": authorization} if authorization else {})}
    response = httpx.post(http_server.url, json=INITIALIZE, headers=headers, timeout=30)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert TOKEN not in response.text


def test_over_http_the_token_lets_a_request_in(http_server: HttpServer) -> None:
    headers = {**ACCEPT, "Authorization": f"Bearer {TOKEN}"}
    response = httpx.post(http_server.url, json=INITIALIZE, headers=headers, timeout=30)
    assert response.status_code == 200, response.text


def test_a_client_without_the_token_cannot_connect(http_server: HttpServer) -> None:
    async def main() -> None:
        async with Client(http_server.url):
            pass

    with pytest.raises(BaseExceptionGroup) as refused:  # the 401, as the SDK's client says it
        anyio.run(main)
    assert refused.group_contains(MCPError)


def test_beyond_loopback_without_a_token_it_refuses_to_start(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run_cli(capsys, "mcp", "--host", "0.0.0.0", "--port", "0")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "MARKETBRIEF_MCP_TOKEN" in result.stderr


# -- HTTP: arguments, the hostile article, resources -------------------------------------------

BAD_CALLS: list[tuple[str, dict[str, Any], str]] = [
    ("search_commentary", {"query": "small caps", "k": 0}, "k"),
    ("search_commentary", {"query": "small caps", "k": 9}, "k"),
    ("quotes", {"symbols": ["SPY"], "as_of": "2026-13-40"}, "YYYY-MM-DD"),
    ("quotes", {"symbols": ["SPY"], "as_of": 1769000000}, "YYYY-MM-DD"),
    ("quotes", {"symbols": []}, "symbols"),
    ("quotes", {"symbols": ["not a symbol!!"]}, "unknown symbol"),
    ("index_returns", {"symbols": ["SPY"], "period": "forever"}, "index_returns"),
    ("ask", {"question": "", "offline": True}, "question"),
    ("research_run", {"plan": {"topic": "x", "steps": []}, "offline": True}, "4 to 8 steps"),
    ("research_run", {"offline": True}, "plan"),
    ("library_add", {"sources": ["http://127.0.0.1:9/page"]}, "MARKETBRIEF_ALLOW_PRIVATE_URLS"),
    ("library_add", {"sources": ["/no/such/file.md"]}, "no such file"),
    ("no_such_tool", {}, "no_such_tool"),
]


def test_bad_arguments_are_one_line_tool_errors(http_server: HttpServer) -> None:
    answers: list[CallToolResult] = []

    async def scenario(client: Client) -> None:
        for name, args, _ in BAD_CALLS:
            answers.append(await client.call_tool(name, args))
        # the server is still there, and still answers
        answers.append(await client.call_tool("quotes", {"symbols": "SPY", "as_of": AS_OF}))

    with_http(http_server, scenario)
    for (name, _, word), answer in zip(BAD_CALLS, answers, strict=False):
        assert name in assert_one_line_error(answer, word)
    assert not answers[-1].is_error
    assert http_server.process.poll() is None
    assert "Traceback" not in "".join(http_server.log)  # no bug among them


def test_a_hostile_article_is_not_obeyed_and_no_key_comes_out(http_server: HttpServer) -> None:
    outputs: list[str] = []
    questions = [
        "What do the weekly notes say about small caps and the rotation?",
        "本周小盘股和板块轮动怎么样?",
    ]

    async def scenario(client: Client) -> None:
        paths = [str(INJECTION / name) for name in HOSTILE_FILES]
        added = await client.call_tool("library_add", {"sources": paths})
        assert not added.is_error, text_of(added)
        for question in questions:
            reply = await client.call_tool("ask", {"question": question, "offline": True})
            assert not reply.is_error, text_of(reply)
            outputs.extend([text_of(reply), json.dumps(reply.structured_content)])
        found = await client.call_tool("search_commentary", {"query": "small caps rotation"})
        outputs.extend([text_of(found), json.dumps(found.structured_content)])

    with_http(http_server, scenario)
    seen = normalise_for_matching("\n".join(outputs))
    for name in HOSTILE_FILES:
        for phrase in MANIFEST[name]:
            assert normalise_for_matching(phrase) not in seen, phrase
    assert "Hostile Weekly" in "\n".join(outputs)  # the articles were read, and cited
    assert_no_secret(outputs)
    assert_no_secret("".join(http_server.log))


def test_a_brief_is_run_saved_and_read_back(http_server: HttpServer) -> None:
    read: dict[str, Any] = {}

    async def scenario(client: Client) -> None:
        drafted = await client.call_tool(
            "research_plan", {"topic": "Small-cap outlook for 2026", "offline": True}
        )
        plan = drafted.structured_content["plan"]  # type: ignore[index]
        plan["steps"] = plan["steps"][:4]  # edited, as a person (or an agent) may
        run = await client.call_tool(
            "research_run", {"plan": plan, "as_of": AS_OF, "offline": True}
        )
        assert not run.is_error, text_of(run)
        read["run"] = run.structured_content
        listing = await client.read_resource("marketbrief://briefs")
        read["list"] = json.loads(listing.contents[0].text)  # type: ignore[union-attr]
        brief = await client.read_resource(run.structured_content["uri"])  # type: ignore[index]
        read["brief"] = brief.contents[0].text  # type: ignore[union-attr]
        with pytest.raises(MCPError):
            await client.read_resource("marketbrief://briefs/no-such-brief")

    with_http(http_server, scenario)
    assert len(read["run"]["steps"]) == 4
    assert read["run"]["id"] in [row["id"] for row in read["list"]]
    assert read["brief"].startswith(f"# {read['run']['title']}")
