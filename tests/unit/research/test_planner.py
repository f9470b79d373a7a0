"""Drafting plans: the offline template from the topic's entities, the LLM planner, fallback.

The LLM planner asks for structured output; a chat model other than ChatOpenAI (the fake here)
gets LangChain's default, a forced call of a `PlanDraft` tool, so a draft arrives as that call.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from langchain_core.messages import AIMessage

from assistant.engine import Assistant
from assistant.errors import InputError
from assistant.research.entities import topic_entities
from assistant.research.planner import draft_plan
from assistant.research.template import plan_template, template_plan
from assistant.settings import load_settings
from tests.unit.assistant.fakes import FakeIndex, FakeMarket, ToolCallingFake, tool_call

from .conftest import AS_OF, FED

ASPECT_WORDS = ("跑赢", "板块", "收益率曲线", "信用利差", "估值", "催化", "风险")


def test_the_offline_plan_covers_each_aspect_for_a_small_cap_topic(helper: Assistant) -> None:
    drafted = draft_plan(helper, "2026年小盘股投资逻辑", as_of=AS_OF)
    plan = drafted.plan
    assert drafted.by == "template" and drafted.notices == ()
    assert plan.language == "zh" and plan.as_of == AS_OF and 4 <= len(plan.steps) <= 8
    questions = [s.question for s in plan.steps]
    for word in ASPECT_WORDS:
        assert any(word in q for q in questions), word
    first = plan.steps[0]
    assert first.question == "罗素2000指数年初至今是否跑赢标普500指数?"
    assert first.tools == ("index_returns", "quotes", "search_commentary")
    assert "Russell 2000" in first.query  # both languages, for lexical search
    assert {t for s in plan.steps for t in s.tools} == {
        "index_returns",
        "quotes",
        "sector_scores",
        "macro",
        "search_commentary",
    }


def test_the_drafted_plan_asks_how_a_subject_the_store_has_no_prices_for_did(
    helper: Assistant,
) -> None:
    """The fake store holds no gold: "did gold beat the S&P 500?" is not the first step."""
    drafted = draft_plan(helper, "黄金前景", as_of=AS_OF)
    assert drafted.plan.steps[0].question == "黄金年初至今表现如何?"
    assert (
        draft_plan(helper, "纳指前景", as_of=AS_OF)
        .plan.steps[0]
        .question.endswith("跑赢标普500指数?")
    )


def test_the_template_follows_what_the_topic_names() -> None:
    from assistant.question.vocabulary import default_vocabulary

    vocabulary = default_vocabulary()
    sectors = template_plan("能源板块前景", vocabulary, as_of=AS_OF)
    assert sectors.steps[0].question == "标普500指数年初至今表现如何?"
    assert any(q.question.startswith("能源板块的评分") for q in sectors.steps)
    broad = template_plan("美股2026年展望", vocabulary, as_of=AS_OF)
    assert not any("估值" in s.question for s in broad.steps)  # nothing narrower to value
    oil = template_plan("油价与能源股前景", vocabulary, as_of=AS_OF)
    assert oil.steps[0].question.startswith("WTI原油")  # oil is measured…
    valued = [s.question for s in oil.steps if "估值" in s.question]
    assert valued == ["能源板块的估值(市盈率、市净率)处于什么水平?"]  # …the sector valued
    gold = template_plan("黄金前景", vocabulary, as_of=AS_OF)
    assert not any("估值" in s.question for s in gold.steps)  # no P/E to value
    # the US sectors' rotation says nothing of gold; it does of the market and of its stocks
    assert not any("板块轮动" in s.question for s in gold.steps)
    assert any("板块轮动" in s.question for s in broad.steps)
    nvidia = template_plan("英伟达前景", vocabulary, as_of=AS_OF)
    assert any("板块轮动" in s.question for s in nvidia.steps)
    # an index is "the Russell 2000"; a company or a commodity is named bare
    asked = [
        template_plan(topic, vocabulary, as_of=AS_OF).steps[0].question
        for topic in ("Nvidia outlook", "Gold outlook")
    ]
    assert asked == [
        "Did Nvidia outperform the S&P 500 year to date?",
        "Did Gold outperform the S&P 500 year to date?",
    ]
    # with no gold prices in the store, "did it beat the S&P 500?" would measure the S&P 500
    # only: the plan asks how gold did, which the commentary answers
    unpriced = template_plan("Gold outlook", vocabulary, as_of=AS_OF, stored={"^GSPC", "SPY"})
    assert unpriced.steps[0].question == "How has Gold performed year to date?"
    priced = template_plan("Gold outlook", vocabulary, as_of=AS_OF, stored={"^GSPC", "GC=F"})
    assert priced.steps[0].question == "Did Gold outperform the S&P 500 year to date?"
    # the Russell 2000's fund stands in for it
    small = template_plan("Small-cap outlook", vocabulary, as_of=AS_OF, stored={"IWM", "SPY"})
    assert small.steps[0].question.startswith("Did the Russell 2000 outperform")
    english = template_plan("Small-cap outlook for 2026", vocabulary, as_of=AS_OF)
    assert english.language == "en"
    assert english.steps[0].question == "Did the Russell 2000 outperform the S&P 500 year to date?"


def test_a_plan_on_treasury_yields_measures_the_10_year_yield_by_itself() -> None:
    """ "美债收益率与美联储降息路径" was planned as the S&P 500's performance, the sector rotation
    and (with the yield named) "did the 10-year yield beat the S&P 500?" and its P/E. A yield
    earns no return to set against an index, has no P/E, and the sectors say nothing of it."""
    from assistant.question.vocabulary import default_vocabulary

    vocabulary = default_vocabulary()
    for topic, first in (
        ("美债收益率与美联储降息路径", "10年期美债收益率年初至今表现如何?"),
        ("Treasury yields and the Fed's rate path",
         "How has the US 10-year Treasury yield performed year to date?"),
        ("10年期美债收益率展望", "10年期美债收益率年初至今表现如何?"),
    ):  # fmt: skip
        steps = [s.question for s in template_plan(topic, vocabulary, as_of=AS_OF).steps]
        assert steps[0] == first, topic
        assert not any(w in q for q in steps for w in ("跑赢", "outperform", "板块", "sector ro"))
        assert not any(w in q for q in steps for w in ("估值", "valuation")), topic


def test_a_plan_on_another_economy_asks_about_it_not_about_americas_market() -> None:
    """ "The ECB and European rates in 2026" was planned as the S&P 500's year, the US sector
    rotation, the US curve and US credit, then its catalysts and risks: four steps on another
    subject. A topic on another economy that names none of our symbols is asked what happened
    and what its rates and policy are; one on America's keeps the market's steps."""
    from assistant.question.vocabulary import default_vocabulary

    vocabulary = default_vocabulary()
    for topic, first, second in (
        ("The ECB and European rates in 2026",
         "What has happened with “The ECB and European rates in 2026” year to date?",
         "What is the rates, inflation and monetary policy backdrop for “The ECB and European "
         "rates in 2026”?"),
        ("中国房地产市场2026年前景", "中国房地产市场2026年前景:年初至今的最新情况如何?",
         "中国房地产市场2026年前景:利率、通胀与货币政策环境如何?"),
    ):  # fmt: skip
        plan = template_plan(topic, vocabulary, as_of=AS_OF)
        assert [s.question for s in plan.steps[:2]] == [first, second]
        assert all(s.tools == ("search_commentary",) for s in plan.steps)  # America's tools
        assert len(plan.steps) == 4  # then its catalysts and its risks
    market = template_plan("美股2026年展望", vocabulary, as_of=AS_OF)
    assert market.steps[0].question == "标普500指数年初至今表现如何?"
    assert any("板块轮动" in s.question for s in market.steps)


def test_a_plan_on_a_theme_asks_what_happened_not_how_the_sp_500_did() -> None:
    """ "Private credit stress and redemptions" was planned as the S&P 500's year and the US
    sector rotation first: neither is its subject. A topic naming none of our symbols, no
    sector and no stocks asks what has happened with it, then America's curve and credit, its
    catalysts and risks. One on stocks, though it names none we hold, keeps the market's steps."""
    from assistant.question.vocabulary import default_vocabulary

    vocabulary = default_vocabulary()
    for topic, first in (
        ("Private credit stress and redemptions",
         "What has happened with “Private credit stress and redemptions” year to date?"),
        ("美联储2026年的降息路径", "美联储2026年的降息路径:年初至今的最新情况如何?"),
    ):  # fmt: skip
        plan = template_plan(topic, vocabulary, as_of=AS_OF)
        assert plan.steps[0].question == first
        assert not any("S&P 500" in s.question or "标普" in s.question for s in plan.steps)
        assert [s.tools for s in plan.steps[1:3]] == [("macro", "search_commentary")] * 2
    for topic in ("AI与半导体股的投资前景", "How US tariffs and trade policy affect US stocks"):
        steps = template_plan(topic, vocabulary, as_of=AS_OF).steps
        assert steps[0].tools[0] == "index_returns" and steps[1].tools[0] == "sector_scores"


