"""The ladder of LLM mode (agent -> writer -> offline) through the real openai client and a
scripted loopback server: what moves down, what is remembered per model, the writer's JSON and
the response shapes endpoints take, and runs that are given up being cancelled."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from assistant import services
from assistant.engine import Assistant
from assistant.events import Done, Notice, Token, ToolStart
from assistant.llm.scripted_server import Servers, hang, status, text
from assistant.settings import Settings, load_settings
from tests.unit.assistant.fakes import AS_OF, FakeIndex, FakeMarket

pytestmark = pytest.mark.integration
QUESTION = "罗素2000指数年初至今是否跑赢标普500?"
WRITTEN = {
    "title": "罗素2000跑赢标普500",
    "analysis": "截至2026年1月23日，罗素2000指数年初至今上涨7.54%，标普500指数上涨1.02%[0]。",
    "insights": ["小盘股轮动明显[1]。"],
    "risks": ["可能进入盘整阶段[1]。"],
    "opportunities": ["降息周期为小盘股提供支撑[1]。"],
    "takeaways": ["罗素2000跑赢标普500 6.52个百分点[0]。"],
}
JSON_ANSWER = json.dumps(WRITTEN, ensure_ascii=False)
NOT_AN_ANSWER = "I would call index_returns with symbols ^RUT."  # a small model's tool call as text


def settings_for(url: str, **overrides: object) -> Settings:
    return load_settings(openai_base_url=url, model="loopback-model", **overrides)


def ask(settings: Settings) -> list[object]:
    helper = Assistant(settings, market=FakeMarket(), index=FakeIndex())
    return list(helper.stream(QUESTION, as_of=AS_OF))


def test_a_model_that_cannot_use_tools_answers_through_the_writer(serve: Servers) -> None:
    server = serve.start([text(NOT_AN_ANSWER), text(JSON_ANSWER)])
    events = ask(settings_for(server.base_url))
    answer = events[-1].answer  # type: ignore[attr-defined]
    assert isinstance(events[-1], Done) and answer.mode == "llm"
    risks = answer.sections[2].subsections[0]
    assert "7.54%" in answer.sections[0].text and "盘整" in risks.text
    assert {f.kind for f in answer.flags} <= {"notice", "discrepancy"}
    # The answer's cost is both rungs': the agent's call that failed is paid for too.
    assert answer.model_calls == 2 and answer.usage["prompt_tokens"] > 0
    moved = [e for e in events if isinstance(e, Notice) and e.discard_streamed]
    assert moved and "工具" in moved[0].message  # said in the question's language
    agent_request, writer_request = server.requests
    assert agent_request["tools"] and "tools" not in writer_request
    # A server that is not OpenAI's gets the output limit under the name it reads, too.
    limit = load_settings().llm_max_output_tokens
    for request in server.requests:
        assert request["max_tokens"] == request["max_completion_tokens"] == limit
    assert writer_request["response_format"]["type"] == "json_schema"
    prompt = writer_request["messages"][-1]["content"]
    assert "[0] market data" in prompt and "7.54%" in prompt  # the gathered figures, numbered
    # The schema lets the model cite the sources shown, and only them.
    shown = sorted({int(n) for n in re.findall(r"^\[(\d+)\] ", prompt, re.M)})
    schema = writer_request["response_format"]["json_schema"]["schema"]
    pattern = schema["properties"]["analysis"]["pattern"]
    assert len(shown) >= 2 and f"({'|'.join(map(str, shown))})" in pattern


def test_the_failed_rung_is_remembered_for_that_model(serve: Servers) -> None:
    server = serve.start([text(NOT_AN_ANSWER), text(JSON_ANSWER), text(JSON_ANSWER)])
    settings = settings_for(server.base_url)
    ask(settings)
    second = ask(settings)  # a new Assistant, as the CLI's next process would be
    assert second[-1].answer.mode == "llm"  # type: ignore[attr-defined]
    assert len(server.requests) == 3 and "tools" not in server.requests[2]
    other = serve.start([text(JSON_ANSWER)])  # another endpoint is another model: agent first
    ask(settings_for(other.base_url, llm_strategy="auto"))
    assert other.requests[0].get("tools")


def test_an_endpoint_refusing_openais_response_format_gets_the_schema_its_way(
    serve: Servers,
) -> None:
    server = serve.start([status(422), text(JSON_ANSWER), text(JSON_ANSWER)])
    settings = settings_for(server.base_url, llm_strategy="writer")
    events = ask(settings)
    assert events[-1].answer.mode == "llm"  # type: ignore[attr-defined]
    refused, taken = server.requests[0]["response_format"], server.requests[1]["response_format"]
    assert refused["type"] == "json_schema"
    assert taken["type"] == "json_object" and taken["schema"]["required"][0] == "title"
    ask(settings)
    assert server.requests[2]["response_format"]["type"] == "json_object"  # remembered


def test_json_that_is_not_the_answer_falls_back_offline_with_a_notice(serve: Servers) -> None:
    server = serve.start([text('{"title": "x"}')])
    events = ask(settings_for(server.base_url, llm_strategy="writer"))
    answer = events[-1].answer  # type: ignore[attr-defined]
    assert answer.mode == "offline" and len(server.requests) == 1
    assert any("schema" in f.message for f in answer.flags)
    assert answer.model_calls == 1 and answer.usage["total_tokens"] > 0  # the failed call's cost


def test_a_failing_endpoint_goes_straight_offline(serve: Servers) -> None:
    server = serve.start([status(401, "bad key")])
    events = ask(settings_for(server.base_url, llm_max_retries=0))
    answer = events[-1].answer  # type: ignore[attr-defined]
    assert answer.mode == "offline" and len(server.requests) == 1  # the writer would fail too


def test_no_first_token_in_time_moves_down_without_marking_the_model(serve: Servers) -> None:
    server = serve.start([hang(), text(JSON_ANSWER), text(JSON_ANSWER), text(JSON_ANSWER)])
    settings = settings_for(server.base_url, llm_first_token_timeout_s=0.5)
    assert ask(settings)[-1].answer.mode == "llm"  # type: ignore[attr-defined]
    ask(settings)
    assert server.requests[2].get("tools")  # a slow start is not held against the agent


def test_an_abandoned_run_closes_its_http_client(
    serve: Servers, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader who leaves (a closed tab, a stopped CLI) ends the run's stream with it."""
    server = serve.start([text(JSON_ANSWER)])
    built: list[Any] = []
    original = services.chat_model

    def recording(settings: Settings) -> Any:
        built.append(original(settings))
        return built[-1]

    monkeypatch.setattr(services, "chat_model", recording)
    settings = settings_for(server.base_url, llm_strategy="writer")
    helper = Assistant(settings, market=FakeMarket(), index=FakeIndex())
    events = helper.stream(QUESTION, as_of=AS_OF)
    assert isinstance(next(events), ToolStart)  # the run is under way: gathering
    run_client = built[-1].http_client
    assert not run_client.is_closed
    events.close()
    assert run_client.is_closed
    list(helper.stream(QUESTION, as_of=AS_OF))  # a run that ends closes its client too
    assert built[-1].http_client.is_closed


