"""The Assistant: one question in, one cited Answer out, in LLM or offline mode.

    assistant = Assistant(settings)                       # services built from the settings
    answer = assistant.ask("罗素2000指数年初至今是否跑赢标普500?", as_of=date(2026, 1, 23))
    for event in assistant.stream(question):              # Token / ToolStart / ToolEnd /
        ...                                               # Notice / Done(answer)

LLM mode runs when a chat model is configured and `offline` is not asked for; if the endpoint
fails (refused, timeout, 5xx after retries, unusable output, a limit), the same question is
answered offline with a notice saying why; any other error is a bug and is raised as it is.
An LLM answer whose figures its cited sources contradict or do not state gets one rewrite,
within the run's limits (`assistant.llm.repair`); what is still wrong after it is flagged.
Services are built once, lazily, and a service that cannot be built (no price store yet, no
index) leaves a notice instead of an error. Pass a `Conversation` to ask follow-ups; each
answer is appended to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from assistant import services
from assistant.answer.assemble import Draft, assemble
from assistant.answer.discrepancy import reconcile
from assistant.answer.model import Answer, Flag
from assistant.answer.tickers import strip_symbols
from assistant.conversation.memory import Conversation
from assistant.events import Done, Event, Notice
from assistant.gather.article_scope import scope_to_article
from assistant.gather.sources import SourceRegistry
from assistant.llm.failures import EXPECTED_ERRORS, describe_llm_error, llm_failures
from assistant.llm.parse import parse_markdown
from assistant.locale import heading_skeleton, notice, period_label
from assistant.offline.composer import compose, gather
from assistant.offline.gathering import Gathered, Gatherer
from assistant.offline.sections import title_for
from assistant.ports import MarketDataPort, SearchPort
from assistant.prompts import render_prompt, tool_descriptions
from assistant.question.parse import (
    ParsedQuestion,
    Vocabulary,
    default_vocabulary,
    library_tickers,
    parse_question,
)
from assistant.settings import Settings, load_settings
from tools.result import ToolResult

if TYPE_CHECKING:  # LangChain is imported only when an answer needs the LLM (it is slow to load)
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

    from assistant.llm.agent import RunLimits

_UNSET: Any = object()
# A service that cannot be built (not configured, not installed, no data yet) is left out.
_BUILD_ERRORS: tuple[type[Exception], ...] = (*EXPECTED_ERRORS, NotImplementedError, ImportError)
LANGUAGE_NAMES = {"zh": "Chinese (简体中文)", "en": "English"}


class Assistant:
    """Answers questions; holds the services (built once) and the vocabulary."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        market: MarketDataPort | None = _UNSET,
        index: SearchPort | None = _UNSET,
        model: BaseChatModel | None = _UNSET,
        vocabulary: Vocabulary | None = None,
        limits: RunLimits | None = None,
    ) -> None:
        self.settings = settings or load_settings()
        self._market, self._index, self._model = market, index, model
        self._vocabulary = vocabulary
        self.unavailable: dict[str, str] = {}
        self._limits = limits

    @property
    def limits(self) -> RunLimits:
        from assistant.llm.agent import RunLimits

        return self._limits or RunLimits(
            max_model_calls=self.settings.llm_max_model_calls,
            max_tool_calls=self.settings.llm_max_tool_calls,
            timeout_s=self.settings.llm_run_timeout_s,
            token_budget=self.settings.llm_token_budget,
        )

    # -- services, built on first use -----------------------------------------------------------

    @property
    def market(self) -> MarketDataPort | None:
        if self._market is _UNSET:
            self._market = self._build("market", services.market_data)
        return self._market

    @property
    def index(self) -> SearchPort | None:
        if self._index is _UNSET:
            self._index = self._build("index", services.commentary_index)
        return self._index

    @property
    def model(self) -> BaseChatModel | None:
        if self._model is _UNSET:
            self._model = services.chat_model(self.settings)
        return self._model

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            self._vocabulary = default_vocabulary(known=library_tickers(self.index))
        return self._vocabulary

    def conversation_from(self, answers: Sequence[Answer]) -> Conversation:
        """Rebuild a conversation from saved answers (e.g. reopened from the UI's store)."""
        conversation = Conversation()
        for answer in answers:
            previous = conversation.last.parsed if conversation.last else None
            parsed = parse_question(answer.question, self.vocabulary, previous=previous)
            conversation.add(replace(parsed, as_of=parsed.as_of or answer.as_of), answer)
        return conversation

    def _build(self, what: str, factory: Any) -> Any:
        try:
            return factory(self.settings)
        except _BUILD_ERRORS as error:
            self.unavailable[what] = str(error) or type(error).__name__
            return None

    @property
    def llm_available(self) -> bool:
        return self.model is not None

    # -- asking ---------------------------------------------------------------------------------

    def ask(
        self,
        question: str,
        *,
        as_of: dt.date | None = None,
        offline: bool = False,
        conversation: Conversation | None = None,
        article_id: str | None = None,
    ) -> Answer:
        """The answer to one question (the last event of `stream`)."""
        events = self.stream(
            question,
            as_of=as_of,
            offline=offline,
            conversation=conversation,
            article_id=article_id,
        )
        for event in events:
            if isinstance(event, Done):
                return event.answer
        raise AssertionError("stream ended without an answer")  # pragma: no cover

    def parse(
        self,
        question: str,
        as_of: dt.date | None = None,
        conversation: Conversation | None = None,
        article_id: str | None = None,
    ) -> ParsedQuestion:
        """Understand the question (InputError for an empty or oversized one). A follow-up
        keeps the article scope of the conversation."""
        previous = conversation.last.parsed if conversation and conversation.last else None
        parsed = parse_question(question, self.vocabulary, as_of=as_of, previous=previous)
        scope = article_id or (previous.article_id if previous else None)
        if not scope:
            return parsed
        scoped = replace(parsed, article_id=scope)
        return scope_to_article(scoped, self.vocabulary, self.index, self.market)

    def stream(
        self,
        question: str,
        *,
        as_of: dt.date | None = None,
        offline: bool = False,
        conversation: Conversation | None = None,
        article_id: str | None = None,
    ) -> Iterator[Event]:
        """Events while answering; the last one is `Done(answer)`. Bad input raises InputError
        before any event. `article_id` scopes retrieval to one article."""
        parsed = self.parse(question, as_of, conversation, article_id)
        return self._events(parsed, offline, conversation)

    def stream_parsed(self, parsed: ParsedQuestion, *, offline: bool = False) -> Iterator[Event]:
        """`stream` for a question already parsed and adjusted by the caller: a research step
        fixes its language, its tools (`parsed.tools`) and its library query (`parsed.search`)."""
        return self._events(parsed, offline, None)

    def _events(
        self, parsed: ParsedQuestion, offline: bool, conversation: Conversation | None
    ) -> Iterator[Event]:
        events = (
            self._offline(parsed, conversation)
            if offline or self.model is None
            else self._llm_or_fallback(parsed, conversation)
        )
        for event in events:
            if isinstance(event, Done) and conversation is not None:
                conversation.add(parsed, event.answer)  # before the caller can stop reading
            yield event

    # -- offline --------------------------------------------------------------------------------

    def _offline(
        self,
        parsed: ParsedQuestion,
        conversation: Conversation | None,
        extra: list[Flag] | None = None,
    ) -> Iterator[Event]:
        registry = SourceRegistry()
        emitted: list[Event] = []
        previous = conversation.last.question if conversation and conversation.last else None
        gathered = gather(
            parsed, self.vocabulary, self.market, self.index, registry, emitted.append,
            previous_question=previous, unavailable=self.unavailable,
        )  # fmt: skip
        yield from emitted
        draft = compose(parsed, gathered, registry, self.vocabulary)
        draft.flags[1:1] = extra or []
        yield Done(assemble(draft, parsed, registry, self.vocabulary, "offline"))

    # -- LLM ------------------------------------------------------------------------------------

    def _llm_or_fallback(
        self, parsed: ParsedQuestion, conversation: Conversation | None
    ) -> Iterator[Event]:
        try:
            yield from self._llm(parsed, conversation)
        except llm_failures() as error:  # the endpoint or the model failed: answer offline
            message = notice("fallback", parsed.language, reason=describe_llm_error(error))
            yield Notice(message, discard_streamed=True)
            yield from self._offline(parsed, conversation, [Flag(kind="notice", message=message)])

    def _llm(self, parsed: ParsedQuestion, conversation: Conversation | None) -> Iterator[Event]:
        from assistant.llm.agent import RunResult, run_agent
        from assistant.llm.repair import RepairContext, Written, repair
        from assistant.llm.tools import ToolContext, build_tools

        model = self.model
        assert model is not None
        registry = SourceRegistry()
        context = ToolContext(
            self.market, self.index, registry, parsed.as_of, self.unavailable, parsed.article_id
        )
        result: RunResult | None = None
        tools = [tool for tool in build_tools(context) if parsed.allows(tool.name)]
        system = self._system_prompt(parsed)
        messages = self._messages(parsed, conversation)
        final_prompt = render_prompt("final_answer")
        for item in run_agent(model, tools, system, messages, self.limits, final_prompt):
            if isinstance(item, RunResult):
                result = item
            else:
                yield item
        assert result is not None
        title, sections = parse_markdown(result.text, parsed.language)
        first = Written(title, sections, result.text, result.model_calls, result.usage,
                        result.deadline)  # fmt: skip
        checking = RepairContext(
            model, registry, self.vocabulary, parsed.language, self.limits, system
        )
        written = yield from repair(first, checking)  # one rewrite when figures fail the check
        sections, disagreements = reconcile(
            written.sections, registry, self.vocabulary, parsed.language
        )
        draft = Draft(
            title=written.title or title_for(parsed, self.vocabulary),
            sections=sections,
            flags=disagreements,
            model_calls=written.model_calls,
            usage=written.usage,
            quotes=self._ticker_strip(parsed, registry),
        )
        yield Done(assemble(draft, parsed, registry, self.vocabulary, "llm"))

    def _system_prompt(self, parsed: ParsedQuestion) -> str:
        return render_prompt(
            "system",
            language_name=LANGUAGE_NAMES[parsed.language],
            as_of=parsed.as_of,  # None: the prompt says "the latest close available"
            headings=heading_skeleton(parsed.language),
            tools=tool_descriptions(),
        )

    def _messages(
        self, parsed: ParsedQuestion, conversation: Conversation | None
    ) -> list[BaseMessage]:
        from langchain_core.messages import AIMessage, HumanMessage

        messages: list[BaseMessage] = []
        for question, answer in conversation.history() if conversation else []:
            messages += [HumanMessage(question), AIMessage(answer)]
        as_of = parsed.as_of.isoformat() if parsed.as_of else "latest"
        messages.append(
            HumanMessage(
                render_prompt(
                    "question", question=parsed.text, as_of=as_of, hints=self._hints(parsed)
                )
            )
        )
        return messages

    def _hints(self, parsed: ParsedQuestion) -> str:
        """What the question parser understood, to steer small models to the right tools."""
        lines = []
        if parsed.symbols:
            named = ", ".join(f"{s} ({self.vocabulary.name(s, 'en')})" for s in parsed.symbols)
            lines.append(f"Symbols in play: {named}")
        if parsed.sectors:
            lines.append(f"Sectors mentioned: {', '.join(parsed.sectors)}")
        if parsed.period:
            lines.append(f"Period: {parsed.period} ({period_label(parsed.period, 'en')})")
        if parsed.benchmark:
            lines.append(f"Benchmark: {parsed.benchmark}")
        if parsed.tools is not None:
            lines.append(f"Tools for this step: {', '.join(sorted(parsed.tools))}")
        if parsed.search:
            lines.append(f"Suggested library search: {parsed.search}")
        return "\n".join(lines)

    def _ticker_strip(self, parsed: ParsedQuestion, registry: SourceRegistry) -> ToolResult | None:
        """Quotes for the symbols in play (asked about or used by the model), for the strip
        only: the model never saw them, so they are not citable as [0]."""
        used = [
            s
            for r in registry.tool_results
            if r.provenance.tool == "index_returns"
            for s in r.provenance.symbols
        ]
        symbols = list(dict.fromkeys([*parsed.all_symbols, *used]))
        if not symbols or self.market is None:
            return None
        out = Gathered()
        gatherer = Gatherer(self.market, None, registry, lambda _: None, parsed.language)
        available = gatherer.available(out)
        strip = strip_symbols(symbols, sorted(available) if available else [])
        if not strip:
            return None
        market = self.market
        return gatherer.tool("quotes", {}, lambda: market.quotes(strip, as_of=parsed.as_of), out)
