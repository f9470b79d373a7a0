"""The offline research plan: the template's steps chosen for a topic and filled in.

    plan = template_plan("2026年小盘股投资逻辑", vocabulary, as_of=date(2026, 1, 23))

Which steps a brief has and how each is worded is data, `prompts/research_plan_template.yaml`
(its placeholders and conditions are described there). A step is kept `when` the topic's
entities call for it (`assistant.research.entities`: the indices, sectors, period and benchmark
it names), and its question and library query are filled with the entities' words in the plan's
language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from assistant.answer.model import Language
from assistant.prompts import PromptError, fill, load_data
from assistant.question.vocabulary import Vocabulary
from assistant.research.entities import Entities, article_entities, topic_entities
from assistant.research.plan import MAX_STEPS, Plan, Step, ToolName
from ingest.language import detect_language
from ingest.models import Article

When = Literal[
    "always", "comparison", "single", "sectors", "stocks", "valued", "domestic", "abroad", "theme"
]


class Wording(BaseModel):
    """A step's sub-question and library query, as snippets to fill."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    question: str
    query: str


class StepTemplate(BaseModel):
    """One step of the template, in both languages."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    aspect: str
    when: When
    tools: tuple[ToolName, ...]
    zh: Wording
    en: Wording

    def applies(self, entities: Entities) -> bool:
        return {
            "always": True,
            "comparison": entities.compares,
            "single": not entities.compares and not entities.theme,
            "sectors": bool(entities.sectors),
            # the market, or stocks in it: a topic only about gold or oil has no sector rotation
            "stocks": not entities.sectors
            and (not entities.subject or entities.valued)
            and not entities.theme,
            "valued": entities.valued,
            "domestic": not entities.abroad,
            "abroad": entities.abroad,
            "theme": entities.theme,
        }[self.when]

    def step(self, language: Language, slots: dict[str, str]) -> Step:
        wording = self.zh if language == "zh" else self.en
        return Step(
            question=fill(wording.question, slots),
            tools=self.tools,
            query=_squash(fill(wording.query, slots)),  # one line, whatever the topic holds
        )


class AspectWords(BaseModel):
    """What shows a sentence speaks to an aspect: one of its words, or two of its weak ones."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    words: tuple[str, ...]
    weak: tuple[str, ...] = ()


class PlanTemplate(BaseModel):
    """The steps of a plan about a topic, and of a deep analysis of one article; for telling
    what answers a step (`assistant.research.focus`), the words of each aspect, those that only
    frame a topic, and market subjects in both languages."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    topic: tuple[StepTemplate, ...]
    article: tuple[StepTemplate, ...]
    aspects: dict[str, AspectWords]
    framing: tuple[str, ...]
    subjects: tuple[tuple[str, ...], ...]

    @model_validator(mode="after")
    def _known_aspects(self) -> PlanTemplate:
        unknown = {s.aspect for s in (*self.topic, *self.article)} - set(self.aspects)
        if unknown:
            raise ValueError(f"steps of aspects without words: {', '.join(sorted(unknown))}")
        return self


@cache
def plan_template() -> PlanTemplate:
    try:
        return PlanTemplate.model_validate(load_data("research_plan_template"))
    except ValidationError as error:
        raise PromptError(f"research_plan_template.yaml: {error}") from None


def template_plan(
    topic: str,
    vocabulary: Vocabulary,
    *,
    as_of: dt.date | None = None,
    article: Article | None = None,
    language: Language | None = None,
    stored: Collection[str] | None = None,
) -> Plan:
    """The template's plan for the topic's entities (an article's, for a deep analysis);
    `stored`: the symbols the price store holds (None: any)."""
    language = language or detect_language(topic)
    if article is not None:
        entities = article_entities(article, vocabulary, as_of, language)
        templates, title = plan_template().article, article.title
    else:
        entities = topic_entities(topic, vocabulary, as_of, language, stored)
        templates, title = plan_template().topic, ""
    slots = entities.slots(vocabulary, topic, title)
    steps = [t.step(language, slots) for t in templates if t.applies(entities)]
    return Plan(
        topic=topic,
        language=language,
        as_of=as_of,
        article_id=article.id if article else None,
        steps=tuple(steps[:MAX_STEPS]),
    )


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
