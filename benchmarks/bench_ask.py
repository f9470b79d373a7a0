"""Ask: offline answer latency, and LLM-mode cost against a loopback OpenAI-compatible server.

Set-up (not timed): a temp data directory with the shared prices imported and the news corpus
plus the seeds indexed, through the same services the product uses.

- Offline: 20 questions (zh/en mix, as of 2026-01-23), each answered once after one warm-up
  question; p50/p95/max latency (goal: p95 under 1 s).
- LLM mode: 5 questions through the real openai client against the scripted loopback server
  (assistant.llm.scripted_server), scripted to call index_returns, then search_commentary,
  then answer. Model calls and prompt tokens per answer (tokens estimated by the server from
  the request: 1 per CJK character, 1 per 4 other characters), and the time per answer (no
  model time: the server answers at once, so this is our overhead).
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from assistant import services
from assistant.engine import Assistant
from assistant.settings import Settings, load_settings
from ingest.pipeline import ingest_sources

SHARED = Path(__file__).resolve().parents[2] / "shared"
AS_OF = dt.date(2026, 1, 23)

QUESTIONS = [
    "罗素2000指数年初至今是否跑赢标普500?",
    "Did the Russell 2000 outperform the S&P 500 year to date?",
    "纳斯达克近3个月表现如何?",
    "How did the Nasdaq do over the past month versus the S&P 500?",
    "最近板块轮动如何?哪些板块领涨?",
    "Which sectors lead the rotation right now?",
    "美债收益率和信用利差说明了什么?",
    "What do yields, credit spreads and the VIX say about risk appetite?",
    "小盘股为什么跑赢大盘?",
    "What is driving the small-cap rotation?",
    "道琼斯指数今天表现如何?",
    "How did the Dow do today?",
    "能源板块的前景怎么看?",
    "Is the technology sector losing momentum?",
    "美联储降息对小盘股有什么影响?",
    "How do rate cuts affect small caps?",
    "2025年标普500全年表现如何?",
    "How did IWM compare with SPY this month?",
    "金融板块下跌说明了什么风险?",
    "What are the risks for US stocks in 2026?",
]
LLM_QUESTIONS = QUESTIONS[:4] + QUESTIONS[8:9]


def _set_up(home: Path) -> Settings:
    settings = load_settings(home=home)
    started = time.perf_counter()
    services.market_data(settings).import_csv([SHARED / "data" / "prices"])
    index = services.commentary_index(settings)
    news = sorted(str(p) for p in (SHARED / "data" / "news").glob("*.jsonl"))  # not the README
    ingest_sources([str(SHARED / "seeds"), *news], index)
    print(
        f"set-up: {index.count():,} articles indexed, prices imported "
        f"in {time.perf_counter() - started:.1f} s (not part of the figures)"
    )
    return settings


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _offline(settings: Settings) -> None:
    assistant = Assistant(settings, model=None)
    started = time.perf_counter()
    assistant.ask(QUESTIONS[0], as_of=AS_OF)
    cold = time.perf_counter() - started
    print(f"offline: first answer in a fresh process (cold caches) {cold:.3f} s")
    times, flagged, cited = [], 0, []
    for question in QUESTIONS:
        started = time.perf_counter()
        answer = assistant.ask(question, as_of=AS_OF)
        times.append(time.perf_counter() - started)
        flagged += sum(1 for f in answer.flags if f.kind.endswith("_number"))
        cited.append(sum(1 for r in answer.references if r.kind == "article"))
    print(
        f"offline: {len(times)} questions: p50 {statistics.median(times):.3f} s, "
        f"p95 {_percentile(times, 0.95):.3f} s, max {max(times):.3f} s (goal: p95 < 1 s)"
    )
    print(
        f"offline: articles cited per answer: mean {statistics.mean(cited):.1f}; "
        f"unverified figures flagged in all answers: {flagged}"
    )


def _llm(settings: Settings) -> None:
    from assistant.llm.scripted_server import LoopbackOpenAI, text, tool_calls

    calls, tokens, times, modes = [], [], [], []
    for question in LLM_QUESTIONS:
        script = [
            tool_calls(("index_returns", {"symbols": ["^RUT", "^GSPC"], "benchmark": "^GSPC"})),
            tool_calls(("search_commentary", {"query": question})),
            text(_llm_answer(question)),
        ]
        with LoopbackOpenAI(script) as server:
            llm_settings = settings.model_copy(
                update={"openai_base_url": server.base_url, "model": "loopback"}
            )
            assistant = Assistant(llm_settings)
            started = time.perf_counter()
            answer = assistant.ask(question, as_of=AS_OF)
            times.append(time.perf_counter() - started)
        modes.append(answer.mode)
        calls.append(answer.model_calls)
        tokens.append(answer.usage.get("prompt_tokens", 0))
    print(
        f"llm (loopback): {len(calls)} answers, modes {sorted(set(modes))}: model calls per "
        f"answer {statistics.mean(calls):.1f}, prompt tokens per answer mean "
        f"{statistics.mean(tokens):,.0f} (max {max(tokens):,}), time per answer p50 "
        f"{statistics.median(times):.3f} s"
    )


def _llm_answer(question: str) -> str:
    return (
        "# Answer\n\n## Comprehensive analysis\nThe Russell 2000 rose 7.54% year to date[0].\n\n"
        "## Key insights\nSmall caps led[1].\n\n## Risks and opportunities\n### Risks\n"
        "Consolidation[1].\n### Opportunities\nRate cuts[1].\n\n## Key takeaways\n"
        "The Russell 2000 outperformed[0].\n"
    )


def main() -> None:
    if not (SHARED / "data" / "prices").is_dir() or not (SHARED / "data" / "news").is_dir():
        print(
            f"skipped: needs ../shared with data/prices and data/news beside the project ({SHARED})"
        )
        return
    with tempfile.TemporaryDirectory(prefix="bench-ask-") as home:
        settings = _set_up(Path(home))
        _offline(settings)
        _llm(settings)


if __name__ == "__main__":
    main()
