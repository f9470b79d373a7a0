"""One plain model call (no tools), streamed under the run's deadline: the repair turn and the
writer strategy both make one.

The call runs in the deadline's worker thread (`tools.deadline.iterate_with_deadline`) and is
abandoned at the run's deadline, or earlier when no token has come within the first-token
limit; an abandoned call is cancelled through `cancel` (closing the run's HTTP client), so no
stream is left running against the endpoint.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.answer.cost import summed
from assistant.llm.failures import NoReply, OutOfTime, as_empty_reply
from tools.deadline import iterate_with_deadline

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage


# Our usage names (the OpenAI API's) and LangChain's usage_metadata names for them.
USAGE_KEYS = {
    "prompt_tokens": "input_tokens",
    "completion_tokens": "output_tokens",
    "total_tokens": "total_tokens",
}


def text_of(content: Any) -> str:
    """A message's text, whether content is a string or a list of blocks."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            block if isinstance(block, str) else str(block.get("text", ""))
            for block in content
            if isinstance(block, str) or (isinstance(block, dict) and block.get("type") == "text")
        )
    return ""


def reported_usage(message: Any) -> dict[str, int]:
    """The usage a LangChain message (or streamed chunk) reports, in our names; {} for none."""
    reported = getattr(message, "usage_metadata", None)
    if not reported:
        return {}
    return {ours: int(reported.get(theirs) or 0) for ours, theirs in USAGE_KEYS.items()}


ESTIMATED = "estimated"  # a usage key: 1 when the tokens were counted here, not reported


def estimate_tokens(text: str) -> int:
    """Tokens in `text`, roughly: a CJK character is about one, four other characters one."""
    cjk = sum(1 for ch in text if "\u3400" <= ch <= "\u9fff")
    return cjk + (len(text) - cjk + 3) // 4


@dataclass
class Reply:
    """The text and the token usage of one streamed call, as they arrive."""

    text: str = ""
    usage: dict[str, int] = field(default_factory=dict)

    def add(self, chunk: Any) -> str:
        """Add a streamed chunk; return its new text."""
        piece = text_of(chunk.content)
        self.text += piece
        self.usage = summed([self.usage, reported_usage(chunk)])
        return piece

    def total(self, before: Mapping[str, int]) -> dict[str, int]:
        """This call's usage added to what the run had used `before` it."""
        return summed([before, self.usage])


@dataclass
class Spent:
    """Model calls and tokens used so far, counted as each call ends, so a rung that fails
    still reports what it cost (the reader pays for a fallback's attempts too)."""

    model_calls: int = 0
    usage: dict[str, int] = field(default_factory=dict)

    def add(self, calls: int, usage: Mapping[str, int]) -> None:
        self.model_calls += calls
        self.usage = summed([self.usage, usage])


@dataclass(frozen=True)
class RunClock:
    """When a run (of one or several rungs) is given up, and how it is cancelled: `deadline`
    on time.monotonic for the whole run, `first_token_s` for a call's first token, and
    `cancel`, which closes the run's HTTP client so an abandoned stream stops."""

    deadline: float
    first_token_s: float | None = None
    cancel: Callable[[], None] | None = None


def stream_call(
    model: BaseChatModel,
    messages: list[BaseMessage],
    run: RunClock,
    reply: Reply,
    name: str,
    *,
    timeout_s: float,
    clock: Callable[[], float] = time.monotonic,
    **kwargs: Any,
) -> Iterator[str]:
    """The call's text as it arrives (also collected in `reply`): OutOfTime at the run's
    deadline (`timeout_s` is the run's limit, for the message), NoReply when no token comes
    within `run.first_token_s`; the model's own errors are raised as they are."""

    def chunks() -> Iterator[Any]:  # runs in the deadline's worker thread
        try:
            if getattr(model, "streaming", True) is False:  # a model set up not to stream
                yield model.invoke(messages, **kwargs)
            else:
                yield from model.stream(messages, **kwargs)
        except ValueError as error:  # LangChain's word for a reply with nothing in it
            raise as_empty_reply(error) from None

    late = OutOfTime(f"the answer took longer than {timeout_s:g} s")
    first = None
    if run.first_token_s is not None:
        slow = NoReply(f"no reply from the model in {run.first_token_s:g} s")
        first = (clock() + run.first_token_s, slow)
    running = iterate_with_deadline(
        chunks(), run.deadline, late, clock=clock, name=name, first=first, cancel=run.cancel
    )
    for chunk in running:
        piece = reply.add(chunk)
        if piece:
            yield piece
    if not reply.usage.get("total_tokens"):  # a server that reports none while streaming
        prompt = estimate_tokens("".join(text_of(m.content) for m in messages))
        completion = estimate_tokens(reply.text)
        reply.usage = {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
            ESTIMATED: 1,
        }
