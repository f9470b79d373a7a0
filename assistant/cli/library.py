"""Library commands: `ingest`, `search`, and `library ls|show|rm|reindex` (issue 3).

Each prints a table (or text) for people and JSON with --json; a bad input is one line on
stderr and exit 2 (raised as an IngestError and turned into that line by the CLI's boundary).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from assistant.cli import read_only
from assistant.cli.output import json_option, print_json, print_table

if TYPE_CHECKING:
    from ingest.index import Index
    from ingest.models import Hit
    from ingest.pipeline import IngestReport, Progress

_DATE = click.DateTime(formats=["%Y-%m-%d"])
_PREVIEW = 160
# Rows `library ls` shows by default: a screenful to scan. Rich lays out about 600 rows a second,
# so the whole shared news (6,291 articles) took 15 s to print, more than anyone reads.
TABLE_ROWS = 50


@contextmanager
def _open_index() -> Iterator[Index]:
    from assistant.services import commentary_index

    index = commentary_index()  # the settings are read only when more than the home is set
    try:
        yield index
    finally:
        index.close()


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Callable[[Progress], None] | None]:
    """A rich progress bar on stderr, only for a person watching a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as RichProgress

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[articles]} articles"),
        TimeElapsedColumn(),
    )
    with RichProgress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingesting", total=None, articles=0)

        def update(event: Progress) -> None:
            name = event.current if len(event.current) <= 40 else "…" + event.current[-39:]
            bar.update(
                task,
                completed=event.done,
                total=event.total or None,
                articles=event.articles,
                description=name,
            )

        yield update


def _print_report(report: IngestReport) -> None:
    click.echo(
        f"ingested: {report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
        f"{len(report.skipped)} skipped"
    )
    for skipped in report.skipped:
        click.echo(f"  skipped {skipped['path']}: {skipped['reason']}")


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True, metavar="PATH|URL...")
@click.option(
    "--max-size",
    "max_mb",
    default=20.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Skip files (and JSONL lines, URLs) larger than this many MB.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Also fetch URLs on this machine or a private network (refused by default).",
)
@json_option
def ingest_command(
    sources: tuple[str, ...], max_mb: float, allow_private: bool, as_json: bool
) -> None:
    """Add files, folders (recursively), URLs and RSS/Atom feeds to the library.

    Formats: .txt .md .html .pdf .jsonl and RSS/Atom. Unchanged inputs are not rewritten;
    changed ones replace their old version. Exit 2 if an input named here cannot be ingested.
    """
    from assistant.locale import hint
    from assistant.settings import load_settings
    from ingest.errors import IngestError
    from ingest.fetch import HttpFetcher
    from ingest.pipeline import ingest_sources

    settings = load_settings()
    with _open_index() as index, _progress_bar(not as_json) as progress:
        report = ingest_sources(
            list(sources),
            index,
            progress=progress,
            fetch=HttpFetcher(
                settings.network_timeout_s,
                allow_private=allow_private or settings.allow_private_urls,
            ),
            max_bytes=int(max_mb * 1024 * 1024),
        )
    if as_json:
        print_json(report.as_dict())
    else:
        _print_report(report)
    if report.errors:
        failed = "; ".join(f"{e['path']}: {e['reason']}" for e in report.errors)
        hints = "; ".join(hint(remedy, "cli") for remedy in report.remedies)
        raise IngestError(f"could not ingest {failed}" + (f" ({hints})" if hints else ""))


def _hit_row(hit: Hit) -> dict[str, Any]:
    return {
        "article_id": hit.chunk.article_id,
        "title": hit.title,
        "published": hit.published,
        "source": hit.source,
        "section": hit.chunk.section,
        "page": hit.chunk.page,
        "text": hit.chunk.text,
        "score": hit.score,
        "url": hit.url,
        "chunk_id": hit.chunk.id,
    }


def _print_hit(rank: int, hit: Hit) -> None:
    """One hit as a person reads it: where it is from, then the start of the passage."""
    where = hit.chunk.section or ""
    if hit.chunk.page is not None:
        where = f"{where} p. {hit.chunk.page}".strip()
    click.echo(f"{rank}. {hit.title}" + (f" — {where}" if where else "") + f"  [{hit.score:.4f}]")
    facts = [str(hit.published or "undated"), hit.source or "unknown source", hit.chunk.article_id]
    click.echo("   " + " · ".join(facts))
    text = " ".join(hit.chunk.text.split())
    click.echo("   " + (text if len(text) <= _PREVIEW else text[:_PREVIEW] + "…") + "\n")