def test_every_step_of_the_template_data_fills_from_the_entities_words() -> None:
    from assistant.question.vocabulary import default_vocabulary

    vocabulary = default_vocabulary()
    slots = topic_entities("能源板块前景", vocabulary, None).slots(vocabulary, "t", "title")
    template = plan_template()
    for step in (*template.topic, *template.article):
        for language in ("zh", "en"):
            assert step.step(language, slots).question


def test_an_article_plan_scopes_to_the_article_and_takes_its_date(market: FakeMarket) -> None:
    helper = Assistant(load_settings(), market=market, index=FakeIndex([FED]), model=None)
    drafted = draft_plan(helper, None, article_id=FED.id)
    plan = drafted.plan
    assert plan.topic == FED.title and plan.article_id == FED.id and plan.as_of == FED.published
    assert FED.title in plan.steps[0].question and plan.steps[0].query == FED.title
    with pytest.raises(InputError, match="no article"):
        draft_plan(helper, None, article_id="missing")


def test_an_empty_topic_is_a_clear_error(helper: Assistant) -> None:
    with pytest.raises(InputError, match="topic is empty"):
        draft_plan(helper, "   ")


def _plan_call(plan: dict[str, Any]) -> AIMessage:
    """The fake model's reply to a structured-output request: a call of the plan's tool."""
    return tool_call("PlanDraft", plan)


