"""LLM mode's figures are checked, and the model gets one repair turn (issue 12).

Each planted error goes through the real `ask` path: the real openai client talks to a scripted
loopback server, the tools run on FakeMarket's figures and FakeIndex's seed article, and the
model's answer states the error. The repair turn repeats it, so the final answer must flag it
(with the source's own value when the source states another one); or the repair fixes it, and
the answer is clean. Planted values are computed from the fakes, not typed in.
"""

from __future__ import annotations

import time
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import pytest

from assistant import services
from assistant.answer.model import NUMBER_FLAGS, Answer, Flag
from assistant.engine import Assistant
from assistant.events import Done, Event, Notice, Token
from assistant.gather.sources import SourceRegistry
from assistant.llm.agent import RunLimits
from assistant.llm.parse import parse_markdown
from assistant.llm.repair import RepairContext, Written, repair
from assistant.llm.scripted_server import LoopbackOpenAI, Servers, hang, status, text, tool_calls
from assistant.question.vocabulary import default_vocabulary
from assistant.services import chat_model
from assistant.settings import Settings, load_settings
from tests.cli_runner import run_cli
from tests.unit.assistant import fakes
from tests.unit.assistant.fakes import AS_OF, SEED, SEED_TEXT, FakeIndex, FakeMarket, article

pytestmark = pytest.mark.integration

QUESTION = {
    "zh": "罗素2000指数年初至今是否跑赢标普500?",
    "en": "Did the Russell 2000 outperform the S&P 500 year to date?",
}
RETURNS = ("index_returns", {"symbols": ["^RUT", "^GSPC"], "period": "YTD", "benchmark": "^GSPC"})
SEARCH = ("search_commentary", {"query": "罗素2000 年初至今"})

# The fakes' figures, as a writer would copy them.
RUT, RUT_VOLATILITY = fakes.RETURNS["^RUT"][2], fakes.RETURNS["^RUT"][3]
SPX = fakes.RETURNS["^GSPC"][2]
SPREAD = RUT - SPX
RUT_2 = f"{RUT:.2f}%"  # 7.54%
SPX_2 = f"{SPX:.2f}%"  # 1.02%
TRANSPOSED = RUT_2[:-3] + RUT_2[-2] + RUT_2[-3] + "%"  # 7.45%
SEED_RUT, SEED_NASDAQ = "8.2%", "1.8%"  # what the seed article states
assert SEED_RUT in SEED_TEXT and SEED_NASDAQ in SEED_TEXT
OTHER_NASDAQ = "2.6%"  # what another article states
OTHER = article(
    "other-1", "纳斯达克年初表现", f"纳斯达克综合指数年初至今上涨{OTHER_NASDAQ},科技股领涨。"
)


def zh_answer(sentence: str) -> str:
    return f"""# 罗素2000跑赢标普500

## 综合分析
{sentence}

## 核心洞察
小盘股轮动明显[1]。

## 风险与机遇
### 风险因素
可能进入盘整阶段[1]。
### 机遇窗口
降息周期为小盘股提供支撑[1]。

## 核心信息摘要
罗素2000跑赢标普500 {SPREAD:.2f}个百分点[0]。
"""


def en_answer(sentence: str) -> str:
    return f"""# The Russell 2000 beats the S&P 500

## Comprehensive analysis
{sentence}

## Key insights
Small caps are leading a rotation[1].

## Risks and opportunities
### Risks
A consolidation phase is possible[1].
### Opportunities
Rate cuts support small companies[1].

## Key takeaways
The Russell 2000 beat the S&P 500 by {SPREAD:.2f} percentage points[0].
"""


ANSWERS = {"zh": zh_answer, "en": en_answer}


@dataclass
class Asked:
    events: list[Event]
    answer: Answer
    server: LoopbackOpenAI

    @property
    def number_flags(self) -> list[Flag]:
        return [f for f in self.answer.flags if f.kind in NUMBER_FLAGS]

    def notices(self) -> list[Notice]:
        return [e for e in self.events if isinstance(e, Notice)]

    def repair_prompt(self) -> str:
        return str(self.server.requests[3]["messages"][-1]["content"])


def settings_for(url: str, **overrides: Any) -> Settings:
    return load_settings(openai_base_url=url, model="loopback-model", **overrides)


