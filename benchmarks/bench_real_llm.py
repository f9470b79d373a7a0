"""Real LLM: LLM mode against a real model, llama.cpp's server with SmolLM2-135M-Instruct
(installed by .ci/llm-server), over 20 questions of benchmarks/eval/questions.yaml (the first
10 of the zh group and of the en group), asked through `Assistant.ask` of a library built from
../shared (`benchmarks.eval.library.build`).

Per run: the share answered in LLM mode (not fallen back) with the five parts and only
resolvable citations; fallbacks by reason; verification flags per answer; latency p50/p95; model
calls and prompt/completion tokens per answer. The same 20 questions then go through the
scripted loopback server (assistant.llm.scripted_server) as a capable model's path: it searches
the library, then writes the five parts citing what it found, so what fails there is ours.

Opt-in, not part of `make bench` (a 135M model on two cores needs tens of seconds per answer):

    python -m benchmarks.bench_real_llm [--home DIR] [--per-language N]

--home keeps the library between runs (it is built once, about a minute and a half).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answer.model import Answer, Section, SectionKey
from assistant.engine import Assistant
from assistant.locale import heading_skeleton, notice
from assistant.settings import Settings
from benchmarks.eval.library import build, missing_data
from benchmarks.eval.questions import Question, load_questions
from benchmarks.harness import llm_server
from ingest.language import Language

FIVE: tuple[SectionKey, ...] = ("analysis", "insights", "risks", "opportunities", "takeaways")
# Small run limits: one tool round, then the answer; a retry against a local server would only
# repeat the failure.
LIMITS: dict[str, object] = {
    "llm_max_model_calls": 2,
    "llm_max_tool_calls": 3,
    "llm_run_timeout_s": 150.0,
    "llm_timeout_s": 120.0,
    "llm_max_retries": 0,
    "llm_max_output_tokens": 600,
    # The server's own sampling, as a user of it gets (its seed is fixed, so runs repeat):
    # greedy decoding (temperature 0) sends a 135M model into loops of one phrase.
    "llm_temperature": None,
}
MARKER = re.compile(r"\[(\d+)\]")


@dataclass
class Row:
    """One question's outcome."""

    question: Question
    mode: str = "error"
    seconds: float = 0.0
    model_calls: int = 0
    usage: dict[str, int] = field(default_factory=dict)
    flags: Counter[str] = field(default_factory=Counter)  # verification flags by kind
    complete: bool = False  # the five parts have text
    citations_ok: bool = False  # every marker resolves to a reference, none was removed
    fallback: str | None = None  # the notice saying why it fell back
    error: str | None = None

    @property
    def good_llm(self) -> bool:
        return self.mode == "llm" and self.complete and self.citations_ok


def pick(per_language: int) -> list[Question]:
    questions = load_questions()
    zh = [q for q in questions if q.group == "zh"][:per_language]
    en = [q for q in questions if q.group == "en"][:per_language]
    return zh + en


def _parts(sections: tuple[Section, ...]) -> Iterator[Section]:
    for section in sections:
        yield section
        yield from _parts(section.subsections)


def score(row: Row, answer: Answer) -> Row:
    parts = list(_parts(answer.sections))
    texts = {s.key: s.text for s in parts}
    markers = {int(n) for s in parts for n in MARKER.findall(s.text)}
    flags: Counter[str] = Counter(str(f.kind) for f in answer.flags if f.kind != "notice")
    row.mode, row.model_calls, row.usage, row.flags = (
        answer.mode,
        answer.model_calls,
        dict(answer.usage),
        flags,
    )
    row.complete = all(texts.get(key, "").strip() for key in FIVE)
    row.citations_ok = not flags["unknown_citation"] and all(
        answer.reference(n) is not None for n in markers
    )
    if answer.mode == "offline":  # the notice saying why (the fallback's, else any but "offline")
        said = [f.message for f in answer.flags if f.kind == "notice"]
        usual = notice("offline", answer.language)
        opening = notice("fallback", answer.language, reason="\0").split("\0")[0]
        why = [m for m in said if m.startswith(opening)] or [m for m in said if m != usual]
        row.fallback = why[0] if why else "(no notice)"
    return row


