"""A research plan: the topic and the 4 to 8 steps that will be run to write the brief.

A plan is what a person sees, edits and accepts, so it is small, plain and stored as JSON:

    {"topic": "2026年小盘股投资逻辑", "language": "zh", "as_of": "2026-01-23",
     "article_id": null,
     "steps": [{"question": "...", "tools": ["index_returns", "search_commentary"],
                "query": "..."}]}

Each step is one sub-question answered like `ask`, limited to the tools it names, with `query`
as its library search. Reading a plan (from a file, the UI, or a model) goes through
`plan_from_json`, which turns every problem into one `InputError` line a person can act on.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.answer.model import Language
from assistant.errors import InputError
from assistant.question.parse import MAX_QUESTION_CHARS
from ingest.language import detect_language

ToolName = Literal["index_returns", "sector_scores", "quotes", "macro", "search_commentary"]
TOOLS: tuple[str, ...] = get_args(ToolName)
MIN_STEPS, MAX_STEPS = 4, 8
MAX_TOPIC_CHARS = 300
MAX_QUERY_CHARS = 500


class Step(BaseModel):
    """One sub-question, the tools it may call, and what to search the library for."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    question: str = Field(min_length=1, max_length=MAX_QUESTION_CHARS)
    tools: tuple[ToolName, ...] = Field(min_length=1)
    query: str = Field(default="", max_length=MAX_QUERY_CHARS)
    # The period its market tools measure ("5D", "1M", "YTD"), when the plan fixes it (a watch
    # brief: since the last brief); None leaves it to the question.
    period: str | None = Field(default=None, max_length=16)

    @field_validator("question", "query", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value

    @field_validator("tools", mode="before")
    @classmethod
    def _unique_tools(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list | tuple):
            return tuple(dict.fromkeys(str(v).strip() for v in value))
        return value

    @field_validator("period")
    @classmethod
    def _known_period(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from tools.errors import PeriodError
        from tools.periods import parse_period

        try:
            return parse_period(value).label
        except PeriodError as error:
            raise ValueError(str(error)) from None

    def searches(self) -> bool:
        return "search_commentary" in self.tools


class Plan(BaseModel):
    """What the brief will cover, step by step."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    topic: str = Field(min_length=1, max_length=MAX_TOPIC_CHARS)
    language: Language = "zh"
    as_of: dt.date | None = None
    article_id: str | None = None  # every search scoped to this article
    steps: tuple[Step, ...] = Field(min_length=MIN_STEPS, max_length=MAX_STEPS)

    @field_validator("topic", mode="before")
    @classmethod
    def _strip_topic(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value

    def to_json(self) -> dict[str, Any]:
        """The plan file's shape (what `--plan-only --json` prints and `--plan` reads)."""
        return {
            "topic": self.topic,
            "language": self.language,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "article_id": self.article_id,
            "steps": [
                {"question": s.question, "tools": list(s.tools), "query": s.query}
                | ({"period": s.period} if s.period else {})
                for s in self.steps
            ],
        }


def plan_from_json(data: Any) -> Plan:
    """A plan from its JSON shape; the language defaults to the topic's. One clear error line
    for anything unusable (wrong shape, too few or many steps, an unknown tool)."""
    if not isinstance(data, dict):
        raise InputError("a plan must be a JSON object with 'topic' and 'steps'")
    topic = data.get("topic")
    if not data.get("language") and isinstance(topic, str) and topic.strip():
        data = {**data, "language": detect_language(topic)}
    try:
        return Plan.model_validate(data)
    except ValidationError as error:
        raise InputError(f"bad plan: {describe(error)}") from None


def parse_plan_text(text: str) -> Plan:
    """A plan from JSON text (a plan file)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"the plan is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    return plan_from_json(data)


def describe(error: ValidationError) -> str:
    """The first problem of a validation error, in words a person can act on."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    kind, value = first["type"], first.get("input")
    if kind == "literal_error":
        return f"{where}: unknown tool {value!r} (known: {', '.join(TOOLS)})"
    if where == "steps" and kind in {"too_short", "too_long"}:
        count = len(value) if isinstance(value, list | tuple) else "?"
        return f"a plan has {MIN_STEPS} to {MAX_STEPS} steps, this one has {count}"
    if kind == "missing":
        return f"{where} is missing"
    return f"{where}: {first['msg']}"