def ask(
    serve: Servers,
    first: str,
    rewrite: str | None = None,
    *,
    language: str = "zh",
    after: list[Any] | None = None,
    **overrides: Any,
) -> Asked:
    """Tools, then the `first` answer, then (if scripted) the repair turn's `rewrite`."""
    script = [
        tool_calls(RETURNS, prompt_tokens=900),
        tool_calls(SEARCH, prompt_tokens=1000),
        text(first, prompt_tokens=1100),
    ]
    script += [text(rewrite, prompt_tokens=1200)] if rewrite is not None else []
    server = serve.start(script + (after or []))
    helper = Assistant(
        settings_for(server.base_url, **overrides),
        market=FakeMarket(),
        index=FakeIndex([SEED, OTHER]),
    )
    events = list(helper.stream(QUESTION[language], as_of=AS_OF))
    done = events[-1]
    assert isinstance(done, Done) and done.answer.mode == "llm"
    return Asked(events, done.answer, server)


@dataclass(frozen=True)
class Planted:
    sentence: str
    kind: str  # the flag it must raise
    entity: str
    source_value: str | None = None  # a contradicted flag's source value


PLANTED = {
    "sign flip": Planted(f"罗素2000指数年初至今下跌{RUT_2}[0]。", "contradicted_number", "^RUT",
                         f"+{RUT_2}"),
    "symbol swap": Planted(f"标普500指数年初至今上涨{RUT_2}[0]。", "contradicted_number", "^GSPC",
                           f"+{SPX_2}"),
    "metric swap (volatility as return)": Planted(
        f"罗素2000指数年初至今上涨{RUT_VOLATILITY:.2f}%[0]。", "contradicted_number", "^RUT",
        f"+{RUT_2}"),
    "period swap": Planted(f"标普500指数2024年全年上涨{SPX_2}[0]。", "unsupported_number", "^GSPC"),
    "100x unit slip": Planted(f"罗素2000指数年初至今上涨{RUT * 100:.0f}%[0]。",
                              "contradicted_number", "^RUT", f"+{RUT_2}"),
    "digit transposition": Planted(f"罗素2000指数年初至今上涨{TRANSPOSED}[0]。",
                                   "contradicted_number", "^RUT", f"+{RUT_2}"),
    "another article's figure cited to the seed": Planted(
        f"文章称纳斯达克综合指数年初至今上涨{OTHER_NASDAQ}[1]。", "contradicted_number", "^IXIC",
        f"+{SEED_NASDAQ}"),
    "rounding finer than the source": Planted(
        f"文章称罗素2000指数年初至今上涨{SEED_RUT[:-1]}4%[1]。", "contradicted_number", "^RUT",
        f"+{SEED_RUT}"),
}  # fmt: skip


@pytest.mark.parametrize("case", PLANTED.values(), ids=PLANTED.keys())
def test_a_planted_error_repeated_by_the_repair_is_flagged(serve: Servers, case: Planted) -> None:
    bad = zh_answer(case.sentence)
    asked = ask(serve, bad, bad)
    assert len(asked.number_flags) == 1, [(f.kind, f.sentence) for f in asked.number_flags]
    [flag] = asked.number_flags
    assert flag.kind == case.kind and flag.sentence == case.sentence
    assert flag.claim is not None and flag.claim.entity == case.entity
    if case.source_value is not None:
        assert flag.source_value == case.source_value
    assert asked.answer.references[1].article_id == SEED.id  # [1] is the seed article
    # the repair turn ran: the model's problem list named the sentence
    assert asked.answer.model_calls == 4 and len(asked.server.requests) == 4
    assert case.sentence in asked.repair_prompt()
    [repairing] = asked.notices()
    assert repairing.discard_streamed


def test_a_repair_that_fixes_the_figure_leaves_no_flag(serve: Servers) -> None:
    planted = PLANTED["sign flip"].sentence
    fixed = zh_answer(f"罗素2000指数年初至今上涨{RUT_2}[0]。")
    asked = ask(serve, zh_answer(planted), fixed)
    assert asked.number_flags == []
    assert f"上涨{RUT_2}[0]" in asked.answer.sections[0].text and planted not in str(asked.answer)
    assert asked.answer.model_calls == 4
    assert asked.answer.usage["prompt_tokens"] == 900 + 1000 + 1100 + 1200  # the repair counted
    # the repair call: the chat model itself, tools off, shown the problem and the answer
    request = asked.server.requests[3]
    assert "tools" not in request and request["stream"] is True
    prompt = asked.repair_prompt()
    assert "# Problems" in prompt and f"1. Sentence: {planted}" in prompt
    assert f"states another value for the same thing: +{RUT_2}" in prompt
    assert "Russell 2000, year to date, return" in prompt and "<answer>" in prompt
    assert "## 综合分析" in prompt and "[0] [1]" in prompt  # headings and markers to keep
    # the draft is discarded before the rewrite streams; the rewrite's tokens follow
    [repairing] = asked.notices()
    at = asked.events.index(repairing)
    assert repairing.discard_streamed and "1 个数字" in repairing.message
    assert any(isinstance(e, Token) for e in asked.events[:at])
    assert "".join(e.text for e in asked.events[at:] if isinstance(e, Token)) == fixed


