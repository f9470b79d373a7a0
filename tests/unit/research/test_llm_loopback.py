"""LLM-mode research through the real openai client and the loopback server: the planner's
JSON becomes the plan, a refused endpoint falls back to the template, and the planned steps
run with the model offered only their tools.

The planner asks for structured output: first a reply following the plan's JSON schema (a
`response_format` of type `json_schema`, answered by a `text` reply holding the JSON), and from
an endpoint that refuses that with HTTP 400, a forced call of the `PlanDraft` function (answered
by a `tool_calls` reply)."""

from __future__ import annotations

import json

import pytest

from assistant.engine import Assistant
from assistant.llm.scripted_server import LoopbackOpenAI, Reply, Servers, status, text, tool_calls
from assistant.research.planner import draft_plan
from assistant.research.run import run_plan
from assistant.settings import load_settings
from tests.unit.assistant.fakes import ZH_ANSWER, FakeIndex, FakeMarket

from .conftest import AS_OF

pytestmark = pytest.mark.integration
TOPIC = "2026年小盘股投资逻辑"
STEPS = [
    {"question": "罗素2000指数年初至今是否跑赢标普500指数?", "tools": ["index_returns"],
     "query": ""},
    {"question": "哪些板块领涨?", "tools": ["sector_scores"], "query": ""},
    {"question": "收益率曲线说明了什么?", "tools": ["macro"], "query": ""},
    {"question": "小盘股的主要风险?", "tools": ["search_commentary"], "query": "风险 回调"},
]  # fmt: skip


def helper(serve: Servers, script: list[Reply]) -> tuple[Assistant, LoopbackOpenAI]:
    server = serve.start(script)
    settings = load_settings(openai_base_url=server.base_url, model="loopback", llm_max_retries=0)
    return Assistant(settings, market=FakeMarket(), index=FakeIndex()), server


def test_the_planner_reply_becomes_the_plan_and_the_steps_run(
    serve: Servers,
) -> None:
    # without figures: nothing fails the figure check, so no step takes a repair turn's reply
    answer = "\n".join(line for line in ZH_ANSWER.replace("[1]", "[0]").split("\n")
                       if not any(ch.isdigit() for ch in line) or line.startswith("#"))  # fmt: skip
    script = [
        text(json.dumps({"steps": STEPS}, ensure_ascii=False)),
        tool_calls(("index_returns", {"symbols": ["^RUT", "^GSPC"], "benchmark": "^GSPC"})),
        text(answer),
        *[text(answer) for _ in range(3)],
    ]
    assistant, server = helper(serve, script)
    drafted = draft_plan(assistant, TOPIC, as_of=AS_OF)
    assert drafted.by == "llm" and [s.question for s in drafted.plan.steps] == [
        s["question"] for s in STEPS
    ]
    asked = server.requests[0]
    assert asked["response_format"]["type"] == "json_schema" and not asked.get("stream")
    assert asked["response_format"]["json_schema"]["name"] == "PlanDraft"
    brief = run_plan(assistant, drafted.plan)
    assert [r.status for r in brief.steps] == ["ok"] * 4 and brief.answer.mode == "llm"
    offered = [
        sorted(t["function"]["name"] for t in request.get("tools", []))
        for request in server.requests[1:]
    ]
    assert offered == [  # step 1 twice (tool call, then the answer), then one call a step
        ["index_returns"],
        ["index_returns"],
        ["sector_scores"],
        ["macro"],
        ["search_commentary"],
    ]


def test_a_failing_endpoint_gives_the_template_plan_with_a_notice(
    serve: Servers,
) -> None:
    assistant, _ = helper(serve, [status(500)])
    drafted = draft_plan(assistant, TOPIC, as_of=AS_OF)
    assert drafted.by == "template" and len(drafted.plan.steps) == 7
    [notice] = drafted.notices
    assert "HTTP 500" in notice and "模板计划" in notice


def test_an_endpoint_without_json_schema_is_asked_for_a_function_call(serve: Servers) -> None:
    refusal = "'response_format' of type 'json_schema' is not supported with this model"
    assistant, server = helper(
        serve, [status(400, refusal), tool_calls(("PlanDraft", {"steps": STEPS}))]
    )
    drafted = draft_plan(assistant, TOPIC, as_of=AS_OF)
    assert drafted.by == "llm" and [s.question for s in drafted.plan.steps] == [
        s["question"] for s in STEPS
    ]
    second = server.requests[1]
    assert "response_format" not in second
    assert second["tool_choice"]["function"]["name"] == "PlanDraft"