def _llm_helper(reply: str | AIMessage | Exception) -> tuple[Assistant, ToolCallingFake]:
    if isinstance(reply, Exception):

        class Failing(ToolCallingFake):
            def _generate(self, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
                raise reply

        model: ToolCallingFake = Failing(messages=iter([]))
    else:
        message = reply if isinstance(reply, AIMessage) else AIMessage(content=reply)
        model = ToolCallingFake(messages=iter([message]))
    helper = Assistant(load_settings(), market=FakeMarket(), index=FakeIndex(), model=model)
    return helper, model


LLM_STEPS = [
    {
        "question": "罗素2000指数年初至今是否跑赢标普500指数?",
        "tools": ["index_returns"],
        "query": "",
    },
    {
        "question": "哪些板块领涨?",
        "tools": ["sector_scores", "search_commentary"],
        "query": "板块 轮动",
    },
    {"question": "收益率曲线说明了什么?", "tools": ["macro"], "query": ""},
    {"question": "小盘股的主要风险?", "tools": ["search_commentary"], "query": "风险 回调"},
    {
        "question": "降息如何影响小盘股?",
        "tools": ["search_commentary", "macro"],
        "query": "美联储 降息",
    },
]


def test_the_llm_plan_is_used_when_valid(helper: Assistant) -> None:
    llm, model = _llm_helper(_plan_call({"steps": LLM_STEPS}))
    drafted = draft_plan(llm, "2026年小盘股投资逻辑", as_of=AS_OF)
    assert drafted.by == "llm" and drafted.notices == ()
    assert [s.question for s in drafted.plan.steps] == [s["question"] for s in LLM_STEPS]
    assert drafted.plan.steps[4].tools == ("search_commentary", "macro")
    prompt = str(model.received[0][0].content)
    assert "2026年小盘股投资逻辑" in prompt and "JSON" in prompt and "Chinese" in prompt


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("I would research small caps first.", "no JSON object"),
        ('{"steps": [', "no JSON object"),
        (_plan_call({"steps": [{"question": "q", "tools": ["astrology"]}]}), "unknown tool"),
        (_plan_call({"steps": LLM_STEPS[:2]}), "4 to 8 steps"),
        (httpx.ConnectError("connection reset"), "connection reset"),
    ],
)
def test_an_unusable_llm_plan_falls_back_to_the_template_with_a_notice(
    helper: Assistant, reply: str | AIMessage | Exception, reason: str
) -> None:
    llm, _ = _llm_helper(reply)
    drafted = draft_plan(llm, "2026年小盘股投资逻辑", as_of=AS_OF)
    offline = draft_plan(helper, "2026年小盘股投资逻辑", as_of=AS_OF)
    assert drafted.by == "template" and drafted.plan == offline.plan
    [message] = drafted.notices
    assert "模板计划" in message and reason in message


def test_a_bug_is_not_taken_for_an_unusable_draft(helper: Assistant) -> None:
    llm, _ = _llm_helper(RuntimeError("a bug in the planner"))
    with pytest.raises(RuntimeError, match="a bug"):
        draft_plan(llm, "2026年小盘股投资逻辑", as_of=AS_OF)


def test_offline_skips_the_model(helper: Assistant) -> None:
    llm, model = _llm_helper(_plan_call({"steps": LLM_STEPS}))
    assert draft_plan(llm, "小盘股", offline=True).by == "template" and model.received == []


def test_an_article_without_names_in_its_title_is_read_by_its_tickers_then_tags() -> None:
    from assistant.question.vocabulary import default_vocabulary
    from tests.unit.assistant.fakes import article

    vocabulary = default_vocabulary()
    plain = article("a-1", "The week ahead", "text")
    by_tickers = plain.model_copy(update={"tickers": ("QQQ", "XLK")})
    by_tags = plain.model_copy(update={"tags": ("small_caps", "equity_market")})
    first = [template_plan(a.title, vocabulary, as_of=AS_OF, article=a).steps[1].question
             for a in (plain, by_tickers, by_tags)]  # fmt: skip
    assert first == [  # naming nothing, not even stocks: no market step of the S&P 500
        "Do the rates, yield curve and credit conditions the article describes match the current "
        "macro data?",
        "Did the Invesco QQQ (Nasdaq 100 ETF) outperform the S&P 500 year to date?",
        "Did the Russell 2000 outperform the S&P 500 year to date?",
    ]
