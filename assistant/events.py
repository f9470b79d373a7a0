"""What a streaming answer reports while it is being made, for the UI and the CLI.

`Assistant.stream(...)` yields these in order: tool calls as they start and end, model tokens as
they arrive (LLM mode), notices (such as a fallback to offline mode, which also tells the
reader to discard the tokens shown so far), and finally one `Done` carrying the Answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.answer.model import Answer


@dataclass(frozen=True)
class Token:
    text: str
    kind: Literal["token"] = "token"


@dataclass(frozen=True)
class ToolStart:
    name: str
    args: dict[str, Any] = field(default_factory=dict)
    kind: Literal["tool_start"] = "tool_start"


@dataclass(frozen=True)
class ToolEnd:
    name: str
    summary: str  # one line for a progress display
    ok: bool = True
    kind: Literal["tool_end"] = "tool_end"


@dataclass(frozen=True)
class Notice:
    message: str
    discard_streamed: bool = False  # True: the tokens shown so far are not the answer
    kind: Literal["notice"] = "notice"


@dataclass(frozen=True)
class Done:
    answer: Answer
    kind: Literal["done"] = "done"


Event = Token | ToolStart | ToolEnd | Notice | Done
