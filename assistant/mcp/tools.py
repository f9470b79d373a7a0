"""The server's tools: the agent's five (market data and the library search) under the same
names, arguments and words, plus `ask`, the research pair and `library_add`.

Each tool is a plain synchronous method: the SDK validates its arguments against the
annotations (see `args`), then runs it on a worker thread, so the Assistant's blocking work
never stalls the server's event loop. `told()` turns the failures the product expects into one
line for the caller; `results` shapes what comes back, keys masked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

from mcp.types import CallToolResult, ToolAnnotations

from assistant.mcp import describe, results
from assistant.mcp.args import DAY, NAMES, PASSAGES, SOURCES, SYMBOLS, TEXT, about
from assistant.mcp.backend import Backend, told

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

READS = ToolAnnotations(read_only_hint=True, destructive_hint=False)
WRITES = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=True)


class MarketTools:
    """index_returns, sector_scores, quotes, macro: the figures, computed from stored closes."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    def index_returns(
        self,
        symbols: Annotated[list[str], NAMES, SYMBOLS, about("index_returns", "symbols")],
        period: Annotated[str, TEXT, about("index_returns", "period")] = "YTD",
        benchmark: Annotated[str | None, about("index_returns", "benchmark")] = None,
        as_of: Annotated[dt.date | None, DAY, about("index_returns", "as_of")] = None,
    ) -> CallToolResult:
        with told():
            market = self.backend.market()
            found = market.index_returns(symbols, period=period, as_of=as_of, benchmark=benchmark)
            return results.market(found)

    def sector_scores(
        self, as_of: Annotated[dt.date | None, DAY, about("sector_scores", "as_of")] = None
    ) -> CallToolResult:
        with told():
            return results.market(self.backend.market().sector_scores(as_of=as_of))

    def quotes(
        self,
        symbols: Annotated[list[str], NAMES, SYMBOLS, about("quotes", "symbols")],
        as_of: Annotated[dt.date | None, DAY, about("quotes", "as_of")] = None,
    ) -> CallToolResult:
        with told():
            return results.market(self.backend.market().quotes(symbols, as_of=as_of))

    def macro(
        self, as_of: Annotated[dt.date | None, DAY, about("macro", "as_of")] = None
    ) -> CallToolResult:
        with told():
            return results.market(self.backend.market().macro(as_of=as_of))


class LibraryTools:
    """search_commentary and library_add: reading and growing the commentary library."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    def search_commentary(
        self,
        query: Annotated[str, TEXT, about("search_commentary", "query")],
        k: Annotated[int, PASSAGES, about("search_commentary", "k")] = 5,
        as_of: Annotated[dt.date | None, DAY, about("search_commentary", "as_of")] = None,
    ) -> CallToolResult:
        from ingest.filters import Filters

        with told():
            # As of a day, the library is what had been published by then.
            hits = self.backend.index().search(query, k, filters=Filters(until=as_of))
            return results.passages(hits)

    def library_add(
        self, sources: Annotated[list[str], NAMES, SOURCES, about("library_add", "sources")]
    ) -> CallToolResult:
        from assistant.locale import hint
        from ingest.errors import IngestError
        from ingest.fetch import HttpFetcher
        from ingest.pipeline import ingest_sources

        settings = self.backend.settings
        # The same guard as `marketbrief ingest`: private addresses only when the settings say
        # so. No argument lifts it: the caller is a model, and may be reading a hostile page.
        fetch = HttpFetcher(settings.network_timeout_s, allow_private=settings.allow_private_urls)
        with told():
            report = ingest_sources(sources, self.backend.index(), fetch=fetch)
            if report.added or report.updated:
                self.backend.library_changed()
            if report.errors:
                failed = "; ".join(f"{e['path']}: {e['reason']}" for e in report.errors)
                hints = "; ".join(hint(remedy, "mcp") for remedy in report.remedies)
                done = f"{report.added} added, {report.updated} updated"
                raise IngestError(
                    f"could not ingest {failed}" + (f" ({hints})" if hints else "") + f"; {done}"
                )
            return results.ingested(report)


class AnswerTools:
    """ask, research_plan and research_run: cited answers and briefs, as the CLI writes them."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    def ask(
        self,
        question: Annotated[str, TEXT, about("ask", "question")],
        as_of: Annotated[dt.date | None, DAY, about("ask", "as_of")] = None,
        article_id: Annotated[str | None, about("ask", "article_id")] = None,
        offline: Annotated[bool, about("ask", "offline")] = False,
    ) -> CallToolResult:
        with told():
            assistant = self.backend.assistant()
            scope = self.backend.index().resolve(article_id) if article_id else None
            reply = assistant.ask(question, as_of=as_of, offline=offline, article_id=scope)
            return results.answer(reply)

    def research_plan(
        self,
        topic: Annotated[str | None, about("research_plan", "topic")] = None,
        article_id: Annotated[str | None, about("research_plan", "article_id")] = None,
        as_of: Annotated[dt.date | None, DAY, about("research_plan", "as_of")] = None,
        offline: Annotated[bool, about("research_plan", "offline")] = False,
    ) -> CallToolResult:
        from assistant.research.planner import draft_plan

        with told():
            assistant = self.backend.assistant()
            drafted = draft_plan(
                assistant, topic, as_of=as_of, article_id=article_id, offline=offline
            )
            return results.plan(drafted)

    def research_run(
        self,
        plan: Annotated[dict[str, Any] | None, about("research_run", "plan")] = None,
        topic: Annotated[str | None, about("research_run", "topic")] = None,
        as_of: Annotated[dt.date | None, DAY, about("research_run", "as_of")] = None,
        offline: Annotated[bool, about("research_run", "offline")] = False,
    ) -> CallToolResult:
        from assistant.errors import InputError
        from assistant.research.plan import plan_from_json
        from assistant.research.planner import draft_plan
        from assistant.research.run import run_plan

        with told():
            assistant = self.backend.assistant()
            if plan is not None:
                chosen = plan_from_json(plan)
                chosen = chosen.model_copy(update={"as_of": as_of}) if as_of else chosen
            elif topic:  # no plan to approve: run the drafted one, as --auto-accept does
                chosen = draft_plan(assistant, topic, as_of=as_of, offline=offline).plan
            else:
                raise InputError("give a plan (from research_plan) or a topic")
            brief = run_plan(assistant, chosen, offline=offline)
            self.backend.research().save_brief(brief)
            return results.brief(brief)


def register_tools(server: MCPServer[Any], backend: Backend) -> None:
    """Add every tool to `server`, described as prompts/tools.yaml and prompts/mcp.yaml say."""
    market, library, answers = MarketTools(backend), LibraryTools(backend), AnswerTools(backend)
    tools: list[tuple[Callable[..., CallToolResult], ToolAnnotations]] = [
        (library.search_commentary, READS),
        (market.index_returns, READS),
        (market.sector_scores, READS),
        (market.quotes, READS),
        (market.macro, READS),
        (answers.ask, READS),
        (answers.research_plan, READS),
        (answers.research_run, WRITES),
        (library.library_add, WRITES),
    ]
    for method, hints in tools:
        name = method.__name__
        server.add_tool(
            method, name=name, description=describe.tool(name).description, annotations=hints
        )
