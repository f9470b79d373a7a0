"""Running the LangChain agent under limits, as a stream of events.

`create_agent` (LangChain 1.x) drives the loop: model, tools, model, ... Three bounds hold for
every run:

- steps: at the last allowed model call (or once the token budget is spent) the model is told
  to answer now with tool use switched off, and any tool call it still makes is dropped, so the
  run ends with an answer; LangChain's `ModelCallLimitMiddleware` and a recursion limit are the
  hard backstops, and `ToolCallLimitMiddleware` refuses tool calls beyond the budget;
- time: a wall-clock deadline checked before every model and tool call (each HTTP call has its
  own timeout in the chat model); and since one model call with its retries can outlast the
  deadline, the run itself is driven from a worker thread and abandoned at the deadline
  (`tools.deadline.iterate_with_deadline`), so an answer never waits longer than the limit for
  a stuck or retrying endpoint;
- tokens: the usage the endpoint reports is summed per run, into the caller's `Spent` when it
  passes one, so a run that fails half-way still says what it cost.

Tokens stream out as they arrive; tool calls are reported as they start and end.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain.agents import create_agent
from langchain.agents.middleware import (
    AgentMiddleware,
    ModelCallLimitMiddleware,
    ModelRequest,
    ModelResponse,
    ToolCallLimitMiddleware,
)
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    HumanMessage,
    ToolMessage,
)
from langchain_core.runnables import RunnableConfig
from langchain_core.tools import BaseTool

from assistant.answer.cost import summed
from assistant.events import Event, Token, ToolEnd, ToolStart
from assistant.llm.call import RunClock, Spent, reported_usage, text_of
from assistant.llm.failures import LLMRunError, NoReply, OutOfTime, as_empty_reply
from assistant.redact import redact
from tools.deadline import iterate_with_deadline


@dataclass(frozen=True)
class RunLimits:
    max_model_calls: int = 6
    max_tool_calls: int = 12
    timeout_s: float = 180.0
    token_budget: int = 60_000


@dataclass
class RunResult:
    """The model's final text and what the run cost."""

    text: str
    model_calls: int
    usage: dict[str, int] = field(default_factory=dict)
    deadline: float = math.inf  # the run's deadline on time.monotonic: a repair must end by it


class BudgetMiddleware(AgentMiddleware):
    """Counts calls and tokens, enforces the deadline, and forces a final answer in time."""

    def __init__(
        self,
        limits: RunLimits,
        final_prompt: str,
        clock: Callable[[], float] = time.monotonic,
        deadline: float | None = None,
        spent: Spent | None = None,
    ) -> None:
        super().__init__()
        self.limits = limits
        self.final_prompt = final_prompt
        self.clock = clock
        self.deadline = clock() + limits.timeout_s if deadline is None else deadline
        self.spent = Spent() if spent is None else spent
        self.calls = 0  # this run's, whatever `spent` held before

    def _check_time(self) -> None:
        if self.clock() > self.deadline:
            raise OutOfTime(f"the answer took longer than {self.limits.timeout_s:g} s")

    def must_finish(self) -> bool:
        last_call = self.calls >= self.limits.max_model_calls - 1
        return last_call or self.spent.usage.get("total_tokens", 0) >= self.limits.token_budget

    def wrap_model_call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], ModelResponse]
    ) -> ModelResponse | AIMessage:
        self._check_time()
        final = self.must_finish()
        if final:
            request = request.override(
                messages=[*request.messages, HumanMessage(self.final_prompt)],
                tool_choice="none" if request.tools else None,
            )
        try:
            response = handler(request)
        except ValueError as error:  # LangChain's word for a stream that ended with nothing
            raise as_empty_reply(error) from None
        self.calls += 1
        usage = summed(reported_usage(m) for m in response.result if isinstance(m, AIMessage))
        self.spent.add(1, usage)
        if final:
            response = ModelResponse(
                result=[_without_tool_calls(m) for m in response.result],
                structured_response=response.structured_response,
            )
        return response

    def wrap_tool_call(self, request: Any, handler: Callable[[Any], Any]) -> Any:
        if self.clock() > self.deadline:
            return ToolMessage(
                content="error: the time limit is reached; write the answer now without tools.",
                tool_call_id=request.tool_call["id"],
                name=request.tool_call["name"],
                status="error",
            )
        return handler(request)


