"""LLM endpoint faults, end to end through the real openai client and a loopback server.

What tests/integration/test_ask_llm.py already covers is not repeated here (a 429 then
success, 500s after retries, one hang past the timeout, a refused port, the last step without
tools). These fill the gaps: retries are bounded in number, the whole answer is bounded in
time even when one call would outlast it, a long Retry-After is not waited for, malformed or
unknown tool calls and a model that loops on tools all end in an answer with a notice.
Timing uses the server's Event (a hang is released at shutdown), never sleeps.
"""

from __future__ import annotations

import time

import pytest

from assistant.answer.model import Answer
from assistant.engine import Assistant
from assistant.llm.scripted_server import (
    LoopbackOpenAI,
    Reply,
    Servers,
    hang,
    raw_tool_calls,
    status,
    text,
    tool_calls,
)
from assistant.settings import Settings, load_settings
from tests.unit.assistant.fakes import AS_OF, ZH_ANSWER, FakeIndex, FakeMarket

pytestmark = pytest.mark.integration
QUESTION = "罗素2000指数年初至今是否跑赢标普500?"
RETURNS = ("index_returns", {"symbols": ["^RUT", "^GSPC"], "period": "YTD"})


def settings_for(server: LoopbackOpenAI, **overrides: object) -> Settings:
    """The agent alone: these are its faults (the ladder below it: test_llm_ladder.py)."""
    overrides.setdefault("llm_strategy", "agent")
    return load_settings(openai_base_url=server.base_url, model="loopback", **overrides)


def ask(settings: Settings, market: FakeMarket | None = None) -> Answer:
    helper = Assistant(settings, market=market or FakeMarket(), index=FakeIndex())
    return helper.ask(QUESTION, as_of=AS_OF)


def notices(answer: Answer) -> str:
    return " ".join(f.message for f in answer.flags if f.kind == "notice")


def with_header(reply: Reply, **headers: str) -> Reply:
    return Reply(reply.kind, status=reply.status, message=reply.message, headers=headers)


def test_retries_are_bounded_by_the_setting(serve: Servers) -> None:
    server = serve.start([status(503)] * 10)
    answer = ask(settings_for(server, llm_max_retries=2))
    assert answer.mode == "offline" and "HTTP 503" in notices(answer)
    assert len(server.requests) == 3  # one call and two retries, then no more


def test_a_slow_endpoint_is_retried_then_abandoned(serve: Servers) -> None:
    server = serve.start([hang()] * 5)
    answer = ask(settings_for(server, llm_timeout_s=0.2, llm_max_retries=1))
    assert answer.mode == "offline" and "timed out" in notices(answer)
    assert len(server.requests) == 2


def test_the_run_deadline_holds_even_while_a_call_would_go_on(
    serve: Servers,
) -> None:
    """Without the run's own deadline this would wait 3 x 60 s of call timeouts."""
    server = serve.start([hang()] * 3)
    settings = settings_for(server, llm_timeout_s=60, llm_max_retries=2, llm_run_timeout_s=0.5)
    started = time.monotonic()
    answer = ask(settings)
    assert time.monotonic() - started < 15
    assert answer.mode == "offline" and "longer than 0.5 s" in notices(answer)
    # No retry followed: the first call was still hanging when the answer came (on a loaded
    # machine the half second may even end before that call reaches the server).
    assert len(server.requests) <= 1


def test_a_long_retry_after_is_not_waited_for(serve: Servers) -> None:
    server = serve.start([with_header(status(429), **{"retry-after": "90"}), text(ZH_ANSWER)])
    started = time.monotonic()
    answer = ask(settings_for(server, llm_timeout_s=5, llm_max_retries=2))
    assert time.monotonic() - started < 15  # openai alone would wait the 90 s it was told
    assert answer.mode == "offline" and "HTTP 429" in notices(answer)
    assert len(server.requests) == 1


def test_a_short_retry_after_is_honoured(serve: Servers) -> None:
    server = serve.start([with_header(status(429), **{"retry-after": "0.01"}), text(ZH_ANSWER)])
    answer = ask(settings_for(server, llm_max_retries=1))
    assert answer.mode == "llm" and len(server.requests) == 2


@pytest.mark.parametrize("arguments", ['{"symbols": [^RUT, ^GSPC]}', "symbols=^RUT", "[1, 2]"])
def test_unparseable_tool_arguments_fall_back_with_a_notice(serve: Servers, arguments: str) -> None:
    server = serve.start([raw_tool_calls(("index_returns", arguments)), text(ZH_ANSWER)])
    answer = ask(settings_for(server))
    assert answer.mode == "offline" and len(server.requests) == 1
    assert "malformed tool call (index_returns)" in notices(answer)
    assert "7.54%" in answer.sections[0].text  # the offline answer still has the figures


def test_ill_typed_tool_arguments_go_back_to_the_model(serve: Servers) -> None:
    market = FakeMarket()
    server = serve.start(
        [raw_tool_calls(("index_returns", '{"symbols": "^RUT"}')), text(ZH_ANSWER)]
    )
    answer = ask(settings_for(server), market)
    assert answer.mode == "llm"
    assert [name for name, _ in market.calls if name == "index_returns"] == []  # never ran
    error = server.requests[1]["messages"][-1]
    assert error["role"] == "tool" and "valid list" in error["content"]


def test_an_unknown_tool_is_refused_and_the_run_goes_on(serve: Servers) -> None:
    market = FakeMarket()
    unknown = tool_calls(("delete_everything", {"really": True}))
    server = serve.start([unknown, tool_calls(RETURNS), text(ZH_ANSWER)])
    answer = ask(settings_for(server), market)
    assert answer.mode == "llm"
    assert [name for name, _ in market.calls if name == "index_returns"] == ["index_returns"]
    refusal = server.requests[1]["messages"][-1]
    assert refusal["role"] == "tool" and "delete_everything" in refusal["content"]


def test_a_model_looping_on_tools_is_stopped(serve: Servers) -> None:
    market = FakeMarket()
    loop = tool_calls(*[("macro", {})] * 5)
    server = serve.start([loop] * 50)
    settings = settings_for(server, llm_max_model_calls=4, llm_max_tool_calls=6)
    answer = ask(settings, market)
    assert len(server.requests) <= 4 + 1
    assert len([name for name, _ in market.calls if name == "macro"]) <= 6
    assert answer.mode == "offline" and notices(answer)
    assert server.requests[-1]["tool_choice"] == "none"
