"""The `ask` command: one question, one cited answer, as Markdown or JSON.

The answer (Markdown, or JSON with --json) goes to stdout once it is complete and checked;
while it is being made, an interactive terminal sees progress on stderr (tool calls and, in LLM
mode, the model's tokens), so stdout stays exactly the final answer for pipes and scripts.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

import click

from assistant.answer.cost import answer_cost
from assistant.answer.render import answer_json, render_markdown
from assistant.cli import read_only
from assistant.cli.output import for_terminal, json_option, print_json
from assistant.redact import redact

if TYPE_CHECKING:
    from assistant.engine import Assistant
    from assistant.events import Event


def _progress(event: Event) -> None:
    """Progress on stderr, for people watching a terminal."""
    from assistant.events import Notice, Token, ToolEnd, ToolStart

    if isinstance(event, Token):
        click.echo(for_terminal(event.text), err=True, nl=False)
    elif isinstance(event, ToolStart):
        click.secho(f"… {event.name}", err=True, dim=True)
    elif isinstance(event, ToolEnd) and not event.ok:
        click.secho(redact(f"  {event.name} failed: {event.summary}"), err=True, dim=True)
    elif isinstance(event, Notice):
        click.secho(for_terminal(redact(f"\n{event.message}")), err=True, fg="yellow")


@click.command("ask")
@click.argument("words", nargs=-1, required=True, metavar="QUESTION")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Answer as of this date (YYYY-MM-DD); default: the latest close.",
)
@click.option(
    "--article",
    "article",
    metavar="ID",
    help="Ask about this article (an id or a unique prefix, see `marketbrief library ls`).",
)
@click.option("--offline", is_flag=True, help="Answer without the LLM, even if one is set up.")
@json_option
def ask_command(
    words: tuple[str, ...],
    as_of: dt.datetime | None,
    article: str | None,
    offline: bool,
    as_json: bool,
) -> None:
    """Ask a question; get a cited answer in the analysis format. Quotes are optional: the
    words given make the question.

    \b
    marketbrief ask "罗素2000指数年初至今是否跑赢标普500?" --as-of 2026-01-23
    marketbrief ask "Which sectors lead the rotation?" --offline --json
    marketbrief ask "这篇文章说了什么?" --article 2b3ebcc3
    """
    read_only()
    question = " ".join(words)
    # Imported here, not at the top: `marketbrief ask --help` need not load the answer engine.
    from assistant.engine import Assistant
    from assistant.events import Done
    from assistant.settings import load_settings

    assistant = Assistant(load_settings())
    day = as_of.date() if as_of else None
    article_id = _article(assistant, article) if article else None
    show_progress = not as_json and sys.stderr.isatty()
    answer = None
    for event in assistant.stream(question, as_of=day, offline=offline, article_id=article_id):
        if isinstance(event, Done):
            answer = event.answer
        elif show_progress:
            _progress(event)
    assert answer is not None
    if show_progress:
        click.echo("", err=True)
    if as_json:
        settings = assistant.settings
        cost = answer_cost(answer, settings.llm_prices, settings.model)  # None: no model called
        print_json({**answer_json(answer), "cost": cost})
    else:
        click.echo(for_terminal(redact(render_markdown(answer))), nl=False)


def _article(assistant: Assistant, given: str) -> str:
    """The full id of the article asked about (UnknownArticle, one line, when there is none)."""
    from ingest.errors import EmptyLibrary

    index = assistant.index
    if index is None or not hasattr(index, "resolve"):
        reason = assistant.unavailable.get("index", "the library cannot be opened")
        raise EmptyLibrary(f"cannot ask about article {given!r}: {reason}")
    return str(index.resolve(given))


ask_commands: list[click.Command] = [ask_command]
