"""Run the benchmark: build the library, ask, score, print (see benchmarks/eval/__init__.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from assistant import services
from assistant.engine import Assistant
from assistant.question.vocabulary import library_vocabulary
from assistant.settings import Settings
from benchmarks.eval import library, open_questions, report, retrieval
from benchmarks.eval.answers import Scored, ask, run_all
from benchmarks.eval.metrics import iter_texts
from benchmarks.eval.questions import Question, load_questions
from ingest.index import Index

WARM_UP = "罗素2000指数年初至今是否跑赢标普500?"  # not scored: fills the caches first


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.eval", description=__doc__)
    parser.add_argument("--library", type=Path, help="data directory: built once, then reused")
    parser.add_argument("--show", nargs="*", default=[], metavar="ID", help="print answers")
    parser.add_argument(
        "--shared",
        action="store_true",
        help="only the retrieval figures, over the same articles ingested into a throwaway "
        "shared deployment (PostgreSQL and a Chroma server), searched from another machine",
    )
    args = parser.parse_args(argv)
    if args.shared and (args.library or args.show):
        parser.error("--shared builds its own throwaway library and asks nothing")
    why = library.missing_data()
    if why:
        print(f"skipped: {why}")
        return
    questions = load_questions()
    if args.shared:
        _shared_retrieval(questions)
        return
    with tempfile.TemporaryDirectory(prefix="mb-eval-") as temp:
        settings, seconds = library.build(args.library or Path(temp))
        print(f"set-up: library in {settings.home} ready in {seconds:.0f} s (not timed below)")
        _evaluate(settings, questions, args.show)
        _briefs(settings)


def _evaluate(settings: Settings, questions: list[Question], show: list[str]) -> None:
    index = services.commentary_index(settings)
    try:
        ids = library.ArticleIds(index)
        assistant = Assistant(settings, model=None)
        assistant.ask(WARM_UP, as_of=dt.date(2026, 1, 23), offline=True)
        started = time.perf_counter()
        results = run_all(assistant, questions, ids.of, _progress)
        print(
            f"\nanswers: {len(results)} questions offline in {time.perf_counter() - started:.0f} s"
        )
        print(report.answers_table(results))
        misses = _retrieval(index, questions, ids, settings.home)
        print("\nfailures:")
        print(report.failures(results, misses))
        _open(assistant, index)
        _show(assistant, [r for r in results if r.question.id in show], ids)
    finally:
        index.close()


def _open(assistant: Assistant, index: Index) -> None:
    """The open questions (open_questions.py): asked with no date, scored for their subject."""
    newest = max(a.published for a in index.list_articles() if a.published)
    scores = open_questions.run(assistant, newest)
    print(f"\nopen questions, asked with no date (the library's newest article: {newest}):")
    print(open_questions.table(scores))
    print("\n".join(open_questions.off_subject(scores)))


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():  # a log file gets the table, not 75 progress lines
        print(f"\r  asked {done}/{total}", end="" if done < total else "\n", file=sys.stderr)


def _retrieval(
    index: Index, questions: list[Question], ids: library.ArticleIds, home: Path
) -> list[str]:
    """Print hit@5 of the product and the baseline; return the product's misses (en, zh)."""
    started = time.perf_counter()
    baseline = retrieval.build_baseline(index, cache=home / "eval-bm25")
    built = time.perf_counter() - started

    vocabulary = library_vocabulary(index)

    def cases(*groups: str, held_out: bool = False) -> list[retrieval.Case]:
        return [
            retrieval.Case(q.id, q.question, retrieval.product_query(q, vocabulary), ids.of(q))
            for q in questions
            if q.group in groups and (q.held_out or not held_out)
        ]

    per_group = [retrieval.hits_at_5(index, baseline, g, cases(g)) for g in ("en", "zh")]
    scored = retrieval.hits_at_5(index, baseline, "en+zh", cases("en", "zh"))
    cross = retrieval.hits_at_5(index, baseline, "cross", cases("cross"))
    asked = retrieval.hits_at_5(index, baseline, "en+zh+cross", cases("en", "zh", "cross"))
    info = [cross, asked]
    if held_out := cases("en", "zh", held_out=True):
        info.append(retrieval.hits_at_5(index, baseline, "held-out", held_out))
    print(
        f"\nretrieval: hit@5, the product's search vs plain BM25 over the same chunks "
        f"(baseline ready in {built:.0f} s)"
    )
    print(report.retrieval_table(per_group, scored, info))
    return scored.product_misses or []


def _shared_retrieval(questions: list[Question]) -> None:
    """The retrieval figures alone, on a shared deployment: one machine (a data directory of
    its own) ingests the same seeds, news and prices as the embedded library; another, with an
    empty data directory, searches (its lexical index built from the shared catalog)."""
    from benchmarks.harness import chroma_server, postgres
    from benchmarks.harness.shared_stack import shared_stack

    ready, why = postgres.available()
    if not ready or not chroma_server.available():
        print(f"skipped: {why or 'no chroma command in the virtualenv'}")
        return
    with (
        tempfile.TemporaryDirectory(prefix="mb-eval-shared-") as temp,
        shared_stack(Path(temp) / "stack", durable=True) as stack,
    ):
        deployment: dict[str, object] = {
            "database_url": stack.database_url,
            "chroma_host": stack.chroma.host,
            "chroma_port": stack.chroma.port,
            "auth": "proxy",
            "network_timeout_s": 30.0,  # a large batch's write to the Chroma server
        }
        _, seconds = library.build(Path(temp) / "writer", **deployment)
        settings = library.settings_for(Path(temp) / "reader", **deployment)
        index = services.commentary_index(settings)
        try:
            print(
                f"set-up: shared library (PostgreSQL + Chroma server on this machine) ready in "
                f"{seconds:.0f} s; {index.count():,} articles, {index.chunk_count():,} chunks "
                "(not timed below)"
            )
            misses = _retrieval(index, questions, library.ArticleIds(index), settings.home)
        finally:
            index.close()
    print("\nfailures:")
    print(report.failures([], misses))


def _show(assistant: Assistant, results: list[Scored], ids: library.ArticleIds) -> None:
    """Print the answers asked for with --show (asked again: answers are not kept)."""
    for result in results:
        q = result.question
        answer, _ = ask(assistant, q, ids.of(q)[0] if q.scoped else None)
        print(f"\n--- {q.id}: {q.question}")
        for text in iter_texts(answer.sections):
            print(text)
        for ref in answer.references:
            print(f"[{ref.n}] {ref.title} ({ref.source}, {ref.date}) {ref.article_id or ''}")


def _briefs(settings: Settings) -> None:
    """The research-brief benchmark, when benchmarks/eval/briefs.py exists: `run(settings)`."""
    try:
        briefs = importlib.import_module("benchmarks.eval.briefs")
    except ModuleNotFoundError as error:
        if error.name != "benchmarks.eval.briefs":
            raise
        print("\nbriefs: benchmarks/eval/briefs.py not written yet (skipped)")
        return
    print("\nbriefs:")
    try:
        briefs.run(settings)
    except Exception as error:  # the answers' figures above stand; say why this part is missing
        print(f"briefs: failed: {type(error).__name__}: {error}")
        raise SystemExit(1) from None


if __name__ == "__main__":  # the ingest's worker processes import this module too
    main()