@pytest.mark.parametrize(
    "sentence",
    [
        f"罗素2000指数年初至今上涨{RUT:.1f}%[0]。",
        f"罗素2000指数年初至今上涨{RUT_2}[0]。",
        f"文章称罗素2000指数年初至今上涨约{float(SEED_RUT[:-1]):.0f}%[1]。",
    ],
)
def test_true_figures_rounded_as_the_source_allows_need_no_repair(
    serve: Servers, sentence: str
) -> None:
    asked = ask(serve, zh_answer(sentence))
    assert asked.number_flags == [] and asked.notices() == []
    assert asked.answer.model_calls == 3 and len(asked.server.requests) == 3


def test_uncited_figures_alone_do_not_trigger_a_repair(serve: Servers) -> None:
    uncited = f"罗素2000指数年初至今上涨{RUT_2}。"
    asked = ask(serve, zh_answer(f"截至2026年1月23日的行情如下[0]。\n\n{uncited}"))
    [flag] = asked.number_flags
    assert flag.kind == "uncited_number" and flag.sentence == uncited
    assert len(asked.server.requests) == 3 and asked.notices() == []


def test_when_a_repair_runs_uncited_figures_are_on_its_list_too(serve: Servers) -> None:
    planted, uncited = PLANTED["symbol swap"].sentence, f"罗素2000指数年初至今上涨{RUT_2}。"
    bad = zh_answer(f"{planted}\n\n{uncited}")
    asked = ask(serve, bad, bad)
    assert sorted(f.kind for f in asked.number_flags) == ["contradicted_number", "uncited_number"]
    prompt = asked.repair_prompt()
    assert f"1. Sentence: {planted}" in prompt and f"2. Sentence: {uncited}" in prompt
    assert "the sentence cites no source" in prompt
    assert "1 个数字" in asked.notices()[0].message  # the uncited one is not "contradicted"


def test_no_repair_when_the_model_calls_are_spent(serve: Servers) -> None:
    asked = ask(serve, zh_answer(PLANTED["sign flip"].sentence), llm_max_model_calls=3)
    [flag] = asked.number_flags
    assert flag.kind == "contradicted_number" and flag.source_value == f"+{RUT_2}"
    assert asked.answer.model_calls == 3 and len(asked.server.requests) == 3
    assert asked.notices() == []  # skipped without a word


def test_no_repair_when_the_token_budget_is_spent(serve: Servers) -> None:
    asked = ask(serve, zh_answer(PLANTED["sign flip"].sentence), llm_token_budget=3_000)
    assert [f.kind for f in asked.number_flags] == ["contradicted_number"]
    assert len(asked.server.requests) == 3 and asked.notices() == []


def test_a_failing_repair_keeps_the_first_answer_flagged_not_offline(serve: Servers) -> None:
    planted = PLANTED["symbol swap"].sentence
    asked = ask(
        serve, zh_answer(planted), after=[status(500), status(500)], llm_max_retries=1
    )  # ask() asserts the answer is still the LLM's
    [flag] = asked.number_flags
    assert flag.sentence == planted and flag.source_value == f"+{SPX_2}"
    repairing, kept = asked.notices()
    assert repairing.discard_streamed and "HTTP 500" in kept.message
    assert asked.answer.model_calls == 4 and len(asked.server.requests) == 5


def test_a_rewrite_without_the_sections_keeps_the_first_answer(serve: Servers) -> None:
    planted = PLANTED["digit transposition"].sentence
    asked = ask(serve, zh_answer(planted), "好的，我已经改正了。")
    assert [f.sentence for f in asked.number_flags] == [planted]
    assert planted in asked.answer.sections[0].text and asked.answer.model_calls == 4
    assert "required sections" in asked.notices()[-1].message


# -- English ------------------------------------------------------------------------------------

EN_PLANTED = {
    "sign flip": Planted(f"The Russell 2000 fell {RUT_2} year to date[0].",
                         "contradicted_number", "^RUT", f"+{RUT_2}"),
    "symbol swap": Planted(f"The S&P 500 rose {RUT_2} year to date[0].",
                           "contradicted_number", "^GSPC", f"+{SPX_2}"),
    "rounding finer than the source": Planted(
        f"The article puts the Russell 2000's year-to-date gain at {SEED_RUT[:-1]}4%[1].",
        "contradicted_number", "^RUT", f"+{SEED_RUT}"),
}  # fmt: skip


