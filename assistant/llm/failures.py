"""Which failures an answer survives, and how each is told to the reader in a few words.

A tool or the library failing leaves a notice and the rest of the answer; the LLM endpoint
failing (refused, timed out, 5xx after retries, malformed output, a limit hit) sends the
question to the offline composer with a notice. Neither ever shows a traceback.
"""

from __future__ import annotations

from assistant.errors import MarketbriefError
from assistant.redact import redact
from ingest.errors import IngestError
from tools.errors import ToolError

# Failures of our own services that an answer works around (with a notice).
EXPECTED_ERRORS: tuple[type[Exception], ...] = (
    ToolError,
    IngestError,
    MarketbriefError,
    OSError,
    ValueError,
    KeyError,
)


class LLMRunError(MarketbriefError):
    """The LLM run could not produce an answer (a limit, or output we cannot use)."""


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
