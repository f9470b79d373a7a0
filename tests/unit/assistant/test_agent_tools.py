"""The agent's tools: short texts with citation numbers; passages cleaned; errors as text."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer.model import Answer
from assistant.answer.render import render_markdown
from assistant.engine import Assistant
from assistant.gather.sources import SourceRegistry
from assistant.llm.injection import is_instruction_like
from assistant.llm.tools import ToolContext, build_tools, clean_passage
from assistant.settings import load_settings
from tools.result import ToolResult

from .fakes import AS_OF, INJECTION, INJECTION_TEXT, SEED, FakeIndex, FakeMarket


def tools(market: FakeMarket | None = None, index: FakeIndex | None = None):  # type: ignore[no-untyped-def]
    registry = SourceRegistry()
    context = ToolContext(market or FakeMarket(), index or FakeIndex(), registry, AS_OF)
    return {t.name: t for t in build_tools(context)}, registry


def test_market_tools_register_the_result_and_say_how_to_cite_it() -> None:
    found, registry = tools()
    out = found["index_returns"].invoke({"symbols": ["^RUT", "^GSPC"], "benchmark": "^GSPC"})
    assert out.endswith("Cite these figures as [0].") and "+7.54%" in out
    assert len(out) < 2_500 and registry.tool_results[0].provenance.tool == "index_returns"


def test_search_numbers_passages_and_cuts_instructions() -> None:
    found, registry = tools(index=FakeIndex([SEED, INJECTION]))
    out = found["search_commentary"].invoke({"query": "罗素2000指数年初至今是否跑赢标普500"})
    assert "[1]" in out and "[2]" in out and "<passage>" in out
    for phrase in ("Ignore previous", "忽略之前的指令", "你现在是", "系统提示"):
        assert phrase not in out
    assert len(registry.articles) == 2


def test_tool_errors_are_text() -> None:
    found, _ = tools(market=FakeMarket(fail={"macro"}))
    assert found["macro"].invoke({}).startswith("error from macro: macro is broken")
    missing = ToolContext(None, None, SourceRegistry(), AS_OF, {"market": "no price store"})
    by_name = {t.name: t for t in build_tools(missing)}
    assert "unavailable (no price store)" in by_name["sector_scores"].invoke({})


def test_a_bug_in_a_tool_is_raised_not_shown_to_the_model_as_a_failure() -> None:
    class BuggyMarket(FakeMarket):
        def macro(self, as_of: dt.date | None = None, period: str | None = None) -> ToolResult:
            raise KeyError("10y")

    found, _ = tools(market=BuggyMarket())
    with pytest.raises(KeyError, match="10y"):
        found["macro"].invoke({})


def test_instruction_like_sentences() -> None:
    assert all(is_instruction_like(s) for s in INJECTION_TEXT.replace("？", "。").split("。")[:2])
    assert not is_instruction_like("罗素2000指数年初至今已录得可观的8.2%回报率。")
    assert not is_instruction_like("Investors should ignore the noise and focus on earnings.")
    assert clean_passage(INJECTION_TEXT).strip() == "罗素2000指数年初至今是否跑赢标普500?"


def test_an_answer_survives_a_json_round_trip() -> None:
    answer = Assistant(load_settings(), market=FakeMarket(), index=FakeIndex(), model=None).ask(
        "罗素2000指数年初至今是否跑赢标普500?", as_of=AS_OF
    )
    again = Answer.model_validate_json(answer.model_dump_json())
    assert again == answer and render_markdown(again) == render_markdown(answer)


def test_quoted_sentences_are_relevant_prose_from_the_right_market() -> None:
    from assistant.gather.passages import candidates
    from assistant.gather.quotable import clean
    from ingest.models import Chunk, Hit

    text = (
        "The post S&P 500 Snapshot appeared first on ETF Trends. "
        "A股三大指数今日集体回调，沪指跌0.94%，创业板指跌4.55%。"
        "行业板块涨少跌多，水泥建材、燃气涨幅居前。"
        "Bitcoin rallied 2% as crypto traders cheered the news from the exchange today. "
        "The Russell 2000 outperformed the S&P 500 as small caps rallied on rate-cut hopes."
    )
    hit = Hit(chunk=Chunk(id="c", article_id="a", text=text), score=1.0, title="t")
    found = [
        c.text for c in candidates([hit], "Did small caps beat the S&P 500?", [("s&p 500",)], "en")
    ]
    assert found == [
        "The Russell 2000 outperformed the S&P 500 as small caps rallied on rate-cut hopes."
    ]
    assert clean("行业 、 燃气 、 公用事业 涨幅居前 [3]。") == "行业、燃气、公用事业涨幅居前。"
