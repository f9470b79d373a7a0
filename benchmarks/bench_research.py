"""Research: offline brief time for a 6-step plan, and export time (Markdown, HTML, PDF).

Set-up (not timed): a temp data directory with the shared prices imported and the news corpus
plus the seeds indexed, through the same services the product uses.

- Brief: the template plan for "2026年小盘股投资逻辑" cut to 6 steps (performance, sector
  rotation, yield curve, credit, valuation, catalysts), as of 2026-01-23, run offline: once in
  a fresh Assistant (cold: the index and the price store open on first use) and once more
  (warm). Goal: under 10 s.
- Exports of that brief: Markdown, HTML (charts as inline SVG, no font needed) and PDF (CJK
  font subset, converted and embedded; charts as PNG), each timed once, with the file sizes.
  A format this machine has no font for is reported as skipped, with what to install.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from assistant import services
from assistant.engine import Assistant
from assistant.research.errors import ExportError
from assistant.research.export import Format, check_export, render_brief
from assistant.research.run import run_plan
from assistant.research.template import template_plan
from assistant.settings import Settings, load_settings
from ingest.pipeline import ingest_sources

SHARED = Path(__file__).resolve().parents[2] / "shared"
AS_OF = dt.date(2026, 1, 23)
TOPIC = "2026年小盘股投资逻辑"
STEPS = 6
GOAL_S = 10.0


def _set_up(home: Path) -> Settings:
    settings = load_settings(home=home, embedding="local")
    started = time.perf_counter()
    services.market_data(settings).import_csv([SHARED / "data" / "prices"])
    index = services.commentary_index(settings)
    news = sorted(str(p) for p in (SHARED / "data" / "news").glob("*.jsonl"))
    try:
        ingest_sources([str(SHARED / "seeds"), *news], index)
        count = index.count()
    finally:
        index.close()
    print(
        f"set-up: {count:,} articles indexed, prices imported "
        f"in {time.perf_counter() - started:.1f} s (not part of the figures)"
    )
    return settings


def _brief_times(settings: Settings) -> object:
    assistant = Assistant(settings, model=None)
    plan = template_plan(TOPIC, assistant.vocabulary, as_of=AS_OF)
    plan = plan.model_copy(update={"steps": plan.steps[:STEPS]})
    times, brief = [], None
    for _ in range(2):
        started = time.perf_counter()
        brief = run_plan(assistant, plan, offline=True)
        times.append(time.perf_counter() - started)
    assert brief is not None
    statuses = [r.status for r in brief.steps]
    articles = sum(1 for r in brief.answer.references if r.kind == "article")
    print(
        f"brief: {STEPS}-step plan offline: {times[0]:.2f} s in a fresh assistant (cold), "
        f"{times[1]:.2f} s warm (goal: < {GOAL_S:.0f} s); steps {statuses}; "
        f"{articles} articles + [0] in one references list, {len(brief.answer.charts)} charts, "
        f"{len(brief.markdown()):,} characters"
    )
    per_step = ", ".join(f"{r.seconds:.2f}" for r in brief.steps)
    print(f"brief: seconds per step (warm): {per_step}")
    return brief


def _export_times(brief: object) -> None:
    from assistant.research.brief import Brief

    assert isinstance(brief, Brief)
    formats: tuple[Format, ...] = ("md", "html", "pdf")
    for fmt in formats:
        try:
            check_export(brief, fmt)
        except ExportError as error:
            print(f"export {fmt}: skipped ({error})")
            continue
        started = time.perf_counter()
        data = render_brief(brief, fmt)
        elapsed = time.perf_counter() - started
        print(f"export {fmt}: {elapsed:.2f} s, {len(data) / 1024:,.0f} KiB")


def main() -> None:
    if not (SHARED / "data" / "prices").is_dir() or not (SHARED / "data" / "news").is_dir():
        print(
            f"skipped: needs ../shared with data/prices and data/news beside the project ({SHARED})"
        )
        return
    with tempfile.TemporaryDirectory(prefix="bench-research-") as home:
        settings = _set_up(Path(home))
        brief = _brief_times(settings)
        _export_times(brief)


if __name__ == "__main__":
    main()