def _without_tool_calls(message: BaseMessage) -> BaseMessage:
    if isinstance(message, AIMessage) and message.tool_calls:
        kwargs = {k: v for k, v in message.additional_kwargs.items() if k != "tool_calls"}
        return message.model_copy(
            update={"tool_calls": [], "invalid_tool_calls": [], "additional_kwargs": kwargs}
        )
    return message


def run_agent(
    model: BaseChatModel,
    tools: Sequence[BaseTool],
    system_prompt: str,
    messages: list[BaseMessage],
    limits: RunLimits,
    final_prompt: str,
    run: RunClock | None = None,
    spent: Spent | None = None,
) -> Iterator[Event | RunResult]:
    """Stream the run's events, then yield its RunResult last. `run` carries the deadline
    when the run is one rung of several, the first-token limit and the cancel hook; `spent`,
    when given, counts the run's calls and tokens as they happen (it should start empty)."""
    run = run or RunClock(time.monotonic() + limits.timeout_s)
    budget = BudgetMiddleware(limits, final_prompt, deadline=run.deadline, spent=spent)
    middleware: list[AgentMiddleware[Any, Any, Any]] = [
        budget,
        ToolCallLimitMiddleware(run_limit=limits.max_tool_calls, exit_behavior="continue"),
        ModelCallLimitMiddleware(run_limit=limits.max_model_calls + 1, exit_behavior="error"),
    ]
    agent = create_agent(
        model,
        tools=list(tools),
        system_prompt=system_prompt,
        middleware=middleware,
    )
    config: RunnableConfig = {"recursion_limit": 4 * limits.max_model_calls + 10}
    inputs: Any = {"messages": messages}
    stream: Iterator[tuple[str, Any]] = agent.stream(  # type: ignore[assignment]
        inputs, config, stream_mode=["messages", "updates"]
    )
    final: list[AIMessage] = []
    late = OutOfTime(f"the answer took longer than {limits.timeout_s:g} s")
    first = None
    if run.first_token_s is not None:
        slow = NoReply(f"no reply from the model in {run.first_token_s:g} s")
        first = (budget.clock() + run.first_token_s, slow)
    running = iterate_with_deadline(
        stream, budget.deadline, late, clock=budget.clock, name="llm run", first=first,
        started=lambda item: item[0] == "messages", cancel=run.cancel,
    )  # fmt: skip
    for mode, chunk in running:
        if budget.clock() > budget.deadline:
            raise late
        if mode == "messages":
            yield from _tokens(chunk)
        else:
            yield from _tool_events(chunk, final)
    if not final or final[-1].tool_calls:
        raise LLMRunError("the model gave no final answer")
    if final[-1].invalid_tool_calls and not text_of(final[-1].content).strip():
        names = ", ".join(str(c.get("name") or "?") for c in final[-1].invalid_tool_calls)
        raise LLMRunError(f"the model sent a malformed tool call ({names})")
    usage = dict(budget.spent.usage)
    yield RunResult(text_of(final[-1].content), budget.spent.model_calls, usage, budget.deadline)


def _tokens(chunk: tuple[BaseMessage, dict[str, Any]]) -> Iterator[Token]:
    message, meta = chunk
    if isinstance(message, AIMessageChunk) and meta.get("langgraph_node") == "model":
        text = text_of(message.content)
        if text:
            yield Token(text)


def _tool_events(chunk: dict[str, Any], final: list[AIMessage]) -> Iterator[Event]:
    """Tool starts (from the model's tool calls) and ends (from tool messages) in an update;
    every AI message is remembered, the last one is the answer."""
    for update in chunk.values():
        messages = update.get("messages", []) if isinstance(update, dict) else []
        for message in messages:
            if isinstance(message, AIMessage):
                final.append(message)
                for call in message.tool_calls:
                    yield ToolStart(call["name"], dict(call.get("args") or {}))
            elif isinstance(message, ToolMessage):
                content = text_of(message.content)
                yield ToolEnd(
                    str(message.name or "tool"),
                    redact(content.split("\n")[0][:200]),
                    # ours start "error"; LangChain's own (an unknown tool, bad arguments) "Error:"
                    ok=not content.lower().startswith("error"),
                )