def run(assistant: Assistant, questions: list[Question], label: str) -> list[Row]:
    rows = []
    for n, question in enumerate(questions, start=1):
        row = Row(question)
        started = time.perf_counter()
        try:
            answer = assistant.ask(question.question, as_of=question.as_of)
        except Exception as error:  # a bug in the product: report it, measure the rest
            row.error = f"{type(error).__name__}: {error}"
        else:
            score(row, answer)
        row.seconds = time.perf_counter() - started
        print(
            f"  {label} {n}/{len(questions)} {question.id}: {row.mode} in {row.seconds:.1f} s",
            flush=True,
        )
        rows.append(row)
    return rows


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(label: str, rows: list[Row]) -> None:
    total = len(rows)
    times = [r.seconds for r in rows]
    modes = Counter(r.mode for r in rows)
    flags: Counter[str] = sum((r.flags for r in rows), Counter())
    print(
        f"{label}: answered in LLM mode with the five parts and only resolvable citations: "
        f"{sum(r.good_llm for r in rows)}/{total}; modes {dict(modes)}"
    )
    for language in ("zh", "en"):
        chosen = [r for r in rows if r.question.group == language]
        print(
            f"{label}:   {language}: {sum(r.good_llm for r in chosen)}/{len(chosen)} "
            f"(llm mode {sum(r.mode == 'llm' for r in chosen)})"
        )
    llm = [r for r in rows if r.mode == "llm"]
    if llm:
        print(
            f"{label}:   of the {len(llm)} in LLM mode: five parts {sum(r.complete for r in llm)}, "
            f"only resolvable citations {sum(r.citations_ok for r in llm)}"
        )
    print(
        f"{label}: verification flags per answer {sum(flags.values()) / total:.1f} "
        f"({dict(flags.most_common())})"
    )
    print(
        f"{label}: latency p50 {statistics.median(times):.1f} s, p95 "
        f"{_percentile(times, 0.95):.1f} s, max {max(times):.1f} s"
    )
    prompt = statistics.mean(r.usage.get("prompt_tokens", 0) for r in rows)
    completion = statistics.mean(r.usage.get("completion_tokens", 0) for r in rows)
    print(
        f"{label}: per answer: model calls {statistics.mean(r.model_calls for r in rows):.1f}, "
        f"prompt tokens {prompt:,.0f}, completion tokens {completion:,.0f}"
    )
    reasons = Counter(_short(r.fallback) for r in rows if r.fallback)
    reasons.update(r.error for r in rows if r.error)
    for reason, count in reasons.most_common(5):
        print(f"{label}:   fell back or failed x{count}: {reason}")


def _short(message: str | None) -> str:
    return (message or "")[:160]


def _with_limits(settings: Settings, base_url: str, model: str) -> Settings:
    return settings.model_copy(update={"openai_base_url": base_url, "model": model, **LIMITS})


def real(settings: Settings, questions: list[Question]) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-llm-server-") as logs:
        started = time.perf_counter()
        with llm_server.llm_server(Path(logs)) as server:
            print(
                f"server: llama.cpp with {server.model} ready in "
                f"{time.perf_counter() - started:.1f} s (n_ctx {llm_server.CONTEXT})"
            )
            chosen = _with_limits(settings, server.base_url, server.model)
            report("real (SmolLM2-135M)", run(Assistant(chosen), questions, "real"))


def _scripted_answer(language: Language) -> str:
    """Five parts in the question's language, each citing the first passage found ([1])."""
    body = {"zh": "参考资料的观点见此[1]。", "en": "The cited commentary says so[1]."}[language]
    headings = heading_skeleton(language).splitlines()
    lines = []
    for line, following in zip(headings, [*headings[1:], ""], strict=True):
        lines.append(line)
        if not following.startswith("### "):  # a heading with subheadings has no text of its own
            lines.append(body)
    return "\n\n".join(lines)


def _language(question: Question) -> Language:
    return "zh" if question.group == "zh" else "en"


def scripted(settings: Settings, questions: list[Question]) -> None:
    from assistant.llm.scripted_server import LoopbackOpenAI, text, tool_calls

    rows: list[Row] = []
    for question in questions:
        script = [
            tool_calls(("search_commentary", {"query": question.question})),
            text(_scripted_answer(_language(question))),
        ]
        with LoopbackOpenAI(script) as server:
            chosen = _with_limits(settings, server.base_url, "loopback")
            rows += run(Assistant(chosen), [question], "scripted")
    report("scripted (a capable model's path)", rows)


@contextmanager
def _home(named: str | None) -> Iterator[Path]:
    if named:
        yield Path(named)
        return
    with tempfile.TemporaryDirectory(prefix="bench-real-llm-") as home:
        yield Path(home)


def main(
    argv: list[str] | None = None, runs: tuple[Callable[..., None], ...] = (real, scripted)
) -> None:
    """`python -m benchmarks` calls it without arguments: the defaults."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_real_llm")
    parser.add_argument("--home", help="a data directory to build the library in, or reuse")
    parser.add_argument("--per-language", type=int, default=10)
    args = parser.parse_args(argv or [])
    reason = missing_data() or llm_server.missing()
    if reason:
        print(f"skipped: {reason}")
        return
    questions = pick(args.per_language)
    with _home(args.home) as home:
        settings, seconds = build(home)
        print(
            f"set-up: library in {home} ready in {seconds:.1f} s (not part of the figures); "
            f"{len(questions)} questions"
        )
        # Untimed warm-up: the first answer of a process loads the embedding model and caches.
        Assistant(settings, model=None).ask(questions[0].question, as_of=questions[0].as_of)
        for measure in runs:
            measure(settings, questions)


if __name__ == "__main__":
    main(sys.argv[1:])
