"""Drafting a research plan: from the template offline (`assistant.research.template`), or by
the LLM with the template as the fallback.

    drafted = draft_plan(assistant, "2026年小盘股投资逻辑", as_of=date(2026, 1, 23))
    drafted.plan.steps        # 4 to 8 Steps; drafted.notices says if the LLM draft was unusable

"Deep analysis of this article" (`article_id`): the article's title is the default topic, its
title and tickers give the entities, its publication date is the default as-of date (its
figures are then checked against the closes of its own day), and every search of the plan is
scoped to it.

The LLM answers `prompts/research_planner.md` with structured output (a `PlanDraft`, validated
by pydantic), never with text we parse; an endpoint failure or an unusable draft gives the
template's plan and a notice saying why.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ValidationError

from assistant.errors import InputError
from assistant.llm.failures import EXPECTED_ERRORS, describe_llm_error, llm_failures
from assistant.llm.messages import LANGUAGE_NAMES
from assistant.locale import message
from assistant.prompts import render_prompt, tool_descriptions
from assistant.research.plan import MAX_STEPS, MIN_STEPS, Plan, ToolName, describe, plan_from_json
from assistant.research.template import template_plan
from ingest.models import Article

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.runnables import Runnable

    from assistant.engine import Assistant


@dataclass(frozen=True)
class DraftedPlan:
    plan: Plan
    by: Literal["template", "llm"]
    notices: tuple[str, ...] = ()


def draft_plan(
    assistant: Assistant,
    topic: str | None,
    *,
    as_of: dt.date | None = None,
    article_id: str | None = None,
    offline: bool = False,
) -> DraftedPlan:
    """The plan for a topic (or an article): the LLM's when one is configured and its draft is
    usable, else the template's, with a notice saying why."""
    article = load_article(assistant, article_id) if article_id else None
    topic = (topic or "").strip() or (article.title if article else "")
    if not topic:
        raise InputError("the topic is empty: give one, e.g. '2026年小盘股投资逻辑'")
    if article is not None and as_of is None:
        as_of = article.published
    stored = stored_symbols(assistant)
    fallback = template_plan(
        topic, assistant.vocabulary, as_of=as_of, article=article, stored=stored
    )
    model = None if offline else assistant.model
    if model is None:
        return DraftedPlan(fallback, "template")
    try:
        return DraftedPlan(llm_plan(model, fallback), "llm")
    except _draft_failures() as error:
        reason = describe_llm_error(error)
        return DraftedPlan(
            fallback,
            "template",
            (message("research.planner_fallback", fallback.language, reason=reason),),
        )


def stored_symbols(assistant: Assistant) -> list[str] | None:
    """The symbols the price store holds; None when it cannot say (a plan then assumes any)."""
    market = assistant.market
    if market is None:
        return None
    try:
        return market.available_symbols()
    except EXPECTED_ERRORS:
        return None


def load_article(assistant: Assistant, article_id: str) -> Article:
    index = assistant.index
    if index is None:
        reason = assistant.unavailable.get("index", "no library")
        raise InputError(
            f"cannot open article {article_id!r}: the library is unavailable ({reason})"
        )
    try:
        return index.get_article(article_id)
    except EXPECTED_ERRORS as error:  # the library says which, and what to run to see them
        raise InputError(str(error) or f"no article {article_id!r} in the library") from None


# ---------------------------------------------------------------------------------------------
# LLM mode: the planner prompt, answered as structured output


# What the model fills in. No lengths or counts here: OpenAI's strict schemas do not support
# them, and `plan_from_json` checks them with words a person can act on.
class StepDraft(BaseModel):
    question: str
    tools: list[ToolName]
    query: str


class PlanDraft(BaseModel):
    """The steps of a research plan."""

    steps: list[StepDraft]


NO_JSON = "the planner's reply has no JSON object"


def llm_plan(model: BaseChatModel, template: Plan) -> Plan:
    """The model's plan for the template's topic. Raises the endpoint's errors as they are, and
    `InputError` for a reply that is not a valid plan (4 to 8 steps, known tools)."""
    from langchain_core.exceptions import OutputParserException
    from langchain_core.messages import HumanMessage

    prompt = render_prompt(
        "research_planner",
        topic=template.topic,
        language_name=LANGUAGE_NAMES[template.language],
        as_of=template.as_of,
        about_article=template.article_id is not None,
        min_steps=MIN_STEPS,
        max_steps=MAX_STEPS,
        tools=tool_descriptions(),
    )
    try:
        with warnings.catch_warnings():
            # langchain-openai warns when an endpoint refuses a JSON schema, advising a function
            # call instead: `_answering_with_a_plan` already falls back to one
            warnings.filterwarnings("ignore", ".*OpenAI's structured output", UserWarning)
            draft = _answering_with_a_plan(model).invoke([HumanMessage(prompt)])
    except ValidationError as error:
        raise InputError(_describe_draft(error)) from None
    except OutputParserException as error:
        reason = str(error).split("\n")[0][:120]
        raise InputError(f"the planner's reply is not a plan ({reason})") from None
    if not isinstance(draft, PlanDraft):  # a tool-calling model that answered in prose
        raise InputError(NO_JSON)
    return plan_from_json(
        {
            "topic": template.topic,
            "language": template.language,
            "as_of": template.as_of,
            "article_id": template.article_id,
            "steps": [step.model_dump() for step in draft.steps],
        }
    )


def _answering_with_a_plan(model: BaseChatModel) -> Runnable[Any, Any]:
    """The model made to answer with a `PlanDraft`.

    An OpenAI-compatible endpoint is given the plan's JSON schema to follow (`json_schema`);
    one that refuses it (HTTP 400: not every server supports it) is asked again to call a
    `PlanDraft` function instead. The reply is awaited whole: streamed, the openai client would
    parse each partial reply and fail on prose with a bare ValueError. Another chat model gets
    LangChain's default (a tool call).
    """
    from langchain_openai.chat_models.base import BaseChatOpenAI

    if not isinstance(model, BaseChatOpenAI):
        return model.with_structured_output(PlanDraft)
    import openai

    by_schema = model.with_structured_output(PlanDraft, method="json_schema", stream=False)
    by_call = model.with_structured_output(PlanDraft, method="function_calling", stream=False)
    return by_schema.with_fallbacks([by_call], exceptions_to_handle=(openai.BadRequestError,))


def _describe_draft(error: ValidationError) -> str:
    if error.errors()[0]["type"] == "json_invalid":  # prose, or JSON cut short
        return NO_JSON
    return f"bad plan: {describe(error)}"


def _draft_failures() -> tuple[type[Exception], ...]:
    """Why the template plan stands in for the model's: the endpoint or the model failed (as for
    an answer, `llm_failures`), the model refused to answer, or its reply is not a usable plan."""
    from langchain_openai.chat_models.base import OpenAIRefusalError

    return (*llm_failures(), OpenAIRefusalError, InputError)
