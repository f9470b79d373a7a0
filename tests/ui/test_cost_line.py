"""The cost line under an answer: its words in both languages, and in AppTest the line under an
LLM answer (from the loopback endpoint, with the estimate when the model is priced), none
under an offline answer, and the line again when the conversation is reopened."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.answer.cost import Cost, ModelPrice
from assistant.answer.model import Answer, Section
from assistant.llm.scripted_server import LoopbackOpenAI, text
from tests.ui.conftest import QUESTION, ask, start_app
from tests.ui.test_settings import LLM_ANSWER, use_llm
from ui.chat_session import KEY as SESSION
from ui.cost_line import cost_text, describe, dollars
from ui.markup import plain

COST = Cost(model_calls=2, prompt_tokens=5_497, completion_tokens=812, model="m", usd=0.0013)
PRICED = '{"loopback-model": {"prompt": 2.5, "completion": 10}}'


def test_the_line_in_english_and_chinese() -> None:
    assert describe(COST, "en") == (
        "2 model calls · 5,497 prompt + 812 completion tokens · ≈ $0.0013"
    )
    assert describe(COST, "zh") == "2 次模型调用 · 输入 5,497 + 输出 812 tokens · 约 $0.0013"
    one = COST.model_copy(update={"model_calls": 1, "usd": None})
    assert describe(one, "en") == "1 model call · 5,497 prompt + 812 completion tokens"
    counted = one.model_copy(update={"estimated": True})  # the endpoint reported none
    assert describe(counted, "en") == "1 model call · ≈5,497 prompt + ≈812 completion tokens"


@pytest.mark.parametrize(
    ("usd", "shown"),
    [(0.0013, "0.0013"), (0.000123, "0.00012"), (0.00999, "0.01"), (0.25, "0.25"),
     (1234.5, "1,234.50"), (0.0, "0")],
)  # fmt: skip
def test_dollars_keep_two_significant_figures_below_a_cent(usd: float, shown: str) -> None:
    assert dollars(usd) == shown


def test_an_offline_answer_has_no_line() -> None:
    offline = Answer(
        question="q", title="t", as_of=dt.date(2026, 1, 23), language="en", mode="offline",
        sections=(Section(key="analysis", heading="h", text="x"),),
    )  # fmt: skip
    assert cost_text(offline, {"m": ModelPrice(prompt=1, completion=1)}, "m") is None


# -- on the page -------------------------------------------------------------------------------


@pytest.fixture
def loopback() -> Iterator[LoopbackOpenAI]:
    with LoopbackOpenAI([text(LLM_ANSWER, prompt_tokens=1_234)] * 4) as server:
        yield server


def cost_lines(app: AppTest) -> list[str]:
    return [c.value for c in app.caption if "模型调用" in c.value or "model call" in c.value]


def test_an_llm_answer_shows_its_cost_and_an_offline_one_none(
    seeded_home: Path, loopback: LoopbackOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARKETBRIEF_LLM_PRICES", PRICED)
    offline = ask(start_app(), QUESTION)
    assert offline.session_state[SESSION].answers[0].mode == "offline"
    assert cost_lines(offline) == []

    app = ask(use_llm(start_app(), loopback.base_url), QUESTION)
    answer = app.session_state[SESSION].answers[0]
    assert answer.mode == "llm" and answer.model_calls == len(loopback.requests)
    prompt, completion = answer.usage["prompt_tokens"], answer.usage["completion_tokens"]
    assert prompt == 1_234 * answer.model_calls
    usd = (prompt * 2.5 + completion * 10) / 1_000_000
    expected = Cost(
        model_calls=answer.model_calls, prompt_tokens=prompt, completion_tokens=completion,
        model="loopback-model", usd=usd,
    )  # fmt: skip
    assert cost_lines(app) == [plain(describe(expected, "zh"))]
    assert f"输入 {prompt:,}" in cost_lines(app)[0] and "约 \\$" in cost_lines(app)[0]

    # Reopened after a restart, with the endpoint gone: the saved answer keeps its calls and
    # tokens. (Its estimate is the price of the model the answer names, else of the model in
    # force now: here the settings' default, which has no price.)
    conversation_id = app.session_state[SESSION].conversation_id
    restarted = start_app()
    restarted.button(key=f"open-{conversation_id}").click().run()
    [reopened] = cost_lines(restarted)
    unpriced = plain(describe(expected.model_copy(update={"usd": None}), "zh"))
    assert reopened == (plain(describe(expected, "zh")) if answer.model else unpriced)


def test_without_a_price_the_line_has_no_estimate(
    seeded_home: Path, loopback: LoopbackOpenAI
) -> None:
    app = ask(use_llm(start_app(), loopback.base_url), QUESTION)
    [line] = cost_lines(app)
    assert "次模型调用" in line and "tokens" in line and "$" not in line and "约" not in line
