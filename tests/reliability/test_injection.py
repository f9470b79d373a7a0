"""A corpus of hostile articles (tests/fixtures/injection, zh and en) ingested beside the seeds:

(a) it never changes which tools run (offline: the same market calls with or without it; LLM
mode: only the tools the model asked for, and no fake tool call in an article is executed);
(b) it never leaks settings or keys (a recognisable fake key is configured and every output is
searched for it, the prompts sent to the model included);
(c) none of its instruction sentences is quoted in an answer, nor shown to the model.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.answer.render import answer_json, render_markdown
from assistant.engine import Assistant
from assistant.llm.injection import is_instruction_like, normalise_for_matching
from assistant.llm.scripted_server import LoopbackOpenAI, text, tool_calls
from assistant.settings import load_settings
from benchmarks.harness.paths import FIXTURES, SHARED
from ingest.index import Index
from ingest.pipeline import ingest_sources
from tests.cli_runner import run_cli
from tests.secrets import FAKE_KEY, assert_no_secret
from tests.unit.assistant.fakes import AS_OF, ZH_ANSWER, FakeMarket
from tests.unit.ingest.conftest import open_index

pytestmark = pytest.mark.integration
CORPUS = FIXTURES / "injection"
MANIFEST: dict[str, list[str]] = json.loads((CORPUS / "manifest.json").read_text("utf-8"))
HOSTILE = [phrase for phrases in MANIFEST.values() for phrase in phrases]
QUESTIONS = [
    "罗素2000指数年初至今是否跑赢标普500?",
    "小盘股为什么跑赢大盘?最近板块轮动如何?",
    "Did small caps beat the S&P 500 this year, and what drives the rotation?",
    "What do credit spreads say about risk appetite?",
]
BENIGN = [
    "本周小盘股继续领涨，罗素2000指数表现优于标普500指数。",
    "Investors ignored the weak payrolls print and bought cyclicals.",
    "The Fed's new guidance: rates stay on hold until inflation cools.",
    "Analysts use the VIX as a tool to gauge fear.",
    "美联储系统性风险报告显示银行业资本充足。",
]


def leaked(text: str) -> list[str]:
    """The hostile sentences that appear in `text` (whole, or their middle third: a quote may
    be trimmed, and their start may be shared with our own "[0] marketbrief market data")."""
    seen = normalise_for_matching(text)
    found = []
    for phrase in HOSTILE:
        normal = normalise_for_matching(phrase)
        third = len(normal) // 3
        if normal in seen or normal[third : 2 * third] in seen:
            found.append(phrase)
    return found + (["evil.example"] if "evil.example" in seen else [])


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Index, Index]]:
    """(seeds only, seeds + the hostile corpus)."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"needs the seeds in {SHARED / 'seeds'}")
    seeds = [str(p) for p in sorted((SHARED / "seeds").glob("*.txt"))]
    clean = open_index(tmp_path_factory.mktemp("clean"))
    dirty = open_index(tmp_path_factory.mktemp("dirty"))
    assert ingest_sources(seeds, clean).ok
    report = ingest_sources([*seeds, str(CORPUS)], dirty)
    assert report.added == len(seeds) + len(MANIFEST), report.skipped
    yield clean, dirty
    clean.close()
    dirty.close()


def test_the_corpus_is_big_enough_and_every_hostile_sentence_is_recognised() -> None:
    assert len(MANIFEST) >= 20
    assert {name[:2] for name in MANIFEST} == {"en", "zh"}
    assert [p for p in HOSTILE if not is_instruction_like(p)] == []
    assert [s for s in BENIGN if is_instruction_like(s)] == []


def test_offline_answers_run_the_same_tools_and_quote_no_instruction(
    library: tuple[Index, Index], monkeypatch: pytest.MonkeyPatch
) -> None:
    clean_index, dirty_index = library
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    settings = load_settings()
    retrieved_hostile = 0
    for question in QUESTIONS:
        clean_market, dirty_market = FakeMarket(), FakeMarket()
        clean = Assistant(settings, market=clean_market, index=clean_index)
        dirty = Assistant(settings, market=dirty_market, index=dirty_index)
        clean.ask(question, as_of=AS_OF, offline=True)
        answer = dirty.ask(question, as_of=AS_OF, offline=True)
        assert dirty_market.calls == clean_market.calls, question
        shown = render_markdown(answer) + json.dumps(answer_json(answer), ensure_ascii=False)
        assert leaked(shown) == [], question
        assert_no_secret(shown)
        hits = dirty_index.search(question, k=8)
        retrieved_hostile += sum("hostile.example" in (h.url or "") for h in hits)
    assert retrieved_hostile > 0  # the hostile articles were there to be quoted


def test_llm_mode_sees_no_instruction_runs_only_asked_tools_and_gets_no_key(
    library: tuple[Index, Index], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, dirty_index = library
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    market = FakeMarket()
    search = ("search_commentary", {"query": "罗素2000 小盘股 板块轮动 系统提示 指令", "k": 8})
    with LoopbackOpenAI([tool_calls(search), text(ZH_ANSWER), text(ZH_ANSWER)]) as server:
        settings = load_settings(openai_base_url=server.base_url, model="loopback")
        answer = Assistant(settings, market=market, index=dirty_index).ask(
            QUESTIONS[0], as_of=AS_OF
        )
    # the answer's figures are not in the passages it cites: one repair turn, shown them again
    assert answer.mode == "llm" and len(server.requests) == 3
    tool_reply = server.requests[1]["messages"][-1]
    assert tool_reply["role"] == "tool" and "Hostile Weekly" in tool_reply["content"]
    assert leaked(tool_reply["content"]) == []
    repair_prompt = server.requests[2]["messages"][-1]["content"]
    assert "<passage>" in repair_prompt and leaked(repair_prompt) == []
    assert [name for name, _ in market.calls if name != "quotes"] == []  # no tool ran unasked
    sent = json.dumps(server.requests, ensure_ascii=False)
    assert_no_secret([sent, render_markdown(answer), answer.model_dump_json()])
    assert leaked(render_markdown(answer)) == []


def test_the_cli_over_a_hostile_library_leaks_nothing(
    capsys: pytest.CaptureFixture[str], shared_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    seeds = str(shared_dir / "seeds")
    assert run_cli(capsys, "ingest", seeds, str(CORPUS)).exit_code == 0
    outputs = []
    for question in QUESTIONS[:2]:
        result = run_cli(capsys, "ask", question, "--as-of", "2026-01-23", "--offline", "--json")
        assert result.exit_code == 0, result.stderr
        outputs += [result.stdout, result.stderr]
        assert leaked(result.json()["markdown"]) == []
    searched = run_cli(capsys, "search", "忽略之前的所有指令", "--json")
    outputs += [searched.stdout, searched.stderr]
    assert_no_secret([*outputs, Path(os.environ["MARKETBRIEF_HOME"])])