@click.command("search")
@click.argument("words", nargs=-1, required=True, metavar="QUERY")
@click.option("--k", "-k", "k", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option("--since", type=_DATE, help="Published on or after (YYYY-MM-DD).")
@click.option("--until", type=_DATE, help="Published on or before (YYYY-MM-DD).")
@click.option("--ticker", help="Only articles about this ticker (e.g. IWM).")
@click.option("--tag", help="Only articles with this tag (e.g. small_caps).")
@click.option("--source", help="Only articles from this source (e.g. CNBC).")
@click.option("--article", "article_id", help="Only this article (an id from `library ls`).")
@json_option
def search_command(
    words: tuple[str, ...],
    k: int,
    since: dt.datetime | None,
    until: dt.datetime | None,
    ticker: str | None,
    tag: str | None,
    source: str | None,
    article_id: str | None,
    as_json: bool,
) -> None:
    """Find the passages that best answer QUERY (Chinese or English), vectors and BM25 fused.
    Quotes are optional: the words given make the query."""
    from ingest.filters import Filters

    read_only()
    query = " ".join(words)
    with _open_index() as index:
        filters = Filters(
            since=since.date() if since else None,
            until=until.date() if until else None,
            ticker=ticker,
            tag=tag,
            source=source,
            article_id=article_id,
        )
        hits = index.search(query, k, filters=filters)
    if as_json:
        print_json([_hit_row(hit) for hit in hits])
    elif not hits:
        click.echo(f"no passage matches {query!r} with these filters")
    else:
        for rank, hit in enumerate(hits, start=1):
            _print_hit(rank, hit)


@click.group("library")
def library_group() -> None:
    """List, show, remove and re-index the articles in the library."""


@library_group.command("ls")
@click.option(
    "--limit", "-n", type=click.IntRange(min=0), default=None,
    help=f"Show the newest N articles, 0 for all [default: {TABLE_ROWS} in the table, all "
    "with --json].",
)  # fmt: skip
@json_option
def ls_command(limit: int | None, as_json: bool) -> None:
    """List the articles, newest first: id, title, published, source, tickers, chunks."""
    read_only()
    # The catalog alone: listing opens neither Chroma nor BM25 (nor loads numpy or pydantic).
    from assistant.services import library_catalog
    from ingest.catalog import EMPTY_MESSAGE

    if limit is None and not as_json:
        limit = TABLE_ROWS
    catalog = library_catalog()
    try:
        articles = catalog.summary_rows(limit or None)
        total = catalog.count_articles() if limit and len(articles) == limit else len(articles)
    finally:
        catalog.close()
    if as_json:
        print_json(articles)
    elif not articles:
        click.echo(EMPTY_MESSAGE)
    else:
        columns = ["id", "title", "published", "source", "tickers", "chunks"]
        print_table(articles, columns)
        if total > len(articles):
            click.echo(f"the newest {len(articles):,} of {total:,} articles: --limit 0 lists all")


@library_group.command("show")
@click.argument("article_id", metavar="ID")
@json_option
def show_command(article_id: str, as_json: bool) -> None:
    """Show one article: its metadata, sections and own reference list."""
    read_only()
    from assistant.services import library_catalog

    catalog = library_catalog()  # the catalog alone, as `ls`: Chroma and BM25 stay closed
    try:
        article = catalog.get_article(article_id)
        chunks = len(catalog.chunk_ids(article.id))
    finally:
        catalog.close()
    if as_json:
        print_json({**article.model_dump(mode="json"), "chunks": chunks})
    else:
        click.echo(article.markdown(), nl=False)


@library_group.command("rm")
@click.argument("article_id", metavar="ID")
@json_option
def rm_command(article_id: str, as_json: bool) -> None:
    """Remove one article and its passages from the library."""
    with _open_index() as index:
        article = index.get_article(article_id)
        index.remove(article.id)
    if as_json:
        print_json({"removed": article.id, "title": article.title})
    else:
        click.echo(f"removed {article.id} ({article.title})")


@library_group.command("reindex")
@json_option
def reindex_command(as_json: bool) -> None:
    """Rebuild every vector with the configured embedding (after changing it)."""
    with _open_index() as index:
        count = index.reindex()
        embedding = index.embedder.name
    if as_json:
        print_json({"articles": count, "embedding": embedding})
    else:
        click.echo(f"re-indexed {count} articles with embedding {embedding}")


library_commands: list[click.Command] = [ingest_command, search_command, library_group]