def test_a_reasoning_models_thinking_is_never_part_of_the_answer(serve: Servers) -> None:
    """Reasoning sent apart (`reasoning_content`) or left in the text as <think>…</think>."""
    apart = text(JSON_ANSWER, reasoning="Let me think: the user wants RUT vs SPX.")
    inline = text("<think>RUT vs SPX, cite [0]</think>\n" + JSON_ANSWER)
    server = serve.start([apart, inline])
    for _ in range(2):
        answer = ask(settings_for(server.base_url, llm_strategy="writer"))[-1].answer  # type: ignore[attr-defined]
        assert answer.mode == "llm" and "7.54%" in answer.sections[0].text
        shown = " ".join(s.text for s in answer.sections)
        assert "think" not in shown.lower() and "RUT vs SPX" not in shown


def test_a_run_given_up_leaves_no_call_waiting_and_the_cli_exits_once_it_has_printed(
    serve: Servers, tmp_path: Path
) -> None:
    """A server that never answers: each rung is given up at its limit, and its call is
    cancelled (the socket shut down), so neither a thread nor the process waits for the call's
    own timeout (here 120 s; the agent's model call runs in an executor Python joins at exit)."""
    server = serve.start([hang(), hang()])
    env = {
        **os.environ,
        "OPENAI_BASE_URL": server.base_url,
        "MARKETBRIEF_HOME": str(tmp_path),
        "MARKETBRIEF_LLM_TIMEOUT_S": "120",
        "MARKETBRIEF_LLM_MAX_RETRIES": "0",
        "MARKETBRIEF_LLM_FIRST_TOKEN_TIMEOUT_S": "2",
    }
    marketbrief = Path(sys.executable).with_name("marketbrief")
    done = subprocess.run(
        [str(marketbrief), "ask", "Did the Russell 2000 beat the S&P 500?", "--json"],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["mode"] == "offline" and len(server.requests) == 2  # agent, then writer
    assert any("2 s" in flag["message"] for flag in answer["flags"])


def test_no_thread_is_left_reading_from_an_endpoint_after_the_answer(serve: Servers) -> None:
    server = serve.start([hang(), hang()])
    settings = settings_for(server.base_url, llm_first_token_timeout_s=1, llm_max_retries=0)
    helper = Assistant(settings, market=FakeMarket(), index=FakeIndex())
    assert helper.ask(QUESTION, as_of=AS_OF).mode == "offline"
    callers = [t for t in threading.enumerate() if t.name in {"llm run", "llm writer"}]
    for thread in callers:
        thread.join(timeout=10)  # woken at once by the shut-down socket, not in 60 s
    assert not any(t.is_alive() for t in callers)


def test_the_writers_analysis_streams_and_unreported_usage_is_estimated(serve: Servers) -> None:
    """llama-cpp-python's server sends no usage while streaming: the tokens are counted here,
    and marked as counted."""
    server = serve.start([text(JSON_ANSWER)])
    settings = settings_for(server.base_url, llm_strategy="writer", llm_stream_usage=False)
    events = ask(settings)
    answer = events[-1].answer  # type: ignore[attr-defined]
    streamed = "".join(e.text for e in events if isinstance(e, Token))
    assert answer.mode == "llm" and streamed == WRITTEN["analysis"]  # the prose, not the JSON
    assert answer.usage["estimated"] == 1 and answer.usage["prompt_tokens"] > 100
    assert "stream_options" not in server.requests[0]
