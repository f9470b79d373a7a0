"""The two ways a model answers a question, and the checks both end with.

- `agent`: the model calls the tools itself (LangChain's agent, `assistant.llm.agent`) and
  writes the answer in Markdown.
- `writer`: code gathers the figures and passages as the offline composer does, and one model
  call writes the sections as JSON (`assistant.llm.writer`).

Either way the answer's figures are then checked against the sources they cite, with one
rewrite when some fail (`assistant.llm.repair`), disagreements with the computed figures are
reconciled, and the answer is assembled with code-rendered citations. Which strategy runs, and
what happens when one fails, is the ladder's business (`assistant.llm.ladder`, driven by the
engine).
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from assistant.answer.assemble import Draft, assemble
from assistant.answer.discrepancy import reconcile, ytd_lookup
from assistant.answer.model import Flag
from assistant.answer.tickers import strip_symbols
from assistant.conversation.memory import Conversation
from assistant.events import Done, Event, Token
from assistant.gather.sources import SourceRegistry
from assistant.llm import messages as llm_messages
from assistant.llm import writer
from assistant.llm.agent import RunLimits, RunResult, run_agent
from assistant.llm.call import Reply, RunClock, Spent
from assistant.llm.failures import llm_failures
from assistant.llm.ladder import ModelMemory
from assistant.llm.parse import parse_markdown
from assistant.llm.repair import RepairContext, Written, repair
from assistant.llm.tools import ToolContext, build_tools
from assistant.offline.composer import gather
from assistant.offline.gathering import Gathered, Gatherer
from assistant.offline.titles import title_for
from assistant.ports import MarketDataPort, SearchPort
from assistant.prompts import render_prompt
from assistant.question.parse import ParsedQuestion
from assistant.question.vocabulary import Vocabulary
from assistant.settings import Settings
from tools.result import ToolResult

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel


class Services(Protocol):
    """What an answer needs of the Assistant: its services, settings, limits and memory."""

    settings: Settings
    unavailable: dict[str, str]

    @property
    def market(self) -> MarketDataPort | None: ...

    @property
    def index(self) -> SearchPort | None: ...

    @property
    def vocabulary(self) -> Vocabulary: ...

    @property
    def limits(self) -> RunLimits: ...

    @property
    def memory(self) -> ModelMemory: ...


@dataclass
class ModelAnswer:
    """One question answered by one model within one run's clock."""

    assistant: Services
    parsed: ParsedQuestion
    conversation: Conversation | None
    model: BaseChatModel
    run: RunClock
    key: str  # the model as the ladder remembers it
    spent: Spent = field(default_factory=Spent)  # by this answer's calls, even if it fails

    def agent(self) -> Iterator[Event]:
        parsed, services = self.parsed, self.assistant
        registry = SourceRegistry()
        context = ToolContext(
            services.market, services.index, registry, parsed.as_of, services.unavailable,
            parsed.article_id,
        )  # fmt: skip
        result: RunResult | None = None
        tools = [tool for tool in build_tools(context) if parsed.allows(tool.name)]
        sent = llm_messages.messages(parsed, services.vocabulary, self.conversation)
        system = llm_messages.system_prompt(parsed)
        final_prompt = render_prompt("final_answer")
        limits = services.limits
        run = run_agent(self.model, tools, system, sent, limits, final_prompt, self.run, self.spent)
        for item in run:
            if isinstance(item, RunResult):
                result = item
            else:
                yield item
        assert result is not None
        title, sections = parse_markdown(result.text, parsed.language)
        first = Written(title, sections, result.text, result.model_calls, result.usage,
                        result.deadline)  # fmt: skip
        yield from self._checked(registry, first, [])

    def writer(self) -> Iterator[Event]:
        """Code gathers as the offline composer does; one model call writes the sections."""
        parsed, services = self.parsed, self.assistant
        registry = SourceRegistry()
        emitted: list[Event] = []
        conversation = self.conversation
        previous = conversation.last.question if conversation and conversation.last else None
        gathered = gather(
            parsed, services.vocabulary, services.market, services.index, registry,
            emitted.append, previous_question=previous, unavailable=services.unavailable,
        )  # fmt: skip
        yield from emitted
        language_name = llm_messages.LANGUAGE_NAMES[parsed.language]
        aliases = services.vocabulary.aliases
        names = services.vocabulary.subject_names(parsed.asked_symbols, parsed.intents)
        speakers = [tuple(aliases(s)) for s in parsed.speakers]
        companies = services.vocabulary.companies(parsed.symbols)
        prompt, citable = writer.prompt(
            parsed, language_name, gathered.hits, registry, names, speakers, companies,
            glosses=services.vocabulary.glosses,
        )  # fmt: skip
        reply = yield from self._write(prompt, citable)
        markdown = writer.markdown(writer.sections_of(reply.text), parsed.language)
        title, sections = parse_markdown(markdown, parsed.language)
        calls = self.spent.model_calls
        first = Written(title, sections, markdown, calls, reply.usage, self.run.deadline)
        notices = [Flag(kind="notice", message=m) for m in dict.fromkeys(gathered.notices)]
        yield from self._checked(registry, first, notices)

    def _write(self, prompt: str, citable: list[int]) -> Generator[Event, None, Reply]:
        """The model's JSON (its usage: every call's, refused shapes included): the response
        shape this model took last time first, the other when the endpoint refuses a shape.
        The analysis streams to the reader as the model writes it (the rest of the JSON is no
        prose to show)."""
        memory = self.assistant.memory
        shapes = memory.shapes(self.key)
        timeout_s = self.assistant.limits.timeout_s
        for tried, shape in enumerate(shapes, start=1):
            reply, shown = Reply(), ""
            try:
                running = writer.write(
                    self.model, prompt, citable, shape, self.run, timeout_s, reply
                )
                for _ in running:
                    readable = writer.analysis_so_far(reply.text)
                    if len(readable) > len(shown) and readable.startswith(shown):
                        yield Token(readable[len(shown) :])
                        shown = readable
            except llm_failures() as failure:
                self.spent.add(1, reply.usage)
                if not writer.refused_shape(failure):
                    memory.took(self.key, shape)  # taken, whatever went wrong after
                    raise
                if tried == len(shapes):
                    raise
                continue
            memory.took(self.key, shape)
            self.spent.add(1, reply.usage)
            reply.usage = dict(self.spent.usage)
            return reply
        raise AssertionError("no response shape to try")  # pragma: no cover

    def _checked(
        self, registry: SourceRegistry, first: Written, flags: list[Flag]
    ) -> Iterator[Event]:
        """The model's answer, its figures checked (one rewrite when they fail), assembled."""
        parsed, services = self.parsed, self.assistant
        system = llm_messages.system_prompt(parsed)
        checking = RepairContext(
            self.model, registry, services.vocabulary, parsed.language, services.limits, system,
            cancel=self.run.cancel,
        )  # fmt: skip
        written = yield from repair(first, checking)  # one rewrite when figures fail the check
        sections, disagreements = reconcile(
            written.sections, registry, services.vocabulary, parsed.language,
            ytd_lookup(services.market),
        )  # fmt: skip
        draft = Draft(
            title=written.title or title_for(parsed, services.vocabulary),
            sections=sections,
            flags=[*flags, *disagreements],
            model_calls=written.model_calls,
            usage=written.usage,
            model=getattr(self.model, "model_name", None) or services.settings.model,
            quotes=self._ticker_strip(registry),
        )
        yield Done(assemble(draft, parsed, registry, services.vocabulary, "llm"))

    def _ticker_strip(self, registry: SourceRegistry) -> ToolResult | None:
        """Quotes for the symbols in play (asked about or used by the model), for the strip
        only: the model never saw them, so they are not citable as [0]."""
        parsed, market = self.parsed, self.assistant.market
        used = [
            s
            for r in registry.tool_results
            if r.provenance.tool == "index_returns"
            for s in r.provenance.symbols
        ]
        symbols = list(dict.fromkeys([*parsed.all_symbols, *used]))
        if not symbols or market is None:
            return None
        out = Gathered()
        gatherer = Gatherer(market, None, registry, lambda _: None, parsed.language)
        available = gatherer.available(out)
        strip = strip_symbols(symbols, sorted(available) if available else [])
        if not strip:
            return None
        return gatherer.tool("quotes", {}, lambda: market.quotes(strip, as_of=parsed.as_of), out)
