"""The tools' arguments: their types and limits (in the schema the client's model reads), and a
bad one told in one line.

A tool's parameters are annotated with these, beside the words of `describe.arg`:

    symbols: Annotated[list[str], NAMES, SYMBOLS, about("quotes", "symbols")]
    as_of: Annotated[dt.date | None, DAY, about("quotes", "as_of")] = None

The SDK validates every call against them before the tool runs; `one_line` words what it
rejects.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import BeforeValidator, Field, ValidationError
from pydantic.fields import FieldInfo

from assistant.mcp import describe

# The agent's own limit on passages (assistant.llm.tools.MAX_K, which tools.yaml states as
# "1-8"); a test holds the two equal. Importing that module would load LangChain at start-up.
MAX_K = 8
MAX_SYMBOLS = 20
MAX_SOURCES = 50
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(value: Any) -> Any:
    """YYYY-MM-DD and nothing else: pydantic alone would take 1700000000 as a day of 2023."""
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DAY.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"expected a day as YYYY-MM-DD, e.g. 2026-01-23, not {value!r}")


def _names(value: Any) -> Any:
    """A list, or one string of comma-separated names ("SPY, QQQ"), as models often send."""
    if isinstance(value, str):
        return [name.strip() for name in value.split(",") if name.strip()]
    return value


DAY = BeforeValidator(_day)
NAMES = BeforeValidator(_names)
SYMBOLS = Field(min_length=1, max_length=MAX_SYMBOLS)
SOURCES = Field(min_length=1, max_length=MAX_SOURCES)
PASSAGES = Field(ge=1, le=MAX_K)
TEXT = Field(min_length=1)


def about(tool: str, arg: str) -> FieldInfo:
    """The argument's description, as `prompts/tools.yaml` or `prompts/mcp.yaml` word it."""
    return Field(description=describe.arg(tool, arg))


def one_line(error: ValidationError) -> str:
    """The first problem of a rejected call, as `k: Input should be ...` (pydantic's own text
    spans lines, names its model and links to its docs)."""
    problems = error.errors()
    first = problems[0]
    where = ".".join(str(part) for part in first["loc"]) or "arguments"
    message = first["msg"].removeprefix("Value error, ")
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"bad argument {where}: {message}{more}"
