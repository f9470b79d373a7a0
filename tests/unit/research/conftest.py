"""Fixtures for research: the assistant's fakes (market data, index, chat model) and plans."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.engine import Assistant
from assistant.research.plan import Plan, Step
from assistant.settings import load_settings
from tests.unit.assistant.fakes import SEED, FakeIndex, FakeMarket, article

AS_OF = dt.date(2026, 1, 23)

FED_TEXT = (
    "美联储降息周期降低了小企业的融资成本,信用利差收窄,金融环境改善[2]。"
    "收益率曲线趋于陡峭,对小盘股估值形成支撑。\n\n"
    "不过,若通胀反弹导致降息暂停,小盘股可能面临回调风险,盘整阶段或将延长。"
)
FED = article("fed-002", "美联储政策与小盘股融资环境", FED_TEXT, dt.date(2026, 1, 22))


def make_plan(*steps: Step, topic: str = "2026年小盘股投资逻辑") -> Plan:
    return Plan(topic=topic, language="zh", as_of=AS_OF, steps=steps)


STEPS = (
    Step(
        question="罗素2000指数年初至今是否跑赢标普500指数?",
        tools=("index_returns", "search_commentary"),
        query="罗素2000 年初至今 回报率 跑赢",
    ),
    Step(question="当前美股板块轮动格局如何?", tools=("sector_scores",), query=""),
    Step(
        question="收益率曲线与信用利差对小盘股意味着什么?",
        tools=("macro", "search_commentary"),
        query="美联储 降息 融资成本 信用利差",
    ),
    Step(
        question="小盘股面临哪些主要风险?",
        tools=("search_commentary",),
        query="回调 风险 盘整 通胀",
    ),
)


@pytest.fixture
def market() -> FakeMarket:
    return FakeMarket()


@pytest.fixture
def index() -> FakeIndex:
    return FakeIndex([SEED, FED])


@pytest.fixture
def helper(market: FakeMarket, index: FakeIndex) -> Assistant:
    """An offline Assistant over the fakes."""
    return Assistant(load_settings(), market=market, index=index, model=None)


@pytest.fixture
def plan() -> Plan:
    return make_plan(*STEPS)
