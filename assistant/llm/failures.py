"""Which failures an answer survives, and how each is told to the reader in a few words.

A tool or the library failing leaves a notice and the rest of the answer; the LLM endpoint
failing (refused, timed out, 5xx after retries, malformed output, a limit hit) sends the
question to the offline composer with a notice. Neither ever shows a traceback. Anything else
is a bug: it is not dressed up as one of these, it reaches the edge (the CLI's one line, the
browser's internal-error notice) with its traceback in the log.
"""

from __future__ import annotations

import functools

from assistant.errors import MarketbriefError
from assistant.redact import redact
from ingest.errors import IngestError
from tools.errors import ToolError

# Failures of our own services that an answer works around (with a notice). ValueError stays:
# pandas, pydantic and json say "this input is unusable" with it.
EXPECTED_ERRORS: tuple[type[Exception], ...] = (
    ToolError,
    IngestError,
    MarketbriefError,
    OSError,
    ValueError,
)


class LLMRunError(MarketbriefError):
    """The LLM run could not produce an answer (a limit, or output we cannot use)."""


class OutOfTime(LLMRunError):
    """The run's time limit passed: no other strategy has time left either."""


class NoReply(LLMRunError):
    """The model sent nothing within the first-token limit (a busy or very slow server)."""


# What langchain_core raises when a streamed reply ends before its first chunk (llama.cpp's
# server does so for some tool-calling replies): the model's failure, not a bug of ours.
_NO_CHUNKS = "No generation chunks were returned"


def as_empty_reply(error: ValueError) -> Exception:
    """LangChain's ValueError for a reply with nothing in it, as the model's failure; any other
    ValueError as it is (a bug stays a bug)."""
    return LLMRunError("the model sent an empty reply") if str(error) == _NO_CHUNKS else error


@functools.cache
def llm_failures() -> tuple[type[Exception], ...]:
    """The failures of the endpoint or the model that send a question to the offline composer:
    the openai client's errors (status, timeout, connection), HTTP errors below it, a model's
    errors as LangChain reports them, output that cannot be parsed, a limit hit, and our own
    LLMRunError. Imported on first use: the browser starts without openai or LangChain."""
    import json

    import httpx
    import openai
    from langchain.agents.middleware.model_call_limit import ModelCallLimitExceededError
    from langchain_core.exceptions import ModelError, OutputParserException
    from langgraph.errors import GraphRecursionError

    return (
        LLMRunError,
        openai.OpenAIError,
        httpx.HTTPError,
        ModelError,
        OutputParserException,
        json.JSONDecodeError,  # a streamed chunk that is not JSON
        ModelCallLimitExceededError,
        GraphRecursionError,
    )


def describe_llm_error(error: BaseException) -> str:
    """A short reason for the fallback notice: no URLs with keys, no stack, no payloads."""
    return redact(_reason(error))


def _reason(error: BaseException) -> str:
    import openai

    if isinstance(error, openai.APITimeoutError):
        return "timed out"
    if isinstance(error, openai.APIStatusError):
        return f"HTTP {error.status_code}"
    if isinstance(error, openai.APIConnectionError):
        return "could not connect"
    if isinstance(error, LLMRunError):
        return str(error)
    text = str(error).split("\n")[0]
    return f"{type(error).__name__}: {text[:160]}" if text else type(error).__name__