@pytest.mark.parametrize("case", EN_PLANTED.values(), ids=EN_PLANTED.keys())
def test_english_planted_errors_are_flagged(serve: Servers, case: Planted) -> None:
    bad = en_answer(case.sentence)
    asked = ask(serve, bad, bad, language="en")
    [flag] = asked.number_flags
    assert (flag.kind, flag.sentence, flag.source_value) == (
        case.kind, case.sentence, case.source_value
    )  # fmt: skip
    assert asked.answer.model_calls == 4 and case.sentence in asked.repair_prompt()
    assert "revising the answer once" in asked.notices()[0].message


def test_an_english_repair_fixes_the_figure(serve: Servers) -> None:
    fixed = en_answer(f"The Russell 2000 rose about {RUT:.1f}% year to date[0].")
    asked = ask(serve, en_answer(EN_PLANTED["sign flip"].sentence), fixed, language="en")
    assert asked.number_flags == [] and asked.answer.model_calls == 4
    assert asked.answer.sections[0].heading == "Comprehensive analysis"
    assert f"{RUT:.1f}% year to date[0]" in asked.answer.sections[0].text


# -- the CLI ------------------------------------------------------------------------------------


def test_the_cli_json_shows_the_flag_with_its_claim_parts(
    serve: Servers, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = zh_answer(PLANTED["sign flip"].sentence)
    server = serve.start([tool_calls(RETURNS), tool_calls(SEARCH), text(bad), text(bad)])
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setattr(services, "market_data", lambda settings: FakeMarket())
    monkeypatch.setattr(services, "commentary_index", lambda settings: FakeIndex())
    result = run_cli(capsys, "ask", QUESTION["zh"], "--as-of", "2026-01-23", "--json")
    assert result.exit_code == 0, result.stderr
    payload = result.json()
    assert payload["mode"] == "llm" and len(server.requests) == 4
    [flag] = [f for f in payload["flags"] if f["kind"] in NUMBER_FLAGS]
    assert flag["kind"] == "contradicted_number" and flag["source_value"] == f"+{RUT_2}"
    assert flag["sentence"] == PLANTED["sign flip"].sentence and flag["sources"] == [0]
    assert flag["claim"] == {
        "value": -round(RUT, 2), "unit": "%", "entity": "^RUT", "metric": "return",
        "period": "YTD", "direction": "down",
    }  # fmt: skip


# -- the bounds of the repair call itself ----------------------------------------------------------


def drive(steps: Generator[Event, None, Written]) -> tuple[list[Event], Written]:
    events: list[Event] = []
    while True:
        try:
            events.append(next(steps))
        except StopIteration as done:
            return events, done.value


def first_draft(server: LoopbackOpenAI, deadline: float, **limits: Any) -> tuple[Written, Any]:
    registry = SourceRegistry()
    registry.add_tool_result(FakeMarket().index_returns(["^RUT", "^GSPC"], benchmark="^GSPC"))
    markdown = zh_answer(PLANTED["sign flip"].sentence)
    title, sections = parse_markdown(markdown, "zh")
    written = Written(title, sections, markdown, 2, {"total_tokens": 100}, deadline)
    model = chat_model(settings_for(server.base_url, llm_max_retries=0))
    assert model is not None
    limits_ = RunLimits(**limits)
    context = RepairContext(model, registry, default_vocabulary(), "zh", limits_, "system")
    return written, context


def test_no_repair_once_the_deadline_has_passed(serve: Servers) -> None:
    server = serve.start([text("unused")])
    written, context = first_draft(server, deadline=time.monotonic() - 1)
    assert drive(repair(written, context)) == ([], written)
    assert server.requests == []


def test_the_repair_call_is_abandoned_at_the_run_deadline(serve: Servers) -> None:
    server = serve.start([hang()])
    started = time.monotonic()
    written, context = first_draft(server, deadline=started + 0.5, timeout_s=0.5)
    events, kept = drive(repair(written, context))  # the endpoint hangs (its own timeout: 60 s)
    assert time.monotonic() - started < 10
    assert [type(e) for e in events] == [Notice, Notice]
    assert "took longer than 0.5 s" in events[-1].message  # type: ignore[union-attr]
    assert kept.sections == written.sections and kept.model_calls == 3
