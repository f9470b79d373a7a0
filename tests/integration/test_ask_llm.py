"""LLM mode end to end through the real openai client (ChatOpenAI) and a loopback server."""

from __future__ import annotations

import socket

import pytest

from assistant.engine import Assistant
from assistant.events import Done, Notice, Token
from assistant.llm import strategies
from assistant.llm.scripted_server import Servers, hang, status, text, tool_calls
from assistant.services import chat_model
from assistant.settings import Settings, load_settings
from tests.cli_runner import run_cli
from tests.unit.assistant.fakes import AS_OF, ZH_ANSWER, FakeIndex, FakeMarket

pytestmark = pytest.mark.integration
QUESTION = "罗素2000指数年初至今是否跑赢标普500?"
RETURNS = ("index_returns", {"symbols": ["^RUT", "^GSPC"], "period": "YTD", "benchmark": "^GSPC"})
SEARCH = ("search_commentary", {"query": "罗素2000 年初至今"})


def settings_for(url: str, **overrides: object) -> Settings:
    return load_settings(openai_base_url=url, model="loopback-model", **overrides)


def assistant(settings: Settings) -> Assistant:
    return Assistant(settings, market=FakeMarket(), index=FakeIndex())


def test_a_base_url_without_a_key_is_enough(serve: Servers) -> None:
    server = serve.start([text("hello")])
    model = chat_model(settings_for(server.base_url))
    assert model is not None
    plain = model.model_copy(update={"streaming": False})
    assert plain.invoke("hi").content == "hello"
    [request] = server.requests
    assert request["model"] == "loopback-model" and not request.get("stream")
    assert chat_model(load_settings()) is None  # nothing configured: offline mode


def test_streamed_tool_calls_then_a_cited_answer(serve: Servers) -> None:
    server = serve.start(
        [tool_calls(RETURNS, prompt_tokens=900), tool_calls(SEARCH, prompt_tokens=1400),
         text(ZH_ANSWER, prompt_tokens=2100)],
    )  # fmt: skip
    events = list(assistant(settings_for(server.base_url)).stream(QUESTION, as_of=AS_OF))
    answer = events[-1].answer  # type: ignore[union-attr]
    assert isinstance(events[-1], Done) and answer.mode == "llm"
    assert len([e for e in events if isinstance(e, Token)]) > 5
    assert [(r.n, r.kind) for r in answer.references] == [(0, "market_data"), (1, "article")]
    assert {f.kind for f in answer.flags} <= {"notice", "discrepancy"}
    assert answer.model_calls == 3 and answer.usage["prompt_tokens"] == 4400
    first = server.requests[0]
    assert first["stream"] is True
    assert {t["function"]["name"] for t in first["tools"]} == {
        "search_commentary", "index_returns", "sector_scores", "quotes", "macro"
    }  # fmt: skip
    tool_reply = server.requests[1]["messages"][-1]
    assert tool_reply["role"] == "tool" and "Cite these figures as [0]" in tool_reply["content"]


def test_a_plain_non_streaming_model_works_too(serve: Servers) -> None:
    server = serve.start([tool_calls(RETURNS), text(ZH_ANSWER)])
    settings = settings_for(server.base_url)
    model = chat_model(settings)
    assert model is not None
    helper = Assistant(settings, market=FakeMarket(), index=FakeIndex(),
                       model=model.model_copy(update={"streaming": False}))  # fmt: skip
    answer = helper.ask(QUESTION, as_of=AS_OF)
    assert answer.mode == "llm" and not server.requests[0].get("stream")


def test_a_429_is_retried(serve: Servers) -> None:
    server = serve.start([status(429), text(ZH_ANSWER)])
    answer = assistant(settings_for(server.base_url)).ask(QUESTION, as_of=AS_OF)
    assert answer.mode == "llm" and len(server.requests) == 2


