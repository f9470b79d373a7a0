"""The Assistant: one question in, one cited Answer out, in LLM or offline mode.

    assistant = Assistant(settings)                       # services built from the settings
    answer = assistant.ask("罗素2000指数年初至今是否跑赢标普500?", as_of=date(2026, 1, 23))
    for event in assistant.stream(question):              # Token / ToolStart / ToolEnd /
        ...                                               # Notice / Done(answer)

LLM mode runs when a chat model is configured and `offline` is not asked for. It goes down a
ladder (`assistant.llm.ladder`): the agent, then the writer (one model call under a JSON
schema), then the offline composer; a model's unusable output moves it down a rung, the
endpoint failing sends the question straight offline, each with a notice saying why. Each rung
has an HTTP client of its own, closed when the rung ends or is abandoned. Any other error is a
bug and is raised as it is.
An LLM answer whose figures its cited sources contradict or do not state gets one rewrite,
within the run's limits (`assistant.llm.repair`); what is still wrong after it is flagged.
Services are built once, lazily, and a service that cannot be built (no price store yet, no
index) leaves a notice instead of an error. Pass a `Conversation` to ask follow-ups; each
answer is appended to it.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from assistant import services
from assistant.answer.assemble import assemble
from assistant.answer.cost import summed
from assistant.answer.model import Answer, Flag
from assistant.conversation.memory import Conversation
from assistant.events import Done, Event, Notice
from assistant.gather.article_scope import article_day, scope_to_article
from assistant.gather.sources import SourceRegistry
from assistant.llm.failures import EXPECTED_ERRORS, describe_llm_error, llm_failures
from assistant.locale import notice
from assistant.offline.composer import compose, gather
from assistant.ports import MarketDataPort, SearchPort
from assistant.question.parse import ParsedQuestion, parse_question
from assistant.question.vocabulary import Vocabulary, library_vocabulary
from assistant.settings import Settings, load_settings

if TYPE_CHECKING:  # LangChain is imported only when an answer needs the LLM (it is slow to load)
    from langchain_core.language_models import BaseChatModel

    from assistant.llm.agent import RunLimits
    from assistant.llm.call import Spent
    from assistant.llm.ladder import ModelMemory

_UNSET: Any = object()
# A service that cannot be built (not configured, not installed, no data yet) is left out.
_BUILD_ERRORS: tuple[type[Exception], ...] = (*EXPECTED_ERRORS, NotImplementedError, ImportError)


def model_key(model: BaseChatModel | None, settings: Settings) -> str:
    """A model as LLM mode remembers it: the endpoint and the model's name."""
    name = getattr(model, "model_name", None) or settings.model
    return f"{settings.openai_base_url or 'openai'} {name}"


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
        self._model_given = model is not _UNSET
        self._memory: ModelMemory | None = None
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
    def memory(self) -> ModelMemory:
        """What LLM mode has learned of each model (the rungs it fails, the JSON it takes)."""
        if self._memory is None:
            from assistant.llm.ladder import ModelMemory

            self._memory = ModelMemory(services.product_store(self.settings))
        return self._memory

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            index = self.index
            self._vocabulary = library_vocabulary(index)
        return self._vocabulary

    def conversation_from(self, answers: Sequence[Answer]) -> Conversation:
        """Rebuild a conversation from saved answers (e.g. reopened from the UI's store). A
        turn keeps the day its market figures were taken on; one without any is as of its
        newest article, which is no date to hold a follow-up's search to."""
        conversation = Conversation()
        for answer in answers:
            previous = conversation.last.parsed if conversation.last else None
            parsed = parse_question(answer.question, self.vocabulary, previous=previous)
            measured = any(r.kind == "market_data" for r in answer.references)
            as_of = parsed.as_of or (answer.as_of if measured else None)
            conversation.add(replace(parsed, as_of=as_of), answer)
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
        scope = article_id or (previous.article_id if previous else None)
        now = self._now() if as_of is None else None
        if scope and as_of is None:  # "上周" asked of an article is the week before it
            now = article_day(scope, self.index, self.market) or now
        parsed = parse_question(question, self.vocabulary, as_of=as_of, previous=previous, now=now)
        if not scope:
            return parsed
        scoped = replace(parsed, article_id=scope)
        return scope_to_article(scoped, self.vocabulary, self.index, self.market)

    def _now(self) -> dt.date | None:
        """The day "yesterday" or "last month" counts from when it is not today: the last close
        of a price store that will not be refreshed (`current_day`), whose figures already
        answer "today" as of that close."""
        market, today = self.market, dt.date.today()
        if market is None:
            return None
        try:
            day = market.current_day(today)
        except EXPECTED_ERRORS:  # the tools say what is wrong with the store
            return None
        return day if day != today else None

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
        """Down the ladder (`assistant.llm.ladder`): the agent, the writer, then offline."""
        from assistant.llm.call import RunClock, Spent
        from assistant.llm.ladder import moves_down, share
        from assistant.llm.strategies import ModelAnswer

        strategy, language = self.settings.llm_strategy, parsed.language
        error: BaseException | None = None  # the last rung's failure
        key = model_key(self.model, self.settings)
        deadline = time.monotonic() + self.limits.timeout_s  # one limit for the whole ladder
        rungs = self.memory.rungs(strategy, key)
        failed = Spent()  # what the rungs that failed cost: the answer's cost includes it
        for step, rung in enumerate(rungs, start=1):
            last = step == len(rungs)
            with self._rung_model() as (model, cancel):
                until = share(deadline, time.monotonic(), last)
                run = RunClock(until, self.settings.llm_first_token_timeout_s, cancel)
                answer = ModelAnswer(self, parsed, conversation, model, run, key)
                try:
                    for event in answer.agent() if rung == "agent" else answer.writer():
                        yield _with_cost(event, failed)
                    return
                except llm_failures() as failure:  # the endpoint or the model failed
                    error = failure
                    failed.add(answer.spent.model_calls, answer.spent.usage)
            if not moves_down(error, last):
                break
            if strategy == "auto":
                self.memory.failed(key, rung, error)
            if not last:
                reason = describe_llm_error(error)
                yield Notice(notice("next_rung", language, reason=reason), discard_streamed=True)
        assert error is not None
        message = notice("fallback", language, reason=describe_llm_error(error))
        yield Notice(message, discard_streamed=True)
        for event in self._offline(parsed, conversation, [Flag(kind="notice", message=message)]):
            yield _with_cost(event, failed)

    @contextmanager
    def _rung_model(self) -> Iterator[tuple[BaseChatModel, Callable[[], None] | None]]:
        """The chat model for one rung of a run, with an HTTP client of its own that is closed
        when the rung ends or is abandoned, so no stream outlives it. A model the caller passed
        in is the caller's to close."""
        if self._model_given:
            assert self._model is not None
            yield self._model, None
            return
        from assistant.llm.endpoint import close_now

        model = services.chat_model(self.settings)
        assert model is not None  # LLM mode runs only when an endpoint is configured
        client = getattr(model, "http_client", None)
        cancel = (lambda: close_now(client)) if client is not None else None
        try:
            yield model, cancel
        finally:
            if cancel is not None:
                cancel()


def _with_cost(event: Event, spent: Spent) -> Event:
    """`event`, an answer's `Done` with `spent` (the failed rungs' calls and tokens) added to
    its own."""
    if not isinstance(event, Done) or not spent.model_calls:
        return event
    answer = event.answer
    usage = summed([answer.usage, spent.usage])
    calls = answer.model_calls + spent.model_calls
    return Done(answer.model_copy(update={"model_calls": calls, "usage": usage}))
