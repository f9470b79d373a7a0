"""What an answer costs: the one computation, the price setting and its errors, and the cost in
`ask --json` and `research --json` (an offline answer has none)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from assistant.answer.cost import ModelPrice, answer_cost
from assistant.answer.model import Answer, Section
from assistant.conversation.history import HistoryStore
from assistant.errors import ConfigError
from assistant.llm.scripted_server import Servers, text
from assistant.research.brief import Brief, StepReport
from assistant.research.carry import one_model
from assistant.research.store import ResearchStore
from assistant.settings import load_settings
from tests.cli_runner import run_cli
from tests.unit.assistant.fakes import ZH_ANSWER
from tests.unit.research.conftest import STEPS, make_plan

PRICES = {"gpt-4o-mini": ModelPrice(prompt=0.15, completion=0.60)}
PRICES_ENV = '{"gpt-4o-mini": {"prompt": 0.15, "completion": 0.60}}'
QUESTION = "罗素2000指数年初至今是否跑赢标普500?"


def answer(model_calls: int = 2, model: str | None = None, **usage: int) -> Answer:
    return Answer(
        question="Did small caps lead?",
        title="Small caps",
        as_of=dt.date(2026, 1, 23),
        language="en",
        mode="llm" if model_calls else "offline",
        sections=(Section(key="analysis", heading="Comprehensive analysis", text="Up."),),
        model_calls=model_calls,
        usage=usage or {"prompt_tokens": 5_497, "completion_tokens": 812, "total_tokens": 6_309},
        model=model,
    )


# -- the computation --------------------------------------------------------------------------


def test_a_priced_model_gets_an_estimate_in_dollars() -> None:
    cost = answer_cost(answer(), PRICES, "gpt-4o-mini")
    assert cost is not None
    assert cost.model_dump(exclude={"usd"}) == {
        "model_calls": 2, "prompt_tokens": 5_497, "completion_tokens": 812, "model": "gpt-4o-mini",
        "estimated": False,  # as the endpoint reported them
    }  # fmt: skip
    assert cost.usd == pytest.approx((5_497 * 0.15 + 812 * 0.60) / 1_000_000)


def test_no_price_for_the_model_is_no_estimate_never_a_guess() -> None:
    cost = answer_cost(answer(), PRICES, "some-other-model")
    assert cost is not None and cost.usd is None and cost.prompt_tokens == 5_497
    assert answer_cost(answer(), {}, "gpt-4o-mini") == cost.model_copy(
        update={"model": "gpt-4o-mini"}
    )


def test_an_answer_no_model_wrote_has_no_cost() -> None:
    assert answer_cost(answer(model_calls=0), PRICES, "gpt-4o-mini") is None


def test_the_model_that_wrote_the_answer_is_the_one_priced() -> None:
    written = answer(model="gpt-4o-mini")
    cost = answer_cost(written, PRICES, "the-sidebars-model-now")
    assert cost is not None and cost.model == "gpt-4o-mini" and cost.usd is not None


def test_usage_the_endpoint_did_not_report_counts_as_zero() -> None:
    cost = answer_cost(answer(1, total_tokens=10), PRICES, "gpt-4o-mini")
    assert cost is not None and (cost.prompt_tokens, cost.completion_tokens, cost.usd) == (0, 0, 0)


def test_a_brief_is_priced_as_its_steps_model_when_they_share_one() -> None:
    steps = [answer(model="a"), answer(model_calls=0), answer(model="a"), answer()]
    assert one_model(steps) == "a"
    assert one_model([answer(model="a"), answer(model="b")]) is None
    assert one_model([answer()]) is None


def test_a_saved_conversation_keeps_what_its_answers_cost(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "db.sqlite3")
    kept = answer(model="gpt-4o-mini")
    conversation = store.add_turn(None, kept)
    saved = store.get(conversation)
    assert saved is not None
    [reopened] = saved.answers
    assert answer_cost(reopened, PRICES, "x") == answer_cost(kept, PRICES, "x") is not None


# -- the setting -------------------------------------------------------------------------------


def test_prices_are_read_from_the_environment_as_json(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().llm_prices == {}  # by default no model is priced
    monkeypatch.setenv("MARKETBRIEF_LLM_PRICES", PRICES_ENV)
    assert load_settings().llm_prices == PRICES


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("{gpt-4o-mini: 0.15}", "not JSON"),
        ('{"m": {"prompt": -0.1, "completion": 0.6}}', "m: prompt: Input should be greater"),
        ('{"m": {"prompt": 0.1}}', "m: completion: Field required"),
        ('{"m": {"prompt": 0.1, "completion": 0.6, "cached": 0.01}}', "m: cached: Extra inputs"),
        ('{"m": {"prompt": "cheap", "completion": 0.6}}', "m: prompt: Input should be a valid"),
        ("[0.15, 0.60]", "a JSON object of model names is needed"),
    ],
)
def test_a_bad_price_is_one_line_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, value: str, says: str
) -> None:
    monkeypatch.setenv("MARKETBRIEF_LLM_PRICES", value)
    with pytest.raises(ConfigError) as raised:
        load_settings()
    text = str(raised.value)
    assert text.startswith(f"bad setting MARKETBRIEF_LLM_PRICES: {says}"), text
    assert "\n" not in text and "USD per million tokens" in text


def test_the_cli_says_a_bad_price_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARKETBRIEF_LLM_PRICES", '{"m": {"prompt": -1, "completion": 0}}')
    result = run_cli(capsys, "ask", QUESTION, "--offline", "--json")
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: bad setting MARKETBRIEF_LLM_PRICES: m: prompt:")


# -- in --json ---------------------------------------------------------------------------------


def test_an_offline_answer_has_no_cost_in_json(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARKETBRIEF_LLM_PRICES", PRICES_ENV)
    result = run_cli(capsys, "ask", QUESTION, "--offline", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["cost"] is None


@pytest.mark.integration
def test_an_llm_answer_has_its_calls_tokens_and_estimate_in_json(
    serve: Servers, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = serve.start([text(ZH_ANSWER, prompt_tokens=2_100)] * 3)
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("MARKETBRIEF_MODEL", "loopback-model")
    priced = '{"loopback-model": {"prompt": 2, "completion": 8}}'
    monkeypatch.setenv("MARKETBRIEF_LLM_PRICES", priced)
    result = run_cli(capsys, "ask", QUESTION, "--as-of", "2026-01-23", "--json")
    assert result.exit_code == 0, result.stderr
    payload = result.json()
    cost = payload["cost"]
    assert payload["mode"] == "llm" and cost["model"] == "loopback-model"
    assert cost["model_calls"] == len(server.requests) >= 1
    assert cost["prompt_tokens"] == 2_100 * len(server.requests) and cost["completion_tokens"] > 0
    spent = cost["prompt_tokens"] * 2 + cost["completion_tokens"] * 8
    assert cost["usd"] == pytest.approx(spent / 1_000_000)


@pytest.mark.integration
def test_an_llm_answer_names_the_model_that_wrote_it(serve: Servers) -> None:
    from assistant.engine import Assistant
    from tests.unit.assistant.fakes import AS_OF, FakeIndex, FakeMarket

    server = serve.start([text(ZH_ANSWER)] * 3)
    settings = load_settings(openai_base_url=server.base_url, model="loopback-model")
    helper = Assistant(settings, market=FakeMarket(), index=FakeIndex())
    assert helper.ask(QUESTION, as_of=AS_OF).model == "loopback-model"


def test_a_brief_has_its_total_cost_and_each_steps_in_json(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARKETBRIEF_LLM_PRICES", PRICES_ENV)
    plan = make_plan(*STEPS)
    steps = (
        StepReport(n=1, step=plan.steps[0], status="ok", answer=answer(3, model="gpt-4o-mini")),
        StepReport(n=2, step=plan.steps[1], status="ok", answer=answer(0)),  # answered offline
        StepReport(n=3, step=plan.steps[2], status="failed", error="no data"),
    )
    brief = Brief(plan=plan, answer=answer(5, model="gpt-4o-mini"), steps=steps)
    ResearchStore(load_settings().db_path).save_brief(brief)
    result = run_cli(capsys, "research", "--show", brief.id, "--json")
    assert result.exit_code == 0, result.stderr
    shown = result.json()
    cost = shown["cost"]
    assert (cost["model_calls"], cost["prompt_tokens"], cost["completion_tokens"]) == (
        5,
        5_497,
        812,
    )
    assert cost["usd"] == pytest.approx((5_497 * 0.15 + 812 * 0.60) / 1_000_000)
    per_step = [s["cost"] for s in shown["steps"]]
    assert per_step[0]["model_calls"] == 3 and per_step[0]["usd"] > 0
    assert per_step[1:] == [None, None]
    offline = Brief(plan=make_plan(*STEPS), answer=answer(model_calls=0), steps=())
    ResearchStore(load_settings().db_path).save_brief(offline)
    shown = run_cli(capsys, "research", "--show", offline.id, "--json").json()
    assert shown["cost"] is None and json.dumps(shown)


def test_tokens_counted_here_are_marked_as_such() -> None:
    counted = answer().model_copy(update={"usage": {"prompt_tokens": 900, "estimated": 1}})
    cost = answer_cost(counted, PRICES, "gpt-4o-mini")
    assert cost is not None and cost.estimated