def test_a_500_after_retries_falls_back_to_offline(serve: Servers) -> None:
    server = serve.start([status(500), status(500)])
    events = list(
        assistant(settings_for(server.base_url, llm_max_retries=1)).stream(QUESTION, as_of=AS_OF)
    )
    [notice] = [e for e in events if isinstance(e, Notice)]
    assert "HTTP 500" in notice.message and notice.discard_streamed
    answer = events[-1].answer  # type: ignore[union-attr]
    assert answer.mode == "offline" and len(server.requests) == 2
    assert "7.54%" in answer.sections[0].text


def test_a_hang_past_the_timeout_falls_back_with_a_notice(serve: Servers) -> None:
    server = serve.start([hang()])
    settings = settings_for(server.base_url, llm_timeout_s=0.3, llm_max_retries=0)
    answer = assistant(settings).ask(QUESTION, as_of=AS_OF)
    assert answer.mode == "offline"
    assert any("timed out" in f.message for f in answer.flags if f.kind == "notice")


def test_a_refused_connection_falls_back() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = settings_for(f"http://127.0.0.1:{port}/v1", llm_max_retries=0)
    answer = assistant(settings).ask(QUESTION, as_of=AS_OF)
    assert answer.mode == "offline"
    assert any("could not connect" in f.message for f in answer.flags)


def test_the_cli_answers_in_llm_mode(
    serve: Servers, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = serve.start([text(ZH_ANSWER)])
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    result = run_cli(capsys, "ask", QUESTION, "--as-of", "2026-01-23", "--json")
    assert result.exit_code == 0, result.stderr
    payload = result.json()
    assert payload["mode"] == "llm" and payload["language"] == "zh"
    assert payload["sections"][0]["heading"] == "综合分析"
    # nothing was retrieved or computed, so every citation was invented and removed
    assert {f["kind"] for f in payload["flags"]} >= {"unknown_citation", "uncited_number"}


def test_the_last_step_is_sent_without_tool_use(serve: Servers) -> None:
    server = serve.start([tool_calls(RETURNS), text(ZH_ANSWER)])
    settings = settings_for(server.base_url, llm_max_model_calls=2)
    answer = assistant(settings).ask(QUESTION, as_of=AS_OF)
    assert answer.mode == "llm" and answer.model_calls == 2
    first, last = server.requests
    assert first.get("tool_choice") in (None, "auto")
    assert last["tool_choice"] == "none"
    assert "Do not call any tool" in last["messages"][-1]["content"]


def broken_reconcile(*args: object, **kwargs: object) -> None:
    raise KeyError("section")  # a bug of ours after the endpoint answered


def test_a_bug_in_llm_mode_is_raised_not_answered_offline(
    serve: Servers, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = serve.start([text(ZH_ANSWER)])
    monkeypatch.setattr(strategies, "reconcile", broken_reconcile)
    events: list[object] = []
    with pytest.raises(KeyError, match="section"):
        events.extend(assistant(settings_for(server.base_url)).stream(QUESTION, as_of=AS_OF))
    assert not [e for e in events if isinstance(e, Notice | Done)]  # no fallback, no answer
    assert len(server.requests) == 1


def test_the_cli_reports_a_bug_in_llm_mode_as_an_internal_error(
    serve: Servers, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = serve.start([text(ZH_ANSWER)])
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setattr(strategies, "reconcile", broken_reconcile)
    result = run_cli(capsys, "ask", QUESTION, "--as-of", "2026-01-23", "--json")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("error: internal error: KeyError: 'section'")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_escape_sequences_in_a_models_answer_never_reach_the_terminal(
    serve: Servers, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reply that would retitle the terminal and clear the screen prints as plain text."""
    hostile = ZH_ANSWER.replace("小盘股", "小盘股\x1b]0;pwned\x07\x1b[2J", 1)
    assert hostile != ZH_ANSWER
    server = serve.start([text(hostile)] * 3)
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    result = run_cli(capsys, "ask", QUESTION, "--as-of", "2026-01-23")
    assert result.exit_code == 0, result.stderr
    assert "pwned" in result.stdout and "小盘股" in result.stdout  # the text stays readable
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
