"""The `watch` commands: a watchlist (symbols, topics, feeds) and the briefs written on it.

    marketbrief watch add 罗素2000 Nvidia "AI 芯片" https://www.federalreserve.gov/feeds/press_all.xml
    marketbrief watch ls      /   marketbrief watch rm Nvidia
    marketbrief watch run     # ingest the feeds now, print the brief's Markdown (--out brief.pdf)
    marketbrief watch briefs  /   marketbrief watch show ID --out brief.html
    marketbrief watch feeds --subscribe     # the suggested public feeds, all subscribed
    marketbrief watch serve   # the scheduler in the foreground (MARKETBRIEF_WATCH_TIMES)

Cron can be the schedule instead: `30 7 * * * marketbrief watch run --out ~/brief.md`.
Bad input is one line on stderr and exit 2 (the CLI's boundary); what `add` read each input
as (symbol, topic or feed) is printed, so a surprise is seen at once.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assistant.cli.output import for_terminal, json_option, out_option, print_json, print_table
from assistant.watch.model import KINDS, WatchKind, read_item

if TYPE_CHECKING:
    from assistant.answer.model import Language
    from assistant.settings import Settings
    from assistant.watch.run import WatchResult
    from assistant.watch.store import WatchBrief, WatchStore

_KIND = click.Choice(KINDS)


def _store() -> tuple[WatchStore, Settings]:
    from assistant import services
    from assistant.settings import load_settings
    from assistant.watch.store import WatchStore

    settings = load_settings()
    return WatchStore(services.product_store(settings)), settings


@click.group("watch")
def watch_group() -> None:
    """A watchlist (symbols, topics, feeds) and the briefs written on it.

    \b
    marketbrief watch add 罗素2000 Nvidia "AI 芯片" https://example.com/feed.xml
    marketbrief watch run --out brief.md
    """


@watch_group.command("add")
@click.argument("things", nargs=-1, required=True)
@click.option("--as", "kind", type=_KIND, help="Read every input as this kind.")
@json_option
def add_command(things: tuple[str, ...], kind: WatchKind | None, as_json: bool) -> None:
    """Watch symbols or names (AAPL, 罗素2000, Nvidia), topics, or RSS/Atom feed URLs."""
    items = [read_item(thing, kind) for thing in things]  # all read before any is added
    store, _ = _store()
    rows = [{**_row(item), "added": store.add(item)} for item in items]
    if as_json:
        return print_json(rows)
    for row in rows:
        state = "watching" if row["added"] else "already watching"
        click.echo(f"{state} {row['kind']} {row['value']}" + _named(row))


def _row(item: object) -> dict[str, object]:
    from assistant.watch.model import WatchItem
    from tools.symbols import display_name

    assert isinstance(item, WatchItem)
    name = display_name(item.value, "en") if item.kind == "symbol" else ""
    return {"kind": item.kind, "value": item.value, "name": name if name != item.value else ""}


def _named(row: dict[str, object]) -> str:
    return f" ({row['name']})" if row.get("name") else ""


@watch_group.command("ls")
@json_option
def ls_command(as_json: bool) -> None:
    """List what is watched."""
    store, _ = _store()
    rows = [{**_row(item), "added": item.added} for item in store.items()]
    if as_json:
        print_json(rows)
    else:
        print_table(
            [{**r, "added": _when(r["added"])} for r in rows], ["kind", "value", "name", "added"]
        )


@watch_group.command("rm")
@click.argument("things", nargs=-1, required=True)
@click.option("--as", "kind", type=_KIND, help="Remove only items of this kind.")
def rm_command(things: tuple[str, ...], kind: WatchKind | None) -> None:
    """Stop watching these (as listed by `watch ls`, or as typed to `watch add`)."""
    from assistant.errors import InputError

    store, _ = _store()
    for thing in things:
        try:
            gone = store.remove(thing, kind)
        except InputError:  # typed as a name ("Nvidia"): removed as the ticker it was added as
            gone = store.remove(read_item(thing, kind).value, kind)
        for item in gone:
            click.echo(f"removed {item.kind} {item.value}")


@watch_group.command("run")
@click.option("--offline", is_flag=True, help="Write the brief without the LLM.")
@click.option(
    "--language", type=click.Choice(["zh", "en"]),
    help="The brief's language (default: the topics', else the last brief's, else English).",
)  # fmt: skip
@out_option
@json_option
def run_command(offline: bool, language: Language | None, out: Path | None, as_json: bool) -> None:
    """Ingest the subscribed feeds and write the brief now; print its Markdown."""
    from assistant.engine import Assistant
    from assistant.research.export import format_for
    from assistant.watch.schedule import run_now, runner_for

    if out is not None:
        format_for(out)  # an unknown suffix fails now, not after the run
    store, settings = _store()
    result = run_now(store, runner_for(Assistant(settings), offline=offline, language=language))
    _emit(result, out, as_json)


def _emit(result: WatchResult, out: Path | None, as_json: bool) -> None:
    from assistant.research.export import export_brief

    if out is not None:
        export_brief(result.brief, out)
    if as_json:
        print_json(
            {
                **result.watch.model_dump(mode="json"),
                "priced": list(result.priced),
                "markdown": result.markdown(),
                "out": str(out) if out else None,
            }
        )
    elif out is not None:
        click.echo(f"brief {result.brief.id} written to {out}")
    else:
        click.echo(for_terminal(result.markdown()), nl=False)


@watch_group.command("briefs")
@json_option
def briefs_command(as_json: bool) -> None:
    """List the watch briefs, newest first (unread ones marked)."""
    store, _ = _store()
    rows = [_brief_row(b) for b in store.briefs()]
    if as_json:
        print_json(rows)
    else:
        shown = [
            {**r, "created": _when(r["created"]), "unread": "●" if r["unread"] else ""}
            for r in rows
        ]
        print_table(shown, ["id", "title", "new", "feeds_failed", "unread", "created"])


def _when(moment: object) -> str:
    """A stored time as a person reads it in a table: local, to the minute."""
    assert isinstance(moment, dt.datetime)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _brief_row(brief: WatchBrief) -> dict[str, object]:
    return {
        "id": brief.id,
        "title": brief.title,
        "created": brief.created,
        "as_of": brief.as_of,
        "new": len(brief.articles),
        "feeds_failed": brief.feeds_failed,
        "nothing_new": brief.nothing_new,
        "unread": brief.unread,
    }


@watch_group.command("show")
@click.argument("brief_id")
@out_option
def show_command(brief_id: str, out: Path | None) -> None:
    """Show a watch brief (and mark it read); with --out, export it."""
    from assistant.research.export import export_brief
    from assistant.research.store import ResearchStore

    store, _ = _store()
    store.get(brief_id)  # an id of a research brief that is no watch brief is refused
    brief = ResearchStore(store.db, store.owner).get_brief(brief_id)
    store.mark_read(brief_id)
    if out is not None:
        export_brief(brief, out)
        click.echo(f"brief {brief.id} written to {out}")
    else:
        click.echo(for_terminal(brief.markdown()), nl=False)


@watch_group.command("feeds")
@click.option("--subscribe", is_flag=True, help="Subscribe to every feed listed.")
@click.option(
    "--language", type=click.Choice(["zh", "en"]), help="Only the feeds in this language."
)
@json_option
def feeds_command(subscribe: bool, language: str | None, as_json: bool) -> None:
    """The suggested public finance feeds (central banks, regulators, exchanges, news)."""
    from assistant.watch.feeds import subscribe as add_feeds
    from assistant.watch.feeds import suggested_feeds

    store, settings = _store()
    feeds = [f for f in suggested_feeds(settings.home) if language in (None, f.language)]
    added = {i.value for i in add_feeds(store, [f.url for f in feeds])} if subscribe else set()
    rows = [{**f.model_dump(), "subscribed": f.url in added} for f in feeds]
    if as_json:
        print_json(rows)
    else:
        print_table(rows, ["name", "language", "kind", "url", *(["subscribed"] * subscribe)])


@watch_group.command("serve")
@click.option("--offline", is_flag=True, help="Write the briefs without the LLM.")
def serve_command(offline: bool) -> None:
    """Run the scheduler in the foreground: a brief at each MARKETBRIEF_WATCH_TIMES time."""
    from assistant.errors import ConfigError
    from assistant.watch.schedule import TICK_S, scheduler_for

    _, settings = _store()
    scheduler = scheduler_for(settings, offline=offline)
    if not scheduler.times:
        raise ConfigError("no watch times: set MARKETBRIEF_WATCH_TIMES, e.g. 07:30,18:00")
    shown = ", ".join(t.strftime("%H:%M") for t in scheduler.times)
    click.echo(f"writing watch briefs at {shown} (local time); Ctrl-C stops", err=True)
    try:
        while True:
            for result in scheduler.tick():
                click.echo(f"brief {result.watch.id}: {result.watch.title}", err=True)
            time.sleep(TICK_S)
    except KeyboardInterrupt:
        click.echo("stopped.", err=True)


watch_commands: list[click.Command] = [watch_group]
