"""The `research` command: a research plan, approved or edited, run into a cited brief.

    marketbrief research "2026年小盘股投资逻辑" --plan-only --json > plan.json   # draft, edit
    marketbrief research --plan plan.json --out brief.pdf                         # run the edit
    marketbrief research "2026年小盘股投资逻辑" --auto-accept --as-of 2026-01-23   # draft and run
    marketbrief research --list            /   marketbrief research --show ID --out brief.html

Approval: `--auto-accept` runs the plan as drafted and `--plan FILE` runs the given one. Without
either, an interactive terminal shows the plan and asks; anywhere else (a script, a pipe) the
plan is printed and the command exits 2 saying to pass --auto-accept or --plan, so nothing
runs that nobody accepted. Progress goes to stderr in a terminal; stdout carries only the
brief (Markdown, or JSON with --json), or a one-line note when --out wrote it to a file.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from assistant import services
from assistant.answer.cost import Cost, answer_cost
from assistant.answer.model import Answer
from assistant.cli.output import for_terminal, json_option, out_option, print_json, print_table
from assistant.engine import Assistant
from assistant.errors import InputError
from assistant.research.brief import Brief
from assistant.research.errors import ExportError
from assistant.research.export import export_brief, format_for
from assistant.research.export.fonts import INSTALL_HINT, find_cjk_font
from assistant.research.plan import Plan, parse_plan_text
from assistant.research.planner import draft_plan
from assistant.research.progress import (
    BriefReady,
    ResearchEvent,
    StepFinished,
    StepStarted,
    ToolCalled,
)
from assistant.research.run import iter_plan
from assistant.research.store import ResearchStore
from assistant.settings import Settings, load_settings

EXIT_NOT_ACCEPTED = 2


@click.command("research")
@click.argument("topic", required=False)
@click.option("--auto-accept", is_flag=True, help="Run the drafted plan without asking.")
@click.option("--plan-only", is_flag=True, help="Draft the plan, print it and stop.")
@click.option(
    "--plan", "plan_file", type=click.Path(dir_okay=False, path_type=Path),
    help="Run this plan (JSON, the shape --plan-only --json prints).",
)  # fmt: skip
@out_option
@click.option("--article", "article_id", help="Plan a deep analysis of this library article.")
@click.option(
    "--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Research as of this date (YYYY-MM-DD); default: the latest close.",
)  # fmt: skip
@click.option("--offline", is_flag=True, help="Plan and write without the LLM.")
@click.option("--list", "list_briefs", is_flag=True, help="List the saved briefs.")
@click.option("--show", "show_id", metavar="ID", help="Show a saved brief (with --out: export it).")
@json_option
def research_command(
    topic: str | None,
    auto_accept: bool,
    plan_only: bool,
    plan_file: Path | None,
    out: Path | None,
    article_id: str | None,
    as_of: dt.datetime | None,
    offline: bool,
    list_briefs: bool,
    show_id: str | None,
    as_json: bool,
) -> None:
    """Deep research: plan a topic in steps, run them, write one cited brief.

    \b
    marketbrief research "2026年小盘股投资逻辑" --plan-only --json > plan.json
    marketbrief research --plan plan.json --out brief.pdf
    marketbrief research "Small-cap outlook for 2026" --auto-accept --offline
    """
    settings = load_settings()
    store = ResearchStore(services.product_store(settings))
    if list_briefs:
        return _list(store, as_json)
    if show_id:
        return _emit(store.get_brief(show_id), out, as_json, settings)
    if out is not None:
        format_for(out)  # an unknown suffix fails now, not after the run
    assistant = Assistant(settings)
    day = as_of.date() if as_of else None
    plan, notices = _plan(assistant, topic, plan_file, article_id, day, offline)
    for message in notices:
        click.secho(message, err=True, fg="yellow")
    if plan_only:
        return _show_plan(plan, as_json)
    if plan_file is None and not auto_accept and not _accepted(plan, as_json):
        return
    _check_font(plan, out)
    brief = _run(assistant, plan, offline, progress=not as_json and sys.stderr.isatty())
    store.save_brief(brief)
    _emit(brief, out, as_json, settings)


def _plan(
    assistant: Assistant,
    topic: str | None,
    plan_file: Path | None,
    article_id: str | None,
    as_of: dt.date | None,
    offline: bool,
) -> tuple[Plan, tuple[str, ...]]:
    if plan_file is not None:
        if not plan_file.is_file():
            raise InputError(f"no plan file {str(plan_file)!r}")
        try:
            plan = parse_plan_text(plan_file.read_text("utf-8"))
        except InputError as error:
            raise InputError(f"{plan_file}: {error}") from None
        return (plan.model_copy(update={"as_of": as_of}) if as_of else plan), ()
    if not topic and not article_id:
        raise click.UsageError("give a topic, --article ID, --plan FILE, --list or --show ID")
    drafted = draft_plan(assistant, topic, as_of=as_of, article_id=article_id, offline=offline)
    return drafted.plan, drafted.notices


def plan_text(plan: Plan) -> str:
    """The plan as a person reads it in a terminal."""
    lines = [f"Plan: {plan.topic}" + (f" (as of {plan.as_of})" if plan.as_of else "")]
    for n, step in enumerate(plan.steps, 1):
        lines.append(f"  {n}. {step.question}")
        lines.append(
            f"     tools: {', '.join(step.tools)}"
            + (f"; search: {step.query}" if step.query else "")
        )
    return "\n".join(lines)


def _show_plan(plan: Plan, as_json: bool) -> None:
    if as_json:
        print_json(plan.to_json())
    else:
        click.echo(plan_text(plan))


_HOW_TO_EDIT = (
    "to change it: marketbrief research ... --plan-only --json > plan.json, edit plan.json, "
    "then marketbrief research --plan plan.json"
)


def _accepted(plan: Plan, as_json: bool) -> bool:
    """Ask in a terminal; elsewhere print the plan and exit 2 (nothing runs unaccepted)."""
    if sys.stdin.isatty() and sys.stderr.isatty():
        click.echo(plan_text(plan), err=True)
        click.echo(_HOW_TO_EDIT, err=True)
        if click.confirm("Run this plan?", default=False, err=True):
            return True
        click.echo("not run.", err=True)
        return False
    _show_plan(plan, as_json)
    click.echo(
        "error: the plan was not run: pass --auto-accept to run it as drafted, or save it with "
        "--plan-only --json, edit it, and run it with --plan FILE",
        err=True,
    )
    sys.exit(EXIT_NOT_ACCEPTED)


def _check_font(plan: Plan, out: Path | None) -> None:
    """A Chinese brief bound for PDF needs a CJK font: say so before the run, not after."""
    pdf = out is not None and format_for(out) == "pdf"
    if pdf and plan.language == "zh" and find_cjk_font() is None:
        raise ExportError(f"no Chinese (CJK) font found to write a PDF: {INSTALL_HINT}")


def _run(assistant: Assistant, plan: Plan, offline: bool, *, progress: bool) -> Brief:
    for event in iter_plan(assistant, plan, offline=offline):
        if isinstance(event, BriefReady):
            return event.brief
        if progress:
            _progress(event)
    raise AssertionError("a plan run ended without a brief")  # pragma: no cover


def _progress(event: ResearchEvent) -> None:
    if isinstance(event, StepStarted):
        click.secho(f"[{event.n}/{event.total}] {event.question}", err=True, bold=True)
    elif isinstance(event, ToolCalled) and not event.done:
        click.secho(f"  … {event.name}", err=True, dim=True)
    elif isinstance(event, ToolCalled) and not event.ok:
        click.secho(f"  {event.name} failed: {event.summary}", err=True, fg="yellow")
    elif isinstance(event, StepFinished) and event.status == "failed":
        click.secho(f"  step {event.n} failed: {event.error}", err=True, fg="red")


def _emit(brief: Brief, out: Path | None, as_json: bool, settings: Settings) -> None:
    if out is not None:
        export_brief(brief, out)
    if as_json:
        # The whole brief's (its steps' model calls and tokens summed) and each step's; None
        # where no model was called.
        def cost(answer: Answer | None) -> Cost | None:
            return answer_cost(answer, settings.llm_prices, settings.model) if answer else None

        summary = brief.summary_json()
        for row, report in zip(summary["steps"], brief.steps, strict=True):
            row["cost"] = cost(report.answer)
        print_json({**summary, "cost": cost(brief.answer), "out": str(out) if out else None})
    elif out is not None:
        click.echo(f"brief {brief.id} written to {out}")
    else:
        click.echo(for_terminal(brief.markdown()), nl=False)


def _list(store: ResearchStore, as_json: bool) -> None:
    rows = [s.model_dump(mode="json") for s in store.list_briefs()]
    if as_json:
        print_json(rows)
    else:
        print_table(rows, ["id", "title", "as_of", "mode", "created"])


research_commands: list[click.Command] = [research_command]
