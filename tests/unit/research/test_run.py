"""Running a plan: each step like `ask` with its own tools and query, progress, failures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.engine import Assistant
from assistant.events import Event
from assistant.question.parse import ParsedQuestion
from assistant.research.plan import Step
from assistant.research.progress import BriefReady, StepFinished, StepStarted, ToolCalled, starting
from assistant.research.run import iter_plan, run_plan
from assistant.settings import load_settings
from ingest.errors import StoreUnavailable
from ingest.filters import NO_FILTERS, Filters
from ingest.models import Hit
from tests.unit.assistant.fakes import SEED, FakeIndex, FakeMarket

from .conftest import FED, STEPS, make_plan


def test_each_step_calls_exactly_its_tools_and_searches_its_query(
    helper: Assistant, market: FakeMarket, index: FakeIndex
) -> None:
    brief = run_plan(helper, make_plan(*STEPS))
    assert [name for name, _ in market.calls] == ["index_returns", "sector_scores", "macro"]
    # each searching step searches its query, then the same query wider for the brief (reserve)
    asked, wider = index.queries[0::2], index.queries[1::2]
    assert asked == [STEPS[0].query, STEPS[2].query, STEPS[3].query]
    assert all(w.startswith(q) for q, w in zip(asked, wider, strict=True))
    assert [r.status for r in brief.steps] == ["ok"] * 4
    assert [r.tools_called for r in brief.steps] == [
        ("index_returns", "search_commentary"),
        ("sector_scores",),
        ("macro", "search_commentary"),
        ("search_commentary",),
    ]
    assert all(r.answer is not None and r.answer.language == "zh" for r in brief.steps)


def test_progress_reports_each_step_and_tool_in_order(helper: Assistant) -> None:
    events = list(iter_plan(helper, make_plan(*STEPS)))
    assert isinstance(events[0], StepStarted) and events[0].total == 4
    assert isinstance(events[-1], BriefReady)
    started = [(e.n, e.name) for e in events if isinstance(e, ToolCalled) and not e.done]
    assert started == [
        (1, "index_returns"),
        (1, "search_commentary"),
        (2, "sector_scores"),
        (3, "macro"),
        (3, "search_commentary"),
        (4, "search_commentary"),
    ]
    progress = starting([s.question for s in STEPS])
    for event in events:
        progress = progress.apply(event)
        if isinstance(event, ToolCalled) and not event.done:
            assert progress.current == event.n and progress.tool == event.name
    assert progress.status == "done" and progress.finished == 4
    assert progress.brief_id == events[-1].brief.id  # type: ignore[union-attr]


class BrokenIndex(FakeIndex):
    """Crashes (a bug, not an expected error) on one query."""

    def search(self, query: str, k: int = 5, *, filters: Filters = NO_FILTERS) -> list[Hit]:
        if "BOOM" in query:
            raise RuntimeError("the index fell over")
        return super().search(query, k, filters=filters)


class UnavailableOnce(Assistant):
    """Its library is down for the step that searches BOOM: an expected failure that no part
    of the answer works around, so the step cannot be answered."""

    def stream_parsed(self, parsed: ParsedQuestion, *, offline: bool = False) -> Iterator[Event]:
        if parsed.search and "BOOM" in parsed.search:
            raise StoreUnavailable("the index fell over")
        return super().stream_parsed(parsed, offline=offline)


def test_a_failing_step_is_reported_and_the_rest_go_on() -> None:
    market = FakeMarket(fail={"macro"})
    helper = UnavailableOnce(load_settings(), market=market, index=FakeIndex([SEED, FED]))
    steps = list(STEPS)
    steps[1] = Step(question="板块轮动?", tools=("search_commentary",), query="BOOM 板块")
    events = list(iter_plan(helper, make_plan(*steps)))
    brief = events[-1].brief  # type: ignore[union-attr]
    assert [r.status for r in brief.steps] == ["ok", "failed", "partial", "ok"]
    failed = brief.steps[1]
    assert failed.answer is None and failed.error == "StoreUnavailable: the index fell over"
    assert brief.steps[2].failed_tools[0].startswith("macro: macro is broken")
    finished = [e for e in events if isinstance(e, StepFinished)]
    assert [e.status for e in finished] == ["ok", "failed", "partial", "ok"]
    markdown = brief.markdown()
    assert "第2步“板块轮动?”未能完成（StoreUnavailable: the index fell over）" in markdown
    assert "2. 板块轮动?（失败；工具：文章检索）" in markdown  # the tools in the reader's words
    assert "宏观指标出错" in markdown
    assert "### 4. 小盘股面临哪些主要风险?" in markdown  # the steps after it ran


def test_a_bug_in_a_step_ends_the_run_instead_of_failing_the_step() -> None:
    helper = Assistant(load_settings(), market=FakeMarket(), index=BrokenIndex([SEED, FED]))
    steps = list(STEPS)
    steps[1] = Step(question="板块轮动?", tools=("search_commentary",), query="BOOM 板块")
    with pytest.raises(RuntimeError, match="the index fell over"):
        list(iter_plan(helper, make_plan(*steps)))


def test_an_article_plan_searches_only_that_article(market: FakeMarket) -> None:
    index = FakeIndex([SEED, FED])
    helper = Assistant(load_settings(), market=market, index=index, model=None)
    plan = make_plan(*STEPS).model_copy(update={"article_id": FED.id})
    brief = run_plan(helper, plan)
    cited = {r.article_id for r in brief.answer.references if r.kind == "article"}
    assert cited == {FED.id}
    assert brief.answer.title.startswith("深度解读：")


def test_llm_steps_are_told_their_tools_and_query_and_cannot_call_others(
    market: FakeMarket, index: FakeIndex
) -> None:
    """Step 1 may use index_returns and search; the model also tries macro, which is not
    offered: the call is refused and macro never runs. Step 2's model answers at once."""
    from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

    from tests.unit.assistant.fakes import ZH_ANSWER, ToolCallingFake, llm_answer, tool_call

    replies: list[AIMessage] = [
        tool_call("index_returns", {"symbols": ["^RUT", "^GSPC"], "benchmark": "^GSPC"}, "c1"),
        tool_call("macro", {}, "c2"),
        tool_call("search_commentary", {"query": "罗素2000 年初至今"}, "c3"),
        llm_answer(ZH_ANSWER),
        llm_answer(ZH_ANSWER.replace("[1]", "[0]")),
        *[llm_answer(ZH_ANSWER.replace("[1]", "")) for _ in range(2)],
    ]
    model = ToolCallingFake(messages=iter(replies))
    helper = Assistant(load_settings(), market=market, index=index, model=model)
    brief = run_plan(helper, make_plan(*STEPS))
    assert [r.status for r in brief.steps] == ["ok"] * 4
    assert brief.answer.mode == "llm" and brief.answer.model_calls == 7
    assert [name for name, _ in market.calls if name != "quotes"] == ["index_returns"]
    first_prompt = next(m for m in model.received[0] if isinstance(m, HumanMessage)).content
    assert "Tools for this step: index_returns, search_commentary" in str(first_prompt)
    assert f"Suggested library search: {STEPS[0].query}" in str(first_prompt)
    assert brief.steps[0].tools_called == ("index_returns", "macro", "search_commentary")
    refused = [m for m in model.received[2] if isinstance(m, ToolMessage) and m.name == "macro"]
    assert refused and "not a valid tool" in str(refused[0].content)
    assert [r.n for r in brief.answer.references][:2] == [0, 1]
