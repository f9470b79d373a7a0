"""Drafting a research plan: from the template offline, or by the LLM with the template as the
fallback.

    drafted = draft_plan(assistant, "2026年小盘股投资逻辑", as_of=date(2026, 1, 23))
    drafted.plan.steps        # 4 to 8 Steps; drafted.notices says if the LLM draft was unusable

"Deep analysis of this article" (`article_id`): the article's title is the default topic, its
title and tickers give the entities, its publication date is the default as-of date (its
figures are then checked against the closes of its own day), and every search of the plan is
scoped to it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from assistant.answer.model import Language
from assistant.engine import LANGUAGE_NAMES
from assistant.errors import InputError
from assistant.llm.failures import EXPECTED_ERRORS, describe_llm_error
from assistant.prompts import render_prompt
from assistant.question.parse import Vocabulary, detect_language
from assistant.research.entities import Entities, article_entities, topic_entities
from assistant.research.plan import MAX_STEPS, MIN_STEPS, Plan, Step, plan_from_json
from assistant.research.template import ARTICLE_STEPS, TOPIC_STEPS
from assistant.research.words import word
from ingest.models import Article

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

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
    fallback = template_plan(topic, assistant.vocabulary, as_of=as_of, article=article)
    model = None if offline else assistant.model
    if model is None:
        return DraftedPlan(fallback, "template")
    try:
        return DraftedPlan(llm_plan(model, fallback), "llm")
    except Exception as error:  # an endpoint failure or an unusable draft: the template's
        reason = describe_llm_error(error)
        return DraftedPlan(
            fallback, "template", (word("planner_fallback", fallback.language, reason=reason),)
        )


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
        said = "" if isinstance(error, KeyError) else str(error)
        raise InputError(said or f"no article {article_id!r} in the library") from None


# ---------------------------------------------------------------------------------------------
# offline: the template


def template_plan(
    topic: str,
    vocabulary: Vocabulary,
    *,
    as_of: dt.date | None = None,
    article: Article | None = None,
    language: Language | None = None,
) -> Plan:
    """The template's plan for the topic's entities (see `assistant.research.template`)."""
    language = language or detect_language(topic)
    if article is not None:
        entities = article_entities(article, vocabulary, as_of, language)
        entries, title = ARTICLE_STEPS, article.title
    else:
        entities = topic_entities(topic, vocabulary, as_of, language)
        entries, title = TOPIC_STEPS, ""
    slots = entities.slots(vocabulary, topic, title)
    steps = [
        Step(
            question=entry[language]["question"].format(**slots),
            tools=entry["tools"],
            query=_squash(entry[language]["query"].format(**slots)),
        )
        for entry in entries
        if _applies(entry["when"], entities)
    ]
    return Plan(
        topic=topic,
        language=language,
        as_of=as_of,
        article_id=article.id if article else None,
        steps=tuple(steps[:MAX_STEPS]),
    )


def _applies(when: str, entities: Entities) -> bool:
    return {
        "always": True,
        "comparison": entities.compares,
        "single": not entities.compares,
        "sectors": bool(entities.sectors),
        "no_sectors": not entities.sectors,
        "subject": entities.narrow,
    }[when]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------------------------------------
# LLM mode: the planner prompt


def llm_plan(model: BaseChatModel, template: Plan) -> Plan:
    """The model's plan for the template's topic; raises on an endpoint failure or on output
    that is not a valid plan (4 to 8 steps, known tools)."""
    from langchain_core.messages import HumanMessage

    prompt = render_prompt(
        "research_planner",
        topic=template.topic,
        language_name=LANGUAGE_NAMES[template.language],
        as_of=template.as_of.isoformat() if template.as_of else "the latest close available",
        context=_context(template),
        min_steps=MIN_STEPS,
        max_steps=MAX_STEPS,
    )
    reply = model.invoke([HumanMessage(prompt)])
    text = reply.content if isinstance(reply.content, str) else str(reply.content)
    data = _json_object(text)
    return plan_from_json(
        {
            "topic": template.topic,
            "language": template.language,
            "as_of": template.as_of,
            "article_id": template.article_id,
            "steps": data.get("steps"),
        }
    )


def _context(template: Plan) -> str:
    if template.article_id:
        return (
            "The brief is a deep analysis of one article of the library (every search is "
            "limited to it); plan steps that check its claims against the data."
        )
    return ""


_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.M)


def _json_object(text: str) -> dict[str, Any]:
    """The JSON object in a reply (a code fence or a sentence around it is tolerated)."""
    cleaned = _FENCE.sub("", text.strip())
    start, end = cleaned.find("{"), cleaned.rfind("}")
    if start < 0 or end <= start:
        raise InputError("the planner's reply has no JSON object")
    try:
        data = json.loads(cleaned[start : end + 1])
    except json.JSONDecodeError as error:
        raise InputError(f"the planner's reply is not valid JSON ({error.msg})") from None
    if not isinstance(data, dict):
        raise InputError("the planner's reply is not a JSON object")
    return data
